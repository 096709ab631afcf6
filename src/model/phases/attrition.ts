/**
 * Mechanism 8a — attrition, at the end of the year (quits happen during the
 * year: matching.ts). GenAI workers leave the field (`exitRate`) or retire
 * (1 / careerYears); seekers give up (`seekerExitRate`) or retire; adjacent
 * engineers retire and new ones arrive so that the adjacent workforce grows at
 * `adjacentGrowth`. Each count is one binomial draw, then that many agents are
 * picked: only the leavers are touched.
 */
import { Origin, Status } from '../population.js';
import { binomial, stochasticRound } from '../sampling.js';
import type { SimState } from '../state.js';
import { addWorker, profileAt } from '../workers.js';

export function attrition(state: SimState): void {
  const { yearIndex: y, population, params: p, firms, counters } = state;
  const rng = state.streams.attrition;
  const a = p.attrition;
  const retire = 1 / p.population.careerYears[y];

  // GenAI workers: exits and retirements as one multinomial draw over distinct people.
  const employed = population.size[Status.genai];
  const exits = binomial(employed, a.exitRate[y], rng);
  const retirements = binomial(employed - exits, conditional(retire, a.exitRate[y]), rng);
  population.sample(Status.genai, exits + retirements, rng).forEach((i, k) => {
    firms[population.employer[i]].employees--;
    population.leave(i);
    if (k < exits) counters.exits++;
    else counters.retirements++;
  });

  // Seekers: give up or retire.
  const seeking = population.size[Status.seeking];
  const giveUp = binomial(seeking, a.seekerExitRate[y], rng);
  const seekerRetire = binomial(seeking - giveUp, conditional(retire, a.seekerExitRate[y]), rng);
  for (const i of population.sample(Status.seeking, giveUp + seekerRetire, rng)) population.leave(i);
  counters.exits += giveUp;
  counters.retirements += seekerRetire;

  // Adjacent engineers: retirements, replaced and grown by new entrants.
  const adjacent = population.size[Status.adjacent];
  const adjacentRetire = binomial(adjacent, retire, rng);
  for (const i of population.sample(Status.adjacent, adjacentRetire, rng)) population.leave(i);
  counters.retirements += adjacentRetire;
  const arrivals = stochasticRound(Math.max(0, adjacentRetire + adjacent * p.population.adjacentGrowth[y]), rng);
  const profile = profileAt(p.population.skills.adjacent, p, y);
  for (let k = 0; k < arrivals; k++) addWorker(population, Status.adjacent, Origin.adjacent, profile, p.population.aptitude.sd[y], rng);
}

/** P(event B | not event A) for a person exposed to both within the year, capped at 1. */
function conditional(pB: number, pA: number): number {
  return pA >= 1 ? 0 : Math.min(1, pB / (1 - pA));
}
