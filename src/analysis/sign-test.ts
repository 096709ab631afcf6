/**
 * The exact two-sided sign test on paired outcomes: of the pairs that differ, how many went one
 * way and how many the other. It needs only the order within each pair, not a number, so a pair
 * where one run closes the gap by the horizon and the other does not still counts (the one that
 * closes is earlier), which a mean of year differences cannot use.
 *
 * Under "no difference" each differing pair goes either way with probability ½, so the count one
 * way is Binomial(pairs, ½); the two-sided p-value doubles the smaller tail.
 */

/** The test's level: two-sided 10 %, the same as the 90 % intervals everywhere else. */
export const SIGN_TEST_LEVEL = 0.1;

/** z for a two-sided 10 % test (the 95th percentile of the standard normal). */
const Z90 = 1.6448536269514722;

/**
 * Exact two-sided p-value of `up` pairs one way and `down` the other (ties left out):
 * min(1, 2 · P(X ≤ min(up, down))) for X ~ Binomial(up + down, ½); 1 without a differing pair.
 */
export function signTestPValue(up: number, down: number): number {
  const m = up + down;
  if (m === 0) return 1;
  const k = Math.min(up, down);
  // Terms C(m, i) / 2^m for i ≤ k grow with i (k ≤ m/2): sum them relative to the largest, in
  // logarithms, so that thousands of pairs neither underflow 2^-m nor overflow C(m, i).
  let logLargest = -m * Math.LN2;
  for (let i = 0; i < k; i++) logLargest += Math.log((m - i) / (i + 1));
  let relative = 1;
  let term = 1;
  for (let i = k; i > 0; i--) {
    term *= i / (m - i + 1);
    relative += term;
  }
  return Math.min(1, 2 * Math.exp(logLargest) * relative);
}

/** Fewest differing pairs, all one way, for which the test can reject at all (5 at the 10 % level). */
export const FEWEST_DECISIVE_PAIRS = (() => {
  let m = 1;
  while (signTestPValue(m, 0) >= SIGN_TEST_LEVEL) m++;
  return m;
})();

/**
 * About how many replications would make the test reject if the shares one way (`pUp`) and the
 * other (`pDown`) stayed as measured: from the test's normal approximation,
 * n ≥ z² (pUp + pDown) / (pUp − pDown)², and never fewer than it takes to have FEWEST_DECISIVE_PAIRS
 * differing pairs. Null when the shares are equal (nothing to resolve).
 */
export function replicationsForSignTest(pUp: number, pDown: number): number | null {
  const differing = pUp + pDown;
  const net = pUp - pDown;
  if (net === 0 || differing === 0) return null;
  return Math.max(Math.ceil((Z90 * Z90 * differing) / (net * net)), Math.ceil(FEWEST_DECISIVE_PAIRS / differing));
}
