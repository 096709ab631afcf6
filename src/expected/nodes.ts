/**
 * Quadrature nodes for the heterogeneity of workers. A person's skills are
 * drawn as skill_d = clamp(μ_d + σ(√ρ·z₀ + √(1−ρ)·z_d), 0, 1) with aptitude
 * exp(σ_a·z_a) (model/workers.ts); the expected-value recursion replaces the
 * random draws by a fixed set of points (z₀, z₁…z₅, z_a), the first N points
 * of the Sobol' sequence shifted to cell centres and mapped through Φ⁻¹, each
 * standing for 1/N of the people of a profile. Integrals over skills (who is
 * qualified, who qualifies after study) become sums over nodes, which
 * converge at close to 1/N.
 */
import { normalQuantile } from '../analysis/normal.js';
import { sobolSequence } from '../analysis/design/sobol-sequence.js';
import { SKILL_COUNT } from '../model/population.js';
import type { SkillProfile } from '../model/workers.js';

/** Standard normal coordinates of the nodes: z[k * 7 + j], j = 0 common factor, 1…5 own skill factors, 6 aptitude. */
export interface Nodes {
  readonly count: number;
  readonly z: Float64Array;
}

const DIMENSIONS = SKILL_COUNT + 2;

export function quadratureNodes(count: number): Nodes {
  const points = sobolSequence(count, DIMENSIONS);
  const z = new Float64Array(count * DIMENSIONS);
  points.forEach((point, k) => point.forEach((u, j) => (z[k * DIMENSIONS + j] = normalQuantile(u + 0.5 / count))));
  return { count, z };
}

/** Each node's skills under a profile: skills[k * 5 + d]. */
export function nodeSkills(nodes: Nodes, profile: SkillProfile): Float64Array {
  const skills = new Float64Array(nodes.count * SKILL_COUNT);
  const common = Math.sqrt(profile.correlation);
  const own = Math.sqrt(1 - profile.correlation);
  for (let k = 0; k < nodes.count; k++) {
    for (let d = 0; d < SKILL_COUNT; d++) {
      const z = common * nodes.z[k * DIMENSIONS] + own * nodes.z[k * DIMENSIONS + 1 + d];
      skills[k * SKILL_COUNT + d] = Math.min(1, Math.max(0, profile.mean[d] + profile.sd * z));
    }
  }
  return skills;
}

/** Each node's learning aptitude (lognormal with median 1 and log-sd `sd`). */
export function nodeAptitude(nodes: Nodes, sd: number): Float64Array {
  return Float64Array.from({ length: nodes.count }, (_, k) => Math.exp(sd * nodes.z[k * DIMENSIONS + DIMENSIONS - 1]));
}

/** Whether node k's skills meet every threshold. */
export function nodeQualified(skills: Float64Array, k: number, thresholds: Float64Array): boolean {
  for (let d = 0; d < SKILL_COUNT; d++) if (skills[k * SKILL_COUNT + d] < thresholds[d]) return false;
  return true;
}

/**
 * The study (in units of the skill-gain profile × learning speed) node k needs to qualify:
 * max over skills of (θ_d − skill_d) ÷ (gain_d · aptitude); ≤ 0 when already qualified, ∞ when a
 * skill short of its threshold gains nothing from study.
 */
export function requiredStudy(skills: Float64Array, aptitude: Float64Array, gain: Float64Array, thresholds: Float64Array): Float64Array {
  const count = aptitude.length;
  const need = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    let most = -Infinity;
    for (let d = 0; d < SKILL_COUNT; d++) {
      const short = thresholds[d] - skills[k * SKILL_COUNT + d];
      const units = gain[d] > 0 ? short / (gain[d] * aptitude[k]) : short > 0 ? Infinity : -Infinity;
      if (units > most) most = units;
    }
    need[k] = most;
  }
  return need;
}
