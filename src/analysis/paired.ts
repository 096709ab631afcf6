/**
 * Paired differences between two scenarios run on the same replication seeds
 * (common random numbers): replication r of B minus replication r of A. The
 * pairing removes the noise the two runs share, so a policy's effect is
 * measured with far fewer replications than two independent runs would need.
 */
import { quantileOfSorted } from './quantiles.js';
import type { ClosureOutcome } from './closure.js';
import { replicationsForSignTest, SIGN_TEST_LEVEL, signTestPValue } from './sign-test.js';

/** z for a two-sided 90 % interval. */
const Z90 = 1.6448536269514722;

export interface PairedDifference {
  /** Median and 5th/95th percentiles of the paired differences (their spread across replications). */
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
  readonly mean: number;
  /** 90 % confidence interval of the mean difference (normal approximation). */
  readonly meanLow: number;
  readonly meanHigh: number;
  /** The confidence interval spans zero: the difference is not resolved from noise. */
  readonly withinNoise: boolean;
  /**
   * Replications for the 90 % interval of the mean to exclude zero, if the mean and spread stayed as
   * measured: ⌈(z · sd / |mean|)²⌉; null when the mean is exactly zero (no effect to resolve).
   */
  readonly replicationsToResolve: number | null;
}

export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): PairedDifference {
  const n = Math.min(a.length, b.length);
  const d = new Float64Array(n);
  for (let r = 0; r < n; r++) d[r] = b[r] - a[r];
  return describeDifferences(d);
}

/**
 * A paired ratio B ÷ A of a positive, unbounded measure (qualified candidates per 100 open
 * positions), summarised on the log scale where such ratios are symmetric: ×2 and ×0.5 are equally
 * far from ×1. The spread is of the per-replication ratios; the centre is their geometric mean with
 * the 90 % interval of the mean log ratio, exponentiated.
 */
export interface PairedRatio {
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
  readonly geometricMean: number;
  readonly low: number;
  readonly high: number;
  /** The interval spans ×1: the ratio is not resolved from noise. */
  readonly withinNoise: boolean;
  /** As for differences, of the log ratio; null when the geometric mean is exactly 1. */
  readonly replicationsToResolve: number | null;
}

/** Values below this (per 100) are taken at it, so that a year with no candidates keeps a finite ratio. */
export const RATIO_FLOOR = 0.1;

/** Replication r of B divided by replication r of A, summarised on the log scale. */
export function pairedRatio(a: ArrayLike<number>, b: ArrayLike<number>): PairedRatio {
  const n = Math.min(a.length, b.length);
  const logs = new Float64Array(n);
  for (let r = 0; r < n; r++) logs[r] = Math.log(Math.max(RATIO_FLOOR, b[r]) / Math.max(RATIO_FLOOR, a[r]));
  return ratioOfLogDifferences(describeDifferences(logs));
}

/** The natural log of a value per 100, floored at RATIO_FLOOR: the scale ratios are compared on. */
export function logPer100(x: number): number {
  return Math.log(Math.max(RATIO_FLOOR, x));
}

/** A summary of log differences (e.g. Shapley values of a log) read back as ratios. */
export function ratioOfLogDifferences(d: PairedDifference): PairedRatio {
  return {
    p5: Math.exp(d.p5),
    p50: Math.exp(d.p50),
    p95: Math.exp(d.p95),
    geometricMean: Math.exp(d.mean),
    low: Math.exp(d.meanLow),
    high: Math.exp(d.meanHigh),
    withinNoise: d.withinNoise,
    replicationsToResolve: d.replicationsToResolve,
  };
}

