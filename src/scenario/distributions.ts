/**
 * Parameter distributions, sampled once per replication so that uncertainty
 * about an input flows into the Monte Carlo bands.
 */
import * as z from 'zod';
import { standardNormal, type Rng } from '../random/seed-tree.js';

const source = z.string().min(1).optional().describe('Where the figure comes from (publication, year), or "assumption: why".');
/** Model quantities stay far below this; larger inputs would overflow to ±Infinity when sampled. */
export const MAX_MAGNITUDE = 1e15;
const num = z.number().min(-MAX_MAGNITUDE).max(MAX_MAGNITUDE);

export const distributionSchema = z.discriminatedUnion('dist', [
  z.strictObject({
    dist: z.literal('normal'),
    mean: num,
    sd: num.check(z.nonnegative()),
    min: num.optional().describe('Truncate below (resample).'),
    max: num.optional().describe('Truncate above (resample).'),
    source,
  }),
  z.strictObject({
    dist: z.literal('lognormal'),
    median: num.check(z.positive()),
    sigma: num.check(z.nonnegative(), z.lte(10)).describe('Standard deviation of the logarithm (at most 10).'),
    min: num.optional(),
    max: num.optional(),
    source,
  }),
  z.strictObject({ dist: z.literal('uniform'), min: num, max: num, source }),
  z.strictObject({ dist: z.literal('triangular'), min: num, mode: num, max: num, source }),
  z.strictObject({
    dist: z.literal('beta'),
    alpha: num.check(z.positive()),
    beta: num.check(z.positive()),
    min: num.optional().describe('Lower end of the scaled support (default 0).'),
    max: num.optional().describe('Upper end of the scaled support (default 1).'),
    source,
  }),
]);

export type Distribution = z.output<typeof distributionSchema>;
export const DISTRIBUTION_NAMES = ['normal', 'lognormal', 'uniform', 'triangular', 'beta'] as const;

/** A problem with a distribution's own parameters (beyond their types). */
export interface DistributionProblem {
  readonly key: string;
  readonly expected: string;
  readonly found: string;
}

/** Cross-parameter rules: bounds in order, mode inside them. */
export function distributionProblems(d: Distribution): DistributionProblem[] {
  const problems: DistributionProblem[] = [];
  const lo = 'min' in d ? d.min : undefined;
  const hi = 'max' in d ? d.max : undefined;
  if (lo !== undefined && hi !== undefined && !(lo < hi)) {
    problems.push({ key: 'max', expected: `max greater than min (${lo})`, found: `number ${hi}` });
  }
  if (d.dist === 'triangular' && lo !== undefined && hi !== undefined && lo < hi && !(d.mode >= lo && d.mode <= hi)) {
    problems.push({ key: 'mode', expected: `a mode between min (${lo}) and max (${hi})`, found: `number ${d.mode}` });
  }
  if (d.dist === 'normal' && problems.length === 0) {
    // Truncation that leaves almost no mass would make rejection sampling spin.
    const [a, b] = [(lo ?? -Infinity) - d.mean, (hi ?? Infinity) - d.mean].map((x) => x / (d.sd || 1));
    if (d.sd > 0 && (a > 3 || b < -3)) {
      problems.push({ key: lo !== undefined && a > 3 ? 'min' : 'max', expected: 'truncation bounds within 3 sd of the mean', found: `bounds [${lo ?? '-∞'}, ${hi ?? '∞'}] around mean ${d.mean} sd ${d.sd}` });
    }
  }
  if (d.dist === 'lognormal' && lo !== undefined && lo < 0) {
    problems.push({ key: 'min', expected: 'min ≥ 0 (a lognormal is positive)', found: `number ${lo}` });
  }
  return problems;
}

/** The closed interval the distribution can produce. */
export function support(d: Distribution): [number, number] {
  switch (d.dist) {
    case 'normal':
      return d.sd === 0 ? [d.mean, d.mean] : [d.min ?? -Infinity, d.max ?? Infinity];
    case 'lognormal':
      return d.sigma === 0 ? [d.median, d.median] : [Math.max(0, d.min ?? 0), d.max ?? Infinity];
    case 'uniform':
    case 'triangular':
      return [d.min, d.max];
    case 'beta':
      return [d.min ?? 0, d.max ?? 1];
  }
}

/** A representative value (mean, median or mode) used to check formulas before sampling. */
export function centralValue(d: Distribution): number {
  const [lo, hi] = support(d);
  switch (d.dist) {
    case 'normal':
      return Math.min(hi, Math.max(lo, d.mean));
    case 'lognormal':
      return Math.min(hi, Math.max(lo, d.median));
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return d.mode;
    case 'beta':
      return lo + ((hi - lo) * d.alpha) / (d.alpha + d.beta);
  }
}

/** Draws one value. Truncated normals and lognormals resample until inside their bounds. */
export function sample(d: Distribution, rng: Rng): number {
  switch (d.dist) {
    case 'normal':
      return truncated(() => d.mean + d.sd * standardNormal(rng), d.min, d.max);
    case 'lognormal':
      return truncated(() => d.median * Math.exp(d.sigma * standardNormal(rng)), d.min, d.max);
    case 'uniform':
      return between(d.min, d.max, rng());
    case 'triangular': {
      const { min, mode, max } = d;
      const u = rng();
      const cut = (mode - min) / (max - min);
      return u < cut ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
    }
    case 'beta': {
      // X / (X + Y) for X ~ Gamma(alpha), Y ~ Gamma(beta), in log space: for small shapes both
      // gamma draws can underflow to 0, and 0 / 0 would be NaN.
      const lx = logGamma(d.alpha, rng);
      const ly = logGamma(d.beta, rng);
      const lo = d.min ?? 0;
      const hi = d.max ?? 1;
      return between(lo, hi, 1 / (1 + Math.exp(ly - lx)));
    }
  }
}

/** lo + (hi - lo) * r for r in [0, 1], never rounded past hi. */
function between(lo: number, hi: number, r: number): number {
  return Math.min(hi, lo + (hi - lo) * r);
}

function truncated(draw: () => number, lo: number | undefined, hi: number | undefined): number {
  // distributionProblems keeps the bounds within 3 sd, so acceptance is ≥ 0.13 % and 10,000 tries
  // fail with probability < 1e-5; the clamp is a last resort that keeps the value in bounds.
  for (let i = 0; i < 10_000; i++) {
    const x = draw();
    if ((lo === undefined || x >= lo) && (hi === undefined || x <= hi)) return x;
  }
  return Math.min(hi ?? Infinity, Math.max(lo ?? -Infinity, draw()));
}

/** The logarithm of a Gamma(shape, 1) draw; the shape < 1 boost is applied in log space so it cannot underflow. */
function logGamma(shape: number, rng: Rng): number {
  if (shape < 1) return logGamma(shape + 1, rng) + Math.log(1 - rng()) / shape;
  return Math.log(gamma(shape, rng));
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), for shape ≥ 1. */
function gamma(shape: number, rng: Rng): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
