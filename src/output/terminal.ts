/**
 * The terminal view of a run: a per-year table, a small fan chart of the gap
 * and the closing-year answer in one sentence.
 */
import { describeClosure } from '../analysis/closure.js';
import type { Band } from '../analysis/quantiles.js';
import type { RunSummary, YearSummary } from '../sim/simulate.js';
import { compact, percent, table } from './format.js';
import { dividedRow, historyNote, historySpan, historyYears, markHistoryRows, yearAxis } from './history.js';

const bandOf = (row: YearSummary, metric: string) => row[metric] as Band;

export function formatRun(summary: RunSummary, options: { color: boolean }): string {
  const history = historyYears(summary.years);
  const header = ['year', ...(history ? [''] : []), 'gap', '10–90%', 'open pos.', 'qualified', 'employed', 'pay p50', 'pay p90', 'graduates', 'upskilled', 'switchers', 'immigrants', 'acqui-hires'];
  const rows = summary.years.map((row) => {
    const gap = bandOf(row, 'gap');
    const median = (metric: string) => compact(bandOf(row, metric).p50);
    return [
      String(row.year),
      ...(history ? [row.history ? 'history' : ''] : []),
      percent(gap.p50),
      `${percent(gap.p10)}…${percent(gap.p90)}`,
      median('openPositions'),
      median('qualifiedCandidates'),
      median('employed'),
      `$${median('payMedian')}`,
      `$${median('payP90')}`,
      median('entrantsGraduates'),
      median('entrantsUpskilled'),
      median('entrantsSwitchers'),
      median('entrantsImmigrants'),
      median('acquihires'),
    ];
  });
  const title = `hiresim: "${summary.scenario.name}" (hash ${summary.scenario.hash}), ${summary.replications} replications, seed ${summary.seed}, 1 agent = ${summary.scale} persons`;
  const notes = ['Medians over replications; gap = 1 − qualified candidates ÷ open positions (negative: a surplus); counts in persons.'];
  let body = table(header, rows);
  if (history) {
    body = markHistoryRows(body, history.count, `projection from the base year ${summary.baseYear}`, options.color);
    notes.push(historyNote(history, summary.baseYear));
  }
  const counted = history ? `, counted from ${summary.baseYear}` : '';
  const answer = `The gap closes (≤ ${percent(summary.closure.threshold)} for ${summary.closure.sustainYears} years${counted}): ${describeClosure(summary.closure, summary.horizon, closestYear(summary, 2030))}.`;
  return [title, '', body, ...notes, '', gapChart(summary, options.color), '', answer, ''].join('\n');
}

function closestYear(summary: RunSummary, year: number): number {
  return Math.min(summary.horizon, Math.max(summary.baseYear, year));
}

/**
 * A fan chart of the gap: one column per year, the 10–90 % band shaded and the
 * median marked, between −100 % and +100 % (values beyond are drawn at the edge).
 * History years (before the base year) stand left of a │ where the projection
 * starts, grey in colour; the axis names the first year, the base year and the horizon.
 */
export function gapChart(summary: RunSummary, color: boolean): string {
  const rows = 11;
  const top = 1;
  const bottom = -1;
  const level = (x: number) => Math.round(((top - Math.min(top, Math.max(bottom, x))) / (top - bottom)) * (rows - 1));
  const grid: string[][] = Array.from({ length: rows }, () => summary.years.map(() => '  '));
  const zero = level(0);
  summary.years.forEach((row, c) => {
    const gap = bandOf(row, 'gap');
    for (let r = 0; r < rows; r++) if (r === zero) grid[r][c] = '··';
    for (let r = level(gap.p90); r <= level(gap.p10); r++) grid[r][c] = '░░';
    grid[level(gap.p50)][c] = '██';
  });
  const history = historyYears(summary.years);
  const split = history?.count ?? 0;
  const paint = (cell: string, c: number) => {
    if (!color || (cell !== '██' && cell !== '░░')) return cell;
    if (c < split) return `\x1b[${cell === '██' ? '90' : '2;90'}m${cell}\x1b[0m`;
    return cell === '██' ? `\x1b[36m${cell}\x1b[0m` : `\x1b[2;36m${cell}\x1b[0m`;
  };
  const labels = (r: number) => (r === 0 ? '+100%' : r === zero ? '   0%' : r === rows - 1 ? '-100%' : '     ');
  const lines = grid.map((cells, r) => `${labels(r)} ┤${dividedRow(cells.map(paint), split)}`);
  const legend = history ? `Gap, median (██) and 10–90% band (░░); history (${historySpan(history)}) left of │, the projection from ${summary.baseYear} right of it:` : 'Gap, median (██) and 10–90% band (░░):';
  return [legend, ...lines, yearAxis(summary.years.map((row) => row.year), split, 7)].join('\n');
}
