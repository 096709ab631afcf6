/**
 * The terminal view of a run: a per-year table led by qualified candidates per 100 open positions,
 * a fan chart of that ratio on a log axis, and the answer in words (when the gap closes, how sure,
 * what happens after).
 */
import { ENTRANT_SOURCES } from '../model/entrants.js';
import type { Band } from '../analysis/quantiles.js';
import type { RunSummary, YearSummary } from '../studies/run.js';
import { closureAnswer } from './closure-answer.js';
import { compact, percent, table, wrap } from './format.js';
import { dividedRow, historyNote, historySpan, historyYears, markHistoryRows, yearAxis } from './history.js';

const bandOf = (row: YearSummary, metric: string) => row[metric] as Band;

/** Candidates per 100 open positions as a whole number ("47", "1,240"). */
export function per100(x: number): string {
  return Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—';
}

export interface RunViewOptions {
  readonly color: boolean;
  /** Years for P(closed by Y) (default: 2030 and 2035 inside the projection). */
  readonly probeYears?: readonly number[];
}

export function formatRun(summary: RunSummary, options: RunViewOptions): string {
  const history = historyYears(summary.years);
  const header = ['year', ...(history ? [''] : []), 'per 100', '10–90%', 'gap', 'open pos.', 'qualified', 'employed', 'pay p50', 'pay p90', ...ENTRANT_SOURCES.map((e) => e.label), 'acqui-hires'];
  const rows = summary.years.map((row) => {
    const ratio = bandOf(row, 'candidatesPer100');
    const median = (metric: string) => compact(bandOf(row, metric).p50);
    return [
      String(row.year),
      ...(history ? [row.history ? 'history' : ''] : []),
      per100(ratio.p50),
      `${per100(ratio.p10)}–${per100(ratio.p90)}`,
      percent(bandOf(row, 'gap').p50),
      median('openPositions'),
      median('qualifiedCandidates'),
      median('employed'),
      `$${median('payMedian')}`,
      `$${median('payP90')}`,
      ...ENTRANT_SOURCES.map((e) => median(e.metric)),
      median('acquihires'),
    ];
  });
  const title = `hiresim: "${summary.scenario.name}" (hash ${summary.scenario.hash}), ${summary.replications} replications, seed ${summary.seed}, 1 agent = ${summary.scale} persons`;
  const notes = [
    'Medians over replications. per 100: qualified candidates per 100 open positions (100 = as many candidates as openings),',
    'with its 10–90% band; gap = 1 − candidates ÷ positions (negative: a surplus); pay in nominal US dollars; counts in persons.',
  ];
  let body = table(header, rows);
  if (history) {
    body = markHistoryRows(body, history.count, `projection from the base year ${summary.baseYear}`, options.color);
    notes.push(historyNote(history, summary.baseYear));
  }
  const answer = closureAnswer({ closure: summary.closure, replications: summary.replications, baseYear: summary.baseYear, horizon: summary.horizon, history: history !== undefined }, options.probeYears);
  return [title, '', body, ...notes, '', ratioChart(summary, options.color), '', ...answer.flatMap((line) => wrap(line, 100)), ''].join('\n');
}

/** Rows per factor of 10 on the chart's log axis: each row is a factor of 10^(1/5) ≈ 1.58. */
const ROWS_PER_DECADE = 5;
/** The axis spans whole decades: at least 10–1,000 per 100, at most 1–10,000. */
const MIN_DECADE = 0;
const MAX_DECADE = 4;

/**
 * The chart's axis in powers of ten: the smallest run of whole decades, within 10⁰–10⁴, that holds
 * every 10–90% band, and never less than 10–1,000 (so 47 and 400 per 100 keep their places).
 */
export function chartDecades(summary: RunSummary): { low: number; high: number } {
  const values = summary.years.flatMap((row) => [bandOf(row, 'candidatesPer100').p10, bandOf(row, 'candidatesPer100').p90]).filter((x) => x > 0 && Number.isFinite(x));
  const low = Math.max(MIN_DECADE, Math.min(1, Math.floor(Math.log10(Math.min(...values, 100)))));
  const high = Math.min(MAX_DECADE, Math.max(3, Math.ceil(Math.log10(Math.max(...values, 100)))));
  return { low, high };
}

