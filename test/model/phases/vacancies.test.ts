/**
 * Vacancies as postings (src/model/phases/vacancies.ts): each round a firm's plan grows by a round's
 * share of its yearly growth, and the firm posts what its plan, rounded with its dither, exceeds its
 * staff plus open postings, or cancels open postings when the plan falls below them; after matching
 * each open posting is withdrawn at the hazard of its mean lifetime, and the plan loses it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../../src/model/init.js';
import { postVacancies, withdrawalHazard, withdrawVacancies } from '../../../src/model/phases/vacancies.js';
import { plannedAgents, type Firm, type SimState } from '../../../src/model/state.js';
import { forEachYear, loadBaseline, randomScenarioArb } from '../helpers.js';

interface FirmBefore {
  readonly planned: number;
  readonly postings: number;
  readonly employees: number;
}

const snapshot = (state: SimState): Map<number, FirmBefore> => new Map(state.active.map((f) => [f.id, { planned: f.planned, postings: f.postings, employees: f.employees }]));

/** Checks every vacancies and withdrawals phase of a run; returns what happened in total. */
function checkRun(overrides: readonly string[], label: string): { opened: number; cancelled: number; withdrawn: number; exposed: number } {
  const loaded = loadBaseline(overrides);
  const rounds = loaded.scenario.matching.rounds;
  const total = { opened: 0, cancelled: 0, withdrawn: 0, exposed: 0 };
  forEachYear(loaded, 0, {
    burnIn: true,
    observe: (phase, run, state, round) => {
      if (phase !== 'vacancies' && phase !== 'withdrawals') return run();
      const before = snapshot(state);
      const counters = { ...state.counters };
      run();
      const at = `${label}, year index ${state.yearIndex}${state.burnIn ? ' (burn-in)' : ''}, round ${round?.round}`;
      const c = state.counters;
      if (phase === 'vacancies') {
        let opened = 0;
        let cancelled = 0;
        const wrong: string[] = [];
        for (const firm of state.active) {
          const b = before.get(firm.id) as FirmBefore;
          if (firm.employees !== b.employees) wrong.push(`firm ${firm.id}: staff ${b.employees} → ${firm.employees}`);
          if (firm.planned !== (firm.growth === 0 ? b.planned : b.planned * Math.exp(firm.growth / rounds))) wrong.push(`firm ${firm.id}: plan ${b.planned} → ${firm.planned}, growth ${firm.growth}`);
          // Postings = plan − staff, or none when staff already fill the plan.
          const want = Math.max(0, plannedAgents(firm) - firm.employees);
          if (firm.postings !== want) wrong.push(`firm ${firm.id}: ${firm.postings} postings, plan ${firm.planned} (${plannedAgents(firm)} agents) − staff ${firm.employees} = ${want}`);
          if (firm.postings > b.postings) opened += firm.postings - b.postings;
          else cancelled += b.postings - firm.postings;
        }
        expect(wrong, at).toEqual([]);
        expect(c.postingsOpened - counters.postingsOpened, at).toBe(opened);
        expect(c.postingsCancelled - counters.postingsCancelled, at).toBe(cancelled);
        total.opened += opened;
        total.cancelled += cancelled;
      } else {
        let withdrawn = 0;
        const wrong: string[] = [];
        for (const firm of state.active) {
          const b = before.get(firm.id) as FirmBefore;
          const gone = b.postings - firm.postings;
          if (gone < 0 || firm.employees !== b.employees) wrong.push(`firm ${firm.id}: postings ${b.postings} → ${firm.postings}, staff ${b.employees} → ${firm.employees}`);
          // The plan loses every withdrawn posting: it is not posted again.
          if (Math.abs(firm.planned - (b.planned - gone)) > 1e-9) wrong.push(`firm ${firm.id}: plan ${b.planned} → ${firm.planned} with ${gone} withdrawn`);
          withdrawn += gone;
          total.exposed += b.postings;
        }
        expect(wrong, at).toEqual([]);
        expect(c.postingsWithdrawn - counters.postingsWithdrawn, at).toBe(withdrawn);
        total.withdrawn += withdrawn;
      }
    },
  });
  return total;
}

