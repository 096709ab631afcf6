/**
 * Self-taught switchers. Each year a share of adjacent software engineers
 * study GenAI on their own — `selfStudyRate × careerSignal` (state.ts: more
 * when GenAI pay and job prospects pull) — and gain `selfStudyUnits` of the
 * GenAI skill profile × aptitude × the tools' learning multiplier. Those who
 * then meet this year's thresholds (sooner as tools lower the bar) start
 * seeking GenAI work. Part of the upskilling lever (individuals reading the
 * pay signal); off with it from the base year.
 */
import { Origin, Status } from '../population.js';
import { isQualified } from '../qualification.js';
import { binomial } from '../sampling.js';
import { careerSignal, leverOn, type SimState } from '../state.js';
import { study, studyGain } from './upskilling.js';

export function switching(state: SimState): void {
  if (!leverOn(state, 'upskilling')) return;
  const { yearIndex: y, population, market } = state;
  const rng = state.streams.switching;
  const p = state.params.upskilling;
  const rate = Math.min(1, p.selfStudyRate[y] * careerSignal(state));
  const units = p.selfStudyUnits[y];
  const gain = studyGain(state);
  const studying = population.sample(Status.adjacent, binomial(population.size[Status.adjacent], rate, rng), rng);
  // Each agent's study changes only its own skills, so the studying are visited in slot order (the
  // skill and aptitude arrays read front to back, not at scattered slots); those then qualified
  // start seeking in the sample's order, as the member lists must see them.
  const { chosen, marked } = population;
  for (let k = 0; k < studying.length; k++) chosen.add(studying[k]);
  chosen.drain((i) => {
    study(population, i, units, gain);
    if (isQualified(population, i, market.thresholds)) marked.add(i);
  });
  for (let k = 0; k < studying.length; k++) {
    const i = studying[k];
    if (!marked.has(i)) continue;
    marked.delete(i);
    population.origin[i] = Origin.switcher;
    population.move(i, Status.seeking);
    state.counters.entrants[Origin.switcher]++;
  }
}
