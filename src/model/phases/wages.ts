/**
 * Mechanism 7 — wages. Pay moves with the tightness of the qualified market,
 * a log-wage update (the wage-curve sign: pay rises when candidates are scarce):
 *
 *   log pay_s(t+1) = log pay_s(t) + g_adj(t) + adjustment · log(positions / candidates)
 *
 * for every firm segment s, so segments keep their relative levels (the
 * frontier premium) while all move together. Adjacent software pay grows at
 * g_adj; the GenAI premium over it (the "wage distortion") is an output and
 * the signal that draws students, trainees and switchers and damps demand.
 * Employed workers' pay follows their segment's; their experience grows.
 */
import { genaiPremium } from '../init.js';
import { Status } from '../population.js';
import type { SimState } from '../state.js';

/** Tightness is kept within [1/10, 10] so that a year with no candidates (or positions) stays finite. */
const MAX_TIGHTNESS = 10;

export function wages(state: SimState): void {
  const { yearIndex: y, population, segments, market, counters } = state;
  const p = state.params.wages;
  const raw = counters.positionRounds / Math.max(1, counters.candidateRounds);
  const tightness = Math.min(MAX_TIGHTNESS, Math.max(1 / MAX_TIGHTNESS, raw));
  const adjacentGrowth = p.adjacentGrowth[y];
  const factor = Math.exp(adjacentGrowth + p.adjustment[y] * Math.log(tightness));

  market.adjacentPay *= Math.exp(adjacentGrowth);
  for (const segment of segments) segment.pay *= factor;
  for (const i of population.members[Status.genai].subarray(0, population.size[Status.genai])) {
    population.pay[i] *= factor;
    population.experience[i] += 1;
  }
  market.premium.push(genaiPremium(state));
  market.tightness.push(tightness);
}
