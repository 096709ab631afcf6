/**
 * Mechanism 8b — migration. Engineers immigrate with the GenAI workforce's
 * skills (a policy lever: `migration.enabled` and `migration.immigrants`) and
 * start seeking; GenAI workers (part of their turnover) and seekers emigrate
 * at a yearly rate, whether or not the immigration lever is on.
 */
import { leaveMarket } from '../employment.js';
import { Origin, Status } from '../population.js';
import { binomial, stochasticRound } from '../sampling.js';
import { leverOn, type SimState } from '../state.js';
import { addWorker, profileAt } from '../workers.js';

/** Who emigrates, in the order drawn. */
const EMIGRATING = [Status.genai, Status.seeking] as const;

export function migration(state: SimState): void {
  const { yearIndex: y, population, params: p, scale } = state;
  const rng = state.streams.migration;

  // Drawn every year, lever on or off, so the stream stays aligned across scenarios.
  const arrivals = stochasticRound(p.migration.immigrants[y] / scale, rng);
  if (leverOn(state, 'migration')) {
    const profile = profileAt(p.population.skills.genai, p, y);
    for (let k = 0; k < arrivals; k++) addWorker(population, Status.seeking, Origin.immigrant, profile, p.population.aptitude.sd[y], rng);
    state.counters.entrants[Origin.immigrant] += arrivals;
  }

  const rate = p.migration.emigrationRate[y];
  for (const status of EMIGRATING) {
    const leaving = population.sample(status, binomial(population.size[status], rate, rng), rng);
    for (let k = 0; k < leaving.length; k++) {
      const i = leaving[k];
      leaveMarket(state, i);
      state.counters.emigrants++;
    }
  }
}
