/**
 * Morris elementary-effects screening (Morris 1991; μ* from Campolongo,
 * Cariboni & Saltelli 2007) from the outputs of design/morris-trajectories.ts.
 *
 * Each step of a trajectory changes one input i by ±Δ and gives one elementary
 * effect of that input:
 *   EE_i = (f(x + Δ e_i) − f(x)) / Δ,
 * i.e. (f(after) − f(before)) / (sign · Δ), so a step down is read as the step
 * up it reverses. Over the r trajectories each input has r effects, and
 *   μ  = their mean (signed: effects of opposite signs cancel),
 *   μ* = the mean of their absolute values (the ranking measure, a proxy for the
 *        total Sobol' index: an input with μ* = 0 does nothing anywhere visited),
 *   σ  = their sample standard deviation (n − 1; NaN for r = 1): large when the
 *        effect depends on where it is measured, i.e. non-linearity or interactions.
 *
 * The effects are in output units per unit of the unit cube: to compare them
 * with derivatives in a parameter's own units, divide by the width of its range.
 */
import type { MorrisDesign } from '../design/morris-trajectories.js';

export interface MorrisEffect {
  readonly mu: number;
  readonly muStar: number;
  readonly sigma: number;
  /** The r elementary effects, in trajectory order. */
  readonly effects: number[];
}

/** μ, μ* and σ per input (in input order) from outputs in the design's evaluation order (r·(d + 1) values). */
export function morrisEffects(design: MorrisDesign, outputs: ArrayLike<number>): MorrisEffect[] {
  const { trajectories, delta } = design;
  if (trajectories.length === 0) return [];
  const d = trajectories[0].steps.length;
  const expected = trajectories.length * (d + 1);
  if (outputs.length !== expected) throw new RangeError(`morrisEffects: expected ${expected} outputs (r·(d + 1)), got ${outputs.length}`);
  const effects = Array.from({ length: d }, () => [] as number[]);
  trajectories.forEach((trajectory, t) => {
    const start = t * (d + 1);
    trajectory.steps.forEach(({ input, sign }, k) => {
      const before = outputs[start + k];
      const after = outputs[start + k + 1];
      effects[input].push((after - before) / (sign * delta));
    });
  });
  return effects.map((ee) => {
    const r = ee.length;
    const mu = ee.reduce((s, e) => s + e, 0) / r;
    const muStar = ee.reduce((s, e) => s + Math.abs(e), 0) / r;
    const sigma = r > 1 ? Math.sqrt(ee.reduce((s, e) => s + (e - mu) ** 2, 0) / (r - 1)) : Number.NaN;
    return { mu, muStar, sigma, effects: ee };
  });
}
