/**
 * The expected-value recursion (src/expected/recursion.ts) and the agent-based model are the same
 * equations: on the shipped baseline, the agents' mean over the baseline's 40 replications must stay
 * close to the recursion for open positions, qualified candidates, employment and median pay in
 * every year until the recursion's gap first closes (after that both answer "a surplus", and the
 * mean of a ratio near zero says little). Parameter distributions are pinned at their central
 * values for both, since the recursion does not sample them.
 *
 * Tolerance: 5% of the recursion's value, or 3 standard errors of the agents' mean when sampling
 * noise is larger than that (a year of shocks moves open positions by ~15%). A mechanism changed in
 * one and not the other shows as a drift far beyond either.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runExpected } from '../../src/expected/recursion.js';
import { METRICS, METRIC_INDEX } from '../../src/model/metrics.js';
import { firstYear } from '../../src/scenario/calendar.js';
import { sharedRun, type SharedRun } from '../helpers/runs.js';

/** The baseline's distributions at their central values (as the recursion reads them). */
export const PINNED = ['constants.growthDecay=4', 'tools.productivityGain=0.2', 'acquihires.pricePerEngineer=20000000'];
const COMPARED = ['openPositions', 'qualifiedCandidates', 'employed', 'payMedian'] as const;

let run: SharedRun;
let expected: ReturnType<typeof runExpected>;

beforeAll(async () => {
  run = await sharedRun(PINNED);
  expected = runExpected(run.loaded.scenario);
}, 600_000);

describe('agreement of the agent-based model with the expected-value recursion (baseline)', () => {
  it('the recursion computes every metric the agents record, in the same column order', () => {
    expect(expected.values.length).toBe(run.values[0].length);
    expect(expected.years[0]).toBe(firstYear(run.loaded.scenario));
  });

  it('agents\' means stay within 5% (or 3 standard errors) of the recursion until the gap first closes', () => {
    const M = METRICS.length;
    const gap = METRIC_INDEX.gap;
    // The first year from the base year on whose gap is at or below 0 (history's surplus years do not close it).
    const from = expected.years.indexOf(run.loaded.scenario.baseYear);
    const closes = expected.years.findIndex((_, y) => y >= from && expected.values[y * M + gap] <= 0);
    const until = closes < 0 ? expected.years.length : closes;
    // The comparison must cover the history and the projection up to closing, not a year or two.
    expect(until).toBeGreaterThanOrEqual(run.loaded.scenario.baseYear - firstYear(run.loaded.scenario) + 2);
    const off: string[] = [];
    for (let y = 0; y < until; y++) {
      for (const metric of COMPARED) {
        const k = METRIC_INDEX[metric];
        const xs = run.values.map((v) => v[y * M + k]);
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
        const e = expected.values[y * M + k];
        const tolerance = Math.max(0.05 * Math.abs(e), (3 * sd) / Math.sqrt(xs.length));
        if (Math.abs(mean - e) > tolerance) off.push(`${expected.years[y]} ${metric}: agents ${mean.toPrecision(4)}, recursion ${e.toPrecision(4)} (tolerance ${tolerance.toPrecision(3)})`);
      }
    }
    expect(off).toEqual([]);
  });
});
