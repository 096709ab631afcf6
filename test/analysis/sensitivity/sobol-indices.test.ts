/** Sobol' indices from a Saltelli design: exact cases, the Ishigami benchmark, and the bootstrap. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { saltelliDesign } from '../../../src/analysis/design/saltelli.js';
import { ishigamiIndices, ishigamiUnit } from '../../../src/analysis/sensitivity/ishigami.js';
import { sobolIndices } from '../../../src/analysis/sensitivity/sobol-indices.js';
import { streamRng } from '../../../src/random/seed-tree.js';

const rng = (seed = 1) => streamRng(seed, 0, 'bootstrap');

describe('sobolIndices', () => {
  it('computes the Saltelli 2010 and Jansen estimators (hand-computed, N = 2, d = 1)', () => {
    // Blocks [f(A), f(AB_0), f(B)]: [1, 3, 3] and [2, 0, 0]; centred on the mean 1.5 of all six outputs:
    // [−0.5, 1.5, 1.5] and [0.5, −1.5, −1.5].
    // V = var{−0.5, 1.5, 0.5, −1.5} = (0.25 + 2.25 + 0.25 + 2.25) / 4 = 1.25.
    // S = mean(f_B (f_AB − f_A)) / V = (1.5 · 2 + (−1.5) · (−2)) / 2 / 1.25 = 2.4.
    // ST = mean((f_A − f_AB)²) / (2V) = ((4 + 4) / 2) / 2.5 = 1.6.
    const r = sobolIndices([1, 3, 3, 2, 0, 0], 1, { rng: rng(), resamples: 10 });
    expect(r.variance).toBeCloseTo(1.25, 14);
    expect(r.first[0].index).toBeCloseTo(2.4, 14);
    expect(r.total[0].index).toBeCloseTo(1.6, 14);
  });

  it('gives an input the function ignores exactly 0 for S and ST, and intervals [0, 0]', () => {
    // f(AB_i) = f(A) row by row when input i is ignored, whatever the design.
    const design = saltelliDesign(64, 3);
    const outputs = design.points.map(([x, y]) => x * x + Math.sin(6 * y));
    const r = sobolIndices(outputs, 3, { rng: rng(), resamples: 200 });
    expect(r.first[2]).toEqual({ index: 0, low: 0, high: 0 });
    expect(r.total[2]).toEqual({ index: 0, low: 0, high: 0 });
  });

  it('recovers S_i = ST_i = c_i² / Σc² for a linear function (N = 512, within 0.005)', () => {
    // Var(c_i u_i) = c_i²/12, no interactions. Measured errors with this design: below 0.0005.
    const c = [4, -2, 1, 0.5];
    const expected = c.map((ci) => (ci * ci) / c.reduce((s, x) => s + x * x, 0));
    const design = saltelliDesign(512, 4);
    const r = sobolIndices(
      design.points.map((u) => u.reduce((s, x, i) => s + c[i] * x, 0)),
      4,
      { rng: rng(), resamples: 200 },
    );
    expected.forEach((e, i) => {
      expect(Math.abs(r.first[i].index - e)).toBeLessThan(0.005);
      expect(Math.abs(r.total[i].index - e)).toBeLessThan(0.005);
    });
  });

  it('estimates the Ishigami indices from N = 1024 Sobol’ base rows (5120 evaluations) within 0.03, and the 95% intervals contain them', () => {
    // Measured (seed 1, 1000 resamples):
    //   S  = 0.3330 [0.2718, 0.3956], 0.4413 [0.3841, 0.4936], 0.0186 [−0.0338, 0.0710]
    //   ST = 0.5582 [0.4812, 0.6488], 0.4433 [0.4040, 0.4871], 0.2421 [0.2144, 0.2687]
    // against S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437): largest error 0.019 (S1).
    // (N = 2048 gives S = 0.3249, 0.4425, 0.0154 and ST = 0.5570, 0.4426, 0.2434.)
    const design = saltelliDesign(1024, 3);
    const r = sobolIndices(design.points.map((u) => ishigamiUnit(u)), 3, { rng: rng() });
    const truth = ishigamiIndices();
    for (let i = 0; i < 3; i++) {
      for (const [estimate, exact] of [
        [r.first[i], truth.first[i]],
        [r.total[i], truth.total[i]],
      ] as const) {
        expect(Math.abs(estimate.index - exact), `input ${i + 1}`).toBeLessThan(0.03);
        expect(estimate.low).toBeLessThanOrEqual(exact);
        expect(estimate.high).toBeGreaterThanOrEqual(exact);
        expect(estimate.low).toBeLessThanOrEqual(estimate.index);
        expect(estimate.high).toBeGreaterThanOrEqual(estimate.index);
      }
    }
    expect(r.variance).toBeCloseTo(truth.variance, 0); // measured 13.819 against 13.845
    // Ranking by total index, the question users ask: x1 > x2 > x3.
    expect(r.total[0].index).toBeGreaterThan(r.total[1].index);
    expect(r.total[1].index).toBeGreaterThan(r.total[2].index);
  });

  it('reproduces its intervals from the same seed, narrows them at lower confidence, and widens them with fewer rows', () => {
    const outputs = saltelliDesign(256, 3).points.map((u) => ishigamiUnit(u));
    const a = sobolIndices(outputs, 3, { rng: rng(5), resamples: 300 });
    expect(sobolIndices(outputs, 3, { rng: rng(5), resamples: 300 })).toEqual(a);
    const narrow = sobolIndices(outputs, 3, { rng: rng(5), resamples: 300, confidence: 0.5 });
    for (let i = 0; i < 3; i++) {
      expect(narrow.total[i].high - narrow.total[i].low).toBeLessThan(a.total[i].high - a.total[i].low);
      expect(narrow.total[i].index).toBe(a.total[i].index);
    }
    const more = sobolIndices(saltelliDesign(2048, 3).points.map((u) => ishigamiUnit(u)), 3, { rng: rng(5), resamples: 300 });
    for (let i = 0; i < 3; i++) expect(more.total[i].high - more.total[i].low).toBeLessThan(a.total[i].high - a.total[i].low);
  });

  it('does not depend on the output’s location or scale (property): a closing year ≈ 2032 ± 2 is analysed like its deviations', () => {
    const design = saltelliDesign(64, 2);
    const base = design.points.map(([x, y]) => Math.sin(5 * x) + x * y * 3);
    const r0 = sobolIndices(base, 2, { rng: rng(), resamples: 20 });
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), (shift, scale) => {
        const r = sobolIndices(
          base.map((f) => shift + scale * f),
          2,
          { rng: rng(), resamples: 20 },
        );
        // Equal up to rounding in the centring (relative error ~1e-16 · |shift| / (scale · spread)).
        for (let i = 0; i < 2; i++) {
          expect(r.first[i].index).toBeCloseTo(r0.first[i].index, 8);
          expect(r.total[i].index).toBeCloseTo(r0.total[i].index, 8);
          expect(r.first[i].low).toBeCloseTo(r0.first[i].low, 8);
          expect(r.total[i].high).toBeCloseTo(r0.total[i].high, 8);
        }
      }),
      { numRuns: 50 },
    );
  });

  // Regression: a bootstrap resample that drew only base rows whose f(A) and f(B) are all equal has
  // no variance, so its estimate is NaN; sorted last, NaN became the upper end of the interval (null
  // in sensitivity.json), and `hiresim report` failed with an internal error on it. It happened with
  // few base rows and a closing year censored in most of them (test/report/sweep.test.ts).
  it('gives finite intervals when some bootstrap resamples have no variance (an output that varies in one base row only)', () => {
    // N = 4, d = 2: three base rows censored at 2046 throughout, one where input 0 moves the closing year.
    const censored = [2046, 2046, 2046, 2046];
    const outputs = [...censored, ...censored, ...censored, 2040, 2046, 2040, 2046];
    const r = sobolIndices(outputs, 2, { rng: rng(), resamples: 200 });
    expect(r.variance).toBeGreaterThan(0);
    for (const e of [...r.first, ...r.total]) {
      expect([e.index, e.low, e.high].every(Number.isFinite), JSON.stringify(e)).toBe(true);
      expect(e.low).toBeLessThanOrEqual(e.high);
    }
    // Input 1 changes nothing: exactly 0 with a [0, 0] interval; input 0 explains the variance it has.
    expect(r.total[1]).toEqual({ index: 0, low: 0, high: 0 });
    expect(r.total[0].index).toBeGreaterThan(0);
  });

  it('rejects outputs that do not fill whole blocks, non-finite outputs and bad options; a constant output gives NaN', () => {
    expect(() => sobolIndices([1, 2, 3, 4], 1, { rng: rng() })).toThrow(RangeError);
    expect(() => sobolIndices([], 1, { rng: rng() })).toThrow(RangeError);
    expect(() => sobolIndices([1, Number.NaN, 3], 1, { rng: rng() })).toThrow(/output 1/);
    expect(() => sobolIndices([1, 2, 3], 1, { rng: rng(), confidence: 1 })).toThrow(RangeError);
    expect(sobolIndices([5, 5, 5, 5, 5, 5], 1, { rng: rng(), resamples: 5 }).first[0].index).toBeNaN();
  });
});
