/**
 * Sobol' (variance-based) sensitivity indices from the outputs of a Saltelli
 * design (design/saltelli.ts), with bootstrap confidence intervals.
 *
 * First order S_i, the share of the output's variance explained by input i on
 * its own (Saltelli et al. 2010, table 2 (b)):
 *   S_i = mean_j( f(B_j) · (f(AB_i,j) − f(A_j)) ) / V
 * Total ST_i, the share explained by i together with all its interactions
 * (Jansen 1999):
 *   ST_i = mean_j( (f(A_j) − f(AB_i,j))² ) / (2V)
 * V is the (population) variance of the 2N values f(A) and f(B). These are the
 * estimators SALib's `sobol.analyze` uses, so its results can be compared.
 *
 * The outputs are first centred on their overall mean (as SALib also does).
 * The S_i numerator is not invariant to the output's location: shifting f by c
 * adds c · mean(f(AB_i) − f(A)), which is zero only in expectation. For an
 * output such as a closing year (≈ 2032 ± 2) that term would swamp the index;
 * centred, the indices do not depend on the output's location or scale.
 *
 * Why a bootstrap and not a formula for the intervals: the estimators are
 * ratios of means of products, whose sampling distribution is skewed for
 * small N. The bootstrap resamples the N base rows j (each row's A, AB_i and B
 * outputs stay together, as they are correlated) with replacement, recomputes
 * V and every index, and takes the percentile interval of the resamples. On a
 * Sobol' (quasi-random) design the resampling treats the rows as independent,
 * which they are not, so the intervals are conservative: wider than the
 * design's real error.
 *
 * Estimates can fall outside [0, 1] (a small S_i slightly below 0, for one):
 * they are reported as computed, not clipped, so that the noise stays visible.
 */
import type { Rng } from '../../random/seed-tree.js';
import { quantileOfSorted } from '../quantiles.js';

export interface IndexEstimate {
  /** The estimate from all N base rows. */
  readonly index: number;
  /** The bootstrap percentile interval at the requested confidence. */
  readonly low: number;
  readonly high: number;
}

export interface SobolIndices {
  /** One per input, in input order. */
  readonly first: IndexEstimate[];
  readonly total: IndexEstimate[];
  /** The variance V of f over A and B. */
  readonly variance: number;
}

export interface SobolIndicesOptions {
  /** The generator for the bootstrap resamples (draw N integers per resample). */
  readonly rng: Rng;
  /** Bootstrap resamples (default 1000). */
  readonly resamples?: number;
  /** Confidence level of the intervals (default 0.95: the 2.5th and 97.5th percentiles). */
  readonly confidence?: number;
}

/**
 * The indices of d inputs from outputs in the Saltelli evaluation order: N blocks of
 * f(A_j), f(AB_0,j) … f(AB_{d−1},j), f(B_j).
 */
export function sobolIndices(outputs: ArrayLike<number>, d: number, options: SobolIndicesOptions): SobolIndices {
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`sobolIndices: d must be a positive integer, got ${d}`);
  const block = d + 2;
  if (outputs.length === 0 || outputs.length % block !== 0) {
    throw new RangeError(`sobolIndices: expected a positive multiple of d + 2 = ${block} outputs, got ${outputs.length}`);
  }
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`sobolIndices: resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`sobolIndices: confidence must be in (0, 1), got ${confidence}`);
  for (let k = 0; k < outputs.length; k++) {
    if (!Number.isFinite(outputs[k])) throw new RangeError(`sobolIndices: output ${k} is ${outputs[k]}; every evaluation must be finite`);
  }
  const n = outputs.length / block;
  let total = 0;
  for (let k = 0; k < outputs.length; k++) total += outputs[k];
  const centre = total / outputs.length;
  const centred = Float64Array.from(outputs, (f) => f - centre);

  const all = Int32Array.from({ length: n }, (_, j) => j);
  const point = estimate(centred, d, all);

  const firsts = Array.from({ length: d }, () => new Float64Array(resamples));
  const totals = Array.from({ length: d }, () => new Float64Array(resamples));
  const rows = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let k = 0; k < n; k++) rows[k] = Math.floor(options.rng() * n);
    const e = estimate(centred, d, rows);
    for (let i = 0; i < d; i++) {
      firsts[i][b] = e.first[i];
      totals[i][b] = e.total[i];
    }
  }
  const tail = (1 - confidence) / 2;
  const interval = (index: number, samples: Float64Array): IndexEstimate => {
    // A resample that drew only rows whose f(A) and f(B) are all equal has no variance and no
    // estimate (NaN, which sorts last): the interval is over the resamples that have one.
    const defined = samples.filter((x) => !Number.isNaN(x)).sort();
    return { index, low: quantileOfSorted(defined, tail), high: quantileOfSorted(defined, 1 - tail) };
  };
  return {
    first: point.first.map((s, i) => interval(s, firsts[i])),
    total: point.total.map((s, i) => interval(s, totals[i])),
    variance: point.variance,
  };
}

/** The point estimates from the base rows listed in `rows` (repeats allowed: a bootstrap resample). */
function estimate(f: ArrayLike<number>, d: number, rows: Int32Array): { first: number[]; total: number[]; variance: number } {
  const block = d + 2;
  const n = rows.length;
  // Variance of f(A) ∪ f(B), two-pass for accuracy.
  let sum = 0;
  for (const j of rows) sum += f[block * j] + f[block * j + d + 1];
  const mean = sum / (2 * n);
  let squares = 0;
  for (const j of rows) squares += (f[block * j] - mean) ** 2 + (f[block * j + d + 1] - mean) ** 2;
  const variance = squares / (2 * n);
  const first = new Array<number>(d).fill(0);
  const total = new Array<number>(d).fill(0);
  for (const j of rows) {
    const fa = f[block * j];
    const fb = f[block * j + d + 1];
    for (let i = 0; i < d; i++) {
      const fab = f[block * j + 1 + i];
      first[i] += fb * (fab - fa);
      total[i] += (fa - fab) ** 2;
    }
  }
  // A constant output has no variance to apportion: NaN rather than a division by zero that looks like a number.
  for (let i = 0; i < d; i++) {
    first[i] = variance > 0 ? first[i] / n / variance : Number.NaN;
    total[i] = variance > 0 ? total[i] / n / (2 * variance) : Number.NaN;
  }
  return { first, total, variance };
}