describe('postings in a running model', () => {
  it('are the plan less staff after every vacancies phase, and withdrawals lower the plan by what they withdraw (random scenarios)', () => {
    fc.assert(
      fc.property(randomScenarioArb, ({ overrides }) => {
        checkRun(overrides, overrides.join(' '));
      }),
      { numRuns: 10 },
    );
  });

  it('open postings as plans grow, cancel them as plans shrink, and withdraw them at the hazard of their mean lifetime', () => {
    const months = 3;
    // No acqui-hires (a bought firm's plan shrinks); levers act from the base year, so no history years.
    const calendar = ['scale=50', 'burnInYears=1', 'startYear=2025', 'horizon=2027', 'acquihires.enabled=false', 'matching.screening=0.01'];
    const growing = checkRun([...calendar, 'demand.growth=0.4', `demand.postingLifetimeMonths=${months}`], 'growing');
    expect(growing.opened).toBeGreaterThan(0);
    // Withdrawn ~ Binomial(postings exposed, hazard) summed over rounds: within 4 sd.
    const hazard = withdrawalHazard(months, loadBaseline().scenario.matching.rounds);
    const expected = growing.exposed * hazard;
    expect(expected).toBeGreaterThan(100);
    expect(Math.abs(growing.withdrawn - expected)).toBeLessThan(4 * Math.sqrt(expected * (1 - hazard)));
    // A shrinking plan cancels open postings (none are cancelled while plans only grow).
    expect(growing.cancelled).toBe(0);
    const shrinking = checkRun([...calendar, 'demand.growth=-0.6'], 'shrinking');
    expect(shrinking.cancelled).toBeGreaterThan(0);
  });
});

describe('postVacancies and withdrawVacancies, by hand', () => {
  /** A firm of the baseline at the start (staffed to its plan, no postings) with the plan, staff and growth given. */
  function handFirm(overrides: readonly string[] = []): { state: SimState; firm: Firm } {
    const { scenario } = loadBaseline(['scale=1000', 'burnInYears=0', 'startYear=2025', 'horizon=2026', 'matching.rounds=12', ...overrides]);
    const state = initialState(scenario, scenario.seed, 0);
    const firm = state.active[0];
    firm.planned = 10;
    firm.employees = 5;
    firm.postings = 0;
    firm.growth = 0;
    return { state, firm };
  }

  it('posts for the plan, does not post a withdrawn posting again, replaces a leaver, and posts for growth', () => {
    // A lifetime far below a round: every open posting is withdrawn.
    const { state, firm } = handFirm(['demand.postingLifetimeMonths=0.000001']);
    expect(withdrawalHazard(0.000001, 12)).toBe(1);
    postVacancies(state);
    expect(firm.postings).toBe(5);
    withdrawVacancies(state);
    expect([firm.postings, firm.planned]).toEqual([0, 5]);
    postVacancies(state);
    expect(firm.postings).toBe(0);
    // One of the staff leaves: the plan is unchanged, so the firm posts to replace them.
    firm.employees--;
    postVacancies(state);
    expect(firm.postings).toBe(1);
    // A year's growth of ln 2 × 12 in one round doubles the plan: five more postings.
    firm.growth = Math.log(2) * 12;
    postVacancies(state);
    expect(firm.planned).toBeCloseTo(10, 9);
    expect(firm.postings).toBe(Math.floor(firm.planned + firm.dither) - 4);
  });

  it('cancels open postings when the plan falls below staff plus postings, and never below none', () => {
    const { state, firm } = handFirm(['demand.postingLifetimeMonths=12']);
    postVacancies(state);
    expect(firm.postings).toBe(5);
    firm.growth = Math.log(0.7) * 12;
    const cancelled = state.counters.postingsCancelled;
    postVacancies(state);
    // Plan 7: two postings left for the five staff.
    expect(firm.planned).toBeCloseTo(7, 9);
    expect(firm.postings).toBe(plannedAgents(firm) - 5);
    expect(firm.postings).toBeLessThanOrEqual(2);
    expect(state.counters.postingsCancelled - cancelled).toBe(5 - firm.postings);
    firm.growth = Math.log(0.1) * 12;
    postVacancies(state);
    // Plan 0.7: staff are not laid off, postings are all cancelled.
    expect(firm.postings).toBe(0);
    expect(firm.employees).toBe(5);
  });

  it('withdrawalHazard: an unfilled posting survives its mean lifetime with probability 1/e, and a shorter one is withdrawn sooner (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 60, noNaN: true }), fc.integer({ min: 1, max: 52 }), (months, rounds) => {
        const h = withdrawalHazard(months, rounds);
        expect(h).toBeGreaterThan(0);
        expect(h).toBeLessThan(1);
        // Survival over `months` months, i.e. rounds × months / 12 rounds.
        expect(Math.pow(1 - h, (rounds * months) / 12)).toBeCloseTo(Math.exp(-1), 9);
        expect(withdrawalHazard(months / 2, rounds)).toBeGreaterThan(h);
      }),
      { numRuns: 300 },
    );
  });
});
