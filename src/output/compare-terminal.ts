/**
 * The terminal view of a comparison: closing years side by side with the
 * paired difference against the reference, the yearly ratio of qualified candidates per 100 open
 * positions against it (on a log scale: the gap's differences are unbounded), and which scenario
 * closes the gap fastest.
 */
import type { ClosingYearDifference, PairedRatio } from '../analysis/paired.js';
import { SIGN_TEST_LEVEL } from '../analysis/sign-test.js';
import { rankingYear, type ComparisonSummary } from '../studies/compare.js';
import { closingRangeInWords, closingYearInWords, yearsInWords } from './change-in-words.js';
import { table, times } from './format.js';
import { dividedRow, historyNote, historyYears, markHistoryRows, yearAxis } from './history.js';


/** "×1.35 [×1.10, ×1.62]": geometric mean and 90% interval; ~ when the interval spans ×1. */
function ratioCell(r: PairedRatio): string {
  return `${times(r.geometricMean)} [${times(r.low)}, ${times(r.high)}]${r.withinNoise ? ' ~' : ''}`;
}

/**
 * The paired ratios of candidates per 100 open positions as a small chart on a log axis: one column
 * per year, one letter per scenario at its geometric mean ratio, ×1 dotted, three rows per doubling.
 * The axis widens in doublings until every mark fits (at least ×¼ to ×4): nothing is clipped.
 * History years (before the base year) stand left of a │ where the projection starts.
 */
const ROWS_PER_DOUBLING = 3;

export function ratioChart(c: ComparisonSummary, color: boolean): string {
  const rowsOfYears = c.differences[0]?.years ?? [];
  const logs = c.differences.flatMap((d) => d.years.map((y) => Math.log2(y.candidatesPer100Ratio.geometricMean)));
  const doublings = Math.max(2, Math.ceil(Math.max(0, ...logs.map(Math.abs)) - 1e-9));
  const rows = 2 * ROWS_PER_DOUBLING * doublings + 1;
  const level = (x: number) => Math.min(rows - 1, Math.max(0, Math.round((doublings - Math.log2(x)) * ROWS_PER_DOUBLING)));
  const years = rowsOfYears.length;
  const split = historyYears(rowsOfYears)?.count ?? 0;
  const marks: string[][][] = Array.from({ length: rows }, () => Array.from({ length: years }, () => []));
  const palette = [36, 33, 35, 32, 31, 34];
  c.differences.forEach((d, k) => {
    const letter = String.fromCharCode(65 + (k % 26));
    const mark = color ? `\x1b[${palette[k % palette.length]}m${letter}\x1b[0m` : letter;
    d.years.forEach((y, i) => marks[level(y.candidatesPer100Ratio.geometricMean)][i].push(mark));
  });
  const one = level(1);
  // A cell shows up to two scenarios; an empty cell on the ×1 line is dotted.
  const grid = marks.map((row, r) => row.map((cell) => (cell.length === 0 ? (r === one ? '··' : '  ') : cell.length === 1 ? ` ${cell[0]}` : `${cell[0]}${cell[1]}`)));
  const text = (power: number) => (power >= 0 ? `×${2 ** power}` : `×1/${2 ** -power}`);
  const width = text(-doublings).length + 1;
  const label = (r: number) => (r % ROWS_PER_DOUBLING !== 0 ? ' '.repeat(width) : text(doublings - r / ROWS_PER_DOUBLING).padStart(width));
  const legend = c.differences.map((d, k) => `${String.fromCharCode(65 + (k % 26))} = ${d.scenario}`).join(', ');
  const where = split > 0 ? `; history left of │, the projection from ${c.baseYear} right of it` : '';
  return [
    `Qualified candidates per 100 open positions against "${c.scenarios[0].name}" (ratio, geometric mean of paired ratios, log scale; above ×1: more candidates per opening): ${legend}${where}`,
    ...grid.map((cells, r) => `${label(r)} ┤${dividedRow(cells, split)}`),
    yearAxis(rowsOfYears.map((y) => y.year), split, width + 2),
  ].join('\n');
}

/** The median paired difference in words; where an open run decides it, which side and why. */
function medianInWords(d: ClosingYearDifference, reference: string, horizon: number): string {
  if (d.medianDirection === null) return `neither closes by ${horizon}`;
  if (d.p50 !== null) return yearsInWords(d.p50, 0);
  return d.medianDirection === 'earlier' ? `earlier ("${reference}" after ${horizon})` : `later (after ${horizon})`;
}

