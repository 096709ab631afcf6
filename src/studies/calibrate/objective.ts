/**
 * What the model says about each target, from every replication's yearly
 * values: the median over replications of the level, or of the index computed
 * within each replication (so that the ratio pairs years of the same
 * simulated history), and the residual (simulated − target) ÷ tolerance.
 * Pure: the calibration, and tests with hand-made values, call it alike.
 */
import { METRIC_INDEX, METRICS } from '../../model/metrics.js';
import { yearIndexOf } from '../../scenario/calendar.js';
import type { Target } from './targets.js';

/** The years of a scenario, which place a year in the per-year rows. */
export type Calendar = Parameters<typeof yearIndexOf>[0];

/** A target as simulated. */
export interface TargetFit {
  /** Median over replications; null when it is not a number (an index over a base of 0 in most replications). */
  readonly simulated: number | null;
  /** (simulated − target) ÷ tolerance; null when simulated is. */
  readonly residual: number | null;
  /** |residual| ≤ 1. */
  readonly within: boolean;
}

/**
 * One replication's value of a target: `values[yearIndex * METRICS.length + metric]` for a level,
 * the ratio of two years for an index. An index over a base of 0 is +∞ or −∞ (0 over 0 is 1: no
 * change), so a replication that cannot give a ratio ranks last or first instead of poisoning the median.
 */
export function replicationValue(target: Target, values: ArrayLike<number>, calendar: Calendar): number {
  const column = METRIC_INDEX[target.metric];
  const at = (year: number) => values[yearIndexOf(calendar, year) * METRICS.length + column];
  if (target.kind === 'level') return at(target.year);
  const base = at(target.base);
  const value = at(target.year);
  if (base !== 0) return value / base;
  return value === 0 ? 1 : value > 0 ? Infinity : -Infinity;
}

/** The median (type-7 quantile) of numbers that may include ±∞. */
export function median(numbers: readonly number[]): number {
  const sorted = Float64Array.from(numbers).sort();
  const h = (sorted.length - 1) / 2;
  const lo = sorted[Math.floor(h)];
  const hi = sorted[Math.ceil(h)];
  // Equal neighbours (both +∞, say) are the median; interpolating would give ∞ − ∞.
  return lo === hi ? lo : lo + (h - Math.floor(h)) * (hi - lo);
}

/** Every target's fit from the replications' values (`values[r]` as `Simulation.values`). */
export function fitTargets(targets: readonly Target[], values: readonly ArrayLike<number>[], calendar: Calendar): TargetFit[] {
  return targets.map((t) => {
    const m = median(values.map((v) => replicationValue(t, v, calendar)));
    if (!Number.isFinite(m)) return { simulated: null, residual: null, within: false };
    const residual = (m - t.value) / t.tolerance;
    return { simulated: m, residual, within: Math.abs(residual) <= 1 };
  });
}

/** Σ residual², the quantity Nelder–Mead minimises; +∞ when a target has no simulated value. */
export function objectiveOf(fits: readonly TargetFit[]): number {
  return fits.reduce((sum, f) => sum + (f.residual === null ? Infinity : f.residual ** 2), 0);
}
