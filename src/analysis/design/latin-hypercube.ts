/**
 * Latin hypercube sampling (McKay, Beckman & Conover 1979): n points such that
 * every dimension's n equal strata [k/n, (k+1)/n) each hold exactly one point,
 * placed uniformly at random within its stratum. Each input's marginal is
 * covered evenly however few runs there are, which plain random sampling does
 * not promise.
 *
 * Draw order (so that the same seed gives the same design): dimension by
 * dimension, a Fisher–Yates shuffle of the strata (n − 1 draws), then one
 * jitter per point (n draws).
 */
import type { Rng } from '../../random/seed-tree.js';

export function latinHypercube(n: number, d: number, rng: Rng): number[][] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`latinHypercube: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`latinHypercube: d must be a positive integer, got ${d}`);
  const points = Array.from({ length: n }, () => new Array<number>(d));
  const strata = new Array<number>(n);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) strata[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const k = Math.floor(rng() * (i + 1));
      [strata[i], strata[k]] = [strata[k], strata[i]];
    }
    // min(): a jitter of 1 − 2^−53 could otherwise round (k + jitter)/n up to the next stratum.
    for (let i = 0; i < n; i++) points[i][j] = Math.min((strata[i] + rng()) / n, (strata[i] + 1) / n - Number.EPSILON / 2);
  }
  return points;
}
