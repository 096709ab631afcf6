/**
 * The terminal view of a run: a per-year table, a small fan chart of the gap
 * and the closing-year answer in one sentence.
 */
import { describeClosure } from '../analysis/closure.js';
import type { Band } from '../analysis/quantiles.js';
import type { RunSummary, YearSummary } from '../sim/simulate.js';
import { compact, percent, table } from './format.js';

const bandOf = (row: YearSummary, metric: string) => row[metric] as Band;

export function formatRun(summary: RunSummary, options: { color: boolean }): string {
  const header = ['year', 'gap', '10–90%', 'open pos.', 'qualified', 'employed', 'pay p50', 'pay p90', 'graduates', 'upskilled', 'switchers', 'immigrants', 'acqui-hires'];
  const rows = summary.years.map((row) => {
    const gap = bandOf(row, 'gap');
    const median = (metric: string) => compact(bandOf(row, metric).p50);
    return [
      String(row.year),
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
  const notes = 'Medians over replications; gap = 1 − qualified candidates ÷ open positions (negative: a surplus); counts in persons.';
  const answer = `The gap closes (≤ ${percent(summary.closure.threshold)} for ${summary.closure.sustainYears} years): ${describeClosure(summary.closure, summary.horizon, closestYear(summary, 2030))}.`;
  return [title, '', table(header, rows), notes, '', gapChart(summary, options.color), '', answer, ''].join('\n');
}

function closestYear(summary: RunSummary, year: number): number {
  return Math.min(summary.horizon, Math.max(summary.baseYear, year));
}

/**
 * A fan chart of the gap: one column per year, the 10–90 % band shaded and the
 * median marked, between −100 % and +100 % (values beyond are drawn at the edge).
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
  const paint = (cell: string) => (!color ? cell : cell === '██' ? `\x1b[36m${cell}\x1b[0m` : cell === '░░' ? `\x1b[2;36m${cell}\x1b[0m` : cell);
  const labels = (r: number) => (r === 0 ? '+100%' : r === zero ? '   0%' : r === rows - 1 ? '-100%' : '     ');
  const lines = grid.map((cells, r) => `${labels(r)} ┤${cells.map(paint).join('')}`);
  const first = String(summary.years[0]?.year ?? summary.baseYear);
  const last = String(summary.horizon);
  const axis = `       ${first}${' '.repeat(Math.max(1, summary.years.length * 2 - first.length - last.length))}${last}`;
  return ['Gap, median (██) and 10–90% band (░░):', ...lines, axis].join('\n');
}
