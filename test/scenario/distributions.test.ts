import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centralValue, distributionProblems, distributionSchema, sample, support, type Distribution } from '../../src/scenario/distributions.js';
import { streamRng } from '../../src/random/seed-tree.js';

/**
 * A number in [min, max] with at most 4 decimals: the support property is about the sampler,
 * not about overflow or subnormal rounding.
 */
const num = (min = -1e6, max = 1e6) => fc.integer({ min: Math.ceil(min * 1e4), max: Math.floor(max * 1e4) }).map((i) => i / 1e4);

const normal = fc
  .record({ mean: num(), sd: num(0, 1e3), lo: fc.option(fc.double({ min: -3, max: 2.9, noNaN: true })), width: fc.option(fc.double({ min: 0.1, max: 6, noNaN: true })) })
  .map(({ mean, sd, lo, width }): Distribution => ({
    dist: 'normal',
    mean,
    sd,
    ...(lo !== null ? { min: mean + lo * sd } : {}),
    ...(width !== null ? { max: mean + ((lo ?? -3) + width) * sd } : {}),
  }));
const lognormal = fc
  .record({ median: num(1e-3, 1e6), sigma: num(0, 3), min: fc.option(num(0, 1)), max: fc.option(num(2, 5)) })
  .map(({ median, sigma, min, max }): Distribution => ({
    dist: 'lognormal',
    median,
    sigma,
    ...(min !== null ? { min: median * min } : {}),
    ...(max !== null ? { max: median * max } : {}),
  }));
const uniform = fc.tuple(num(), num()).filter(([a, b]) => a !== b).map(([a, b]): Distribution => ({ dist: 'uniform', min: Math.min(a, b), max: Math.max(a, b) }));
const triangular = fc
  .tuple(num(), num(), fc.double({ min: 0, max: 1, noNaN: true }))
  .filter(([a, b]) => a !== b)
  .map(([a, b, m]): Distribution => {
    const [min, max] = [Math.min(a, b), Math.max(a, b)];
    return { dist: 'triangular', min, mode: Math.min(max, min + m * (max - min)), max };
  });
const beta = fc
  .record({ alpha: num(1e-3, 50), beta: num(1e-3, 50), scale: fc.option(fc.tuple(num(), num()).filter(([a, b]) => a !== b)) })
  .map(({ alpha, beta, scale }): Distribution => ({
    dist: 'beta',
    alpha,
    beta,
    ...(scale ? { min: Math.min(...scale), max: Math.max(...scale) } : {}),
  }));
const anyDistribution = fc.oneof(normal, lognormal, uniform, triangular, beta).filter((d) => distributionProblems(d).length === 0);

