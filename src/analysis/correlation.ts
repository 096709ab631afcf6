/** Correlation coefficients: Pearson's on values, Spearman's on ranks. Pure. */

/** Pearson's correlation, in [−1, 1]; null for fewer than two pairs, unequal lengths, or a constant side. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n !== y.length || n < 2) return null;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  // Rounding can take |r| a hair above 1.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's ρ: Pearson's correlation of the ranks (ties share their mean rank); null for fewer than three pairs or a constant side. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length || x.length < 3) return null;
  return pearson(ranks(x), ranks(y));
}

/** 1-based ranks; tied values (Infinity included) share their mean rank. */
export function ranks(x: readonly number[]): number[] {
  const order = x.map((_, i) => i).sort((a, b) => (x[a] === x[b] ? 0 : x[a] < x[b] ? -1 : 1));
  const r = new Array<number>(x.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && x[order[j + 1]] === x[order[i]]) j++;
    for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}
