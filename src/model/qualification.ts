/**
 * "Qualified" (docs/MODEL.md §7.12): every skill at or above that year's threshold.
 * Thresholds fall as tools mature (phases/tools.ts).
 */
import { SKILL_COUNT, type Population } from './population.js';

export function isQualified(population: Population, i: number, thresholds: Float64Array): boolean {
  const skills = population.skills;
  const base = i * SKILL_COUNT;
  for (let d = 0; d < SKILL_COUNT; d++) if (skills[base + d] < thresholds[d]) return false;
  return true;
}

/** Mean skill over the dimensions: how firms rank applicants. */
export function skillScore(population: Population, i: number): number {
  let sum = 0;
  const base = i * SKILL_COUNT;
  for (let d = 0; d < SKILL_COUNT; d++) sum += population.skills[base + d];
  return sum / SKILL_COUNT;
}
