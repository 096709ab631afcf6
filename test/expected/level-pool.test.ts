import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LevelPool } from '../../src/expected/level-pool.js';

const pool = (weights: number[][], width = 0.1) => {
  const bins = weights[0].length;
  const p = new LevelPool(weights.length, bins, width);
  weights.forEach((row, k) => row.forEach((w, b) => (p.weight[k * bins + b] = w)));
  return p;
};
const meanLevel = (p: LevelPool) => {
  let w = 0;
  let l = 0;
  for (let i = 0; i < p.weight.length; i++) {
    w += p.weight[i];
    l += p.weight[i] * (i % p.bins) * p.width;
  }
  return l / w;
};

describe('LevelPool', () => {
  it('study keeps everyone and moves the mean level up by the units studied (away from the top bin)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.float({ min: 0, max: 10, noNaN: true }), { minLength: 20, maxLength: 20 }), { minLength: 1, maxLength: 4 }), fc.float({ min: 0, max: 2, noNaN: true }), (rows, units) => {
        const weights = rows.map((r) => [...r, ...new Array(40).fill(0)]);
        const p = pool(weights);
        const total = p.total();
        fc.pre(total > 1e-6);
        const before = meanLevel(p);
        p.study(units);
        expect(p.total()).toBeCloseTo(total, 6);
        expect(meanLevel(p)).toBeCloseTo(before + units, 6);
      }),
    );
  });

  it('studyShare moves a share up and removes exactly those who reach their requirement', () => {
    const p = pool([[10, 0, 0, 0, 0, 0], [0, 10, 0, 0, 0, 0]], 1);
    // Half study 2 units: node 0 goes from level 0 to 2 (requirement 2: qualifies), node 1 from 1 to 3 (requirement 4: not).
    const qualified = p.studyShare(0.5, 2, Float64Array.of(2, 4));
    expect(qualified).toBeCloseTo(5, 12);
    expect([...p.weight]).toEqual([5, 0, 0, 0, 0, 0, 0, 5, 0, 5, 0, 0]);
  });

  it('take hands over a share drawn uniformly and keeps the rest', () => {
    const p = pool([[4, 2], [1, 3]]);
    const t = p.take(0.25);
    expect([...t.weight]).toEqual([1, 0.5, 0.25, 0.75]);
    expect([...p.weight]).toEqual([3, 1.5, 0.75, 2.25]);
    p.add(t);
    expect([...p.weight]).toEqual([4, 2, 1, 3]);
  });

  it('removeQualified takes every level at or above a node\'s requirement, none for an infinite one', () => {
    const p = pool([[1, 2, 3], [4, 5, 6]], 0.5);
    expect(p.removeQualified(Float64Array.of(0.5, Infinity))).toBe(5);
    expect([...p.weight]).toEqual([1, 0, 0, 4, 5, 6]);
  });
});
