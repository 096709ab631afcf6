/**
 * Mechanism 2 — tool improvement. A maturity index M(t) in [0, 1] follows the
 * scenario's curve plus random breakthroughs, and, through its distance from
 * the base year's maturity M_b (the thresholds and productivity of the seed's
 * year are the reference),
 *   (a) moves each qualification threshold: θ_d(t) = θ_d · max(0, 1 − relief_d · (M − M_b)),
 *   (b) sets productivity (1 + gain · M) / (1 + gain · M_b): plans grow with its change,
 *   (c) sets learning speed (1 + boost · M) / (1 + boost · M_b).
 * With the lever off, M stays at M_b from the base year on (tools as they were then).
 */
import { baseIndex } from '../../scenario/calendar.js';
import { SKILLS } from '../../scenario/schema.js';
import { leverOn, type SimState } from '../state.js';

export function tools(state: SimState): void {
  applyTools(state, !state.burnIn);
}

/** Sets the market's tool indices for the current year; `draw` false at set-up and in the burn-in (no breakthroughs). */
export function applyTools(state: SimState, draw: boolean): void {
  const { market, yearIndex: y } = state;
  const p = state.params.tools;
  // One draw every recorded year, whether the lever is on or not, so the stream stays aligned across scenarios.
  const u = draw ? state.streams.tools() : 1;
  const on = leverOn(state, 'tools');
  // History is the observed path of maturity: breakthroughs are projected from the base year on.
  const breakthrough = draw && y >= baseIndex(state.scenario) && u < p.breakthroughProbability[y] && on;
  if (breakthrough) market.breakthroughs += p.breakthroughJump[y];
  state.counters.breakthrough = breakthrough;

  const maturity = on ? Math.min(1, Math.max(0, p.maturity[y] + market.breakthroughs)) : market.baseMaturity;
  market.maturity = maturity;
  const thresholds = state.params.qualification.thresholds;
  SKILLS.forEach((skill, d) => {
    market.thresholds[d] = thresholds[skill][y] * Math.max(0, 1 - p.thresholdRelief[skill][y] * (maturity - market.baseMaturity));
  });
  const gain = p.productivityGain[y];
  market.lastProductivity = market.productivity;
  market.productivity = (1 + gain * maturity) / (1 + gain * market.baseMaturity);
  if (!draw) market.lastProductivity = market.productivity;
  market.learning = (1 + p.learningBoost[y] * maturity) / (1 + p.learningBoost[y] * market.baseMaturity);
}
