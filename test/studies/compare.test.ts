/**
 * compareScenarios with history years: every per-year difference row says whether it is history,
 * and the ranking's P(closed by the middle year) is about the middle of the projection (from the
 * base year), not of every simulated year.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { compareScenarios, rankingYear, type ComparisonSummary } from '../../src/studies/compare.js';

describe('rankingYear', () => {
  it('is halfway from the base year to the horizon, whatever the start year', () => {
    expect(rankingYear({ baseYear: 2025, horizon: 2031 })).toBe(2028);
    expect(rankingYear({ baseYear: 2025, horizon: 2045 })).toBe(2035);
  });
});

describe('compareScenarios with startYear before baseYear', () => {
  let summary: ComparisonSummary;
  beforeAll(async () => {
    const overrides = ['startYear=2023', 'horizon=2029', 'scale=200', 'replications=3', 'seed=5'];
    const loaded = ['scenarios/baseline.yaml', 'scenarios/tool-breakthrough.yaml'].map((file) => loadScenario(file, { overrides }));
    ({ summary } = await compareScenarios(loaded, { threads: 1 }));
  });

  it('records startYear and flags history rows of the differences and of each scenario', () => {
    expect(summary.startYear).toBe(2023);
    expect(summary.baseYear).toBe(2025);
    const rows = summary.differences[0].years;
    expect(rows.map((y) => y.year)).toEqual([2023, 2024, 2025, 2026, 2027, 2028, 2029]);
    expect(rows.map((y) => y.history)).toEqual([true, true, false, false, false, false, false]);
    for (const s of summary.scenarios) expect(s.years.map((y) => y.history)).toEqual([true, true, false, false, false, false, false]);
  });

  it('ranks by P(closed by the middle projection year), and closing probabilities start at the base year', () => {
    expect(rankingYear(summary)).toBe(2027);
    for (const s of summary.scenarios) expect(Object.keys(s.closure.probabilityClosedBy)[0]).toBe('2025');
    for (const r of summary.ranking) {
      const s = summary.scenarios.find((x) => x.name === r.scenario)!;
      expect(r.probabilityClosedByMidYear).toBe(s.closure.probabilityClosedBy['2027']);
    }
  });
});
