/**
 * The terminal view of a comparison: closing years side by side with the
 * paired difference against the reference, the yearly gap differences, and
 * which scenario closes the gap fastest.
 */
import type { PairedDifference } from '../analysis/paired.js';
import { rankingYear, type ComparisonSummary } from '../sim/compare.js';
import { table } from './format.js';
import { dividedRow, historyNote, historyYears, markHistoryRows, yearAxis } from './history.js';

const signed = (x: number, digits = 1) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(digits)}`;
const yearOr = (y: number | null, horizon: number) => (y === null ? `>${horizon}` : String(y));

/** "+2.1 [+0.4, +3.8]" in points, with a mark when the interval of the mean spans zero. */
function gapCell(d: PairedDifference): string {
  const pts = (x: number) => signed(100 * x);
  return `${pts(d.mean)} [${pts(d.meanLow)}, ${pts(d.meanHigh)}]${d.withinNoise ? ' ~' : ''}`;
}

/**
 * The paired gap differences as a small chart: one column per year, one letter per scenario at its
 * mean difference (clipped to ±100 points), the zero line dotted; colours only for a terminal.
 * History years (before the base year) stand left of a │ where the projection starts.
 */
export function differenceChart(c: ComparisonSummary, color: boolean): string {
  const rows = 11;
  const level = (x: number) => Math.round(((1 - Math.min(1, Math.max(-1, x))) / 2) * (rows - 1));
  const rowsOfYears = c.differences[0]?.years ?? [];
  const years = rowsOfYears.length;
  const split = historyYears(rowsOfYears)?.count ?? 0;
  const marks: string[][][] = Array.from({ length: rows }, () => Array.from({ length: years }, () => []));
  const palette = [36, 33, 35, 32, 31, 34];
  c.differences.forEach((d, k) => {
    const letter = String.fromCharCode(65 + (k % 26));
    const mark = color ? `\x1b[${palette[k % palette.length]}m${letter}\x1b[0m` : letter;
    d.years.forEach((y, i) => marks[level(y.gap.mean)][i].push(mark));
  });
  // A cell shows up to two scenarios; an empty cell on the zero line is dotted.
  const grid = marks.map((row, r) => row.map((cell) => (cell.length === 0 ? (r === level(0) ? '··' : '  ') : cell.length === 1 ? ` ${cell[0]}` : `${cell[0]}${cell[1]}`)));
  const label = (r: number) => (r === 0 ? '+100' : r === level(0) ? '   0' : r === rows - 1 ? '-100' : '    ');
  const legend = c.differences.map((d, k) => `${String.fromCharCode(65 + (k % 26))} = ${d.scenario}`).join(', ');
  const where = split > 0 ? `; history left of │, the projection from ${c.baseYear} right of it` : '';
  return [
    `Gap difference against "${c.scenarios[0].name}" (points, mean of paired differences): ${legend}${where}`,
    ...grid.map((cells, r) => `${label(r)} ┤${dividedRow(cells, split)}`),
    yearAxis(rowsOfYears.map((y) => y.year), split, 6),
  ].join('\n');
}

export function formatComparison(c: ComparisonSummary, options: { color: boolean } = { color: false }): string {
  const ref = c.scenarios[0];
  const lines: string[] = [];
  lines.push(`hiresim compare: ${c.scenarios.length} scenarios against "${ref.name}", ${c.replications} paired replications (seed ${c.seed}: every scenario draws the same random numbers in each mechanism)`);
  lines.push('');
  const counted = c.startYear < c.baseYear ? `, counted from the base year ${c.baseYear}` : '';
  lines.push(`Closing year (gap ≤ ${Math.round(100 * ref.closure.threshold)}% for ${ref.closure.sustainYears} years${counted})`);
  const midYear = String(rankingYear(c));
  const rows = c.scenarios.map((s, k) => {
    const d = k === 0 ? undefined : c.differences[k - 1].closingYear;
    const both = d?.bothClosed;
    const verdict = !d ? 'reference'
      : !both ? 'not comparable (censored)'
      : both.withinNoise ? `within noise (≈${both.replicationsToResolve ?? '∞'} replications to resolve)`
      : `resolved (mean ${signed(both.mean)} years, 90% CI ${signed(both.meanLow)}…${signed(both.meanHigh)})`;
    return [
      s.name,
      yearOr(s.closure.medianYear, c.horizon),
      `${yearOr(s.closure.p10Year, c.horizon)}–${yearOr(s.closure.p90Year, c.horizon)}`,
      (s.closure.probabilityClosedBy[midYear] ?? 0).toFixed(2),
      d ? (d.p50 === null ? 'censored' : signed(d.p50, 0)) : '',
      d ? d.probabilityEarlier.toFixed(2) : '',
      d ? d.probabilityLater.toFixed(2) : '',
      verdict,
    ];
  });
  lines.push(table(['scenario', 'median', '10–90%', `P(by ${midYear})`, 'Δ median', 'P(earlier)', 'P(later)', 'paired difference'], rows));
  lines.push('');

  if (c.differences.length > 0) {
    lines.push(`Gap difference against "${ref.name}", in points: mean of the paired differences [90% interval of the mean]; ~ marks an interval spanning zero`);
    const history = historyYears(c.differences[0].years);
    const header = ['year', ...(history ? [''] : []), ...c.differences.map((d) => d.scenario)];
    const years = c.differences[0].years.map((y, i) => [String(y.year), ...(history ? [y.history ? 'history' : ''] : []), ...c.differences.map((d) => gapCell(d.years[i].gap))]);
    lines.push(history ? markHistoryRows(table(header, years), history.count, `projection from the base year ${c.baseYear}`, options.color) : table(header, years));
    if (history) lines.push(historyNote(history, c.baseYear));
    lines.push('');
    lines.push(differenceChart(c, options.color));
    lines.push('');
  }
  const [first] = c.ranking;
  const fastest = c.ranking.filter((r) => r.medianYear === first.medianYear && r.probabilityClosedByMidYear === first.probabilityClosedByMidYear).map((r) => `"${r.scenario}"`);
  lines.push(`Fastest to close: ${fastest.join(', ')} (median ${yearOr(first.medianYear, c.horizon)}; P(closed by ${midYear}) = ${first.probabilityClosedByMidYear.toFixed(2)}).`);
  lines.push(`Order: ${c.ranking.map((r) => `${r.scenario} ${yearOr(r.medianYear, c.horizon)}`).join(' < ')}.`);
  return `${lines.join('\n')}\n`;
}
