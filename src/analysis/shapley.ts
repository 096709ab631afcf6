/**
 * Shapley values of levers: each lever's share of the difference between all
 * levers on and all off, averaged over every order in which the levers could
 * be switched on (exact: every subset is evaluated).
 *
 *   φ_i = Σ_{S ⊆ L∖{i}} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S))
 *
 * They add up to v(L) − v(∅) (efficiency).
 */

/** The number of levers for which every subset is still run (2⁶ = 64 scenario runs). */
export const MAX_EXACT_LEVERS = 6;

/**
 * Shapley values for a value function given on every subset, as an array indexed by bitmask
 * (bit i set = lever i on): value[mask].
 */
export function shapleyValues(n: number, value: ArrayLike<number>): number[] {
  if (value.length !== 1 << n) throw new Error(`expected ${1 << n} subset values, got ${value.length}`);
  const phi = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const bit = 1 << i;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & bit) continue;
      phi[i] += shapleyWeight(n, mask) * (value[mask | bit] - value[mask]);
    }
  }
  return phi;
}

/**
 * The weight |S|! (n − |S| − 1)! / n! of switching a lever on with the subset `mask` (the lever not
 * in it) already on; a lever's weights over every such subset add up to 1.
 */
export function shapleyWeight(n: number, mask: number): number {
  const size = popcount(mask);
  return (factorial(size) * factorial(n - size - 1)) / factorial(n);
}

function factorial(k: number): number {
  let f = 1;
  for (let j = 2; j <= k; j++) f *= j;
  return f;
}

export function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}
