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
  const factorial = [1];
  for (let k = 1; k <= n; k++) factorial.push(factorial[k - 1] * k);
  const phi = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const bit = 1 << i;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & bit) continue;
      const size = popcount(mask);
      const weight = (factorial[size] * factorial[n - size - 1]) / factorial[n];
      phi[i] += weight * (value[mask | bit] - value[mask]);
    }
  }
  return phi;
}

export function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}
