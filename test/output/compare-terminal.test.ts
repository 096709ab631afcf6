/**
 * `hiresim compare`'s terminal view of scenarios with history years (startYear 2023, baseYear 2025,
 * horizon 2031): the closing-year table counts from the base year and ranks by P(closed by 2028),
 * the middle of 2025–2031 (not of 2023–2031); history rows and chart columns are set apart.
 */
import { describe, expect, it } from 'vitest';
import { differenceChart, formatComparison } from '../../src/output/compare-terminal.js';
import { comparisonFixture, trimLines } from './fixtures.js';

const DIFFERENCES = `
Gap difference against "base", in points: mean of the paired differences [90% interval of the mean]; ~ marks an interval spanning zero
year                       variant
────  ───────  ───────────────────
2023  history  ±0.0 [±0.0, ±0.0] ~
2024  history  ±0.0 [±0.0, ±0.0] ~
╌╌╌╌ projection from the base year 2025 ╌╌╌╌
2025             −8.5 [−9.6, −7.4]`.slice(1);

const CHART = `
Gap difference against "base" (points, mean of paired differences): A = variant; history left of │, the projection from 2025 right of it
+100 ┤    │
     ┤    │
     ┤    │
     ┤    │
     ┤    │
   0 ┤ A A│ A A A A A A A
     ┤    │
     ┤    │
     ┤    │
     ┤    │
-100 ┤    │
      2023 2025      2031`.slice(1);

describe('compare with history years', () => {
  const text = formatComparison(comparisonFixture());

  it('counts closing years from the base year and gives P(closed by) the middle projection year', () => {
    expect(text).toContain('Closing year (gap ≤ 0% for 2 years, counted from the base year 2025)\n');
    expect(text).toMatch(/^scenario {2}median {6}10–90% {2}P\(by 2028\) {2}Δ median/m);
    // variant: P(closed by 2028) = 0.50 (by 2027, the middle of 2023–2031, it would be 0.25).
    expect(text).toMatch(/^ variant {4}2028 {2}2028–>2031 {8}0\.50/m);
    expect(text).toContain('Fastest to close: "variant" (median 2028; P(closed by 2028) = 0.50).');
  });

  it('marks history rows of the differences and says what they are', () => {
    expect(text).toContain(DIFFERENCES);
    expect(text).toContain('History (2023–2024): years before the base year 2025, simulated from a stationary start to compare with observed data; the projection, the closing year and P(closed by year) start in 2025.');
  });

  it('draws the difference chart with a divider and the first, base and last years on the axis', () => {
    const chart = differenceChart(comparisonFixture(), false);
    expect(trimLines(chart)).toBe(CHART);
    // Every grid row is as wide as the grid: 6 + 9 columns of 2 + the divider.
    for (const row of chart.split('\n').slice(1, 12)) expect(row).toHaveLength(25);
  });
});

describe('compare without history', () => {
  const c = comparisonFixture(2025);
  const text = formatComparison(c);

  it('has no history column, divider or note, and the axis from the base year to the horizon', () => {
    expect(text).toContain('Closing year (gap ≤ 0% for 2 years)\n');
    expect(text).not.toContain('history');
    expect(text).not.toContain('╌');
    expect(text).toMatch(/^2025 {2}−8\.5 \[−9\.6, −7\.4\]$/m);
    const chart = differenceChart(c, false).split('\n');
    expect(chart[6]).toBe('   0 ┤ A A A A A A A');
    expect(chart[chart.length - 1]).toBe('      2025      2031');
  });
});
