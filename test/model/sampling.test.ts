/**
 * The draws the phases use. Binomial: exact inversion while the expected count of the rarer outcome
 * is below 30, a normal approximation above; both must have the binomial's mean and variance.
 *
 * Tolerances: with N draws, the sample mean has standard error sd/√N and the sample variance about
 * var·√((2 + excess kurtosis)/N); each test allows 5 standard errors (a false alarm about once in
 * 1.7 million, and the streams are seeded, so the result is fixed anyway).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binomial, BinomialTable, perRound, stochasticRound } from '../../src/model/sampling.js';
import { streamRng } from '../../src/random/seed-tree.js';

function moments(xs: Float64Array): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1) };
}

describe('binomial', () => {
  const N = 40_000;
  const cases: [string, number, number][] = [
    ['small n·p (inversion)', 20, 0.1],
    ['n·p just under 30 (inversion)', 100, 0.29],
    ['n·p just over 30 (normal)', 1000, 0.035],
    ['large n·p (normal)', 200_000, 0.3],
    ['p above one half (complement)', 50, 0.9],
    ['large n, p above one half', 10_000, 0.7],
  ];
  for (const [name, n, p] of cases) {
    it(`has mean n·p and variance n·p·(1−p): ${name}, n = ${n}, p = ${p}`, () => {
      const rng = streamRng('binomial-test', n, String(p));
      const xs = new Float64Array(N);
      let outside = 0;
      for (let k = 0; k < N; k++) {
        const x = binomial(n, p, rng);
        if (!(Number.isInteger(x) && x >= 0 && x <= n)) outside++;
        xs[k] = x;
      }
      expect(outside, 'draws that are not whole numbers in [0, n]').toBe(0);
      const { mean, variance } = moments(xs);
      const v = n * p * (1 - p);
      const kurtosis = (1 - 6 * p * (1 - p)) / v;
      expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(v / N));
      // The normal branch rounds, which adds about 1/12 to the variance: negligible for these n·p.
      expect(Math.abs(variance - v)).toBeLessThan(5 * v * Math.sqrt((2 + Math.max(0, kurtosis)) / N) + 1 / 12);
    });
  }

  it('returns the certain outcomes exactly', () => {
    const rng = streamRng('binomial-edges', 0, 'test');
    expect(binomial(0, 0.5, rng)).toBe(0);
    expect(binomial(-3, 0.5, rng)).toBe(0);
    expect(binomial(100, 0, rng)).toBe(0);
    expect(binomial(100, 1, rng)).toBe(100);
    expect(binomial(100, 1.5, rng)).toBe(100);
  });
});

describe('stochasticRound', () => {
  it('rounds to a neighbouring integer with the right mean', () => {
    const rng = streamRng('round-test', 0, 'test');
    const N = 40_000;
    let sum = 0;
    let other = 0;
    for (let k = 0; k < N; k++) {
      const x = stochasticRound(2.3, rng);
      if (x !== 2 && x !== 3) other++;
      sum += x;
    }
    expect(other).toBe(0);
    // Bernoulli(0.3) part: sd 0.458, standard error 0.0023; 5 se.
    expect(Math.abs(sum / N - 2.3)).toBeLessThan(5 * Math.sqrt(0.21 / N));
    expect(stochasticRound(4, rng)).toBe(4);
  });
});

describe('perRound', () => {
  it('gives a per-round hazard with the same yearly total', () => {
    for (const p of [0, 0.132, 0.5, 0.99]) {
      const h = perRound(p, 12);
      expect(1 - (1 - h) ** 12).toBeCloseTo(p, 12);
    }
  });
});

describe('BinomialTable', () => {
  it('draws the same numbers as binomial from the same stream, bit for bit (property over n, p: inversion, complement, normal branch)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 1000 }), (n, p, seed) => {
        const table = new BinomialTable(n, p);
        const a = streamRng('binomial-table', seed, 'x');
        const b = streamRng('binomial-table', seed, 'x');
        const fromTable = Array.from({ length: 50 }, () => table.draw(a));
        const direct = Array.from({ length: 50 }, () => binomial(n, p, b));
        expect(fromTable).toEqual(direct);
        // The streams are in the same place afterwards: the table consumed the same uniforms.
        expect(a()).toBe(b());
      }),
      { numRuns: 300 },
    );
  });
});
