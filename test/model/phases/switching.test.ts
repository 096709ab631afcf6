/**
 * Self-study switching (src/model/phases/switching.ts) studies its random sample in slot order, for
 * speed, and moves those who then qualify in the sample's order. That must be exactly the phase as
 * written the plain way (study and move each engineer in the sample's order): the same skills, the
 * same member lists in the same order (every later sample depends on it), the same counts and the
 * same draws left in the stream.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../../src/model/init.js';
import { Origin, Status, STATUS_COUNT, type Population } from '../../../src/model/population.js';
import { isQualified } from '../../../src/model/qualification.js';
import { binomial } from '../../../src/model/sampling.js';
import { careerSignal, leverOn, type SimState } from '../../../src/model/state.js';
import { stepYear } from '../../../src/model/step.js';
import { switching } from '../../../src/model/phases/switching.js';
import { study, studyGain } from '../../../src/model/phases/upskilling.js';
import { loadBaseline } from '../helpers.js';

/** The phase the plain way: each sampled engineer studies and, if then qualified, starts seeking, in the sample's order. */
function switchingInSampleOrder(state: SimState): void {
  if (!leverOn(state, 'upskilling')) return;
  const { yearIndex: y, population, market } = state;
  const rng = state.streams.switching;
  const p = state.params.upskilling;
  const rate = Math.min(1, p.selfStudyRate[y] * careerSignal(state));
  const gain = studyGain(state);
  const studying = population.sample(Status.adjacent, binomial(population.size[Status.adjacent], rate, rng), rng);
  for (let k = 0; k < studying.length; k++) {
    const i = studying[k];
    study(population, i, p.selfStudyUnits[y], gain);
    if (!isQualified(population, i, market.thresholds)) continue;
    population.origin[i] = Origin.switcher;
    population.move(i, Status.seeking);
    state.counters.entrants[Origin.switcher]++;
  }
}

/** A state after `years` stepped years, built afresh (a run depends only on scenario, seed and replication). */
function stateAfter(overrides: readonly string[], replication: number, years: number): SimState {
  const { scenario } = loadBaseline(['scale=200', 'burnInYears=0', 'startYear=2023', 'horizon=2027', ...overrides]);
  const state = initialState(scenario, scenario.seed, replication);
  for (let y = 0; y < years; y++) {
    state.yearIndex = y;
    stepYear(state);
  }
  state.yearIndex = years;
  return state;
}

function members(population: Population): number[][] {
  return Array.from({ length: STATUS_COUNT }, (_, s) => Array.from(population.members[s].subarray(0, population.size[s])));
}

describe('switching', () => {
  it('is the phase done in the sample order: same skills, member lists in the same order, counts and stream (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 60 }).map((k) => k / 100),
        fc.integer({ min: 1, max: 40 }).map((k) => k / 20),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (rate, units, replication, years) => {
          const overrides = [`upskilling.selfStudyRate=${rate}`, `upskilling.selfStudyUnits=${units}`];
          const fast = stateAfter(overrides, replication, years);
          const plain = stateAfter(overrides, replication, years);
          switching(fast);
          switchingInSampleOrder(plain);
          const a = fast.population;
          const b = plain.population;
          expect(Array.from(a.skills)).toEqual(Array.from(b.skills));
          expect(Array.from(a.status)).toEqual(Array.from(b.status));
          expect(Array.from(a.origin)).toEqual(Array.from(b.origin));
          expect(members(a)).toEqual(members(b));
          expect(Array.from(a.flows)).toEqual(Array.from(b.flows));
          expect(fast.counters.entrants).toEqual(plain.counters.entrants);
          expect(fast.streams.switching()).toBe(plain.streams.switching());
          // The scratch sets are left empty.
          expect(a.chosen.isEmpty() && a.marked.isEmpty()).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('moves some engineers and leaves others studying when the rate is high (the property above is not empty)', () => {
    const state = stateAfter(['upskilling.selfStudyRate=0.5', 'upskilling.selfStudyUnits=1'], 0, 1);
    const adjacent = state.population.size[Status.adjacent];
    switching(state);
    const switched = state.counters.entrants[Origin.switcher];
    expect(switched).toBeGreaterThan(0);
    expect(switched).toBeLessThan(adjacent);
  });
});
