/**
 * Mechanism 6 — acqui-hires. A firm whose positions have stayed open for
 * `triggerYears` years running and that has the cash acquires a startup with
 * probability `probability` a year. The startup's team moves to the acquirer
 * (no new supply: it fills the acquirer's positions), the startup's own demand
 * disappears, and the price is team size × price per engineer. Acquired staff
 * have a retention package that vests after `retentionCliffYears`; at the cliff
 * a share of them leave to seek other work.
 */
import { Status } from '../population.js';
import { currentYear, openPositions, refreshActiveFirms, type SimState } from '../state.js';

export function acquihires(state: SimState): void {
  const { yearIndex: y, firms, population, segmentParams, segments, scale } = state;
  const rng = state.streams.acquihires;
  const p = state.params.acquihires;
  const year = currentYear(state);

  // Retention cliffs of earlier deals.
  const leaveAtCliff = p.leaveAtCliff[y];
  for (const i of population.snapshot(Status.genai)) {
    if (population.cliffYear[i] !== year) continue;
    population.cliffYear[i] = 0;
    if (rng() < leaveAtCliff) {
      firms[population.employer[i]].employees--;
      population.employer[i] = -1;
      population.move(i, Status.seeking);
      state.counters.cliffLeavers++;
    }
  }

  // Which firms have had open positions for long enough.
  for (const firm of state.active) {
    firm.unfilledYears = openPositions(firm) > 0 ? firm.unfilledYears + 1 : 0;
  }
  if (!state.scenario.acquihires.enabled) return;

  const targets = state.active.filter((f) => segments[f.segment].acquirable && f.employees > 0);
  const moving = new Int32Array(firms.length).fill(-1);
  const price = p.pricePerEngineer[y];
  for (const buyer of state.active) {
    // Two draws for every firm in business, whether or not it may buy, so that scenarios with other
    // triggers or probabilities still pair their draws firm by firm (common random numbers).
    const decide = rng();
    const choose = rng();
    if (!buyer.alive || buyer.unfilledYears < p.triggerYears) continue;
    const budget = segmentParams[buyer.segment].acquisitionBudget[y];
    if (budget <= 0 || decide >= p.probability[y] || targets.length === 0) continue;
    const k = Math.floor(choose * targets.length);
    const target = targets[k];
    const cost = target.employees * scale * price;
    if (cost > budget || target.id === buyer.id) continue;
    // The deal: the startup closes, its team joins the buyer; a firm that has just bought is not
    // itself for sale this year (its new staff would follow it to a third firm).
    targets.splice(k, 1);
    const buyerAsTarget = targets.indexOf(buyer);
    if (buyerAsTarget >= 0) targets.splice(buyerAsTarget, 1);
    moving[target.id] = buyer.id;
    target.alive = false;
    buyer.employees += target.employees;
    state.counters.acquisitions++;
    state.counters.acquiredEngineers += target.employees;
    state.counters.acquisitionSpend += cost;
    target.employees = 0;
  }
  if (state.counters.acquisitions === 0) return;
  refreshActiveFirms(state);
  const cliff = year + p.retentionCliffYears;
  for (const i of population.snapshot(Status.genai)) {
    const buyer = moving[population.employer[i]];
    if (buyer < 0) continue;
    population.employer[i] = buyer;
    population.cliffYear[i] = cliff;
  }
}
