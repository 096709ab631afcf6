/**
 * Mechanism 2 — tool improvement. A maturity index M(t) in [0, 1] follows the
 * scenario's curve plus random breakthroughs, and, through its gain since the
 * base year (the thresholds and productivity of 2025 are the observed ones),
 *   (a) lowers each qualification threshold: θ_d(t) = θ_d · max(0, 1 − relief_d · (M − M₀)),
 *   (b) raises productivity: target headcount ∝ 1 / (1 + gain · M), relative to the base year,
 *   (c) speeds up learning: × (1 + boost · M) / (1 + boost · M₀).
 * With the lever off, M stays at its base-year value (tools as they were in 2025).
 */
import { SKILLS } from '../../scenario/schema.js';
import type { SimState } from '../state.js';

export function tools(state: SimState): void {
  applyTools(state, true);
}

/** Sets the market's tool indices for the current year; `draw` false at set-up (no breakthrough in the snapshot). */
export function applyTools(state: SimState, draw: boolean): void {
  const { market, yearIndex: y } = state;
  const p = state.params.tools;
  // Draw every simulated year, whether the lever is on or not, so the stream stays aligned across
  // scenarios; the base year is the observed snapshot, so no breakthrough changes it.
  const u = draw ? state.streams.tools() : 1;
  const breakthrough = y > 0 && u < p.breakthroughProbability[y];
  const on = state.scenario.tools.enabled;
  if (breakthrough && on) market.breakthroughs += p.breakthroughJump[y];
  state.counters.breakthrough = breakthrough && on;

  const maturity = on ? Math.min(1, Math.max(0, p.maturity[y] + market.breakthroughs)) : market.baseMaturity;
  market.maturity = maturity;
  const thresholds = state.params.qualification.thresholds;
  SKILLS.forEach((skill, d) => {
    market.thresholds[d] = thresholds[skill][y] * Math.max(0, 1 - p.thresholdRelief[skill][y] * (maturity - market.baseMaturity));
  });
  const gain = p.productivityGain[y];
  market.productivity = (1 + gain * maturity) / (1 + gain * market.baseMaturity);
  market.learning = (1 + p.learningBoost[y] * maturity) / (1 + p.learningBoost[y] * market.baseMaturity);
}
