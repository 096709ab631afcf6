/** The comparison of a simulation with observed series: a hand-computed case, and properties that hold for any data. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithObserved, type IndexSeriesResult, type LevelSeriesResult, type SimulatedValues } from '../../../src/studies/backtest/backtest.js';
import { parseObserved } from '../../../src/studies/backtest/observed.js';
import { formatIssue, InputError } from '../../../src/scenario/issues.js';

const HEADER = 'series,year,value,unit,metric,compare,base,source,label';
const METRIC_NAMES = ['a', 'b', 'c'];

/** A simulation from values[r][yearIndex][metric] (metrics a, b, c). */
function simulation(values: readonly (readonly (readonly number[])[])[], calendar = { startYear: 2020, baseYear: 2022, horizon: 2023 }): SimulatedValues {
  return {
    summary: { scenario: { name: 'test', hash: '0123456789abcdef', file: 'test.yaml' }, seed: 1, replications: values.length, scale: 10, ...calendar, metrics: METRIC_NAMES.map((name) => ({ name })) },
    values: values.map((years) => Float64Array.from(years.flat())),
  };
}

/**
 * Five replications, 2020–2023, base year 2022. Metric a in 2021: 10…50; 2022: 100 in all; 2023: 1…5.
 * Metric b in 2021: 1, 2, 4, 5, 10 (the base of the index); 2022: three times that; 2023: 2, 2, 2, 10, 10,
 * so the per-replication indexes in 2023 are 2, 1, 0.5, 2, 1 (while p50 2023 ÷ p50 2021 = 2 ÷ 4 = 0.5).
 * Metric c is 0 everywhere in replications 0 and 1, 7 elsewhere.
 */
const A = [[0, 10, 100, 1], [0, 20, 100, 2], [0, 30, 100, 3], [0, 40, 100, 4], [0, 50, 100, 5]];
const B2021 = [1, 2, 4, 5, 10];
const B2023 = [2, 2, 2, 10, 10];
const VALUES = A.map((a, r) => [0, 1, 2, 3].map((y) => [a[y], y === 1 ? B2021[r] : y === 2 ? 3 * B2021[r] : y === 3 ? B2023[r] : 1, r < 2 ? 0 : 7]));

const OBSERVED = parseObserved(
  'obs.csv',
  [
    HEADER,
    'lev,2019,40,u,a,level,,src,old',
    'lev,2021,45,u,a,level,,src,l1',
    'lev,2022,100,u,a,level,,src,l2',
    'lev,2023,6,u,a,level,,src,l3',
    'idx,2021,50,u,b,index,2021,src,base',
    'idx,2022,100,u,b,index,2021,src,x',
    'idx,2023,75,u,b,index,2021,src,y',
    'far,2019,10,u,b,index,2019,src,x',
    'far,2021,20,u,b,index,2019,src,y',
    'part,2021,5,u,c,index,2022,src,x',
    'part,2022,5,u,c,index,2022,src,y',
    'ctx,2020,1,u,,,,elsewhere,z',
    'ctx,2018,1,u,,,,elsewhere,z',
  ].join('\n'),
  METRIC_NAMES,
);

