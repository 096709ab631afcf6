/** The terminal view of a backtest: per series a table of observed against the model's band, a summary line, then the context series. */
import type { BacktestSummary, SeriesResult } from '../studies/backtest/backtest.js';
import { formatYears } from '../studies/backtest/observed.js';
import { compact, percent, table } from './format.js';

/** An index to two decimals (large ones compacted); a level compacted (132,270 → 132.3k). */
function number(s: SeriesResult, x: number): string {
  if (s.compare === 'index') return Math.abs(x) >= 100 ? compact(x) : x.toFixed(2);
  return compact(x);
}

/** The line under a series's table: how many observations fall in the band and how far the median is off. */
export function seriesSummaryLine(s: SeriesResult): string {
  if (s.compared === 0) return s.rows.length > 0 ? 'nothing compared: the base year is the only simulated observation' : 'nothing compared: every observation is outside the simulated years';
  const coverage = `coverage ${s.inside}/${s.compared} (${percent(s.coverage ?? 0)}) inside the 10–90% band`;
  const error =
    s.compare === 'index'
      ? `median absolute index error ${s.medianAbsoluteIndexError === null ? 'n/a' : s.medianAbsoluteIndexError.toFixed(2)}`
      : `median absolute relative error ${s.medianAbsoluteRelativeError === null ? 'n/a (observed 0)' : percent(s.medianAbsoluteRelativeError, 1)}`;
  return `${coverage}; ${error}`;
}

export function formatBacktest(b: BacktestSummary, options: { color: boolean }): string {
  const paint = (code: string, text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lines: string[] = [];
  const history = b.startYear < b.baseYear ? `; ${b.startYear}–${b.baseYear - 1} history, ${b.baseYear}–${b.horizon} projection` : `; ${b.baseYear}–${b.horizon} projection (no history: set startYear to simulate years before ${b.baseYear})`;
  lines.push(`hiresim backtest: "${b.scenario.name}" (hash ${b.scenario.hash}), ${b.replications} replications, seed ${b.seed}, 1 agent = ${b.scale} persons${history}`);
  lines.push(`observed: ${b.observed.file}, ${b.observed.rows} rows: ${b.series.length} compared series, ${b.context.length} context series`);
  for (const s of b.series) {
    lines.push('');
    const how = s.compare === 'index' ? `index (${s.base} = 1)` : 'level';
    lines.push(paint('1', s.series) + `: ${s.metric}, ${how}; ${s.unit || 'no unit'}; ${s.source}`);
    if (s.rows.length > 0) {
      const rows = s.rows.map((r) => [String(r.year), number(s, r.observed), number(s, r.model.p50), `${number(s, r.model.p10)}…${number(s, r.model.p90)}`, r.isBase ? 'base' : r.inside ? '✓' : '✗', r.history ? 'history' : 'projection']);
      // Coloured after padding: escape codes would count as width.
      lines.push(...table(['year', 'observed', 'model p50', '10–90%', 'inside', 'period'], rows).split('\n').map((line, k) => (k < 2 ? line : line.replace(/[✓✗]/, (m) => paint(m === '✓' ? '32' : '31', m)))));
    }
    if (s.outside.length > 0) {
      const why = s.compare === 'index' && s.outside.some((o) => o.reason === 'base') ? ` (the base year ${s.base} is not simulated)` : '';
      lines.push(`outside the simulated years${why}, not counted: ${formatYears(s.outside.map((o) => o.year))}`);
    }
    if (s.compare === 'index' && s.zeroBaseReplications > 0) lines.push(`${s.zeroBaseReplications} of ${b.replications} replications left out: the model's ${s.metric} is 0 in ${s.base}`);
    lines.push(seriesSummaryLine(s));
  }
  lines.push('');
  const t = b.total;
  lines.push(t.compared > 0 ? `All series: ${t.inside} of ${t.compared} observations (${percent(t.coverage ?? 0)}) inside the model's 10–90% band.` : 'No observation falls in the simulated years: nothing compared.');
  if (b.context.length > 0) {
    lines.push('');
    lines.push('Context (listed, not compared):');
    const width = Math.max(...b.context.map((c) => c.series.length));
    for (const c of b.context) lines.push(`  ${c.series.padEnd(width)}  ${formatYears(c.years)}  ${c.unit || 'no unit'}; ${c.source}`);
  }
  return `${lines.join('\n')}\n`;
}
