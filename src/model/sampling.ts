/**
 * Draws used by the phases. Counts of events among many agents are drawn as
 * one binomial and then that many agents are picked, instead of one Bernoulli
 * per agent: phases touch only the agents that something happens to.
 */
import { standardNormal, type Rng } from '../random/seed-tree.js';

/**
 * Binomial(n, p). Exact inversion while the expected count of the rarer outcome is below 30;
 * above that, the normal approximation with continuity correction (error well under 1 % of sd).
 */
export function binomial(n: number, p: number, rng: Rng): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, rng);
  const mean = n * p;
  if (mean < 30) {
    // Inversion: walk the CDF from 0.
    const q = 1 - p;
    let prob = Math.pow(q, n);
    let cdf = prob;
    const u = rng();
    let k = 0;
    while (u > cdf && k < n) {
      prob *= ((n - k) / (k + 1)) * (p / q);
      cdf += prob;
      k++;
    }
    return k;
  }
  const x = Math.round(mean + Math.sqrt(mean * (1 - p)) * standardNormal(rng));
  return Math.min(n, Math.max(0, x));
}

/** Rounds x up or down at random so that the expected result is x (agents from a count of persons). */
export function stochasticRound(x: number, rng: Rng): number {
  const base = Math.floor(x);
  return base + (rng() < x - base ? 1 : 0);
}

/** A normal draw clamped to [0, 1] (skills). */
export function skillDraw(mean: number, sd: number, rng: Rng): number {
  return Math.min(1, Math.max(0, mean + sd * standardNormal(rng)));
}

/** A log-normal multiplier with median 1 and log-sd `sigma` (aptitude). */
export function lognormalMultiplier(sigma: number, rng: Rng): number {
  return Math.exp(sigma * standardNormal(rng));
}

/** Per-year probability that turns into a per-round hazard of equal total effect. */
export function perRound(yearlyProbability: number, rounds: number): number {
  return 1 - Math.pow(1 - yearlyProbability, 1 / rounds);
}