describe('sample', () => {
  it('always lies within support(), finite (property)', () => {
    fc.assert(
      fc.property(anyDistribution, fc.integer({ min: 0, max: 1_000_000 }), (d, seed) => {
        expect(distributionSchema.safeParse(d).success).toBe(true);
        const [lo, hi] = support(d);
        expect(lo).toBeLessThanOrEqual(hi);
        const rng = streamRng(seed, 0, 'parameters');
        for (let i = 0; i < 50; i++) {
          const x = sample(d, rng);
          expect(Number.isFinite(x), `${JSON.stringify(d)} gave ${x}`).toBe(true);
          expect(x).toBeGreaterThanOrEqual(lo);
          expect(x).toBeLessThanOrEqual(hi);
        }
        const c = centralValue(d);
        expect(c).toBeGreaterThanOrEqual(lo);
        expect(c).toBeLessThanOrEqual(hi);
      }),
      { numRuns: 300 },
    );
  });

  it('beta with tiny shapes never gives NaN (both gamma draws underflow)', () => {
    const rng = streamRng(1, 0, 'parameters');
    const d: Distribution = { dist: 'beta', alpha: 0.001, beta: 0.001 };
    for (let i = 0; i < 5000; i++) {
      const x = sample(d, rng);
      expect(x >= 0 && x <= 1, `draw ${i}: ${x}`).toBe(true);
    }
  });

  it('a scaled beta never rounds past its max', () => {
    const d: Distribution = { dist: 'beta', alpha: 0.001, beta: 0.001, min: 195537.3958, max: 968174.0874 };
    const rng = streamRng(0, 0, 'parameters');
    for (let i = 0; i < 2000; i++) {
      const x = sample(d, rng);
      expect(x >= 195537.3958 && x <= 968174.0874, `draw ${i}: ${x}`).toBe(true);
    }
  });

  it('is a pure function of the stream: the same seed gives the same draws', () => {
    const d: Distribution = { dist: 'beta', alpha: 2, beta: 3, min: 1, max: 4 };
    const draw = () => {
      const rng = streamRng('s', 3, 'tools');
      return Array.from({ length: 20 }, () => sample(d, rng));
    };
    expect(draw()).toEqual(draw());
  });

  // Sample means over N draws from one seeded stream, within 5 standard errors of the theoretical
  // mean (σ/√N; a false failure has probability < 1e-6 per case, and the stream is fixed anyway).
  const N = 20_000;
  const PHI1 = Math.exp(-0.5) / Math.sqrt(2 * Math.PI); // standard normal density at 1
  const MASS1 = 0.6826894921370859; // P(-1 < Z < 1)
  const cases: { d: Distribution; mean: number; sd: number }[] = [
    { d: { dist: 'normal', mean: 2, sd: 0.5 }, mean: 2, sd: 0.5 },
    { d: { dist: 'normal', mean: 0, sd: 1, min: -1, max: 1 }, mean: 0, sd: Math.sqrt(1 - (2 * PHI1) / MASS1) },
    { d: { dist: 'uniform', min: 1, max: 3 }, mean: 2, sd: 2 / Math.sqrt(12) },
    { d: { dist: 'triangular', min: 0, mode: 0.2, max: 1 }, mean: 1.2 / 3, sd: Math.sqrt((0.04 + 1 - 0.2) / 18) },
    { d: { dist: 'triangular', min: -1, mode: -1, max: 2 }, mean: 0, sd: Math.sqrt((1 + 1 + 4 - 1 + 2 + 2) / 18) },
    { d: { dist: 'beta', alpha: 2, beta: 5 }, mean: 2 / 7, sd: Math.sqrt(10 / (49 * 8)) },
    { d: { dist: 'beta', alpha: 0.5, beta: 0.5 }, mean: 0.5, sd: Math.sqrt(0.25 / 2) },
    { d: { dist: 'beta', alpha: 2, beta: 2, min: 10, max: 20 }, mean: 15, sd: 10 * Math.sqrt(4 / (16 * 5)) },
    {
      d: { dist: 'lognormal', median: 3, sigma: 0.4 },
      mean: 3 * Math.exp(0.08),
      sd: Math.sqrt((Math.exp(0.16) - 1) * 9 * Math.exp(0.16)),
    },
  ];
  it.each(cases)('mean of $d.dist $d within 5 standard errors of theory', ({ d, mean, sd }) => {
    const rng = streamRng(20250101, 0, `test-${d.dist}`);
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < N; i++) {
      const x = sample(d, rng);
      sum += x;
      sumSq += x * x;
    }
    const m = sum / N;
    const tolerance = (5 * sd) / Math.sqrt(N);
    expect(Math.abs(m - mean), `sample mean ${m}, theory ${mean} ± ${tolerance}`).toBeLessThan(tolerance);
    // The spread is right too (within 10 %): a sampler with the right mean but wrong shape fails here.
    const s = Math.sqrt(sumSq / N - m * m);
    expect(Math.abs(s / sd - 1)).toBeLessThan(0.1);
  });
});

describe('support and centralValue', () => {
  it.each<[Distribution, [number, number], number]>([
    [{ dist: 'normal', mean: 1, sd: 2 }, [-Infinity, Infinity], 1],
    [{ dist: 'normal', mean: 1, sd: 0 }, [1, 1], 1],
    [{ dist: 'normal', mean: 1, sd: 2, min: 0 }, [0, Infinity], 1],
    [{ dist: 'normal', mean: 1, sd: 2, min: 2, max: 3 }, [2, 3], 2],
    [{ dist: 'lognormal', median: 5, sigma: 1 }, [0, Infinity], 5],
    [{ dist: 'lognormal', median: 5, sigma: 0 }, [5, 5], 5],
    [{ dist: 'lognormal', median: 5, sigma: 1, min: 1, max: 4 }, [1, 4], 4],
    [{ dist: 'uniform', min: -1, max: 3 }, [-1, 3], 1],
    [{ dist: 'triangular', min: 0, mode: 0.25, max: 1 }, [0, 1], 0.25],
    [{ dist: 'beta', alpha: 1, beta: 3 }, [0, 1], 0.25],
    [{ dist: 'beta', alpha: 1, beta: 1, min: 10, max: 20 }, [10, 20], 15],
  ])('%j has support %j and central value %d', (d, expected, central) => {
    expect(support(d)).toEqual(expected);
    expect(centralValue(d)).toBeCloseTo(central, 12);
  });
});

