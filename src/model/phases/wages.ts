/**
 * Mechanism 7 — wages, a wage curve in levels with partial adjustment.
 *
 * GenAI pay at a segment's firms is  payRatio_s × adjacentPay(t) × A(t):  a
 * structural ratio (frontier labs pay several times the adjacent median in
 * any market), adjacent software pay (a dated driver), and the AI premium A,
 * which answers the qualified market's tightness T = open positions ÷
 * qualified candidates. Its equilibrium is a level, A* = T^β (1 when the two
 * balance; the wage curve of Blanchflower & Oswald, in tightness), and A
 * moves part of the way towards it each year,
 *
 *   ln A ← ln A + λ · (ln A* − ln A),   λ = adjustment upwards, downwardAdjustment downwards,
 *
 * the partial-adjustment form that nests a levels wage curve (λ = 1) and a
 * growth rule (λ → 0) (Blanchard & Katz 1999); a smaller λ downwards is
 * downward stickiness (Dickens et al. 2007). So pay rises while candidates
 * are scarce, falls back in a surplus, and never compounds. Employed
 * workers' pay moves with their segment's; their experience grows.
 */
import { genaiPremium } from '../init.js';
import { Status } from '../population.js';
import type { SimState } from '../state.js';

/** Tightness is kept within [1/10, 10] so that a year with no candidates (or positions) stays finite. */
export const MAX_TIGHTNESS = 10;

export function wages(state: SimState): void {
  const { yearIndex: y, population, segments, market, counters } = state;
  const p = state.params.wages;
  const tightness = yearTightness(counters.positionRounds, counters.candidateRounds);
  const target = Math.log(tightness) * p.curveElasticity[y];
  const current = Math.log(market.aiPremium);
  const speed = target >= current ? p.adjustment[y] : p.downwardAdjustment[y];
  market.aiPremium = Math.exp(current + speed * (target - current));
  market.adjacentPay = p.adjacentPay[y];
  const before = segments.map((segment) => segment.pay);
  setSegmentPay(state, y);

  const factorOfFirm = new Float64Array(state.firms.length);
  for (let f = 0; f < state.firms.length; f++) factorOfFirm[f] = segments[state.firms[f].segment].pay / before[state.firms[f].segment];
  // Each worker's pay and experience change on their own, so the staff are visited in slot order
  // (a front-to-back scan of the status array), not in their member list's scattered order.
  const { pay, experience, employer, status } = population;
  for (let i = 0, end = population.highWater; i < end; i++) {
    if (status[i] !== Status.genai) continue;
    pay[i] *= factorOfFirm[employer[i]];
    experience[i] += 1;
  }
  market.aiPremiumHistory.push(market.aiPremium);
  market.premium.push(genaiPremium(state));
  market.tightness.push(tightness);
  market.lastGap = counters.positionRounds > 0 ? 1 - counters.candidateRounds / counters.positionRounds : 0;
}

/** Sets each segment's pay from its structural ratio, the current adjacent pay and the AI premium. */
export function setSegmentPay(state: SimState, y: number): void {
  const { segments, segmentParams, market } = state;
  segments.forEach((segment, s) => {
    segment.pay = segmentParams[s].payRatio[y] * market.adjacentPay * market.aiPremium;
  });
}

/** Open positions ÷ qualified candidates over the year's rounds, within [1/10, 10]. */
export function yearTightness(positionRounds: number, candidateRounds: number): number {
  const raw = positionRounds / Math.max(1e-9, candidateRounds);
  return Math.min(MAX_TIGHTNESS, Math.max(1 / MAX_TIGHTNESS, raw));
}
