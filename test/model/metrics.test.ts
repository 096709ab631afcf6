/**
 * Metrics: the selection-based quantile equals the sorting-based type-7 quantile, and the declared
 * metric list is what the outputs index by name.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileOfSorted } from '../../src/analysis/quantiles.js';
import { METRICS, METRIC_INDEX, quantileSelect, recordYear } from '../../src/model/metrics.js';
import { Status } from '../../src/model/population.js';
import { startedState } from '../../src/model/replication.js';
import { stepYear } from '../../src/model/step.js';
import { loadBaseline } from './helpers.js';

/** Type 7 by sorting, written out here rather than reusing the code under test. */
function type7(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

// Finite values without −0 (selection and sorting may return either zero), often with ties.
const valueArb = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -5, max: 5 })).map((x) => x + 0);
const qArb = fc.oneof(fc.constantFrom(0, 0.1, 0.5, 0.9, 1), fc.double({ min: 0, max: 1, noNaN: true }));

describe('quantileSelect', () => {
  it('equals the sorting-based type-7 quantile and keeps the values (reordered)', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 300 }), qArb, (values, q) => {
        const copy = Float64Array.from(values);
        const got = quantileSelect(copy, q);
        expect(got).toBe(type7(values, q));
        expect(got).toBe(quantileOfSorted(Float64Array.from(values).sort(), q));
        expect(Array.from(copy).sort((a, b) => a - b)).toEqual([...values].sort((a, b) => a - b));
      }),
      { numRuns: 1000 },
    );
  });

  it('is 0 for no values', () => {
    expect(quantileSelect(new Float64Array(0), 0.5)).toBe(0);
  });
});

describe('recordYear', () => {
  it('has one uniquely named column per metric, indexed by METRIC_INDEX', () => {
    expect(new Set(METRICS.map((m) => m.name)).size).toBe(METRICS.length);
    METRICS.forEach((m, k) => expect(METRIC_INDEX[m.name]).toBe(k));
    for (const name of ['gap', 'openPositions', 'qualifiedCandidates', 'employed', 'payMedian', 'payP90', 'vacancyRate', 'unemploymentRate', 'plannedHeadcount', 'qualifiedUnemploymentRate', 'postingsOpened', 'vacancyDurationDays', 'withdrawnShare', 'jobFindingRate', 'aiPremium']) {
      expect(METRIC_INDEX[name]).toBeTypeOf('number');
    }
  });

  it('counts people in persons (agents × scale), firms as real firms, and takes pay quantiles over the GenAI workers', () => {
    const { scenario } = loadBaseline(['scale=50', 'burnInYears=1', 'startYear=2025', 'horizon=2026', 'matching.rounds=12']);
    const state = startedState(scenario, scenario.seed, 0);
    state.yearIndex = 0;
    stepYear(state);
    const row = new Float64Array(METRICS.length);
    recordYear(state, row);
    const { population, counters } = state;
    expect(row[METRIC_INDEX.employed]).toBe(population.size[Status.genai] * 50);
    expect(row[METRIC_INDEX.seekers]).toBe(population.size[Status.seeking] * 50);
    // Small firms are simulated in groups: the metric counts the real firms each stands for.
    const real = state.active.reduce((n, f) => n + f.represents, 0);
    expect(row[METRIC_INDEX.firms]).toBeCloseTo(real, 9);
    expect(state.active.length).toBeLessThan(real);
    expect(row[METRIC_INDEX.plannedHeadcount]).toBeCloseTo(state.active.reduce((n, f) => n + f.planned, 0) * 50, 6);
    expect(row[METRIC_INDEX.postingsOpened]).toBe(counters.postingsOpened * 50);
    expect(counters.postingsOpened).toBeGreaterThan(0);
    const pay = Array.from(population.members[Status.genai].subarray(0, population.size[Status.genai]), (i) => population.pay[i]);
    expect(row[METRIC_INDEX.payMedian]).toBe(type7(pay, 0.5));
    expect(row[METRIC_INDEX.payP90]).toBe(type7(pay, 0.9));
    const positions = row[METRIC_INDEX.openPositions] / 50;
    const candidates = row[METRIC_INDEX.qualifiedCandidates] / 50;
    expect(positions).toBeCloseTo(counters.positionRounds / scenario.matching.rounds, 9);
    expect(candidates).toBeCloseTo(counters.candidateRounds / scenario.matching.rounds, 9);
    expect(row[METRIC_INDEX.gap]).toBeCloseTo(1 - candidates / positions, 12);
    expect(state.counters.rounds).toBe(scenario.matching.rounds);
    // Postings: Little's law over those closed (filled, withdrawn or cancelled), and the withdrawn share of those filled or withdrawn.
    const closed = counters.postingsFilled + counters.postingsWithdrawn + counters.postingsCancelled;
    expect(closed).toBeGreaterThan(0);
    expect(row[METRIC_INDEX.vacancyDurationDays]).toBeCloseTo((365 * positions) / closed, 9);
    expect(row[METRIC_INDEX.withdrawnShare]).toBeCloseTo(counters.postingsWithdrawn / (counters.postingsWithdrawn + counters.postingsFilled), 12);
    // Job finding: hires per candidate and round, as a monthly probability (12 rounds: one a month).
    expect(row[METRIC_INDEX.jobFindingRate]).toBeCloseTo(counters.hires / counters.candidateRounds, 12);
    expect(row[METRIC_INDEX.qualifiedUnemploymentRate]).toBeCloseTo(candidates / (candidates + population.size[Status.genai]), 12);
    expect(row[METRIC_INDEX.aiPremium]).toBe(state.market.aiPremium);
    expect(row[METRIC_INDEX.adjacentPay]).toBe(state.params.wages.adjacentPay[0]);
  });
});
