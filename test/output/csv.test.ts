/** run's tidy CSV (runs.csv, years.csv) and compare's differences.csv carry each year's `history` flag. */
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/model/metrics.js';
import { runsCsv, yearsCsv } from '../../src/output/csv.js';
import { differencesCsv } from '../../src/output/compare-csv.js';
import { COMPARED_METRICS } from '../../src/studies/compare.js';
import { comparisonFixture, runFixture } from './fixtures.js';

const rowsOf = (csv: string) => csv.trimEnd().split('\n').map((line) => line.split(','));

describe('runs.csv', () => {
  const rows = rowsOf(runsCsv(runFixture()));

  it('has the header replication,year,history,metric,value and one row per replication, year and metric', () => {
    expect(rows[0]).toEqual(['replication', 'year', 'history', 'metric', 'value']);
    expect(rows).toHaveLength(1 + 2 * 5 * METRICS.length);
  });

  it('marks the years before the base year as history, and only those', () => {
    for (const [, year, history] of rows.slice(1)) expect(history, year).toBe(Number(year) < 2025 ? 'true' : 'false');
    expect(new Set(rows.slice(1).filter((r) => r[2] === 'true').map((r) => r[1]))).toEqual(new Set(['2023', '2024']));
  });

  it('keeps each value in its replication, year and metric', () => {
    // The fixture's value is r + y / 10 + k / 1000 (year index y from startYear, metric index k).
    const gap = METRICS.findIndex((m) => m.name === 'gap');
    const row = rows.find((r) => r[0] === '1' && r[1] === '2025' && r[3] === 'gap')!;
    expect(Number(row[4])).toBeCloseTo(1 + 0.2 + gap / 1000, 12);
  });
});

describe('years.csv', () => {
  it('has the header year,history,metric,p10,p50,p90,mean with the flag in every row', () => {
    const rows = rowsOf(yearsCsv(runFixture().summary));
    expect(rows[0]).toEqual(['year', 'history', 'metric', 'p10', 'p50', 'p90', 'mean']);
    expect(rows).toHaveLength(1 + 5 * METRICS.length);
    expect(rows.find((r) => r[0] === '2024' && r[2] === 'gap')).toEqual(['2024', 'true', 'gap', '0.5', '0.6', '0.7', '0.6']);
    expect(rows.find((r) => r[0] === '2025' && r[2] === 'gap')).toEqual(['2025', 'false', 'gap', '0.51', '0.53', '0.55', '0.53']);
  });

  it('is all false without history', () => {
    const rows = rowsOf(yearsCsv(runFixture(2025).summary)).slice(1);
    expect(rows.every((r) => r[1] === 'false')).toBe(true);
  });
});

describe('differences.csv', () => {
  it('has the header scenario,against,year,history,metric,statistic,value and flags history years', () => {
    const rows = rowsOf(differencesCsv(comparisonFixture()));
    expect(rows[0]).toEqual(['scenario', 'against', 'year', 'history', 'metric', 'statistic', 'value']);
    // Per year: the candidates-per-100 ratio's six statistics, then six per compared metric.
    expect(rows).toHaveLength(1 + 9 * (COMPARED_METRICS.length + 1) * 6);
    for (const [, , year, history] of rows.slice(1)) expect(history, year).toBe(Number(year) < 2025 ? 'true' : 'false');
    expect(rows[1]).toEqual(['variant', 'base', '2023', 'true', 'candidatesPer100Ratio', 'geometricMean', '1']);
    expect(rows[7]).toEqual(['variant', 'base', '2023', 'true', 'gap', 'mean', '0']);
    const ratio2025 = rows.find((r) => r[2] === '2025' && r[4] === 'candidatesPer100Ratio' && r[5] === 'geometricMean');
    expect(Number(ratio2025?.[6])).toBeCloseTo(Math.pow((60 / 50) * (57 / 48) * (60 / 52) * (57 / 50), 1 / 4), 12);
  });
});
