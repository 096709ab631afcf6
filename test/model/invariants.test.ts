/**
 * Invariants of every simulated year, over random valid scenarios (see helpers.ts): the recorded
 * metrics are finite and counts are never negative, pay quantiles are ordered, every employed agent
 * works for a firm in business, and each firm's `employees` equals the GenAI agents it employs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METRICS, METRIC_INDEX, recordYear } from '../../src/model/metrics.js';
import { Status } from '../../src/model/population.js';
import type { SimState } from '../../src/model/state.js';
import { forEachYear, loadBaseline, randomScenarioArb, staffByFirm } from './helpers.js';

const COUNT_METRICS = METRICS.filter((m) => m.unit === 'persons' || m.unit === 'count').map((m) => m.name);
const MONEY_METRICS = METRICS.filter((m) => m.unit === 'USD').map((m) => m.name);
const RATES = ['unemploymentRate', 'vacancyRate', 'toolMaturity'];

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
  it('metrics are finite, counts non-negative, pay quantiles ordered, employers in business with exact staff counts (random scenarios)', () => {
    fc.assert(
      fc.property(randomScenarioArb, ({ overrides }) => {
        forEachYear(loadBaseline(overrides), 0, {
          after: (state, y) => {
            const label = `year index ${y}, ${overrides.join(' ')}`;
            checkMetrics(state, label);
            checkEmployers(state, label);
            checkEmployeeCounts(state, label);
          },
        });
      }),
      { numRuns: 15 },
    );
  });

  // Regression: a worker hired in one matching round who quit in the next was listed twice as a
  // candidate; when both copies took an offer, the first firm kept a phantom employee (fixed in
  // 646de3d; see test/model/phases/matching.test.ts).
  it("each firm's employees equals its GenAI staff in every year (baseline, scale 50, three replications)", () => {
    const loaded = loadBaseline(['scale=50', 'horizon=2028']);
    for (const r of [0, 1, 2]) {
      forEachYear(loaded, r, { after: (state, y) => checkEmployeeCounts(state, `replication ${r}, year index ${y}`) });
    }
  });

  it('the employee count holds at the base-year snapshot, before any matching', () => {
    const loaded = loadBaseline(['scale=50', 'horizon=2026']);
    forEachYear(loaded, 0, {
      before: (state, y) => {
        if (y === 0) checkEmployeeCounts(state, 'base-year snapshot');
      },
      after: () => {},
    });
  });
});
