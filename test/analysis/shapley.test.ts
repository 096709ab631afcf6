/** Exact Shapley values over lever subsets. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { popcount, shapleyValues, shapleyWeight } from '../../src/analysis/shapley.js';

describe('shapleyValues', () => {
  it('splits a two-lever game by hand: v(∅)=0, v(A)=4, v(B)=2, v(AB)=10 → φA = (4 + 8)/2 = 6, φB = (2 + 6)/2 = 4', () => {
    // masks: 0 = ∅, 1 = A, 2 = B, 3 = AB
    expect(shapleyValues(2, [0, 4, 2, 10])).toEqual([6, 4]);
  });

  it('gives each lever its own effect in an additive game', () => {
    const effects = [-3, 1.5, 0, 2];
    const value = Array.from({ length: 16 }, (_, mask) => effects.reduce((s, e, i) => s + (mask & (1 << i) ? e : 0), 7));
    shapleyValues(4, value).forEach((phi, i) => expect(phi).toBeCloseTo(effects[i], 12));
  });

  it('adds up to all levers on minus all off, for any value function (efficiency, property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1 << n, maxLength: 1 << n }))),
        ([n, value]) => {
          const phi = shapleyValues(n, value);
          const sum = phi.reduce((a, b) => a + b, 0);
          expect(sum).toBeCloseTo(value[(1 << n) - 1] - value[0], 6);
        },
      ),
    );
  });

  it('gives a lever that never changes anything zero (dummy), and equal levers equal values (symmetry)', () => {
    // lever 2 is a dummy; levers 0 and 1 are interchangeable
    const value = Array.from({ length: 8 }, (_, mask) => {
      const a = mask & 1 ? 1 : 0;
      const b = mask & 2 ? 1 : 0;
      return a && b ? 10 : a || b ? 3 : 0;
    });
    const [phi0, phi1, phi2] = shapleyValues(3, value);
    expect(phi2).toBeCloseTo(0, 12);
    expect(phi0).toBeCloseTo(phi1, 12);
    expect(phi0 + phi1).toBeCloseTo(10, 12);
  });

  it('weighs the subsets a lever joins so that the weights add up to 1, and depend only on the subset size', () => {
    for (let n = 1; n <= 6; n++) {
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let mask = 0; mask < 1 << n; mask++) if (!(mask & (1 << i))) sum += shapleyWeight(n, mask);
        expect(sum, `n = ${n}, lever ${i}`).toBeCloseTo(1, 12);
      }
    }
    // n = 3: joining ∅ or the other two: 0!·2!/3! = 2!·0!/3! = 1/3; joining one other: 1!·1!/3! = 1/6
    expect([shapleyWeight(3, 0), shapleyWeight(3, 0b010), shapleyWeight(3, 0b110)].map((w) => w * 6)).toEqual([2, 1, 2]);
    expect(popcount(0b10110)).toBe(3);
  });
});
