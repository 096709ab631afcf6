/**
 * Quadrature over skills: the nodes' share of qualified people of a profile against a large sample
 * drawn as the agent-based model draws skills (model/workers.ts).
 */
import { describe, expect, it } from 'vitest';
import { nodeAptitude, nodeQualified, nodeSkills, quadratureNodes, requiredStudy } from '../../src/expected/nodes.js';
import { Origin, Population, Status } from '../../src/model/population.js';
import { isQualified } from '../../src/model/qualification.js';
import { drawSkills, type SkillProfile } from '../../src/model/workers.js';
import { streamRng } from '../../src/random/seed-tree.js';

const profile: SkillProfile = { mean: Float64Array.of(0.55, 0.5, 0.45, 0.55, 0.62), sd: 0.1, correlation: 0.6 };
const thresholds = Float64Array.of(0.58, 0.51, 0.5, 0.52, 0.59);

describe('quadrature nodes', () => {
  it('give the share of qualified people of a profile within half a point of a 200,000-person sample', () => {
    const nodes = quadratureNodes(512);
    const skills = nodeSkills(nodes, profile);
    let share = 0;
    for (let k = 0; k < nodes.count; k++) if (nodeQualified(skills, k, thresholds)) share += 1 / nodes.count;
    const n = 200_000;
    const population = new Population(n);
    const rng = streamRng('nodes-test', 0, 'initial');
    let qualified = 0;
    for (let k = 0; k < n; k++) {
      const i = population.enter(Status.seeking, Origin.graduate);
      drawSkills(population, i, profile, rng);
      if (isQualified(population, i, thresholds)) qualified++;
    }
    expect(qualified / n).toBeGreaterThan(0.05); // the case is not trivial
    expect(Math.abs(share - qualified / n)).toBeLessThan(0.005);
  });

  it('required study is the largest shortfall over skills ÷ (gain × aptitude): ≤ 0 when qualified, ∞ when a short skill gains nothing', () => {
    const skills = Float64Array.of(0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.4, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.5);
    const need = requiredStudy(skills, Float64Array.of(1, 2, 1), Float64Array.of(0.1, 0.1, 0.1, 0.1, 0), Float64Array.of(0.55, 0.55, 0.55, 0.55, 0.55));
    expect(need[0]).toBeLessThanOrEqual(0);
    expect(need[1]).toBeCloseTo(0.75, 12); // mlops 0.4 → 0.55 at 0.1 × aptitude 2 a unit
    expect(need[2]).toBe(Infinity); // software 0.5 < 0.55 and study adds none
  });

  it('aptitudes are lognormal with median about 1', () => {
    const a = [...nodeAptitude(quadratureNodes(1024), 0.35)].sort((x, y) => x - y);
    expect(a[512]).toBeGreaterThan(0.98);
    expect(a[512]).toBeLessThan(1.02);
  });
});
