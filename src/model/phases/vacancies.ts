/**
 * Vacancies as postings. Open positions are a stock of postings fed by a
 * flow and drained by hires and withdrawals, so the stock is inflow × mean
 * duration (Little's law), not a target minus staff:
 *
 * - Each round a firm's plan grows by a round's share of its yearly growth
 *   (demand.ts), and the firm posts whatever its plan, rounded to whole
 *   agents with its fixed dither, exceeds its staff plus open postings: the
 *   plan's growth, and the replacement of everyone who left (a leaver lowers
 *   staff, so the next round posts for them). When the plan shrinks below
 *   staff plus postings, open postings are cancelled and leavers are not
 *   replaced until staff fits the plan.
 * - After matching, each posting still open is withdrawn with a per-round
 *   hazard set by `postingLifetimeMonths` (firms give up, reassign the work
 *   or lean on tools), and the plan loses it: a withdrawn posting is not
 *   posted again.
 */
import { binomial } from '../sampling.js';
import { plannedAgents, type SimState } from '../state.js';

/** Grows every firm's plan by one round's share of the year's growth, then posts and cancels to match it. */
export function postVacancies(state: SimState): void {
  const rounds = state.scenario.matching.rounds;
  const counters = state.counters;
  for (let f = 0; f < state.active.length; f++) {
    const firm = state.active[f];
    if (firm.growth !== 0) firm.planned *= Math.exp(firm.growth / rounds);
    const wanted = plannedAgents(firm) - firm.employees - firm.postings;
    if (wanted > 0) {
      firm.postings += wanted;
      counters.postingsOpened += wanted;
    } else if (wanted < 0 && firm.postings > 0) {
      const cancel = Math.min(firm.postings, -wanted);
      firm.postings -= cancel;
      counters.postingsCancelled += cancel;
    }
  }
}

/** Withdraws unfilled postings at the per-round hazard of a mean lifetime of `postingLifetimeMonths`. */
export function withdrawVacancies(state: SimState): void {
  const hazard = withdrawalHazard(state.params.demand.postingLifetimeMonths[state.yearIndex], state.scenario.matching.rounds);
  const rng = state.streams.vacancies;
  for (let f = 0; f < state.active.length; f++) {
    const firm = state.active[f];
    if (firm.postings === 0) continue;
    const withdrawn = binomial(firm.postings, hazard, rng);
    firm.postings -= withdrawn;
    // The plan may fall below zero for a firm smaller than one agent: its dither then keeps it at no posting, and the plan stays an unbiased count over firms.
    firm.planned -= withdrawn;
    state.counters.postingsWithdrawn += withdrawn;
  }
}

/** Per-round withdrawal probability of a posting whose unfilled lifetime is exponential with the given mean (months). */
export function withdrawalHazard(lifetimeMonths: number, rounds: number): number {
  return 1 - Math.exp(-12 / rounds / lifetimeMonths);
}
