/** Pearson's and Spearman's coefficients against hand-computed values, and their invariants. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pearson, ranks, spearman } from '../../src/analysis/correlation.js';

describe('pearson', () => {
  it('matches a hand computation and is null for a constant side', () => {
    // Deviations (−1, 0, 1) and (−1, 1, 0): Σ dx·dy = 1, Σ dx² = Σ dy² = 2, so r = 1 / 2.
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
    expect(pearson([1, 2, 3], [6, 4, 2])).toBe(-1);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1], [2])).toBeNull();
  });

  it('stays in [−1, 1] and does not change under positive affine maps (property)', () => {
    const pairs = fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), { minLength: 2, maxLength: 40 });
    fc.assert(
      fc.property(pairs, fc.integer({ min: 1, max: 50 }), (xy, a) => {
        const x = xy.map((p) => p[0]);
        const y = xy.map((p) => p[1]);
        const r = pearson(x, y);
        if (r === null) return;
        expect(Math.abs(r)).toBeLessThanOrEqual(1);
        expect(pearson(x.map((v) => a * v + 7), y)).toBeCloseTo(r, 9);
      }),
    );
  });
});

describe('spearman', () => {
  it('is 1 for any increasing relation and −1 for any decreasing one', () => {
    const x = [0.1, 0.5, 2, 9, 40];
    expect(spearman(x, x.map((v) => Math.exp(v / 10)))).toBe(1);
    expect(spearman(x, x.map((v) => -(v ** 3)))).toBe(-1);
  });

  it('gives ties their mean rank (Infinity included) and is null when too short or constant', () => {
    expect(ranks([3, 1, 3, Infinity])).toEqual([2.5, 1, 2.5, 4]);
    expect(spearman([1, 2], [2, 1])).toBeNull();
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNull();
  });
});
