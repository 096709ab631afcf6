/**
 * Morris (1991) one-at-a-time trajectories, for the elementary-effects screening
 * of sensitivity/morris-effects.ts (μ* as in Campolongo, Cariboni & Saltelli 2007).
 *
 * The inputs live on a p-level grid {0, 1/(p−1), …, 1}. A trajectory starts at a
 * random grid point x* whose every coordinate is in {0, …, 1 − Δ}, then changes
 * the inputs one at a time, in a random order, each by +Δ or −Δ, so that it has
 * d + 1 points and step k changes exactly one input. With Δ = p / (2(p − 1)) and
 * p even, every level is equally likely to be visited, which is why Morris
 * recommends it; this implementation requires p even (p = 4 is the usual choice).
 *
 * This is B* = (J x* + (Δ/2)[(2B − J) D* + J]) P* of Morris's paper: for input i
 * with D*_i = +1 the trajectory goes from x*_i up to x*_i + Δ; with D*_i = −1 it
 * starts at x*_i + Δ and steps down to x*_i.
 *
 * These r trajectories are all random; morris-selection.ts draws a larger pool
 * with this function and keeps the r most spread out (Campolongo et al. 2007),
 * which is what `hiresim sensitivity --method morris` uses.
 *
 * Draw order per trajectory: d draws for x* (input 0 first), d for the
 * directions, then d − 1 for the Fisher–Yates shuffle of the input order.
 */
import type { Rng } from '../../random/seed-tree.js';

export interface MorrisStep {
  /** The input (0-based) this step changes. */
  readonly input: number;
  /** +1 when the input went up by Δ, −1 when it went down. */
  readonly sign: 1 | -1;
}

export interface MorrisTrajectory {
  /** d + 1 points; points[k + 1] differs from points[k] in steps[k].input only, by steps[k].sign · Δ. */
  readonly points: number[][];
  readonly steps: MorrisStep[];
}

export interface MorrisDesign {
  /** The number of grid levels p and the step Δ = p / (2(p − 1)). */
  readonly levels: number;
  readonly delta: number;
  readonly trajectories: MorrisTrajectory[];
  /** All r·(d + 1) points in evaluation order: trajectory by trajectory, point by point. */
  readonly points: number[][];
}

/** Δ = p / (2(p − 1)). */
export function morrisDelta(levels: number): number {
  return levels / (2 * (levels - 1));
}

export function morrisTrajectories(r: number, d: number, levels: number, rng: Rng): MorrisDesign {
  if (!Number.isInteger(r) || r < 1) throw new RangeError(`morrisTrajectories: r must be a positive integer, got ${r}`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`morrisTrajectories: d must be a positive integer, got ${d}`);
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) {
    throw new RangeError(`morrisTrajectories: levels must be an even integer ≥ 2, got ${levels}`);
  }
  const p = levels;
  const half = p / 2; // Δ in grid steps: Δ = (p/2) / (p − 1)
  const delta = morrisDelta(p);
  const trajectories: MorrisTrajectory[] = [];
  for (let t = 0; t < r; t++) {
    // Grid indices: the start in {0, …, p/2 − 1}, so that start + p/2 ≤ p − 1.
    const low = Array.from({ length: d }, () => Math.floor(rng() * half));
    const signs = Array.from({ length: d }, (): 1 | -1 => (rng() < 0.5 ? 1 : -1));
    const order = Array.from({ length: d }, (_, i) => i);
    for (let i = d - 1; i > 0; i--) {
      const k = Math.floor(rng() * (i + 1));
      [order[i], order[k]] = [order[k], order[i]];
    }
    let index = low.map((l, i) => (signs[i] === 1 ? l : l + half));
    const points = [index.map((g) => g / (p - 1))];
    const steps: MorrisStep[] = [];
    for (const i of order) {
      index = index.slice();
      index[i] += signs[i] * half;
      points.push(index.map((g) => g / (p - 1)));
      steps.push({ input: i, sign: signs[i] });
    }
    trajectories.push({ points, steps });
  }
  return { levels: p, delta, trajectories, points: trajectories.flatMap((t) => t.points) };
}