const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** The sign test's verdict in words: "earlier (p = 0.008)", "within noise (p = 0.250; ≈7 replications to resolve)". */
function verdictInWords(d: ClosingYearDifference, horizon: number): string {
  const t = d.signTest;
  if (d.medianDirection === null) return `not comparable: neither closes by ${horizon}`;
  if (t.resolved) return `${t.direction} (${pValue(t.pValue)})`;
  if (t.earlier + t.later === 0) return 'no difference: every pair closes in the same year or neither closes';
  const more = t.replicationsToResolve === null ? 'as many pairs earlier as later' : `≈${t.replicationsToResolve} replications to resolve`;
  return `within noise (${pValue(t.pValue)}; ${more})`;
}

export function formatComparison(c: ComparisonSummary, options: { color: boolean } = { color: false }): string {
  const ref = c.scenarios[0];
  const lines: string[] = [];
  lines.push(`hiresim compare: ${c.scenarios.length} scenarios against "${ref.name}", ${c.replications} paired replications (seed ${c.seed}: every scenario draws the same random numbers in each mechanism)`);
  lines.push('');
  const counted = c.startYear < c.baseYear ? `, counted from the base year ${c.baseYear}` : '';
  lines.push(`Closing year (gap ≤ ${Math.round(100 * ref.closure.threshold)}% for ${ref.closure.sustainYears} years${counted})`);
  const midYear = String(rankingYear(c));
  const per100 = (s: ComparisonSummary['scenarios'][number]) => {
    const row = s.years.find((y) => y.year === Number(midYear));
    return row?.candidatesPer100 ? Math.round(row.candidatesPer100.p50).toFixed(0) : '';
  };
  lines.push(
    table(
      ['scenario', 'median', '10–90%', `P(by ${midYear})`, `per 100 in ${midYear}`],
      c.scenarios.map((s) => [s.name, closingYearInWords(s.closure.medianYear, c.horizon), closingRangeInWords(s.closure.p10Year, s.closure.p90Year, c.horizon), (s.closure.probabilityClosedBy[midYear] ?? 0).toFixed(2), per100(s)]),
    ),
  );
  lines.push(`per 100 in ${midYear}: qualified candidates per 100 open positions in ${midYear} (median over replications; 100 is a closed gap).`);
  lines.push('');

  if (c.differences.length > 0) {
    lines.push(`Closing year against "${ref.name}", replication by replication (the same random numbers in each pair)`);
    const rows = c.differences.map((diff) => {
      const d = diff.closingYear;
      return [diff.scenario, medianInWords(d, ref.name, c.horizon), d.probabilityEarlier.toFixed(2), d.probabilityLater.toFixed(2), d.probabilitySameOrNeither.toFixed(2), verdictInWords(d, c.horizon)];
    });
    lines.push(table(['scenario', 'median paired difference', 'P(earlier)', 'P(later)', 'P(same or neither)', 'verdict (sign test)'], rows));
    lines.push(
      `Verdict: exact two-sided sign test at the ${Math.round(100 * SIGN_TEST_LEVEL)}% level on the ${c.replications} pairs. A pair counts as earlier (later) when the scenario closes before (after) "${ref.name}", also when only one of the two closes by ${c.horizon}; a pair closing in the same year, or where neither closes by ${c.horizon}, counts for neither. P(earlier) + P(later) + P(same or neither) = 1.`,
    );
    lines.push('');
    lines.push(`Qualified candidates per 100 open positions against "${ref.name}", as a ratio (×1.5: half as many candidates again per opening; below ×1: fewer): geometric mean of the paired ratios [90% interval]; ~ marks an interval spanning ×1. The gap differences in percentage points are in --json and --csv.`);
    const history = historyYears(c.differences[0].years);
    const header = ['year', ...(history ? [''] : []), ...c.differences.map((d) => d.scenario)];
    const years = c.differences[0].years.map((y, i) => [String(y.year), ...(history ? [y.history ? 'history' : ''] : []), ...c.differences.map((d) => ratioCell(d.years[i].candidatesPer100Ratio))]);
    lines.push(history ? markHistoryRows(table(header, years), history.count, `projection from the base year ${c.baseYear}`, options.color) : table(header, years));
    if (history) lines.push(historyNote(history, c.baseYear));
    lines.push('');
    lines.push(ratioChart(c, options.color));
    lines.push('');
  }
  const [first] = c.ranking;
  const fastest = c.ranking.filter((r) => r.medianYear === first.medianYear && r.probabilityClosedByMidYear === first.probabilityClosedByMidYear).map((r) => `"${r.scenario}"`);
  lines.push(`Fastest to close: ${fastest.join(', ')} (median ${closingYearInWords(first.medianYear, c.horizon)}; P(closed by ${midYear}) = ${first.probabilityClosedByMidYear.toFixed(2)}).`);
  lines.push(`Order, earliest median closing year first: ${c.ranking.map((r) => `${r.scenario} (${closingYearInWords(r.medianYear, c.horizon)})`).join(', ')}.`);
  return `${lines.join('\n')}\n`;
}
