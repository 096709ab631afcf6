/**
 * Self-taught switchers: adjacent software engineers who already meet this
 * year's thresholds (more of them as tools lower the bar) start seeking GenAI
 * work at `switchRate × (premium / premium₀)^elasticity` a year. Part of the
 * upskilling lever (individuals reading the pay signal); off with it.
 */
import { Origin, Status } from '../population.js';
import { isQualified } from '../qualification.js';
import { binomial } from '../sampling.js';
import { premiumRatio, type SimState } from '../state.js';

export function switching(state: SimState): void {
  if (!state.scenario.upskilling.enabled) return;
  const { yearIndex: y, population, market } = state;
  const rng = state.streams.upskilling;
  const p = state.params.upskilling;
  const rate = Math.min(1, p.switchRate[y] * Math.pow(premiumRatio(state), p.premiumElasticity[y]));
  // Thinning: draw who considers switching, then keep those who qualify.
  for (const i of population.sample(Status.adjacent, binomial(population.size[Status.adjacent], rate, rng), rng)) {
    if (!isQualified(population, i, market.thresholds)) continue;
    population.origin[i] = Origin.switcher;
    population.move(i, Status.seeking);
    state.counters.entrants[Origin.switcher]++;
  }
}
