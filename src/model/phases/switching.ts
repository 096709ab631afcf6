/**
 * Self-taught switchers. Each year a share of adjacent software engineers
 * study GenAI on their own — `selfStudyRate × careerSignal` (state.ts: more
 * when GenAI pay and job prospects pull) — and gain `selfStudyGain × aptitude × tool
 * learning multiplier`. Those who then meet this year's thresholds (sooner as
 * tools lower the bar) start seeking GenAI work. Part of the upskilling lever
 * (individuals reading the pay signal); off with it.
 */
import { SKILLS } from '../../scenario/schema.js';
import { Origin, SKILL_COUNT, Status } from '../population.js';
import { isQualified } from '../qualification.js';
import { binomial } from '../sampling.js';
import { careerSignal, type SimState } from '../state.js';

export function switching(state: SimState): void {
  if (!state.scenario.upskilling.enabled) return;
  const { yearIndex: y, population, market } = state;
  const rng = state.streams.switching;
  const p = state.params.upskilling;
  const rate = Math.min(1, p.selfStudyRate[y] * careerSignal(state));
  const gains = SKILLS.map((s) => p.selfStudyGain[s][y]);
  const studying = population.sample(Status.adjacent, binomial(population.size[Status.adjacent], rate, rng), rng);
  for (const i of studying) {
    const gain = population.aptitude[i] * market.learning;
    const base = i * SKILL_COUNT;
    for (let d = 0; d < SKILL_COUNT; d++) population.skills[base + d] = Math.min(1, population.skills[base + d] + gains[d] * gain);
    if (!isQualified(population, i, market.thresholds)) continue;
    population.origin[i] = Origin.switcher;
    population.move(i, Status.seeking);
    state.counters.entrants[Origin.switcher]++;
  }
}
