/** The Sobol' sequence against published points and its power-of-two balance. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOE_KUO_2008 } from '../../../src/analysis/design/joe-kuo.js';
import { directionNumbers, sobolSequence, SOBOL_MAX_DIMENSIONS } from '../../../src/analysis/design/sobol-sequence.js';

describe('sobolSequence', () => {
  it('gives the published first points of dimensions 1 and 2 (van der Corput in Gray-code order, then Joe–Kuo dimension 2)', () => {
    const points = sobolSequence(8, 2);
    expect(points.map((p) => p[0])).toEqual([0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125]);
    expect(points.map((p) => p[1])).toEqual([0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625]);
  });

  it('equals SciPy qmc.Sobol(d=8, scramble=False) on the first 10 points (exact: dyadic rationals)', () => {
    // Reference rows as published in SciPy's and TensorFlow's Sobol' tests (new-joe-kuo-6.21201).
    const expected = [
      [0, 0, 0, 0, 0, 0, 0, 0],
      [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25, 0.25, 0.75, 0.75, 0.25, 0.75],
      [0.25, 0.75, 0.75, 0.75, 0.25, 0.25, 0.75, 0.25],
      [0.375, 0.375, 0.625, 0.875, 0.375, 0.125, 0.375, 0.875],
      [0.875, 0.875, 0.125, 0.375, 0.875, 0.625, 0.875, 0.375],
      [0.625, 0.125, 0.875, 0.625, 0.625, 0.875, 0.125, 0.125],
      [0.125, 0.625, 0.375, 0.125, 0.125, 0.375, 0.625, 0.625],
      [0.1875, 0.3125, 0.9375, 0.4375, 0.5625, 0.3125, 0.4375, 0.9375],
      [0.6875, 0.8125, 0.4375, 0.9375, 0.0625, 0.8125, 0.9375, 0.4375],
    ];
    expect(sobolSequence(10, 8)).toEqual(expected);
  });

  it('skips by jumping straight to point `skip`: the same points as generating and dropping them', () => {
    const all = sobolSequence(300, 12);
    for (const skip of [1, 5, 64, 127, 200]) expect(sobolSequence(300 - skip, 12, { skip })).toEqual(all.slice(skip));
  });

  it('puts exactly n/2^k of the first n = 2^m points in each dyadic interval of every dimension (all 64)', () => {
    const m = 10;
    const n = 2 ** m;
    const points = sobolSequence(n, SOBOL_MAX_DIMENSIONS);
    for (let j = 0; j < SOBOL_MAX_DIMENSIONS; j++) {
      for (let k = 0; k <= m; k++) {
        const counts = new Array<number>(2 ** k).fill(0);
        for (const p of points) counts[Math.floor(p[j] * 2 ** k)]++;
        expect(counts.every((c) => c === n / 2 ** k), `dimension ${j + 1}, 2^${k} intervals`).toBe(true);
      }
    }
  });

  it('stays in [0, 1) and is balanced for any power-of-two prefix and dimension (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: SOBOL_MAX_DIMENSIONS }), (m, d) => {
        const n = 2 ** m;
        const points = sobolSequence(n, d);
        let sum = 0;
        let inside = true;
        for (const p of points) {
          inside &&= p.length === d && p.every((x) => x >= 0 && x < 1);
          sum += p[d - 1];
        }
        expect(inside).toBe(true);
        // A balanced set of n = 2^m points in one dimension is {0, 1/n, …, (n−1)/n}: mean (n − 1)/(2n).
        expect(sum / n).toBeCloseTo((n - 1) / (2 * n), 12);
      }),
      { numRuns: 60 },
    );
  });

  it('derives further direction numbers by the Joe–Kuo recurrence (dimension 3: s = 2, a = 1, m = 1, 3)', () => {
    // m_k = 2 a_1 m_{k−1} ⊕ 2² m_{k−2} ⊕ m_{k−2}, and v_k = m_k / 2^k (here as 32-bit integers).
    const v = directionNumbers(2);
    const m = Array.from(v.slice(0, 5), (x, k) => x / 2 ** (31 - k));
    // By hand: m_3 = (2·3) ⊕ (4·1) ⊕ 1 = 6 ⊕ 4 ⊕ 1 = 3; m_4 = (2·3) ⊕ (4·3) ⊕ 3 = 6 ⊕ 12 ⊕ 3 = 9;
    // m_5 = (2·9) ⊕ (4·3) ⊕ 3 = 18 ⊕ 12 ⊕ 3 = 29.
    expect(m).toEqual([1, 3, 3, 9, 29]);
  });

  it('holds a well-formed Joe–Kuo table: m_k odd and < 2^k, a < 2^(s−1), degrees non-decreasing (catches most typos)', () => {
    // The first 44 rows were also compared programmatically with a second published copy of the file.
    expect(SOBOL_MAX_DIMENSIONS).toBe(64);
    let degree = 1;
    for (const [a, ...m] of JOE_KUO_2008) {
      const s = m.length;
      expect(s).toBeGreaterThanOrEqual(degree);
      degree = s;
      expect(a).toBeLessThan(2 ** Math.max(0, s - 1));
      m.forEach((mk, k) => {
        expect(mk % 2).toBe(1);
        expect(mk).toBeLessThan(2 ** (k + 1));
      });
    }
  });

  it('rejects dimensions without direction numbers and impossible counts', () => {
    expect(() => sobolSequence(4, SOBOL_MAX_DIMENSIONS + 1)).toThrow(RangeError);
    expect(() => sobolSequence(4, 0)).toThrow(RangeError);
    expect(() => sobolSequence(-1, 2)).toThrow(RangeError);
    expect(() => sobolSequence(4, 2, { skip: 0.5 })).toThrow(RangeError);
    expect(sobolSequence(0, 3)).toEqual([]);
  });
});
