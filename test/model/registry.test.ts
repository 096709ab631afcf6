/**
 * The phase registry is the one declaration of the year's phases: stepYear runs exactly its list in
 * its order, each phase draws only from the stream it declares, and the levers, the stream names and
 * the schedule in docs/MODEL.md §3 are the registry's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHASE_REGISTRY, PHASES, STREAMS, LEVERS, scheduleText, type Phase } from '../../src/model/phases/registry.js';
import { stepYear } from '../../src/model/step.js';
import { startedState } from '../../src/model/replication.js';
import { LEVERS as SCENARIO_LEVERS } from '../../src/scenario/levers.js';
import { ROOT } from '../helpers/cli.js';
import { loadBaseline } from './helpers.js';

describe('the phase registry', () => {
  const loaded = loadBaseline(['scale=200', 'burnInYears=1', 'startYear=2024', 'horizon=2027', 'replications=1']);

  it('stepYear runs its phases in its order, the round phases once per matching round', () => {
    const state = startedState(loaded.scenario, loaded.scenario.seed, 0);
    const seen: Phase[] = [];
    stepYear(state, (phase, run) => {
      seen.push(phase);
      run();
    });
    const rounds = loaded.scenario.matching.rounds;
    const yearly = PHASE_REGISTRY.filter((p) => !('round' in p)).map((p) => p.name);
    const round = PHASE_REGISTRY.filter((p) => 'round' in p).map((p) => p.name);
    const firstRound = PHASES.indexOf(round[0]);
    const expected = [...yearly.slice(0, firstRound), ...Array.from({ length: rounds }, () => round).flat(), ...yearly.slice(firstRound)];
    expect(seen).toEqual(expected);
  });

  it('each phase draws only from the stream it declares (none for a phase that declares none)', () => {
    const state = startedState(loaded.scenario, loaded.scenario.seed, 0);
    // Count the draws of every stream around each phase call.
    const counts = new Map<string, number>();
    for (const name of STREAMS) {
      const stream = state.streams[name];
      const draw = stream.bind(null);
      const normal = stream.normal.bind(null);
      const counted = Object.assign(() => (counts.set(name, (counts.get(name) ?? 0) + 1), draw()), { normal: () => (counts.set(name, (counts.get(name) ?? 0) + 1), normal()) });
      (state.streams as Record<string, unknown>)[name] = counted;
    }
    const drewFrom = new Map<Phase, Set<string>>();
    for (let year = 0; year < 3; year++) {
      state.yearIndex = year;
      stepYear(state, (phase, run) => {
        const before = new Map(counts);
        run();
        for (const [name, n] of counts) if (n !== (before.get(name) ?? 0)) (drewFrom.get(phase) ?? drewFrom.set(phase, new Set()).get(phase)!).add(name);
      });
    }
    for (const p of PHASE_REGISTRY) {
      const declared = 'stream' in p ? [p.stream] : [];
      for (const used of drewFrom.get(p.name) ?? []) expect(declared, `${p.name} drew from ${used}`).toContain(used);
    }
    // The test could fail: most phases draw.
    expect(drewFrom.size).toBeGreaterThan(6);
  });

  it('the levers are the scenario\'s levers, in attribute\'s default order', () => {
    expect(SCENARIO_LEVERS).toBe(LEVERS);
    expect(LEVERS).toEqual(['education', 'upskilling', 'tools', 'acquihires', 'migration']);
  });

  it('the streams are the start state\'s and each declared one, once each', () => {
    expect(STREAMS[0]).toBe('initial');
    expect(new Set(STREAMS).size).toBe(STREAMS.length);
    for (const p of PHASE_REGISTRY) if ('stream' in p) expect(STREAMS).toContain(p.stream);
  });

  it('docs/MODEL.md §3 shows the schedule the registry gives', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'MODEL.md'), 'utf8');
    expect(doc, `paste into docs/MODEL.md §3:\n${scheduleText()}`).toContain(`\`\`\`\n${scheduleText()}\n\`\`\``);
  });
});
