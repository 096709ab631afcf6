/** Bands over replications: type-7 quantiles (as R and numpy) and the mean. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { band, quantileOfSorted } from '../../src/analysis/quantiles.js';

describe('quantileOfSorted', () => {
  it('interpolates linearly between order statistics (type 7)', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileOfSorted(xs, 0)).toBe(1);
    expect(quantileOfSorted(xs, 1)).toBe(10);
    expect(quantileOfSorted(xs, 0.5)).toBe(5.5);
    expect(quantileOfSorted(xs, 0.1)).toBeCloseTo(1.9, 12);
    expect(quantileOfSorted(xs, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantileOfSorted([7], 0.3)).toBe(7);
    expect(quantileOfSorted([], 0.5)).toBeNaN();
  });
});

describe('band', () => {
  it('sorts numerically (not as text) and gives p10 ≤ p50 ≤ p90 within [min, max], and the mean', () => {
    expect(band([10, 9, 100, 2, 1])).toEqual({ p10: 1.4, p50: 9, p90: 64, mean: 24.4 });
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (xs) => {
        const b = band(xs);
        const min = Math.min(...xs);
        const max = Math.max(...xs);
        expect(b.p10).toBeGreaterThanOrEqual(min);
        expect(b.p10).toBeLessThanOrEqual(b.p50);
        expect(b.p50).toBeLessThanOrEqual(b.p90);
        expect(b.p90).toBeLessThanOrEqual(max);
        expect(b.mean).toBeGreaterThanOrEqual(min - 1e-6);
        expect(b.mean).toBeLessThanOrEqual(max + 1e-6);
      }),
      { numRuns: 300 },
    );
  });
});