/** Spread, mean and 90 % interval of the mean of a set of per-replication differences. */
export function describeDifferences(d: Float64Array): PairedDifference {
  const n = d.length;
  let sum = 0;
  for (const x of d) sum += x;
  const mean = n > 0 ? sum / n : 0;
  let squares = 0;
  for (const x of d) squares += (x - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  const half = n > 0 ? (Z90 * sd) / Math.sqrt(n) : Infinity;
  const sorted = Float64Array.from(d).sort();
  const meanLow = mean - half;
  const meanHigh = mean + half;
  return {
    p5: quantileOfSorted(sorted, 0.05),
    p50: quantileOfSorted(sorted, 0.5),
    p95: quantileOfSorted(sorted, 0.95),
    mean,
    meanLow,
    meanHigh,
    withinNoise: !(meanLow > 0 || meanHigh < 0),
    replicationsToResolve: mean === 0 ? null : Math.max(2, Math.ceil(((Z90 * sd) / Math.abs(mean)) ** 2)),
  };
}

/** Which way B's closing year lies from A's. */
export type Direction = 'earlier' | 'later' | 'same';

/**
 * The closing-year comparison of B against A, replication by replication. Differences are B − A in
 * years: negative means B closes earlier. A run that does not close by the horizon (censored, "open")
 * is placed after every year, so a pair where only one closes is still ordered.
 */
export interface ClosingYearDifference {
  /** Share of replications where B closes strictly earlier than A (also: B closes, A stays open). */
  readonly probabilityEarlier: number;
  /** Share where B closes strictly later than A (also: A closes, B stays open). */
  readonly probabilityLater: number;
  /** Both closed in the same year. */
  readonly probabilitySame: number;
  /** Neither closed by the horizon. */
  readonly probabilityBothCensored: number;
  /** probabilitySame + probabilityBothCensored: earlier + later + this = 1. */
  readonly probabilitySameOrNeither: number;
  /**
   * Quantiles of B's closing year minus A's (years; negative: B earlier) over the pairs where at
   * least one closes, with an open run placed after every year: null where that decides the
   * quantile (the difference is then "more than the years left").
   */
  readonly p5: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  /** The direction of p50, also where p50 is null; null when no pair has a run that closes. */
  readonly medianDirection: Direction | null;
  /**
   * The verdict: the exact two-sided sign test at the 10 % level over the ordered pairs (earlier
   * against later; same-year pairs and pairs where neither closes count for neither side).
   */
  readonly signTest: {
    readonly earlier: number;
    readonly later: number;
    readonly replications: number;
    readonly pValue: number;
    /** pValue < 0.1: B closes earlier (or later) than A beyond noise. */
    readonly resolved: boolean;
    /** The side with more pairs; null when as many pairs go each way. */
    readonly direction: 'earlier' | 'later' | null;
    /** About the replications for the test to resolve the difference if the shares stayed as measured; null when they are equal. */
    readonly replicationsToResolve: number | null;
  };
  /**
   * Over the replications where both closed only (a conditional summary, not the verdict): the mean
   * difference in years (negative: earlier), its interval and noise verdict.
   */
  readonly bothClosed: (PairedDifference & { readonly replications: number }) | null;
}

export function closingYearDifference(a: readonly ClosureOutcome[], b: readonly ClosureOutcome[]): ClosingYearDifference {
  const n = Math.min(a.length, b.length);
  const year = (o: ClosureOutcome) => (o.kind === 'closed' ? o.year : Infinity);
  const diffs: number[] = [];
  const finite: number[] = [];
  let earlier = 0;
  let later = 0;
  let same = 0;
  let bothCensored = 0;
  for (let r = 0; r < n; r++) {
    const ya = year(a[r]);
    const yb = year(b[r]);
    if (ya === Infinity && yb === Infinity) {
      bothCensored++;
      continue;
    }
    if (yb < ya) earlier++;
    else if (yb > ya) later++;
    else same++;
    const d = yb - ya; // ±Infinity when one of the pair is censored
    diffs.push(d);
    if (Number.isFinite(d)) finite.push(d);
  }
  diffs.sort((x, y) => x - y);
  // Inverse empirical CDF (no interpolation: infinities cannot be averaged with years).
  const at = (q: number) => diffs[Math.min(diffs.length - 1, Math.max(0, Math.ceil(q * diffs.length) - 1))];
  const quantile = (q: number) => {
    if (diffs.length === 0) return null;
    const x = at(q);
    return Number.isFinite(x) ? x : null;
  };
  const median = diffs.length === 0 ? undefined : at(0.5);
  const pValue = signTestPValue(earlier, later);
  return {
    probabilityEarlier: earlier / n,
    probabilityLater: later / n,
    probabilitySame: same / n,
    probabilityBothCensored: bothCensored / n,
    probabilitySameOrNeither: (same + bothCensored) / n,
    p5: quantile(0.05),
    p50: quantile(0.5),
    p95: quantile(0.95),
    medianDirection: median === undefined ? null : median < 0 ? 'earlier' : median > 0 ? 'later' : 'same',
    signTest: {
      earlier,
      later,
      replications: n,
      pValue,
      resolved: pValue < SIGN_TEST_LEVEL,
      direction: earlier > later ? 'earlier' : later > earlier ? 'later' : null,
      replicationsToResolve: replicationsForSignTest(earlier / n, later / n),
    },
    bothClosed: finite.length > 0 ? { ...describeDifferences(Float64Array.from(finite)), replications: finite.length } : null,
  };
}
