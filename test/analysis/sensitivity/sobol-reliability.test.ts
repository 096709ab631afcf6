/**
 * Warnings on unreliable Sobol' estimates: on the Ishigami function they appear at N = 8 and are
 * gone at N = 1024; each check on hand-made estimates; and the base rows suggested follow the
 * 1/√N width law, rounded up to a power of two above N.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { saltelliDesign } from '../../../src/analysis/design/saltelli.js';
import { ishigamiUnit } from '../../../src/analysis/sensitivity/ishigami.js';
import { sobolIndices, type IndexEstimate } from '../../../src/analysis/sensitivity/sobol-indices.js';
import { MARGIN, samplesForWidth, sobolWarnings, TARGET_WIDTH } from '../../../src/analysis/sensitivity/sobol-reliability.js';
import { streamRng } from '../../../src/random/seed-tree.js';

const NAMES = ['x1', 'x2', 'x3'];

/** The Ishigami estimates from N Sobol' base rows, as the sensitivity study names them. */
function ishigamiEstimates(n: number) {
  const r = sobolIndices(saltelliDesign(n, 3).points.map((u) => ishigamiUnit(u)), 3, { rng: streamRng(1, 0, 'bootstrap') });
  return NAMES.map((path, i) => ({ path, first: r.first[i], total: r.total[i] }));
}

const e = (index: number, low: number, high: number): IndexEstimate => ({ index, low, high });

describe('sobolWarnings on the Ishigami function', () => {
  it('warns at N = 8, where intervals run far outside [0, 1], and suggests a power of two well above 8', () => {
    // Measured at N = 8: S1 = 0.290 (−0.124…1.169), ST1 = 0.404 (0.067…1.535), S3 = −0.047 (−0.347…0.126).
    const warnings = sobolWarnings(ishigamiEstimates(8), 8);
    expect(warnings.map((w) => w.parameter)).toEqual(['x1', 'x3']);
    expect(warnings[0].problems).toEqual(['first-order interval −0.124–1.169 reaches outside [0, 1]', 'total interval 0.067–1.535 reaches outside [0, 1]']);
    // The widest interval, ST1's (width 1.468): 8 · (1.468 / 0.1)² ≈ 1724, so 2048.
    expect(warnings[0].samples).toBe(2048);
    for (const w of warnings) expect(Math.log2(w.samples) % 1).toBe(0);
  });

  it('is silent at N = 1024, where every interval lies within [−0.05, 1.05] and first order stays below the total', () => {
    expect(sobolWarnings(ishigamiEstimates(1024), 1024)).toEqual([]);
  });
});

describe('sobolWarnings: each check', () => {
  it('flags a first-order index above its total index\'s interval, not one inside it', () => {
    // The case users met: first order 0.894 above a total of 0.800 whose interval ends at 0.85.
    const [w] = sobolWarnings([{ path: 'p', first: e(0.894, 0.86, 0.93), total: e(0.8, 0.75, 0.85) }], 64);
    expect(w.problems).toEqual(['first-order index 0.894 above its total index 0.800 and the total\'s interval 0.750–0.850 (in theory first order ≤ total)']);
    // Both intervals are narrower than 0.1 already: more rows all the same, at least twice as many.
    expect(w.samples).toBe(128);
    expect(sobolWarnings([{ path: 'p', first: e(0.82, 0.78, 0.86), total: e(0.8, 0.76, 0.84) }], 64)).toEqual([]);
  });

  it('flags intervals beyond [0, 1] by more than the margin, and a negative total', () => {
    expect(sobolWarnings([{ path: 'p', first: e(0.01, -MARGIN + 0.001, 0.04), total: e(0.99, 0.96, 1 + MARGIN - 0.001) }], 512)).toEqual([]);
    const [w] = sobolWarnings([{ path: 'p', first: e(0.01, -0.06, 0.04), total: e(-0.02, -0.03, 0.01) }], 512);
    expect(w.problems).toEqual(['first-order interval −0.060–0.040 reaches outside [0, 1]', 'total index −0.020 is negative']);
    expect(w.samples).toBe(1024);
  });

  it('ignores an input that does nothing (exact zeros) and intervals the bootstrap could not give (NaN)', () => {
    expect(sobolWarnings([{ path: 'dummy', first: e(0, 0, 0), total: e(0, 0, 0) }, { path: 'nan', first: e(0.3, NaN, NaN), total: e(0.4, NaN, NaN) }], 8)).toEqual([]);
  });
});

describe('samplesForWidth', () => {
  it('is the smallest power of two ≥ max(2N, N · (w / 0.1)²)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), fc.double({ min: 0, max: 3, noNaN: true }), (n, w) => {
        const s = samplesForWidth(n, w);
        const needed = Math.max(2 * n, Math.ceil(n * (w / TARGET_WIDTH) ** 2));
        expect(Math.log2(s) % 1).toBe(0);
        expect(s).toBeGreaterThanOrEqual(needed);
        expect(s / 2).toBeLessThan(needed);
        // At that many rows the width law gives at most the target width.
        expect(w * Math.sqrt(n / s)).toBeLessThanOrEqual(TARGET_WIDTH * (1 + 1e-9));
      }),
    );
  });
});
