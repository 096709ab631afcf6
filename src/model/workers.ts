/**
 * Creating workers with skills drawn from a profile: the initial population,
 * graduates, immigrants and new adjacent engineers all go through here.
 */
import { type Rng } from '../random/seed-tree.js';
import { zigguratNormal } from '../random/ziggurat.js';
import { SKILLS } from '../scenario/schema.js';
import type { Parameters } from './params.js';
import { SKILL_COUNT, type Origin, type Population, type Status } from './population.js';
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
  // The six normals first (common factor, then each skill's own, the order they were always drawn
  // in), by the ziggurat directly: a quarter faster than six calls through the stream's `normal`.
  for (let k = 0; k <= SKILL_COUNT; k++) normals[k] = zigguratNormal(rng);
  const common = Math.sqrt(profile.correlation) * normals[0];
  const own = Math.sqrt(1 - profile.correlation);
  const { mean, sd } = profile;
  const skills = population.skills;
  const base = i * SKILL_COUNT;
  for (let d = 0; d < SKILL_COUNT; d++) skills[base + d] = Math.min(1, Math.max(0, mean[d] + sd * (common + own * normals[d + 1])));
}

/** drawSkills' normals, reused. */
const normals = new Float64Array(SKILL_COUNT + 1);
