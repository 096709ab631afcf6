/**
 * Mechanism 6 — acqui-hires. Once open positions have outnumbered qualified
 * candidates for `triggerYears` years running (a persistent shortage), each
 * firm with an acquisition budget buys a startup with probability
 * `probability` a year. The startup's team moves to the buyer (no new supply:
 * it fills the buyer's open postings first), the startup's own plan
 * disappears, and the price is team size × price per engineer. Acquired staff
 * have a retention package that vests after `retentionCliffYears`; at the
 * cliff a share of them leave to seek other work.
 *
 * Everything is priced in persons: whether a team fits a budget is judged on
 * the average startup team in persons, and the spend is for the agents that
 * move (× scale). A deal buys one real firm: when small startups are
 * simulated together (state.ts), it takes that firm's share of the group's
 * staff, rounded without bias. So deals, engineers and spend do not depend on
 * how many persons an agent stands for.
 */
import { joinBuyer, sellTeam, separate } from '../employment.js';
import { Status } from '../population.js';
import { currentYear, leverOn, refreshActiveFirms, type Firm, type SimState } from '../state.js';

export function acquihires(state: SimState): void {
  const { yearIndex: y, population, segmentParams, segments, scale, market } = state;
  const rng = state.streams.acquihires;
  const p = state.params.acquihires;
  const year = currentYear(state);

  // Retention cliffs of earlier deals.
  const leaveAtCliff = p.leaveAtCliff[y];
  // Skipped when no package vests this year or later: no worker can reach a cliff, and the loop draws only for those who do.
  const cliffsDue = !(market.latestCliffYear < year);
  const staffNow = cliffsDue ? population.snapshot(Status.genai) : NO_AGENTS;
  for (let k = 0; k < staffNow.length; k++) {
    const i = staffNow[k];
    if (population.cliffYear[i] !== year) continue;
    population.cliffYear[i] = 0;
    if (rng() < leaveAtCliff) {
      separate(state, i, Status.seeking);
      state.counters.cliffLeavers++;
    }
  }
  if (state.burnIn || !leverOn(state, 'acquihires')) return;

  const trigger = p.triggerYears;
  const tightness = market.tightness;
  const shortage = tightness.length >= trigger && tightness.slice(-trigger).every((t) => t > 1);
  const targets = state.active.filter((f) => segments[f.segment].acquirable && f.represents > 0);
  let targetFirms = targets.reduce((n, f) => n + f.represents, 0);
  // The average team of an acquirable firm, in persons: what a buyer weighs against its budget.
  const team = targetFirms > 0 ? (targets.reduce((n, f) => n + f.employees, 0) * scale) / targetFirms : 0;
  const price = p.pricePerEngineer[y];
  const moves: { target: Firm; buyer: Firm; agents: number }[] = [];
  for (let b = 0; b < state.active.length; b++) {
    const buyer = state.active[b];
    // Two draws for every firm in business, whether or not it may buy, so that scenarios with other
    // triggers or probabilities still pair their draws firm by firm (common random numbers).
    const decide = rng();
    const choose = rng();
    if (!shortage || targetFirms < 1e-9) continue;
    const budget = segmentParams[buyer.segment].acquisitionBudget[y];
    if (budget <= 0 || team * price > budget) continue;
    // Each of the real firms the buyer stands for buys with `probability`: probability × represents
    // deals, rounded with `decide` (one deal or none for a firm simulated alone, as before).
    const expected = p.probability[y] * buyer.represents;
    const deals = Math.floor(expected) + (decide < expected - Math.floor(expected) ? 1 : 0);
    for (let k = 0; k < deals && targetFirms >= 1e-9; k++) {
      // One real firm, uniformly: a simulated firm in proportion to the real firms it stands for.
      const target = pickByWeight(targets, (k === 0 ? choose : rng()) * targetFirms);
      if (!target || target.id === buyer.id || !target.alive) continue;
      const share = Math.min(1, 1 / target.represents);
      const agents = share === 1 ? target.employees : Math.min(target.employees, Math.floor(target.employees * share + rng()));
      const postings = share === 1 ? target.postings : Math.min(target.postings, Math.floor(target.postings * share + rng()));
      // The headcount moves at the deal (later deals this year read it); the people once all are made.
      sellTeam(target, buyer, agents);
      target.postings -= postings;
      target.planned -= target.planned * share;
      target.represents -= share * target.represents;
      targetFirms -= 1;
      if (target.represents <= 1e-9) target.alive = false;
      // A firm that has just bought is not itself for sale this year (its new staff would follow it to a third firm).
      const buyerAsTarget = targets.indexOf(buyer);
      if (buyerAsTarget >= 0) {
        targetFirms -= buyer.represents;
        targets.splice(buyerAsTarget, 1);
      }
      moves.push({ target, buyer, agents });
      state.counters.acquisitions++;
      state.counters.acquiredEngineers += agents;
      state.counters.acquisitionSpend += agents * scale * price;
    }
  }
  if (moves.length === 0) return;
  refreshActiveFirms(state);
  // The moving agents: drawn at random from each target's staff, in the order the deals were made.
  const staff = new Map<number, number[]>();
  for (const { target } of moves) staff.set(target.id, []);
  const employed = population.snapshot(Status.genai);
  for (let k = 0; k < employed.length; k++) staff.get(population.employer[employed[k]])?.push(employed[k]);
  for (const list of staff.values()) {
    for (let k = list.length - 1; k > 0; k--) {
      const j = Math.floor(rng() * (k + 1));
      [list[k], list[j]] = [list[j], list[k]];
    }
  }
  const cliff = year + p.retentionCliffYears;
  market.latestCliffYear = Math.max(market.latestCliffYear, cliff);
  for (const { target, buyer, agents } of moves) {
    const list = staff.get(target.id) as number[];
    for (const i of list.splice(0, agents)) joinBuyer(state, i, buyer, cliff);
  }
}

const NO_AGENTS = new Int32Array(0);

/** The item whose cumulative weight (represents) first exceeds u. */
function pickByWeight(firms: readonly Firm[], u: number): Firm | undefined {
  let sum = 0;
  for (const firm of firms) {
    sum += firm.represents;
    if (u < sum) return firm;
  }
  return firms[firms.length - 1];
}
