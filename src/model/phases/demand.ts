/**
 * Mechanism 1 — demand. Each firm plans a GenAI team (staff plus open
 * postings). Every year the plan grows in logs by
 *
 *   g_f = growth(t) + workGrowth_segment(t) + ε(t) − Δ ln productivity(t) − payElasticity · Δ ln premium_AI(t−1)
 *
 * the dated driver of GenAI work, the segment's extra growth, a market-wide
 * shock, less the work that better tools absorb, less the response to last
 * year's change in the AI pay premium. The growth is applied a round at a
 * time (vacancies.ts turns the plan into postings), so postings are a flow:
 * growth plus the replacement of leavers.
 *
 * Firm births and closures (startups) also happen here: a closing firm's
 * staff become seekers and its postings disappear. Neither happens in the
 * burn-in, where every year firms plan the start year's teams again.
 */
import { closeFirm, separate } from '../employment.js';
import { standardNormal } from '../../random/seed-tree.js';
import { newFirm } from '../init.js';
import { Status } from '../population.js';
import { stochasticRound } from '../sampling.js';
import { firmsPerSimulatedFirm, refreshActiveFirms, type SimState } from '../state.js';

export function demand(state: SimState): void {
  const { yearIndex: y, market, params: p, segmentParams } = state;
  const d = p.demand;
  if (state.burnIn) {
    // A stationary market: every firm plans the start year's team again, so postings given up
    // during the year are posted anew and the market neither grows nor shrinks.
    for (let f = 0; f < state.active.length; f++) {
      const firm = state.active[f];
      firm.growth = 0;
      firm.planned = (firm.represents * segmentParams[firm.segment].headcount[0]) / state.scale;
    }
    return;
  }
  closeAndOpenFirms(state);
  const shock = standardNormal(state.streams.demand) * d.shockSd[y];
  const premium = market.aiPremiumHistory;
  const premiumChange = premium.length >= 2 ? Math.log(premium[premium.length - 1] / premium[premium.length - 2]) : 0;
  const common = d.growth[y] + shock - Math.log(market.productivity / market.lastProductivity) - d.payElasticity[y] * premiumChange;
  for (let f = 0; f < state.active.length; f++) state.active[f].growth = common + segmentParams[state.active[f].segment].workGrowth[y];
}

/** Startup deaths (staff to seeking) and births (new firms whose whole plan is still to be posted). */
function closeAndOpenFirms(state: SimState): void {
  const { yearIndex: y, firms, segmentParams, population, scale } = state;
  const rng = state.streams.demand;
  // Births are proportional to the (real) firms in business at the start of the year, so that equal
  // birth and exit rates keep the number of firms steady.
  const alive = new Float64Array(segmentParams.length);
  for (let f = 0; f < state.active.length; f++) alive[state.active[f].segment] += state.active[f].represents;
  const closing = new Uint8Array(firms.length);
  let closed = 0;
  for (let f = 0; f < firms.length; f++) {
    const firm = firms[f];
    // One draw per firm ever created, alive or not, so firm streams do not shift when a firm closes.
    const u = rng();
    if (firm.alive && u < segmentParams[firm.segment].exitRate[y]) {
      firm.alive = false;
      closing[firm.id] = 1;
      closed += firm.represents;
    }
  }
  if (closed > 0) {
    const employed = population.snapshot(Status.genai);
    for (let k = 0; k < employed.length; k++) {
      const i = employed[k];
      if (closing[population.employer[i]]) separate(state, i, Status.seeking);
    }
    for (let f = 0; f < firms.length; f++) {
      const firm = firms[f];
      if (!closing[firm.id]) continue;
      closeFirm(firm);
    }
  }
  state.counters.firmsClosed += closed;

  segmentParams.forEach((f, s) => {
    // New firms are simulated in groups like the segment's others: births of real firms ÷ firms per simulated firm.
    const group = firmsPerSimulatedFirm(f.headcount[y], scale);
    const births = stochasticRound((f.birthRate[y] * alive[s]) / group, rng);
    for (let k = 0; k < births; k++) newFirm(state, s, group, (group * f.headcount[y]) / scale, rng());
    state.counters.firmsBorn += births * group;
  });
  refreshActiveFirms(state);
}