describe('compareWithObserved (a hand-computed case)', () => {
  const result = compareWithObserved(OBSERVED, simulation(VALUES));
  const [lev, idx, far, part] = result.series as [LevelSeriesResult, IndexSeriesResult, IndexSeriesResult, IndexSeriesResult];

  it('gives each level observation the 10–50–90% band of its year (type 7 quantiles), inside when p10 ≤ observed ≤ p90', () => {
    expect(lev.rows.map((r) => [r.year, r.history, r.observed, r.inside, r.label])).toEqual([
      [2021, true, 45, true, 'l1'],
      [2022, false, 100, true, 'l2'],
      [2023, false, 6, false, 'l3'],
    ]);
    expect(lev.rows[0].model.p10).toBeCloseTo(14, 12);
    expect(lev.rows[0].model.p50).toBe(30);
    expect(lev.rows[0].model.p90).toBeCloseTo(46, 12);
    expect(lev.rows[1].model).toEqual({ p10: 100, p50: 100, p90: 100 });
    expect(lev.rows[2].model.p10).toBeCloseTo(1.4, 12);
    expect(lev.rows[2].model.p90).toBeCloseTo(4.6, 12);
    expect(lev.outside).toEqual([{ year: 2019, value: 40, label: 'old', reason: 'year' }]);
    expect([lev.compared, lev.inside, lev.coverage]).toEqual([3, 2, 2 / 3]);
    // |30/45 − 1| = 1/3, |100/100 − 1| = 0, |3/6 − 1| = 1/2: the median is 1/3.
    expect(lev.medianAbsoluteRelativeError).toBeCloseTo(1 / 3, 12);
    expect('medianAbsoluteIndexError' in lev).toBe(false);
  });

  it('computes the index in each replication before the quantiles, and does not count the base year', () => {
    expect(idx.compare).toBe('index');
    expect(idx.base).toBe(2021);
    expect(idx.rows.map((r) => [r.year, r.value, r.observed, r.isBase, r.inside])).toEqual([
      [2021, 50, 1, true, true],
      [2022, 100, 2, false, false],
      [2023, 75, 1.5, false, true],
    ]);
    expect(idx.rows[0].model).toEqual({ p10: 1, p50: 1, p90: 1 });
    expect(idx.rows[1].model).toEqual({ p10: 3, p50: 3, p90: 3 });
    // Indexes 2, 1, 0.5, 2, 1: sorted 0.5, 1, 1, 2, 2 → p10 0.7, p50 1, p90 2 (not p50 2 ÷ p50 4 = 0.5).
    expect(idx.rows[2].model.p10).toBeCloseTo(0.7, 12);
    expect(idx.rows[2].model.p50).toBe(1);
    expect(idx.rows[2].model.p90).toBe(2);
    expect([idx.compared, idx.inside, idx.coverage]).toEqual([2, 1, 0.5]);
    // |3 − 2| = 1 and |1 − 1.5| = 0.5: the median is 0.75.
    expect(idx.medianAbsoluteIndexError).toBe(0.75);
    expect(idx.zeroBaseReplications).toBe(0);
    expect('medianAbsoluteRelativeError' in idx).toBe(false);
  });

  it('lists a series whose base year is not simulated as outside, uncounted, with null coverage and error', () => {
    expect(far.rows).toEqual([]);
    expect(far.outside.map((o) => [o.year, o.reason])).toEqual([[2019, 'year'], [2021, 'base']]);
    expect([far.compared, far.inside, far.coverage, far.medianAbsoluteIndexError]).toEqual([0, 0, null, null]);
    expect(far.modelYears).toEqual([]);
  });

  it('leaves out the replications whose base-year value is 0, and says how many', () => {
    expect(part.zeroBaseReplications).toBe(2);
    expect(part.rows.map((r) => r.model)).toEqual([{ p10: 1, p50: 1, p90: 1 }, { p10: 1, p50: 1, p90: 1 }]);
  });

  it('gives the model band of every simulated year for charts, history marked', () => {
    expect(lev.modelYears.map((y) => [y.year, y.history])).toEqual([[2020, true], [2021, true], [2022, false], [2023, false]]);
    expect(lev.modelYears[1].p50).toBe(30);
    // 2020: 1 ÷ (1, 2, 4, 5, 10) in each replication, median 1 ÷ 4.
    expect(idx.modelYears.map((y) => y.p50)).toEqual([0.25, 1, 3, 1]);
  });

  it('totals every series and lists the context series with their years', () => {
    expect(result.total).toEqual({ compared: 3 + 2 + 0 + 1, inside: 2 + 1 + 0 + 1, coverage: 4 / 6 });
    expect(result.context).toEqual([{ series: 'ctx', years: [2018, 2020], unit: 'u', source: 'elsewhere' }]);
    expect(result).toMatchObject({ scenario: { name: 'test', hash: '0123456789abcdef', file: 'test.yaml' }, seed: 1, replications: 5, startYear: 2020, baseYear: 2022, horizon: 2023, scale: 10, observed: { file: 'obs.csv', rows: 13 } });
  });

  it('is exit-2 input when an index base year is 0 in every replication, at the series\'s base field', () => {
    const zero = parseObserved('obs.csv', `${HEADER}\nz,2021,5,u,c,index,2022,src,x\nz,2022,5,u,c,index,2022,src,y\n`, METRIC_NAMES);
    const onlyZeros = VALUES.slice(0, 2);
    try {
      compareWithObserved(zero, simulation(onlyZeros));
      expect.unreachable('expected an InputError');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues.map(formatIssue)).toEqual(["obs.csv:2:20 base: expected a base year in which the model's c is not 0 (series z), found 2022, where it is 0 in all 2 replications"]);
    }
  });
});

/** Observed rows of one series on metric a or b, over some years of 2015–2026, as CSV lines. */
const seriesArb = fc.record({
  metric: fc.constantFrom('a', 'b'),
  compare: fc.constantFrom('level', 'index'),
  years: fc.uniqueArray(fc.integer({ min: 2015, max: 2026 }), { minLength: 1, maxLength: 8 }),
  values: fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 8, maxLength: 8 }),
  baseChoice: fc.nat(),
});
const simulationArb = fc.integer({ min: 1, max: 9 }).chain((replications) =>
  fc.array(fc.array(fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 6, maxLength: 6 }), { minLength: replications, maxLength: replications }),
);
const calendar = { startYear: 2018, baseYear: 2021, horizon: 2023 };

interface SeriesSpec {
  readonly metric: string;
  readonly compare: string;
  readonly years: readonly number[];
  readonly values: readonly number[];
  readonly baseChoice: number;
}

