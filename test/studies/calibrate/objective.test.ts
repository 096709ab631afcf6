/**
 * The calibration objective on hand-made replication values: the median of per-replication
 * indexes (not the ratio of medians), levels, residuals, the objective, and a base of 0.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitTargets, median, objectiveOf, replicationValue } from '../../../src/studies/calibrate/objective.js';
import { parseTargetArguments, type Target } from '../../../src/studies/calibrate/targets.js';
import { METRIC_INDEX, METRICS } from '../../../src/model/metrics.js';

// 2019–2024: three history years before the base year 2022.
const calendar = { startYear: 2019, baseYear: 2022, horizon: 2024 };
const YEARS = 6;

/** One replication's rows with the given metric values set (everything else 0). */
function replication(cells: Record<string, Record<number, number>>): Float64Array {
  const values = new Float64Array(YEARS * METRICS.length);
  for (const [metric, byYear] of Object.entries(cells)) {
    for (const [year, value] of Object.entries(byYear)) values[(Number(year) - calendar.startYear) * METRICS.length + METRIC_INDEX[metric]] = value;
  }
  return values;
}

const targets = (...args: string[]): Target[] => {
  const { targets: parsed, issues } = parseTargetArguments(args);
  expect(issues).toEqual([]);
  return parsed.map((t) => t.target);
};

describe('fitTargets', () => {
  // openPositions 2019 → 2022 per replication: 100 → 110 (1.1), 200 → 250 (1.25), 300 → 240 (0.8).
  // Median of the indexes: 1.1. The ratio of the medians (240 / 200 = 1.2) would be wrong.
  const runs = [
    replication({ openPositions: { 2019: 100, 2022: 110 }, gap: { 2022: 0.5, 2024: 0.3 } }),
    replication({ openPositions: { 2019: 200, 2022: 250 }, gap: { 2022: 0.6, 2024: 0.2 } }),
    replication({ openPositions: { 2019: 300, 2022: 240 }, gap: { 2022: 0.4, 2024: 0.1 } }),
  ];

  it('takes the index within each replication, then the median over replications (hand-checked)', () => {
    const [index] = targets('openPositions@2022/2019=1±0.05');
    expect(runs.map((v) => replicationValue(index, v, calendar))).toEqual([1.1, 1.25, 0.8]);
    const [fit] = fitTargets([index], runs, calendar);
    expect(fit.simulated).toBeCloseTo(1.1, 12);
    expect(fit.residual).toBeCloseTo(2, 12); // (1.1 − 1) ÷ 0.05
    expect(fit.within).toBe(false);
  });

  it('gives levels as the median of the year\'s values, with residuals and Σ residual²', () => {
    const ts = targets('gap@2022=0.53±0.01', 'gap@2024=20%±5pp', 'openPositions@2022/2019=1.11±0.05');
    const fits = fitTargets(ts, runs, calendar);
    expect(fits.map((f) => f.simulated)).toEqual([0.5, 0.2, 1.1]);
    expect(fits[0].residual).toBeCloseTo(-3, 12); // (0.5 − 0.53) ÷ 0.01
    expect(fits[1].residual).toBeCloseTo(0, 12);
    expect(fits[2].residual).toBeCloseTo(-0.2, 12); // (1.1 − 1.11) ÷ 0.05
    expect(fits.map((f) => f.within)).toEqual([false, true, true]);
    expect(objectiveOf(fits)).toBeCloseTo(9 + 0 + 0.04, 12);
  });

  it('interpolates the median of an even number of replications', () => {
    const four = [...runs, replication({ openPositions: { 2019: 100, 2022: 130 } })];
    // Indexes 1.1, 1.25, 0.8, 1.3 → sorted 0.8, 1.1, 1.25, 1.3 → median (1.1 + 1.25) / 2.
    const [fit] = fitTargets(targets('openPositions@2022/2019=1.175'), four, calendar);
    expect(fit.simulated).toBeCloseTo(1.175, 12);
    expect(fit.residual).toBeCloseTo(0, 12);
  });

  it('reads an index whose base is later than its year the same way (value in YEAR ÷ value in BASE)', () => {
    const [fit] = fitTargets(targets('openPositions@2019/2022=1'), runs, calendar);
    expect(fit.simulated).toBeCloseTo(100 / 110, 12); // 100/110, 200/250, 300/240 → median 100/110
  });

  it('counts a base of 0 as +∞ (or 1 for 0 over 0), so that a minority of such replications does not poison the median', () => {
    const [index] = targets('acquihires@2022/2019=2');
    const zero = (base: number, value: number) => replication({ acquihires: { 2019: base, 2022: value } });
    expect(replicationValue(index, zero(0, 3), calendar)).toBe(Infinity);
    expect(replicationValue(index, zero(0, 0), calendar)).toBe(1);
    expect(fitTargets([index], [zero(1, 2), zero(0, 3), zero(2, 4)], calendar)[0]).toEqual({ simulated: 2, residual: 0, within: true });
    const undefinedFit = fitTargets([index], [zero(0, 2), zero(0, 3), zero(2, 4)], calendar)[0];
    expect(undefinedFit).toEqual({ simulated: null, residual: null, within: false });
    expect(objectiveOf([undefinedFit])).toBe(Infinity);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const n = sorted.length;
        const expected = n % 2 === 1 ? sorted[(n - 1) / 2] : sorted[n / 2 - 1] + 0.5 * (sorted[n / 2] - sorted[n / 2 - 1]);
        expect(median(xs)).toBe(expected);
        expect(median([...xs].reverse())).toBe(expected);
      }),
    );
  });

  it('is +∞ when the two middle values are, not ∞ − ∞', () => {
    expect(median([1, Infinity, Infinity, Infinity])).toBe(Infinity);
    expect(median([1, 2, Infinity, Infinity])).toBe(Infinity);
  });
});
