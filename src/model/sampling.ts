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

/**
 * Binomial(n, p) for one fixed (n, p) drawn many times (every candidate's screened applications of a
 * round): the same numbers as `binomial(n, p, rng)` from the same stream, bit for bit, but where
 * `binomial` inverts by walking the distribution function (a power and a product per step) on every
 * call, this table holds the function's values, computed once by the same steps in the same order.
 */
export class BinomialTable {
  readonly n: number;
  readonly p: number;
  /** The distribution function of the rarer outcome, k = 0..n, when `binomial` inverts; otherwise undefined. */
  private readonly cdf: Float64Array | undefined;
  /** True when the table counts the complement (p above one half), as `binomial` does. */
  private readonly flipped: boolean;

  constructor(n: number, p: number) {
    this.n = n;
    this.p = p;
    this.flipped = p > 0.5 && p < 1 && n > 0;
    const q0 = this.flipped ? 1 - p : p;
    if (n > 0 && q0 > 0 && q0 < 1 && n * q0 < 30) {
      const q = 1 - q0;
      const cdf = new Float64Array(n + 1);
      let prob = Math.pow(q, n);
      let sum = prob;
      cdf[0] = sum;
      for (let k = 0; k < n; k++) {
        prob *= ((n - k) / (k + 1)) * (q0 / q);
        sum += prob;
        cdf[k + 1] = sum;
      }
      this.cdf = cdf;
    }
  }

  draw(rng: Rng): number {
    const cdf = this.cdf;
    if (cdf === undefined) return binomial(this.n, this.p, rng);
    const n = this.n;
    const u = rng();
    let k = 0;
    while (u > cdf[k] && k < n) k++;
    return this.flipped ? n - k : k;
  }
}
