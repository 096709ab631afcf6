/**
 * `hiresim run`, end to end: the spawned, compiled CLI on a small configuration of the baseline's
 * calendar (its start year, one burn-in year, scale 50, to 2030, 3 replications): the JSON summary's
 * shape, tidy CSV, result files with --out, the table, and bad input (exit 2, no stack trace,
 * nothing written).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../../src/model/metrics.js';
import { firstYear } from '../../src/scenario/calendar.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ROOT } from '../helpers/cli.js';
import { hiresimAsync, STACK_TRACE, tempDir } from '../helpers/problems.js';

const FILE = 'scenarios/baseline.yaml';
const SETS = ['--set', 'scale=50', '--set', 'horizon=2030', '--set', 'burnInYears=1'];
const SMALL = ['--reps', '3', '--threads', '1', ...SETS];
// The baseline's first simulated year is read from the file (it starts before its base year, 2025).
const BASE = loadScenario(join(ROOT, FILE)).scenario;
const YEARS = Array.from({ length: 2030 - firstYear(BASE) + 1 }, (_, k) => firstYear(BASE) + k);
const PROJECTION = YEARS.filter((year) => year >= BASE.baseYear);

let dir = '';
let cleanup = () => {};
beforeAll(() => ({ dir, cleanup } = tempDir('hiresim-run-')));
afterAll(() => cleanup());

const isBand = (x: unknown) => {
  const b = x as Record<string, unknown>;
  return ['p10', 'p50', 'p90', 'mean'].every((k) => typeof b?.[k] === 'number' && Number.isFinite(b[k])) && (b.p10 as number) <= (b.p50 as number) && (b.p50 as number) <= (b.p90 as number);
};

describe('hiresim run (spawned)', () => {
  it.concurrent('--json prints the summary: scenario, seed, replications, yearly bands and the closure', async () => {
    const r = await hiresimAsync(['run', FILE, '--json', '--seed', '11', ...SMALL]);
    expect(r.status, r.stderr).toBe(0);
    // One line on stderr, also in a pipe: what runs, then how long it took or should take.
    expect(r.stderr).toMatch(/^hiresim: run: 3 replications of "baseline" at 1 agent = 50 persons on 1 thread … (done in|about) [\d.]+ (s|min)[^\n]*\n$/);
    const s = JSON.parse(r.stdout);
    expect(s.scenario.name).toBe('baseline');
    expect(s.scenario.hash).toMatch(/^[0-9a-f]{16}$/);
    // The hash identifies the run's model inputs, --reps and --seed included.
    const hash = loadScenario(join(ROOT, FILE), { overrides: ['scale=50', 'horizon=2030', 'burnInYears=1', 'replications=3', 'seed=11'] }).hash;
    expect(s.scenario.hash).toBe(hash);
    expect(s.seed).toBe(11);
    expect(s.replications).toBe(3);
    expect([s.startYear, s.baseYear, s.horizon]).toEqual([firstYear(BASE), BASE.baseYear, 2030]);
    expect(s.years.map((y: { year: number }) => y.year)).toEqual(YEARS);
    expect(s.years.map((y: { history: boolean }) => y.history)).toEqual(YEARS.map((year) => year < BASE.baseYear));
    for (const row of s.years) {
      for (const metric of ['gap', 'openPositions', 'qualifiedCandidates', 'employed']) expect(isBand(row[metric]), `${row.year} ${metric}`).toBe(true);
      expect(Object.keys(row.gap).sort()).toEqual(['mean', 'p10', 'p50', 'p90']);
      expect(row.employed.p50).toBeGreaterThan(0);
    }
    const c = s.closure;
    expect(Object.keys(c).sort()).toEqual(['afterClosing', 'censoredShare', 'medianYear', 'p10Year', 'p90Year', 'probabilityClosedBy', 'probabilityClosedByError', 'reopenedShare', 'sustainYears', 'threshold'].sort());
    // How sure: a Monte Carlo error for every P(closed by Y); whether closing lasts.
    expect(Object.keys(c.probabilityClosedByError)).toEqual(Object.keys(c.probabilityClosedBy));
    for (const [year, q] of Object.entries(c.probabilityClosedBy) as [string, number][]) expect(c.probabilityClosedByError[year]).toBeCloseTo(Math.sqrt((q * (1 - q)) / 3), 12);
    expect(c.reopenedShare === null || (c.reopenedShare >= 0 && c.reopenedShare <= 1)).toBe(true);
    // Where it came from, first in the file: the reproducing command (no --threads), the overrides, the files.
    expect(Object.keys(s)[0]).toBe('provenance');
    expect(s.provenance.command).toBe(`hiresim run ${FILE} --seed 11 --reps 3 ${SETS.join(' ')}`);
    expect(s.provenance.overrides).toEqual(['scale=50', 'horizon=2030', 'burnInYears=1', 'replications=3', 'seed=11']);
    expect(s.provenance.scenarios[0]).toMatchObject({ file: FILE, hash: s.scenario.hash });
    expect(c.threshold).toBe(0);
    expect(c.sustainYears).toBe(2);
    for (const q of [c.medianYear, c.p10Year, c.p90Year]) expect(q === null || (Number.isInteger(q) && q >= 2025 && q <= 2030)).toBe(true);
    // The answer counts from the base year.
    expect(Object.keys(c.probabilityClosedBy)).toEqual(PROJECTION.map(String));
    const p = Object.values(c.probabilityClosedBy) as number[];
    p.forEach((x, k) => {
      expect(x).toBeGreaterThanOrEqual(k === 0 ? 0 : p[k - 1]);
      expect(x).toBeLessThanOrEqual(1);
    });
    expect(c.censoredShare).toBeCloseTo(1 - p[p.length - 1], 12);
  });

  it.concurrent('--csv prints replication,year,history,metric,value with one row per replication, year and metric', async () => {
    const [csv, json] = await Promise.all([hiresimAsync(['run', FILE, '--csv', ...SMALL]), hiresimAsync(['run', FILE, '--json', ...SMALL])]);
    expect(csv.status, csv.stderr).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('replication,year,history,metric,value');
    expect(lines).toHaveLength(1 + 3 * YEARS.length * METRICS.length);
    const names = new Set(METRICS.map((m) => m.name));
    const gaps = new Map<number, number[]>();
    for (const line of lines.slice(1)) {
      const [rep, year, history, metric, value] = line.split(',');
      expect(['0', '1', '2']).toContain(rep);
      expect(YEARS).toContain(Number(year));
      // Years before the base year are history.
      expect(history).toBe(String(Number(year) < BASE.baseYear));
      expect(names.has(metric)).toBe(true);
      expect(Number.isFinite(Number(value))).toBe(true);
      if (metric === 'gap') gaps.set(Number(year), [...(gaps.get(Number(year)) ?? []), Number(value)]);
    }
    // The same run: the middle of the three replications' gaps is the JSON's median.
    const summary = JSON.parse(json.stdout);
    for (const row of summary.years) expect(gaps.get(row.year)!.sort((a, b) => a - b)[1]).toBe(row.gap.p50);
  });

  it.concurrent('--out writes summary.json, years.csv and runs.csv, then manifest.json, and nothing else', async () => {
    const out = join(dir, 'nested', 'results');
    const [r, csv] = await Promise.all([hiresimAsync(['run', FILE, '--json', '--out', out, ...SMALL]), hiresimAsync(['run', FILE, '--csv', ...SMALL])]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'runs.csv', 'summary.json', 'years.csv']);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(r.stdout);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8')).toBe(csv.stdout);
    const years = readFileSync(join(out, 'years.csv'), 'utf8').trimEnd().split('\n');
    expect(years[0]).toBe('year,history,metric,p10,p50,p90,mean');
    expect(years).toHaveLength(1 + YEARS.length * METRICS.length);
    expect(r.stderr).toContain(`wrote summary.json, years.csv and runs.csv to ${out}`);
  });

  it.concurrent('prints the table and the closing sentence, and no progress bar when stderr is not a terminal', async () => {
    const r = await hiresimAsync(['run', FILE, ...SMALL]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toContain('\r');
    expect(r.stdout).toContain('hiresim: "baseline"');
    expect(r.stdout).toMatch(/^year +per 100 +10–90% +gap +open pos\./m);
    expect(r.stdout).toContain('When the shortage ends: the gap closes when there are at least 100 qualified candidates per 100');
    expect(r.stdout).toMatch(/^ {2}How sure \(± one Monte Carlo standard error\): P\(closed by 2030\) = /m);
    for (const year of YEARS) expect(r.stdout).toMatch(new RegExp(`^\\s*${year}\\s`, 'm'));
    expect(r.stdout).not.toContain('\x1b[');
  });

  describe('bad input: exit 2, no stack trace, no files', () => {
    const check = async (args: string[], name: string) => {
      const out = join(dir, `bad-${name}`);
      const r = await hiresimAsync(['run', ...args, '--out', out]);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stderr).not.toContain('internal error');
      expect(r.status, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    };

    it.concurrent('a missing scenario file', () => check(['scenarios/no-such-file.yaml', ...SMALL], 'missing'));
    it.concurrent('an override that is not a valid formula (--set demand.growth=abc)', () => check([FILE, ...SMALL, '--set', 'demand.growth=abc'], 'set'));

    // Regression: the run command's .check() threw a plain Error for a bad --reps or --threads, which
    // .fail() rethrew and runCli reported as an internal error (stack trace, exit 1). Fixed in b2c25c9.
    it.concurrent('--reps 0', () => check([FILE, '--reps', '0', '--threads', '1', ...SETS], 'reps'));
    it.concurrent('--threads x', () => check([FILE, '--reps', '2', '--threads', 'x', ...SETS], 'threads'));
  });
});
