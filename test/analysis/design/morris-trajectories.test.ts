/** Morris trajectories: one input changes per step, by ±Δ, on the p-level grid. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { morrisDelta, morrisTrajectories } from '../../../src/analysis/design/morris-trajectories.js';
import { streamRng } from '../../../src/random/seed-tree.js';

describe('morrisTrajectories', () => {
  it('uses Δ = p / (2(p − 1)): ⅔ for 4 levels, 1 for 2', () => {
    expect(morrisDelta(4)).toBeCloseTo(2 / 3, 15);
    expect(morrisDelta(2)).toBe(1);
    expect(morrisTrajectories(1, 2, 4, streamRng(1, 0, 'morris')).delta).toBeCloseTo(2 / 3, 15);
  });

  it('changes exactly the recorded input by the recorded sign · Δ at each step, each input once, staying on the grid (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom(2, 4, 6, 8), fc.integer(), (r, d, p, seed) => {
        const design = morrisTrajectories(r, d, p, streamRng(seed, 0, 'morris'));
        expect(design.trajectories).toHaveLength(r);
        expect(design.points).toHaveLength(r * (d + 1));
        for (const { points, steps } of design.trajectories) {
          expect(points).toHaveLength(d + 1);
          expect(steps.map((s) => s.input).sort((a, b) => a - b)).toEqual(Array.from({ length: d }, (_, i) => i));
          for (const point of points) {
            for (const x of point) {
              expect(x).toBeGreaterThanOrEqual(0);
              expect(x).toBeLessThanOrEqual(1);
              expect(Math.abs(x * (p - 1) - Math.round(x * (p - 1)))).toBeLessThan(1e-12); // a grid level
            }
          }
          steps.forEach(({ input, sign }, k) => {
            for (let i = 0; i < d; i++) {
              const change = points[k + 1][i] - points[k][i];
              expect(change).toBeCloseTo(i === input ? sign * design.delta : 0, 12);
            }
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is reproducible from the seed, and visits every level of every input equally often in the long run', () => {
    const a = morrisTrajectories(50, 3, 4, streamRng(3, 0, 'morris'));
    expect(morrisTrajectories(50, 3, 4, streamRng(3, 0, 'morris'))).toEqual(a);
    // 2000 trajectories × 4 points = 8000 values per input over 4 levels: 2000 each expected,
    // binomial sd ≈ 39, so ±200 is a 5-sd band.
    const big = morrisTrajectories(2000, 3, 4, streamRng(3, 0, 'morris'));
    for (let i = 0; i < 3; i++) {
      const counts = [0, 0, 0, 0];
      for (const p of big.points) counts[Math.round(p[i] * 3)]++;
      for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
    }
    // Both directions occur.
    const signs = new Set(big.trajectories.flatMap((t) => t.steps.map((s) => s.sign)));
    expect(signs).toEqual(new Set([1, -1]));
  });

  it('rejects an odd number of levels (Δ would fall between grid levels)', () => {
    expect(() => morrisTrajectories(2, 2, 5, streamRng(1, 0, 'morris'))).toThrow(RangeError);
    expect(() => morrisTrajectories(0, 2, 4, streamRng(1, 0, 'morris'))).toThrow(RangeError);
  });
});