describe('distributionProblems', () => {
  it.each<[string, Distribution, string, RegExp]>([
    ['uniform min above max', { dist: 'uniform', min: 0.5, max: 0.1 }, 'max', /^max greater than min \(0\.5\)$/],
    ['uniform min equal to max', { dist: 'uniform', min: 1, max: 1 }, 'max', /^max greater than min \(1\)$/],
    ['triangular min above max', { dist: 'triangular', min: 1, mode: 1, max: 0 }, 'max', /^max greater than min/],
    ['triangular mode above max', { dist: 'triangular', min: 0, mode: 0.9, max: 0.5 }, 'mode', /^a mode between min \(0\) and max \(0\.5\)$/],
    ['triangular mode below min', { dist: 'triangular', min: 0, mode: -0.1, max: 0.5 }, 'mode', /^a mode between min/],
    ['normal truncated above min', { dist: 'normal', mean: 0, sd: 1, min: 2, max: 1 }, 'max', /^max greater than min/],
    ['normal truncated far above the mean', { dist: 'normal', mean: 0, sd: 1, min: 3.5 }, 'min', /^truncation bounds within 3 sd of the mean$/],
    ['normal truncated far below the mean', { dist: 'normal', mean: 0, sd: 1, max: -4 }, 'max', /^truncation bounds within 3 sd of the mean$/],
    ['lognormal with negative min', { dist: 'lognormal', median: 1, sigma: 1, min: -1 }, 'min', /^min ≥ 0/],
    ['beta scaled with min above max', { dist: 'beta', alpha: 2, beta: 2, min: 3, max: 1 }, 'max', /^max greater than min/],
  ])('%s', (_name, d, key, expected) => {
    const problems = distributionProblems(d);
    expect(problems).toHaveLength(1);
    expect(problems[0].key).toBe(key);
    expect(problems[0].expected).toMatch(expected);
    expect(problems[0].found).not.toBe('');
  });

  it.each<Distribution>([
    { dist: 'normal', mean: 0, sd: 1 },
    { dist: 'normal', mean: 0, sd: 1, min: -3, max: 3 },
    { dist: 'normal', mean: 0, sd: 1, min: 2.9 },
    { dist: 'normal', mean: 5, sd: 0, min: 0, max: 10 },
    { dist: 'lognormal', median: 1, sigma: 1, min: 0 },
    { dist: 'uniform', min: 0, max: 1 },
    { dist: 'triangular', min: 0, mode: 0, max: 1 },
    { dist: 'triangular', min: 0, mode: 1, max: 1 },
    { dist: 'beta', alpha: 0.5, beta: 0.5, min: -1, max: 1 },
  ])('accepts %j', (d) => {
    expect(distributionProblems(d)).toEqual([]);
  });

  it('the schema rejects bad parameter types and unknown distributions', () => {
    expect(distributionSchema.safeParse({ dist: 'gamma', shape: 2 }).success).toBe(false);
    expect(distributionSchema.safeParse({ dist: 'normal', mean: 0, sd: -1 }).success).toBe(false);
    expect(distributionSchema.safeParse({ dist: 'normal', mean: 0 }).success).toBe(false);
    expect(distributionSchema.safeParse({ dist: 'lognormal', median: 0, sigma: 1 }).success).toBe(false);
    expect(distributionSchema.safeParse({ dist: 'beta', alpha: 0, beta: 1 }).success).toBe(false);
    expect(distributionSchema.safeParse({ dist: 'uniform', min: 0, max: Infinity }).success).toBe(false);
    expect(distributionSchema.safeParse({ dist: 'uniform', min: 0, max: 1, mode: 0.5 }).success).toBe(false);
    expect(distributionSchema.safeParse({ dist: 'uniform', min: 0, max: 1, source: 'x' }).success).toBe(true);
  });
});
