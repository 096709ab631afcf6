/**
 * `hiresim compare`'s terminal view of scenarios with history years (startYear 2023, baseYear 2025,
 * horizon 2031): the closing-year table counts from the base year and ranks by P(closed by 2028),
 * the middle of 2025–2031 (not of 2023–2031); history rows and chart columns are set apart. Numeric
 * columns hold numbers only, differences are said in words, and the closing-year verdict is the sign
 * test over every ordered pair, censored ones included.
 */
import { describe, expect, it } from 'vitest';
import { closingYearDifference } from '../../src/analysis/paired.js';
import type { ClosureOutcome } from '../../src/analysis/closure.js';
import { formatComparison, ratioChart } from '../../src/output/compare-terminal.js';
import type { ComparisonSummary } from '../../src/studies/compare.js';
import { comparisonFixture, trimLines } from './fixtures.js';
import { column, tableAfter } from './table-columns.js';

const RATIOS = `
Qualified candidates per 100 open positions against "base", as a ratio (×1.5: half as many candidates again per opening; below ×1: fewer): geometric mean of the paired ratios [90% interval]; ~ marks an interval spanning ×1. The gap differences in percentage points are in --json and --csv.
year                          variant
────  ───────  ──────────────────────
2023  history  ×1.00 [×1.00, ×1.00] ~
2024  history  ×1.00 [×1.00, ×1.00] ~
╌╌╌╌ projection from the base year 2025 ╌╌╌╌
2025             ×1.17 [×1.15, ×1.19]`.slice(1);

const CHART = `
Qualified candidates per 100 open positions against "base" (ratio, geometric mean of paired ratios, log scale; above ×1: more candidates per opening): A = variant; history left of │, the projection from 2025 right of it
   ×4 ┤    │
      ┤    │
      ┤    │
   ×2 ┤    │
      ┤    │
      ┤    │ A A A A A A A
   ×1 ┤ A A│··············
      ┤    │
      ┤    │
 ×1/2 ┤    │
      ┤    │
      ┤    │
 ×1/4 ┤    │
       2023 2025      2031`.slice(1);

describe('compare with history years', () => {
  const text = formatComparison(comparisonFixture());

  it('counts closing years from the base year and gives P(closed by) the middle projection year', () => {
    expect(text).toContain('Closing year (gap ≤ 0% for 2 years, counted from the base year 2025)\n');
    const closing = tableAfter(text, 'scenario', 'median');
    expect(closing.header).toEqual(['scenario', 'median', '10–90%', 'P(by 2028)', 'per 100 in 2028']);
    // variant: P(closed by 2028) = 0.50 (by 2027, the middle of 2023–2031, it would be 0.25).
    expect(closing.rows[1]).toEqual(['variant', '2028', '2028 to after 2031', '0.50', '60']);
    expect(text).toContain('Fastest to close: "variant" (median 2028; P(closed by 2028) = 0.50).');
  });

  it('marks history rows of the differences and says what they are', () => {
    expect(text).toContain(RATIOS);
    expect(text).toContain('History (2023–2024): years before the base year 2025, simulated from a stationary start to compare with observed data; the projection, the closing year and P(closed by year) start in 2025.');
  });

  it('draws the ratio chart on a log axis with a divider and the first, base and last years on the axis', () => {
    const chart = ratioChart(comparisonFixture(), false);
    expect(trimLines(chart)).toBe(CHART);
    // Every grid row is as wide as the grid: 7 + 9 columns of 2 + the divider.
    for (const row of chart.split('\n').slice(1, 14)) expect(row).toHaveLength(26);
  });

  it('widens the axis in doublings until every ratio fits: nothing is clipped', () => {
    const c = comparisonFixture();
    const far = { ...c.differences[0].years[6].candidatesPer100Ratio, geometricMean: 11 };
    const years = c.differences[0].years.map((y, i) => (i === 6 ? { ...y, candidatesPer100Ratio: far } : y));
    const chart = ratioChart({ ...c, differences: [{ ...c.differences[0], years }] }, false).split('\n');
    // ×11 needs four doublings (×16): the top label, and the mark within a row of it (×16 to ×10.1).
    expect(chart[1].trim()).toMatch(/^×16 ┤/);
    const row = chart.findIndex((l) => /┤.*A/.test(l) && !l.includes('×1 '));
    expect(row).toBeGreaterThanOrEqual(1);
    expect(row).toBeLessThanOrEqual(3);
  });
});

