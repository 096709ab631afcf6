/**
 * Mechanism 8a — attrition, at the end of the year (quits happen during the
 * year: matching.ts; emigration at its start: migration.ts). GenAI workers
 * leave the field (`exitRate`) or retire (1 / careerYears): with quits and
 * emigration these add up to the observed turnover. Seekers retire (they
 * give up on GenAI work during the year, matching.ts). Adjacent engineers retire, and new ones
 * arrive so that the adjacent workforce is at this year's level (a dated
 * driver). Each count is one binomial draw, then that many agents are picked:
 * only the leavers are touched.
 */
import { leaveMarket } from '../employment.js';
import { Origin, Status, type Population } from '../population.js';
import { binomial, stochasticRound } from '../sampling.js';
import type { SimState } from '../state.js';
import { addWorker, profileAt } from '../workers.js';

export function attrition(state: SimState): void {
  const { yearIndex: y, population, params: p, counters } = state;
  const rng = state.streams.attrition;
  const a = p.attrition;
  const retire = 1 / p.population.careerYears[y];

  // GenAI workers: exits and retirements as one multinomial draw over distinct people.
  const employed = population.size[Status.genai];
  const exits = binomial(employed, a.exitRate[y], rng);
  const retirements = binomial(employed - exits, conditional(retire, a.exitRate[y]), rng);
  const leaving = population.sample(Status.genai, exits + retirements, rng);
  for (let k = 0; k < leaving.length; k++) {
    const i = leaving[k];
    leaveMarket(state, i);
    if (k < exits) counters.exits++;
    else counters.retirements++;
  }

  // Seekers retire (they give up on GenAI work during the year: matching.ts).
  const seekerRetire = binomial(population.size[Status.seeking], retire, rng);
  leaveAll(population, population.sample(Status.seeking, seekerRetire, rng));
  counters.retirements += seekerRetire;

  // Adjacent engineers: retirements, then entrants up to this year's workforce (not counted as entrants to GenAI work).
  const adjacentRetire = binomial(population.size[Status.adjacent], retire, rng);
  leaveAll(population, population.sample(Status.adjacent, adjacentRetire, rng));
  counters.retirements += adjacentRetire;
  const arrivals = Math.max(0, stochasticRound(p.population.adjacent[y] / state.scale, rng) - population.size[Status.adjacent]);
  const profile = profileAt(p.population.skills.adjacent, p, y);
  population.orderFreeSlots();
  for (let k = 0; k < arrivals; k++) addWorker(population, Status.adjacent, Origin.adjacent, profile, p.population.aptitude.sd[y], rng);
}

/** The agents leave the market, in order. */
function leaveAll(population: Population, agents: Int32Array): void {
  for (let k = 0; k < agents.length; k++) population.leave(agents[k]);
}

/** P(event B | not event A) for a person exposed to both within the year, capped at 1. */
function conditional(pB: number, pA: number): number {
  return pA >= 1 ? 0 : Math.min(1, pB / (1 - pA));
}
