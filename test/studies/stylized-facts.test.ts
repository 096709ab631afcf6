/**
 * Stylized facts of labour markets, checked on the shipped baseline itself (its 40 replications,
 * every simulated year), each against a published figure or range. Each test states what was
 * measured when it was written and why its bound is where it is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { beveridgeCorrelation, matchingElasticity, payInSurplus } from '../../src/analysis/stylized-facts.js';
import { quantileOfSorted } from '../../src/analysis/quantiles.js';
import { METRICS, METRIC_INDEX } from '../../src/model/metrics.js';
import { baseIndex } from '../../src/scenario/calendar.js';
import { sharedRun, type SharedRun } from '../helpers/runs.js';

let run: SharedRun;
beforeAll(async () => {
  run = await sharedRun();
}, 600_000);

const M = METRICS.length;
const at = (v: Float64Array, y: number, metric: string) => v[y * M + METRIC_INDEX[metric]];
const median = (xs: number[]) => quantileOfSorted(Float64Array.from(xs).sort(), 0.5);

describe('stylized facts on the shipped baseline', () => {
  it('a downward-sloping Beveridge curve: the vacancy rate falls as the qualified unemployment rate rises', () => {
    // Pooled over every simulated year and replication (the Beveridge curve of Blanchard & Diamond
    // 1989; del Rio-Chanona et al. 2021 fit one for US occupations).
    // Measured −0.56 when written; −0.3 still fails a flat or upward curve while leaving room for recalibration.
    expect(beveridgeCorrelation(run.values) ?? 0).toBeLessThan(-0.3);
  });

  it('a matching elasticity on seekers inside the 0.3–0.7 surveyed by Petrongolo & Pissarides (2001)', () => {
    const { alpha, points } = matchingElasticity(run.values);
    expect(points).toBeGreaterThan(1000);
    expect(alpha).toBeGreaterThan(0.3);
    expect(alpha).toBeLessThan(0.7);
  });

  it('postings stay open about as long as published time-to-fill figures, every history year', () => {
    // AI job ads closed in Q1 2022 had been online 42.5 days (GlobalData 2022); engineering roles
    // took 58 days to fill from first publication (Workable 2017); ads asking for computer skills ran
    // 40–71 days (Brookings/Burning Glass 2014); the national mean vacancy duration was 35–42
    // calendar days (DHI-DFH 2014–2017). The 2022 value is a calibration target (42.5 ± 15 days; the
    // model gives about 58); every history year must stay within 30–85 days, the published range with
    // room for the tightest years (2017: about 76).
    for (let y = 0; y < baseIndex(run.loaded.scenario); y++) {
      const days = median(run.values.map((v) => at(v, y, 'vacancyDurationDays')));
      expect(days, String(run.summary.startYear + y)).toBeGreaterThan(30);
      expect(days, String(run.summary.startYear + y)).toBeLessThan(85);
    }
  });

  it('qualified seekers find jobs at rates in line with published search durations', () => {
    // Monthly job-finding probability: 0.37–0.41 for laid-off tech workers in 2022 (ZipRecruiter:
    // 37% re-employed within a month, 79% within three), about 0.28 for all US unemployed
    // (CPS median spell 8–9.5 weeks, 2022–2024). 2022 is a calibration target; every other
    // history year must stay within 0.25–0.6.
    const { scenario } = run.loaded;
    for (let y = 0; y < baseIndex(scenario); y++) {
      const rate = median(run.values.map((v) => at(v, y, 'jobFindingRate')));
      expect(rate, String(run.summary.startYear + y)).toBeGreaterThan(0.25);
      expect(rate, String(run.summary.startYear + y)).toBeLessThan(0.6);
    }
  });

  it('pay falls when qualified candidates outnumber open positions two years running', () => {
    // Every spell from the base year on with more than 100 candidates per 100 openings for at least
    // two years: in the spell's second year the AI premium (GenAI pay over its balanced-market level)
    // is below what it was the year before the spell began, and while such spells last it stays
    // below 1. (A levels wage curve lets pay recover part of the way as a surplus eases, so not
    // every surplus year is a fall.)
    const facts = payInSurplus(run.values, baseIndex(run.loaded.scenario));
    expect(facts.spells).toBeGreaterThan(20);
    expect(facts.fellAsSurplusSetIn).toBeGreaterThan(0.95);
    expect(facts.belowBalanced).toBeGreaterThan(0.9);
  });
});