describe('compare without history', () => {
  const c = comparisonFixture(2025);
  const text = formatComparison(c);

  it('has no history column, divider or note, and the axis from the base year to the horizon', () => {
    expect(text).toContain('Closing year (gap ≤ 0% for 2 years)\n');
    expect(text).not.toContain('history');
    expect(text).not.toContain('╌');
    expect(text).toMatch(/^2025 {2}×1\.17 \[×1\.15, ×1\.19\]$/m);
    const chart = ratioChart(c, false).split('\n');
    expect(chart[6]).toBe('      ┤ A A A A A A A');
    expect(chart[7]).toBe('   ×1 ┤··············');
    expect(chart[chart.length - 1]).toBe('       2025      2031');
  });
});

/** The fixture with the variant's closing-year outcomes replaced by `b` against the base's `a`. */
function withClosing(a: ClosureOutcome[], b: ClosureOutcome[]): ComparisonSummary {
  const c = comparisonFixture();
  return { ...c, replications: a.length, differences: [{ ...c.differences[0], closingYear: closingYearDifference(a, b) }] };
}
const closed = (year: number): ClosureOutcome => ({ kind: 'closed', year });
const open: ClosureOutcome = { kind: 'censored' };

describe('compare says what it means', () => {
  const text = formatComparison(comparisonFixture());

  it('holds numbers only in numeric columns: no "censored", no ">2031", no letters', () => {
    const closing = tableAfter(text, 'scenario', 'median');
    for (const name of ['P(by 2028)', 'per 100 in 2028']) for (const cell of column(closing, name)) expect(cell, name).toMatch(/^\d+(\.\d+)?$/);
    const paired = tableAfter(text, 'scenario', 'median paired difference');
    for (const name of ['P(earlier)', 'P(later)', 'P(same or neither)']) for (const cell of column(paired, name)) expect(cell, name).toMatch(/^\d\.\d\d$/);
    const gaps = tableAfter(text, 'year');
    expect(column(gaps, 'variant')).toHaveLength(9); // 2023–2031: every year row read
    for (const cell of column(gaps, 'variant')) expect(cell).not.toMatch(/[A-Za-z]/);
    expect(text).not.toContain('censored');
    expect(text).not.toMatch(/–>|>20\d\d/);
  });

  it('says closing years beyond the horizon and every closing-year difference in words', () => {
    const paired = tableAfter(text, 'scenario', 'median paired difference');
    expect(column(paired, 'median paired difference')).toEqual(['2 years earlier']);
    const c = withClosing([closed(2027), closed(2029), open, open], [closed(2029), closed(2030), closed(2030), open]);
    const later = tableAfter(formatComparison(c), 'scenario', 'median paired difference');
    expect(column(later, 'median paired difference')).toEqual(['1 year later']);
    const none = tableAfter(formatComparison(withClosing([open, open], [open, open])), 'scenario', 'median paired difference');
    expect(column(none, 'median paired difference')).toEqual(['neither closes by 2031']);
    expect(column(none, 'verdict (sign test)')).toEqual(['not comparable: neither closes by 2031']);
    const same = tableAfter(formatComparison(withClosing([closed(2028), closed(2029), open], [closed(2028), closed(2029), open])), 'scenario', 'median paired difference');
    expect(same.rows[0].slice(1)).toEqual(['no difference', '0.00', '0.00', '1.00', 'no difference: every pair closes in the same year or neither closes']);
  });

  it('bases the verdict on every ordered pair: 3 of 4 earlier is within noise beside P(earlier) 0.75, with the test named', () => {
    const paired = tableAfter(text, 'scenario', 'median paired difference');
    expect(paired.rows[0]).toEqual(['variant', '2 years earlier', '0.75', '0.00', '0.25', 'within noise (p = 0.250; ≈7 replications to resolve)']);
    expect(text).toContain('Verdict: exact two-sided sign test at the 10% level on the 4 pairs. A pair counts as earlier (later) when the scenario closes before (after) "base", also when only one of the two closes by 2031');
  });

  it('resolves a scenario that closes where the reference does not, with no pair where both close', () => {
    const c = withClosing(Array.from({ length: 8 }, () => open), [2027, 2028, 2027, 2029, 2030, 2027, 2028, 2029].map(closed));
    const paired = tableAfter(formatComparison(c), 'scenario', 'median paired difference');
    expect(paired.rows[0]).toEqual(['variant', 'earlier ("base" after 2031)', '1.00', '0.00', '0.00', 'earlier (p = 0.008)']);
  });

  it('shares add up to 1 in every printed row; as many pairs earlier as later is nothing to resolve', () => {
    const c = withClosing([closed(2027), open, closed(2030), open], [closed(2028), closed(2026), closed(2030), open]);
    const paired = tableAfter(formatComparison(c), 'scenario', 'median paired difference');
    const [, , e, l, s] = paired.rows[0];
    expect(Number(e) + Number(l) + Number(s)).toBeCloseTo(1, 9);
    expect(paired.rows[0][5]).toMatch(/^within noise \(p = 1\.000; as many pairs earlier as later\)$/);
  });
});
