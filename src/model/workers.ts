/**
 * Creating workers with skills drawn from a profile: the initial population,
 * graduates, immigrants and new adjacent engineers all go through here.
 */
import { standardNormal, type Rng } from '../random/seed-tree.js';
import { SKILLS } from '../scenario/schema.js';
import type { Parameters } from './params.js';
import { type Origin, type Population, type Status } from './population.js';
import { lognormalMultiplier } from './sampling.js';

type Profile = Parameters['population']['skills']['genai'];

/** Skill means and spread for year index y, as plain numbers. */
export interface SkillProfile {
  readonly mean: Float64Array;
  readonly sd: number;
  /** Correlation between the skills of one person. */
  readonly correlation: number;
}

export function profileAt(profile: Profile, params: Parameters, y: number): SkillProfile {
  return { mean: Float64Array.from(SKILLS, (s) => profile.mean[s][y]), sd: profile.sd[y], correlation: params.population.skillCorrelation[y] };
}

/** Mixes two profiles: `share` of the way from `from` to `to` (curriculum adoption). */
export function blendProfiles(from: SkillProfile, to: SkillProfile, share: number): SkillProfile {
  return {
    mean: from.mean.map((m, d) => m + share * (to.mean[d] - m)),
    sd: from.sd + share * (to.sd - from.sd),
    correlation: from.correlation,
  };
}

/** Adds a worker from outside the market with skills drawn from `profile`. */
export function addWorker(population: Population, status: Status, origin: Origin, profile: SkillProfile, aptitudeSd: number, rng: Rng): number {
  const i = population.enter(status, origin);
  drawSkills(population, i, profile, rng);
  population.aptitude[i] = lognormalMultiplier(aptitudeSd, rng);
  return i;
}

/**
 * Skills are correlated through one common factor: skill_d = mean_d + sd·(√ρ·z + √(1−ρ)·z_d),
 * clamped to [0, 1]. Without it, meeting all five thresholds at once would be far rarer than it is.
 */
export function drawSkills(population: Population, i: number, profile: SkillProfile, rng: Rng): void {
  const common = Math.sqrt(profile.correlation) * standardNormal(rng);
  const own = Math.sqrt(1 - profile.correlation);
  const base = i * profile.mean.length;
  for (let d = 0; d < profile.mean.length; d++) {
    population.skills[base + d] = Math.min(1, Math.max(0, profile.mean[d] + profile.sd * (common + own * standardNormal(rng))));
  }
}