/**
 * A fan chart of qualified candidates per 100 open positions on a log axis: one column per year,
 * the 10–90% band shaded and the median marked, a dotted line at 100 (balance: the gap closes).
 * Values beyond the axis are drawn at its edge as ▲ or ▼ and the legend says so: nothing is clipped
 * silently. History years (before the base year) stand left of a │ where the projection starts.
 */
export function ratioChart(summary: RunSummary, color: boolean): string {
  const { low, high } = chartDecades(summary);
  const rows = (high - low) * ROWS_PER_DECADE + 1;
  const balance = (high - 2) * ROWS_PER_DECADE;
  /**
   * Row of a value (0 = top); -1 above the axis, `rows` below it. A value below 100 never lands on
   * the balance line, and one at or above 100 never below it: the side of the line is the answer.
   */
  const level = (x: number) => {
    if (x > 10 ** high) return -1;
    if (x < 10 ** low) return rows;
    const r = Math.min(rows - 1, Math.max(0, Math.round((high - Math.log10(x)) * ROWS_PER_DECADE)));
    return x < 100 ? Math.max(r, balance + 1) : Math.min(r, balance);
  };
  const grid: string[][] = Array.from({ length: rows }, () => summary.years.map(() => '  '));
  let beyond = false;
  summary.years.forEach((row, c) => {
    const b = bandOf(row, 'candidatesPer100');
    grid[balance][c] = '··';
    const top = Math.max(0, level(b.p90));
    const bottom = Math.min(rows - 1, level(b.p10));
    for (let r = top; r <= bottom; r++) grid[r][c] = '░░';
    const m = level(b.p50);
    if (m < 0) grid[0][c] = '▲▲';
    else if (m >= rows) grid[rows - 1][c] = '▼▼';
    else grid[m][c] = '██';
    if (level(b.p90) < 0 || level(b.p10) >= rows) {
      beyond = true;
      if (level(b.p90) < 0 && grid[0][c] === '░░') grid[0][c] = '△△';
      if (level(b.p10) >= rows && grid[rows - 1][c] === '░░') grid[rows - 1][c] = '▽▽';
    }
    if (m < 0 || m >= rows) beyond = true;
  });
  const history = historyYears(summary.years);
  const split = history?.count ?? 0;
  const paint = (cell: string, c: number) => {
    if (!color || cell === '  ' || cell === '··') return cell;
    const solid = cell === '██' || cell === '▲▲' || cell === '▼▼';
    if (c < split) return `\x1b[${solid ? '90' : '2;90'}m${cell}\x1b[0m`;
    return solid ? `\x1b[36m${cell}\x1b[0m` : `\x1b[2;36m${cell}\x1b[0m`;
  };
  const labelWidth = String(10 ** high).length + 1;
  const label = (r: number) => {
    if (r % ROWS_PER_DECADE !== 0) return ' '.repeat(labelWidth);
    return (10 ** (high - r / ROWS_PER_DECADE)).toLocaleString('en-US').padStart(labelWidth);
  };
  const lines = grid.map((cells, r) => `${label(r)} ┤${dividedRow(cells.map(paint), split)}${r === balance ? '  balance: the gap closes at or above this line' : ''}`);
  const where = history ? `; history (${historySpan(history)}) left of │, the projection from ${summary.baseYear} right of it` : '';
  const legend = `Qualified candidates per 100 open positions (log scale), median (██) and 10–90% band (░░)${where}:`;
  const note = beyond ? [`▲/▼: median beyond the axis, △/▽: band beyond it (the axis spans ${(10 ** low).toLocaleString('en-US')}–${(10 ** high).toLocaleString('en-US')} per 100).`] : [];
  return [legend, ...lines, yearAxis(summary.years.map((row) => row.year), split, labelWidth + 2), ...note].join('\n');
}
