/**
 * Employment changes in one place (src/model/employment.ts): hire, separate, leave the market,
 * sell a team and join the buyer keep the worker's employer and status and the firm's headcount
 * together. The invariant over whole runs is in invariants.test.ts; here each function on its own,
 * and that no other model file writes those fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { employerOf, hire, joinBuyer, leaveMarket, sellTeam, separate } from '../../src/model/employment.js';
import { Status } from '../../src/model/population.js';
import { startedState } from '../../src/model/replication.js';
import { ROOT } from '../helpers/cli.js';
import { loadBaseline } from './helpers.js';

/** Every firm's headcount against the GenAI workers whose employer it is. */
function mismatches(state: ReturnType<typeof startedState>): string[] {
  const staff = new Map<number, number>();
  const { population } = state;
  const members = population.members[Status.genai];
  for (let k = 0; k < population.size[Status.genai]; k++) staff.set(population.employer[members[k]], (staff.get(population.employer[members[k]]) ?? 0) + 1);
  return state.firms.filter((f) => f.employees !== (staff.get(f.id) ?? 0)).map((f) => `firm ${f.id}: ${f.employees} vs ${staff.get(f.id) ?? 0}`);
}

describe('the employment module', () => {
  const loaded = loadBaseline(['scale=200', 'burnInYears=1', 'startYear=2024', 'horizon=2026', 'replications=1']);

  it('hire, separate, leave, sell and join keep headcounts equal to the staff', () => {
    const state = startedState(loaded.scenario, loaded.scenario.seed, 0);
    const { population } = state;
    expect(mismatches(state)).toEqual([]);
    const firm = state.firms.find((f) => f.alive && f.employees > 1)!;
    const other = state.firms.find((f) => f.alive && f !== firm)!;
    const before = { firm: firm.employees, other: other.employees, postings: firm.postings, planned: other.planned };

    const seeker = population.members[Status.seeking][0];
    firm.postings++;
    hire(state, seeker, firm, 123_000, 'posting');
    expect(population.status[seeker]).toBe(Status.genai);
    expect(employerOf(state, seeker)).toBe(firm);
    expect(firm.employees).toBe(before.firm + 1);
    expect(firm.postings).toBe(before.postings);
    expect(mismatches(state)).toEqual([]);

    separate(state, seeker, Status.seeking);
    expect(population.employer[seeker]).toBe(-1);
    expect(firm.employees).toBe(before.firm);
    expect(mismatches(state)).toEqual([]);

    const worker = population.members[Status.genai].find((i) => population.employer[i] === firm.id)!;
    leaveMarket(state, worker);
    expect(firm.employees).toBe(before.firm - 1);
    expect(mismatches(state)).toEqual([]);

    // A sale moves the headcount first; the team's people follow, then all agrees again.
    const team = population.members[Status.genai].filter((i) => population.employer[i] === firm.id).slice(0, 1);
    sellTeam(firm, other, team.length);
    expect(mismatches(state)).not.toEqual([]);
    for (const i of team) joinBuyer(state, i, other, 2030);
    expect(mismatches(state)).toEqual([]);
    expect(population.cliffYear[team[0]]).toBe(2030);
  });

  it('no other model file writes an employer or a headcount', () => {
    const dir = join(ROOT, 'src', 'model');
    const files = [...readdirSync(dir).map((f) => join(dir, f)), ...readdirSync(join(dir, 'phases')).map((f) => join(dir, 'phases', f))].filter((f) => f.endsWith('.ts'));
    const writes = /\.employees\s*(\+|-)?=(?!=)|\.employees(\+\+|--)|employer\[[^\]]*\]\s*=(?!=)/;
    const offenders = files.filter((f) => !/(employment|population)\.ts$/.test(f)).filter((f) => writes.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
    // The pattern finds the writes employment.ts makes, so it could fail.
    expect(writes.test(readFileSync(join(dir, 'employment.ts'), 'utf8'))).toBe(true);
  });
});