function csvOf(series: readonly SeriesSpec[], scale = 1): string {
  const lines = [HEADER];
  series.forEach((s, k) => {
    const base = s.years[s.baseChoice % s.years.length];
    s.years.forEach((year, j) => lines.push(`s${k},${year},${s.values[j] * scale},u,${s.metric},${s.compare},${s.compare === 'index' ? base : ''},src,l`));
  });
  return lines.join('\n');
}

describe('compareWithObserved (properties)', () => {
  it('coverage is in [0, 1], bands are ordered, inside means p10 ≤ observed ≤ p90, every point is a row or outside, and a base year\'s index is 1 = 1', () => {
    fc.assert(
      fc.property(fc.array(seriesArb, { minLength: 1, maxLength: 4 }), simulationArb, (series, values) => {
        const observed = parseObserved('obs.csv', csvOf(series), METRIC_NAMES);
        const result = compareWithObserved(observed, simulation(values, calendar));
        for (const [k, s] of result.series.entries()) {
          expect(s.rows.length + s.outside.length).toBe(series[k].years.length);
          expect(s.inside).toBeLessThanOrEqual(s.compared);
          if (s.coverage !== null) {
            expect(s.coverage).toBeGreaterThanOrEqual(0);
            expect(s.coverage).toBeLessThanOrEqual(1);
          } else expect(s.compared).toBe(0);
          for (const r of s.rows) {
            expect(r.year).toBeGreaterThanOrEqual(calendar.startYear);
            expect(r.year).toBeLessThanOrEqual(calendar.horizon);
            expect(r.history).toBe(r.year < calendar.baseYear);
            expect(r.model.p10).toBeLessThanOrEqual(r.model.p50);
            expect(r.model.p50).toBeLessThanOrEqual(r.model.p90);
            expect(r.inside).toBe(r.model.p10 <= r.observed && r.observed <= r.model.p90);
            if (r.isBase) {
              expect(r.observed).toBe(1);
              expect(r.model).toEqual({ p10: 1, p50: 1, p90: 1 });
            }
          }
          const error = s.compare === 'index' ? s.medianAbsoluteIndexError : s.medianAbsoluteRelativeError;
          expect(error === null ? s.compared === 0 : error >= 0).toBe(true);
        }
        const t = result.total;
        expect(t.coverage === null ? t.compared === 0 : t.coverage >= 0 && t.coverage <= 1).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('an index does not depend on units: scaling the observed values and the model\'s values by a constant changes no index', () => {
    fc.assert(
      fc.property(fc.array(seriesArb.map((s) => ({ ...s, compare: 'index' as const })), { minLength: 1, maxLength: 3 }), simulationArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (series, values, factor) => {
        const plain = compareWithObserved(parseObserved('obs.csv', csvOf(series), METRIC_NAMES), simulation(values, calendar));
        const scaled = compareWithObserved(parseObserved('obs.csv', csvOf(series, factor), METRIC_NAMES), simulation(values.map((r) => r.map((y) => y.map((v) => v * factor))), calendar));
        plain.series.forEach((s, k) => {
          const t = scaled.series[k];
          s.rows.forEach((r, j) => {
            const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
            expect(close(t.rows[j].observed, r.observed), `${t.rows[j].observed} vs ${r.observed}`).toBe(true);
            expect(close(t.rows[j].model.p50, r.model.p50), `${t.rows[j].model.p50} vs ${r.model.p50}`).toBe(true);
          });
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('backtest (the library entry point)', () => {
  it('runs the scenario and compares it, as the README shows: level bands are the run summary\'s bands', async () => {
    const { backtest, loadScenario, parseObserved: parse, simulate, METRICS } = await import('../../../src/index.js');
    const loaded = loadScenario('scenarios/baseline.yaml', { overrides: ['scale=50', 'replications=3', 'startYear=2023', 'horizon=2026'] });
    const metric = METRICS.find((m) => m.unit === 'USD')!.name;
    const observed = parse('obs.csv', `${HEADER}\nx,2022,1,u,${metric},level,,s,l\nx,2024,1,u,${metric},level,,s,l\nx,2026,1,u,${metric},level,,s,l\n`);
    const result = await backtest(loaded, observed, { threads: 1 });
    const { summary } = await simulate(loaded, { threads: 1 });
    expect([result.startYear, result.baseYear, result.horizon, result.replications]).toEqual([2023, 2025, 2026, 3]);
    const [s] = result.series;
    expect(s.outside.map((o) => o.year)).toEqual([2022]);
    expect(s.rows.map((r) => [r.year, r.history])).toEqual([[2024, true], [2026, false]]);
    for (const r of s.rows) {
      const { p10, p50, p90 } = summary.years.find((y) => y.year === r.year)![metric] as { p10: number; p50: number; p90: number };
      expect(r.model).toEqual({ p10, p50, p90 });
    }
  });
});
