/**
 * Invariants of every simulated year, over random valid scenarios (see helpers.ts): the recorded
 * metrics are finite and counts are never negative, pay quantiles are ordered, every employed agent
 * works for a firm in business, and each firm's `employees` equals the GenAI agents it employs; and
 * a run depends only on the scenario, the seed and the replication.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METRICS, METRIC_INDEX, recordYear } from '../../src/model/metrics.js';
import { Status } from '../../src/model/population.js';
import { runReplication } from '../../src/model/replication.js';
import type { SimState } from '../../src/model/state.js';
import { forEachYear, loadBaseline, randomScenarioArb, staffByFirm } from './helpers.js';

const COUNT_METRICS = METRICS.filter((m) => m.unit === 'persons' || m.unit === 'count').map((m) => m.name);
const MONEY_METRICS = METRICS.filter((m) => m.unit === 'USD').map((m) => m.name);
const RATES = ['unemploymentRate', 'qualifiedUnemploymentRate', 'vacancyRate', 'withdrawnShare', 'jobFindingRate', 'toolMaturity'];

function checkMetrics(state: SimState, label: string): void {
  const row = new Float64Array(METRICS.length);
  recordYear(state, row);
  const value = (name: string) => row[METRIC_INDEX[name]];
  METRICS.forEach((m, k) => expect(Number.isNaN(row[k]), `${m.name} is NaN (${label})`).toBe(false));
  expect(Number.isFinite(value('gap')), label).toBe(true);
  for (const name of COUNT_METRICS) expect(value(name), `${name} (${label})`).toBeGreaterThanOrEqual(0);
  for (const name of MONEY_METRICS) expect(value(name), `${name} (${label})`).toBeGreaterThanOrEqual(0);
  for (const name of RATES) {
    expect(value(name), `${name} (${label})`).toBeGreaterThanOrEqual(0);
    expect(value(name), `${name} (${label})`).toBeLessThanOrEqual(1);
  }
  expect(value('vacancyDurationDays'), label).toBeGreaterThanOrEqual(0);
  expect(value('aiPremium'), label).toBeGreaterThan(0);
  expect(value('payPremium'), label).toBeGreaterThan(0);
  expect(value('payMedian'), label).toBeGreaterThan(0);
  expect(value('payP90'), label).toBeGreaterThanOrEqual(value('payMedian'));
  // The gap and candidates per 100 are two views of one ratio.
  expect(value('candidatesPer100')).toBeCloseTo(100 * (1 - value('gap')), 6);
}

/** Employed agents work for firms in business; closed firms employ no one. */
function checkEmployers(state: SimState, label: string): void {
  const { population, firms } = state;
  let orphans = 0;
  for (let i = 0; i < population.highWater; i++) {
    if (population.status[i] !== Status.genai) continue;
    const e = population.employer[i];
    if (e < 0 || e >= firms.length || !firms[e].alive) orphans++;
  }
  expect(orphans, `employed agents without a firm in business (${label})`).toBe(0);
  for (const firm of firms) {
    if (!firm.alive) expect(firm.employees, `closed firm ${firm.id} (${label})`).toBe(0);
    expect(firm.employees, `firm ${firm.id} (${label})`).toBeGreaterThanOrEqual(0);
    expect(firm.postings, `postings of firm ${firm.id} (${label})`).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(firm.postings), `postings of firm ${firm.id} (${label})`).toBe(true);
    expect(Number.isFinite(firm.planned), `plan of firm ${firm.id} (${label})`).toBe(true);
    // A firm in business stands for some real firms; a bought group closes when it stands for none.
    if (firm.alive) expect(firm.represents, `firm ${firm.id} (${label})`).toBeGreaterThan(0);
  }
  expect(state.active).toEqual(firms.filter((f) => f.alive));
}

/** firm.employees equals the GenAI agents whose employer is that firm, for every firm. */
function checkEmployeeCounts(state: SimState, label: string): void {
  const staff = staffByFirm(state);
  const wrong = state.firms.filter((f) => f.employees !== (staff.get(f.id) ?? 0)).map((f) => `firm ${f.id}: employees ${f.employees}, staff ${staff.get(f.id) ?? 0}`);
  expect(wrong, label).toEqual([]);
}

describe('yearly invariants', () => {
  it('metrics are finite, counts non-negative, pay quantiles ordered, employers in business with exact staff counts, scratch sets empty, burn-in included (random scenarios)', () => {
    fc.assert(
      fc.property(randomScenarioArb, ({ overrides }) => {
        forEachYear(loadBaseline(overrides), 0, {
          burnIn: true,
          after: (state, y) => {
            const label = `year index ${y}, ${overrides.join(' ')}`;
            checkMetrics(state, label);
            checkEmployers(state, label);
            checkEmployeeCounts(state, label);
            // The population's scratch sets of slots (switching, the free slots' order) are empty between phases.
            expect(state.population.chosen.isEmpty() && state.population.marked.isEmpty(), label).toBe(true);
          },
        });
      }),
      { numRuns: 15 },
    );
  });

  it('the same scenario, seed and replication give the same run, and another replication another run (random scenarios)', () => {
    fc.assert(
      fc.property(randomScenarioArb, ({ overrides }) => {
        const { scenario } = loadBaseline(overrides);
        const a = runReplication(scenario, scenario.seed, 1).values;
        expect(runReplication(scenario, scenario.seed, 1).values).toEqual(a);
        expect(runReplication(scenario, scenario.seed, 2).values).not.toEqual(a);
      }),
      { numRuns: 5 },
    );
  });

  // Regression: a worker hired in one matching round who quit in the next was listed twice as a
  // candidate; when both copies took an offer, the first firm kept a phantom employee (fixed in
  // 646de3d; see test/model/phases/matching.test.ts).
  it("each firm's employees equals its GenAI staff in every year (baseline, scale 50, three replications)", () => {
    const loaded = loadBaseline(['scale=50', 'burnInYears=2', 'startYear=2023', 'horizon=2028']);
    for (const r of [0, 1, 2]) {
      forEachYear(loaded, r, { after: (state, y) => checkEmployeeCounts(state, `replication ${r}, year index ${y}`) });
    }
  });

  it('the employee count holds at the initial state, before any matching, and after the burn-in', () => {
    const loaded = loadBaseline(['scale=50', 'burnInYears=2', 'startYear=2025', 'horizon=2026']);
    const checked: number[] = [];
    forEachYear(loaded, 0, {
      burnIn: true,
      before: (state, y) => {
        if (y === -2 || y === 0) {
          checkEmployeeCounts(state, `before year index ${y}`);
          checked.push(y);
        }
      },
    });
    expect(checked).toEqual([-2, 0]);
  });
});
