/**
 * The tidy CSV of `hiresim sweep export` (src/output/sweep-export.ts), read back with a small
 * independent CSV reader: the header, one row per point, output and statistic, numbers only in
 * the value column (censored closing years empty and flagged), and, as a property, every number
 * and parameter value of any set of lines recovered exactly from the table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportIssues, rowsPerPoint, sweepCsv } from '../../../src/output/sweep-export.js';
import { readResultLines, type ParsedLine } from '../../../src/studies/sweep/result-lines.js';
import { readCsvRecords } from '../../helpers/csv-reader.js';

const band = (p50: number) => ({ p10: p50 - 0.25, p50, p90: p50 + 0.25, mean: p50 + 0.01 });

function lineOf(index: number, runs: number, point: Record<string, number | string | boolean>, medianYear: number | null): Record<string, unknown> {
  return {
    provenance: { hiresim: '0.1.0', command: 'hiresim sweep x.yaml', argv: ['sweep', 'x.yaml'], overrides: [], scenarios: [], seed: 1, replications: 3 },
    runId: `run-${index}`,
    index,
    runs,
    scenario: '0123456789abcdef',
    design: 'lhs',
    seed: 1,
    replications: 3,
    baseYear: 2025,
    horizon: 2034,
    point,
    closure: { medianYear, p10Year: 2027, p90Year: null, censoredShare: 0.4 },
    gap: { 2030: band(0.53), 2032: band(-0.1 * index) },
    payMedian: { 2030: band(400_000.5), 2032: band(410_000) },
  };
}

const parse = (lines: readonly object[]): ParsedLine[] => {
  const { lines: parsed, issues } = readResultLines('s.jsonl', lines.map((l) => `${JSON.stringify(l)}\n`).join(''), { halfWrittenLastLine: 'report', emptyFile: 'report' });
  expect(issues).toEqual([]);
  return [...parsed];
};

describe('sweepCsv', () => {
  const lines = [0, 1, 2].map((i) => lineOf(i, 3, { 'demand.payElasticity': 0.2 + i / 10, 'region.name': i === 1 ? 'Paris, "Île-de-France"' : 'Berlin', 'tools.enabled': i !== 2 }, i === 2 ? null : 2030 + i));
  const csv = sweepCsv(parse(lines));
  const { header, records } = readCsvRecords(csv);

  it('has the documented columns, one per parameter path between point and replications', () => {
    expect(header).toEqual(['run_id', 'scenario', 'design', 'seed', 'point', 'demand.payElasticity', 'region.name', 'tools.enabled', 'replications', 'year', 'output', 'statistic', 'value', 'unit', 'censored']);
  });

  it('has points × rows per point rows: 4 closing-year rows and p10, p50, p90, mean of 3 outputs per year', () => {
    expect(rowsPerPoint(2)).toBe(4 + 2 * 3 * 4);
    expect(records).toHaveLength(3 * rowsPerPoint(2));
    expect(records.map((r) => r.point)).toEqual([0, 1, 2].flatMap((i) => Array(rowsPerPoint(2)).fill(String(i))));
  });

  it('holds numbers only in value, replications, point and numeric parameters; censored is true or false', () => {
    for (const r of records) {
      expect(r.censored).toMatch(/^(TRUE|FALSE)$/);
      if (r.censored === 'TRUE') expect(r.value).toBe('');
      else expect(Number.isFinite(Number(r.value)) && r.value !== '', JSON.stringify(r)).toBe(true);
      expect(Number.isInteger(Number(r.replications))).toBe(true);
      expect(Number.isFinite(Number(r['demand.payElasticity']))).toBe(true);
      expect(r['tools.enabled']).toMatch(/^(TRUE|FALSE)$/);
      expect(r.year === '' ? r.output : 'yearly').toMatch(/^(closingYear|yearly)$/);
    }
  });

  it('writes a censored quantile as an empty value flagged censored, and a string parameter with commas and quotes intact', () => {
    const median = (point: string) => records.find((r) => r.point === point && r.output === 'closingYear' && r.statistic === 'p50');
    expect(median('1')).toMatchObject({ value: '2031', unit: 'year', censored: 'FALSE', year: '' });
    expect(median('2')).toMatchObject({ value: '', censored: 'TRUE' });
    expect(records.find((r) => r.point === '0' && r.statistic === 'p90' && r.output === 'closingYear')).toMatchObject({ value: '', censored: 'TRUE' });
    expect(records.find((r) => r.point === '1')?.['region.name']).toBe('Paris, "Île-de-France"');
  });

  it('mirrors the gap band into candidates per 100 open positions (p10 from the gap\'s p90) and says pay is nominal', () => {
    const row = (output: string, statistic: string) => records.find((r) => r.point === '0' && r.year === '2030' && r.output === output && r.statistic === statistic);
    expect(Number(row('gap', 'p50')?.value)).toBe(0.53);
    expect(Number(row('candidatesPer100', 'p50')?.value)).toBe(47);
    expect(Number(row('candidatesPer100', 'p10')?.value)).toBe(22);
    expect(Number(row('candidatesPer100', 'p90')?.value)).toBe(72);
    expect(row('payMedian', 'p50')).toMatchObject({ value: '400000.5', unit: 'USD nominal' });
  });

  it('recovers every number and parameter value of any lines exactly', () => {
    // JSON has no −0 (JSON.stringify(-0) is "0"): the lines cannot hold it, so neither can the table.
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));
    const year = fc.option(fc.integer({ min: 2025, max: 2045 }), { nil: null });
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.oneof(value, text, fc.boolean()), year, value, value), { minLength: 1, maxLength: 6 }), (specs) => {
        const made = specs.map(([x, p, y, g, pay], i) => ({
          ...lineOf(i, specs.length, { a: x, b: p }, y),
          gap: { 2030: { p10: g, p50: g, p90: g, mean: g } },
          payMedian: { 2030: { p10: pay, p50: pay, p90: pay, mean: pay } },
        }));
        const { records: rows } = readCsvRecords(sweepCsv(parse(made)));
        expect(rows).toHaveLength(specs.length * rowsPerPoint(1));
        specs.forEach(([x, p, y, g, pay], i) => {
          const mine = rows.filter((r) => r.point === String(i));
          expect(mine.every((r) => Number(r.a) === x && r.b === (typeof p === 'boolean' ? (p ? 'TRUE' : 'FALSE') : String(p)))).toBe(true);
          const median = mine.find((r) => r.output === 'closingYear' && r.statistic === 'p50');
          expect(median?.value).toBe(y === null ? '' : String(y));
          expect(Number(mine.find((r) => r.output === 'gap')?.value)).toBe(g);
          expect(Number(mine.find((r) => r.output === 'payMedian')?.value)).toBe(pay);
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('exportIssues', () => {
  it('names each band statistic that is not a number, at its line', () => {
    const bad = [lineOf(0, 2, { a: 1 }, 2030), { ...lineOf(1, 2, { a: 2 }, 2031), payMedian: { 2030: { p10: 1, p50: 2, p90: 'x', mean: 2 } } }];
    const issues = exportIssues(parse(bad));
    expect(issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.path}`)).toEqual(['s.jsonl:2:1 payMedian.2030.p90', 's.jsonl:2:1 payMedian.2032']);
  });
});
