/**
 * Invariants of every simulated year, over random valid scenarios (see helpers.ts): the recorded
 * metrics are finite and counts are never negative, pay quantiles are ordered, and every employed
 * agent works for a firm in business.
 *
 * That each firm's `employees` equals the number of GenAI agents it employs is checked apart, in
 * `it.fails` tests: it does not hold (a bug in matching, described there).
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
  it('metrics are finite, counts non-negative, pay quantiles ordered, employers in business (random scenarios)', () => {
    fc.assert(
      fc.property(randomScenarioArb, ({ overrides }) => {
        forEachYear(loadBaseline(overrides), 0, {
          after: (state, y) => {
            const label = `year index ${y}, ${overrides.join(' ')}`;
            checkMetrics(state, label);
            checkEmployers(state, label);
          },
        });
      }),
      { numRuns: 15 },
    );
  });

  // BUG (src/model/phases/matching.ts, quitRound line 54 with the filter in matchRound line 86): a worker hired in
  // one matching round who quits in the next is pushed onto `year.seekers` a second time while the
  // stale entry from before the hire is still there; both entries are "seeking", so the worker is two
  // candidates. When both copies take an offer, the first firm's `employees` keeps a phantom worker.
  // See test/model/phases/matching.test.ts for the round-by-round reproduction.
  it.fails("each firm's employees equals its GenAI staff in every year (baseline, scale 50)", () => {
    const loaded = loadBaseline(['scale=50', 'horizon=2028']);
    for (const r of [0, 1, 2]) {
      forEachYear(loaded, r, { after: (state, y) => checkEmployeeCounts(state, `replication ${r}, year index ${y}`) });
    }
  });

  it.fails("each firm's employees equals its GenAI staff in every year (random scenarios)", () => {
    fc.assert(
      fc.property(randomScenarioArb, ({ overrides }) => {
        forEachYear(loadBaseline(overrides), 0, { after: (state, y) => checkEmployeeCounts(state, `year index ${y}, ${overrides.join(' ')}`) });
      }),
      // Seeded so the marker is stable: without the bug this passes and `it.fails` reports it. No shrinking.
      { numRuns: 15, seed: 20250101, endOnFailure: true },
    );
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
