/** Latin hypercube: one point per stratum in every dimension, reproducible from the seed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latinHypercube } from '../../../src/analysis/design/latin-hypercube.js';
import { streamRng } from '../../../src/random/seed-tree.js';

describe('latinHypercube', () => {
  it('puts exactly one point in each of the n strata of every dimension (property over n, d, seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 6 }), fc.integer(), (n, d, seed) => {
        const points = latinHypercube(n, d, streamRng(seed, 0, 'lhs'));
        expect(points).toHaveLength(n);
        for (let j = 0; j < d; j++) {
          const strata = points.map((p) => Math.floor(p[j] * n)).sort((a, b) => a - b);
          expect(strata).toEqual(Array.from({ length: n }, (_, k) => k));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('is the same design for the same seed and a different one for another seed', () => {
    const a = latinHypercube(20, 3, streamRng(7, 0, 'lhs'));
    expect(latinHypercube(20, 3, streamRng(7, 0, 'lhs'))).toEqual(a);
    expect(latinHypercube(20, 3, streamRng(8, 0, 'lhs'))).not.toEqual(a);
  });

  it('stays inside the stratum even when the generator returns its largest value', () => {
    const top = 1 - 2 ** -53;
    const points = latinHypercube(3, 1, () => top);
    for (const [x] of points) expect(x).toBeLessThan(1);
    expect(points.map(([x]) => Math.floor(x * 3)).sort()).toEqual([0, 1, 2]);
  });

  it('places points uniformly within strata: the mean of many points is close to ½', () => {
    // One point per stratum: the mean is ½ plus the average jitter error, sd 1/(√12 · n^{3/2}) ≈ 3·10⁻⁶ for n = 2000.
    const points = latinHypercube(2000, 4, streamRng(1, 0, 'lhs'));
    for (let j = 0; j < 4; j++) expect(points.reduce((s, p) => s + p[j], 0) / 2000).toBeCloseTo(0.5, 3);
  });
});
