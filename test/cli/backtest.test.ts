/**
 * `hiresim backtest`, end to end: the spawned, compiled CLI on a small configuration (scale 50,
 * 4 replications, 2021–2027 with 2021–2024 as history) against test/fixtures/backtest/observed.csv:
 * the JSON against the run's own bands, the result files, the table, a CRLF file with a byte-order
 * mark, and bad input (exit 2 at FILE:LINE:COL, every problem at once, nothing written).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { band } from '../../src/analysis/quantiles.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ROOT, type CliResult } from '../helpers/cli.js';
import { expectProblem, hiresimAsync, problemLines, STACK_TRACE, tempDir } from '../helpers/problems.js';

const FILE = 'scenarios/baseline.yaml';
const OBSERVED = 'test/fixtures/backtest/observed.csv';
const SETS = ['--set', 'scale=50', '--set', 'horizon=2027', '--set', 'startYear=2021'];
const SMALL = ['--reps', '4', '--seed', '7', '--threads', '2', ...SETS];

let dir = '';
let cleanup = () => {};
let json: CliResult;
let out = '';
let runJson: CliResult;
let runCsv: CliResult;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('hiresim-backtest-'));
  out = join(dir, 'nested', 'results');
  [json, runJson, runCsv] = await Promise.all([
    hiresimAsync(['backtest', FILE, '--observed', OBSERVED, '--json', '--out', out, ...SMALL]),
    hiresimAsync(['run', FILE, '--json', ...SMALL]),
    hiresimAsync(['run', FILE, '--csv', ...SMALL]),
  ]);
}, 120_000);
afterAll(() => cleanup());

interface Row {
  year: number;
  history: boolean;
  value: number;
  observed: number;
  model: { p10: number; p50: number; p90: number };
  inside: boolean;
  isBase: boolean;
}

describe('hiresim backtest (spawned)', () => {
  it('--json gives the run, the compared series with their rows, what is outside, and the context', () => {
    expect(json.status, json.stderr).toBe(0);
    const b = JSON.parse(json.stdout);
    const hash = loadScenario(join(ROOT, FILE), { overrides: ['scale=50', 'horizon=2027', 'startYear=2021', 'replications=4', 'seed=7'] }).hash;
    expect(b.scenario).toEqual({ name: 'baseline', hash, file: FILE });
    expect([b.seed, b.replications, b.startYear, b.baseYear, b.horizon, b.scale]).toEqual([7, 4, 2021, 2025, 2027, 50]);
    expect(b.observed).toEqual({ file: OBSERVED, rows: 16 });
    expect(b.series.map((s: { series: string; metric: string; compare: string }) => [s.series, s.metric, s.compare])).toEqual([
      ['lightcast_us_ai_postings_share', 'openPositions', 'index'],
      ['bls_oews_15-1252_median_wage', 'adjacentPay', 'level'],
      ['bls_oews_15-1252_employment', 'adjacentWorkers', 'index'],
    ]);
    const [share, wage, employment] = b.series;
    expect(share.base).toBe(2022);
    expect(share.source).toBe('AI Index 2025, fig. 4.2.1');
    expect(share.rows.map((r: Row) => [r.year, r.history, r.isBase])).toEqual([[2021, true, false], [2022, true, true], [2023, true, false]]);
    expect(share.rows[1]).toMatchObject({ observed: 1, model: { p10: 1, p50: 1, p90: 1 }, inside: true });
    expect(share.rows[2].observed).toBeCloseTo(1.62 / 1.69, 12);
    expect(share.rows[2].label).toBe('secondary (2024 edition)');
    expect(share.outside).toEqual([
      { year: 2019, value: 1.52, label: 'verified', reason: 'year' },
      { year: 2020, value: 1.37, label: 'verified', reason: 'year' },
    ]);
    expect(share.compared).toBe(2);
    expect(wage.rows.map((r: Row) => [r.year, r.history])).toEqual([[2021, true], [2022, true], [2023, true], [2024, true], [2026, false]]);
    expect(wage.compared).toBe(5);
    expect(employment.rows).toEqual([]);
    expect(employment.outside.map((o: { year: number; reason: string }) => [o.year, o.reason])).toEqual([[2019, 'year'], [2022, 'base']]);
    expect([employment.compared, employment.coverage, employment.medianAbsoluteIndexError]).toEqual([0, null, null]);
    for (const s of [share, wage]) {
      const counted = s.rows.filter((r: Row) => !r.isBase);
      expect(s.inside).toBe(counted.filter((r: Row) => r.inside).length);
      expect(s.coverage).toBe(s.inside / s.compared);
      for (const r of s.rows as Row[]) expect(r.inside).toBe(r.model.p10 <= r.observed && r.observed <= r.model.p90);
      expect(s.modelYears.map((y: { year: number }) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    }
    const errors = wage.rows.map((r: Row) => Math.abs(r.model.p50 / r.observed - 1)).sort((x: number, y: number) => x - y);
    expect(wage.medianAbsoluteRelativeError).toBeCloseTo(errors[2], 12);
    expect('medianAbsoluteIndexError' in wage).toBe(false);
    expect(b.total).toEqual({ compared: 7, inside: share.inside + wage.inside, coverage: (share.inside + wage.inside) / 7 });
    expect(b.context).toEqual([
      { series: 'ipeds, us cs bachelors', years: [2020, 2021, 2022], unit: 'graduates', source: 'AI Index 2025 fig_7.3.1.csv' },
      { series: 'new_ai_phd_share_industry', years: [2019], unit: '%', source: 'CRA Taulbee via "AI Index"' },
    ]);
  });

  it('compares with the run\'s own numbers: level bands are hiresim run\'s bands, index bands come from each replication\'s ratio', () => {
    expect(runJson.status, runJson.stderr).toBe(0);
    expect(runCsv.status, runCsv.stderr).toBe(0);
    const b = JSON.parse(json.stdout);
    const run = JSON.parse(runJson.stdout);
    const [share, wage] = b.series;
    for (const r of wage.rows as Row[]) {
      const { p10, p50, p90 } = run.years.find((y: { year: number }) => y.year === r.year).adjacentPay;
      expect(r.model).toEqual({ p10, p50, p90 });
    }
    // Per replication: openPositions in the year ÷ in 2022, read from run --csv (columns by name).
    const [head, ...lines] = runCsv.stdout.trimEnd().split('\n');
    const col = Object.fromEntries(head.split(',').map((name, k) => [name, k]));
    const positions = new Map<string, number>();
    for (const line of lines) {
      const f = line.split(',');
      if (f[col.metric] === 'openPositions') positions.set(`${f[col.replication]}|${f[col.year]}`, Number(f[col.value]));
    }
    for (const r of share.rows as Row[]) {
      const { p10, p50, p90 } = band([0, 1, 2, 3].map((rep) => positions.get(`${rep}|${r.year}`)! / positions.get(`${rep}|2022`)!));
      expect(r.model).toEqual({ p10, p50, p90 });
    }
  });

  it('--out writes backtest.json (the JSON printed) and backtest.csv (one row per compared observation)', () => {
    expect(readdirSync(out).sort()).toEqual(['backtest.csv', 'backtest.json', 'manifest.json']);
    expect(readFileSync(join(out, 'backtest.json'), 'utf8')).toBe(json.stdout);
    expect(json.stderr).toContain(`wrote backtest.json and backtest.csv to ${out}`);
    const b = JSON.parse(json.stdout);
    // Where it came from: the command, the scenario and the observed file with their hashes.
    expect(Object.keys(b)[0]).toBe('provenance');
    expect(b.provenance.command).toMatch(/^hiresim backtest scenarios\/baseline\.yaml --observed /);
    expect(b.provenance.command).not.toContain('--out');
    expect(b.provenance.data).toEqual([{ file: OBSERVED, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(b.provenance.scenarios[0].hash).toBe(b.scenario.hash);
    const lines = readFileSync(join(out, 'backtest.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('series,metric,compare,base,year,history,value,observed,p10,p50,p90,inside,isBase');
    expect(lines).toHaveLength(1 + b.series.reduce((n: number, s: { rows: unknown[] }) => n + s.rows.length, 0));
    const r = b.series[0].rows[2];
    expect(lines[3]).toBe(`lightcast_us_ai_postings_share,openPositions,index,2022,2023,true,1.62,${r.observed},${r.model.p10},${r.model.p50},${r.model.p90},${r.inside},false`);
    expect(lines.at(-1)).toMatch(/^bls_oews_15-1252_median_wage,adjacentPay,level,,2026,false,140000,140000,/);
  });

  it('prints a table per series, its summary line and the context; a CRLF file with a byte-order mark gives the same', async () => {
    const crlf = join(dir, 'crlf.csv');
    writeFileSync(crlf, `\uFEFF${readFileSync(join(ROOT, OBSERVED), 'utf8').replace(/\n/g, '\r\n')}`);
    const [table, again] = await Promise.all([hiresimAsync(['backtest', FILE, '--observed', OBSERVED, ...SMALL]), hiresimAsync(['backtest', FILE, '--observed', crlf, '--json', ...SMALL])]);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stderr).toMatch(/^hiresim: backtest: 4 replications of "baseline" at 1 agent = 50 persons on \d threads? … [^\n]+\n$/);
    const b = JSON.parse(json.stdout);
    expect(table.stdout).toContain(`hiresim backtest: "baseline" (hash ${b.scenario.hash}), 4 replications, seed 7, 1 agent = 50 persons; 2021–2024 history, 2025–2027 projection`);
    expect(table.stdout).toContain('lightcast_us_ai_postings_share: openPositions, index (2022 = 1); % of postings; AI Index 2025, fig. 4.2.1');
    expect(table.stdout).toMatch(/^\s*year\s+observed\s+model p50\s+10–90%\s+inside\s+period$/m);
    expect(table.stdout).toMatch(/^2022\s+1\.00\s+1\.00\s+1\.00…1\.00\s+base\s+history$/m);
    expect(table.stdout).toMatch(/^2026\s+140\.0k\s+\S+\s+\S+…\S+\s+[✓✗]\s+projection$/m);
    expect(table.stdout).toContain('outside the simulated years, not counted: 2019, 2020');
    expect(table.stdout).toContain('outside the simulated years (the base year 2019 is not simulated), not counted: 2019, 2022');
    const [share, wage] = b.series;
    expect(table.stdout).toContain(`coverage ${share.inside}/2 (${Math.round((share.inside / 2) * 100)}%) inside the 10–90% band; median absolute index error ${share.medianAbsoluteIndexError.toFixed(2)}`);
    expect(table.stdout).toContain(`coverage ${wage.inside}/5 (${Math.round((wage.inside / 5) * 100)}%) inside the 10–90% band; median absolute relative error ${(wage.medianAbsoluteRelativeError * 100).toFixed(1)}%`);
    expect(table.stdout).toMatch(/^Context \(listed, not compared\):\n {2}ipeds, us cs bachelors +2020–2022 {2}graduates; AI Index 2025 fig_7\.3\.1\.csv\n {2}new_ai_phd_share_industry +2019 {2}%; CRA Taulbee via "AI Index"$/m);
    expect(table.stdout).not.toContain('\x1b[');

    expect(again.status, again.stderr).toBe(0);
    const fromCrlf = JSON.parse(again.stdout);
    // The same numbers; only the observed file's name and bytes (its provenance) differ.
    expect({ ...fromCrlf, observed: undefined, provenance: undefined }).toEqual({ ...b, observed: undefined, provenance: undefined });
    expect(fromCrlf.provenance.data[0].file).toBe(crlf);
    expect(fromCrlf.provenance.data[0].sha256).not.toBe(b.provenance.data[0].sha256);
    expect(fromCrlf.observed).toEqual({ file: crlf, rows: 16 });
  });

  describe('bad input: exit 2 at the field, every problem at once, nothing written', () => {
    const bad = async (name: string, csv: string, extra: string[] = []) => {
      const file = join(dir, `${name}.csv`);
      writeFileSync(file, csv);
      const target = join(dir, `out-${name}`);
      const r = await hiresimAsync(['backtest', FILE, '--observed', file, '--out', target, ...SMALL, ...extra]);
      expect(r.stdout).toBe('');
      expect(existsSync(target)).toBe(false);
      return { r, file };
    };
    const HEADER = 'series,year,value,unit,metric,compare,base,source,label';

    it.concurrent('a misspelt metric, suggesting the closest', async () => {
      const { r, file } = await bad('metric', `${HEADER}\nx,2022,1,u,openPosition,level,,s,l\n`);
      expectProblem(r, { file, line: 2, column: 12, path: 'metric', expected: 'a metric of hiresim run', found: '"openPosition" (did you mean "openPositions"?)' });
    });

    it.concurrent('several problems in a CRLF file, each at its field', async () => {
      const { r, file } = await bad('several', `${HEADER}\r\nx,2022,abc,u,,,,s,l\r\ny,2022.5,1,u,adjacentPay,levels,,s,l\r\nz,2022,1,u,adjacentPay,index,,"s,t",l\r\nz,2022,2,u,adjacentPay,index,,s\r\n`);
      const lines = problemLines(r.stderr);
      expect(lines).toEqual([
        `${file}:2:8 value: expected a finite number such as 1.52 or 1364180, found "abc"`,
        `${file}:3:3 year: expected a whole year such as 2019, found "2022.5"`,
        `${file}:3:26 compare: expected level or index (the row has a metric), found "levels"`,
        `${file}:4:30 base: expected a base year (compare is index), found nothing`,
        `${file}:5:32 label: expected 9 fields (series,year,value,unit,metric,compare,base,source,label), found 8 fields`,
      ]);
      expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('5 problems found.');
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    });

    it.concurrent('a wrong header', async () => {
      const { r, file } = await bad('header', `series;year;value\nx;2022;1\n`);
      expectProblem(r, { file, line: 1, column: 1, path: 'header', expected: 'column 1 "series"', found: '"series;year;value"' });
    });

    it.concurrent('a bad scenario override and a bad CSV, reported together', async () => {
      const { r, file } = await bad('both', `${HEADER}\nx,2022,1,u,adjacentPay,level,,s,l\nx,2022,1,u,adjacentPay,level,,s,l\n`, ['--set', 'scale=-1']);
      const lines = problemLines(r.stderr);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^--set #\d+:1:\d+ scale: expected /);
      expect(lines[1]).toBe(`${file}:3:3 year: expected one row per series and year, found a second row for x in 2022 (the first is on line 2)`);
      expect(r.status).toBe(2);
    });

    it.concurrent('a missing observed file, or none given', async () => {
      const missing = join(dir, 'none.csv');
      const r = await hiresimAsync(['backtest', FILE, '--observed', missing, ...SMALL]);
      expectProblem(r, { file: missing, line: 1, column: 1, path: '(root)', expected: 'an existing CSV file of observed series', found: 'no such file' });
      const none = await hiresimAsync(['backtest', FILE, ...SMALL]);
      expect(none.status).toBe(2);
      expect(none.stderr).toMatch(/^--observed: expected --observed \(hiresim backtest needs it\), found no --observed$/m);
      expect(none.stderr).not.toMatch(STACK_TRACE);
    });
  });
});
