/** Summaries over replications. */

export interface Band {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly mean: number;
}

/** Linear-interpolation quantile (Hyndman & Fan type 7, as R and numpy default) of sorted values. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The 10–50–90 % band and the mean of a sample. */
export function band(values: ArrayLike<number>): Band {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let k = 0; k < sorted.length; k++) sum += sorted[k];
  return {
    p10: quantileOfSorted(sorted, 0.1),
    p50: quantileOfSorted(sorted, 0.5),
    p90: quantileOfSorted(sorted, 0.9),
    mean: sum / sorted.length,
  };
}
