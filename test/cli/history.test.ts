/**
 * History years end to end: the spawned CLI with `--set startYear=2023` (one burn-in year, baseYear 2025, to 2028, scale
 * 200, 2 replications): run's table, chart, JSON and CSV mark 2023–2024 as history and count the
 * answer from 2025; compare marks them and ranks by the middle projection year; attribute and
 * sensitivity take projection years only, sweep may record history years; report shades them;
 * explain states the calendar.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, hiresimAsync, tempDir } from '../helpers/problems.js';

const FILE = 'scenarios/baseline.yaml';
const SETS = ['--set', 'startYear=2023', '--set', 'burnInYears=1', '--set', 'horizon=2028', '--set', 'scale=200'];
const SMALL = ['--reps', '2', '--threads', '1', '--seed', '3', ...SETS];
const YEARS = [2023, 2024, 2025, 2026, 2027, 2028];
const isHistory = (year: number) => year < 2025;

let dir = '';
let cleanup = () => {};
beforeAll(() => ({ dir, cleanup } = tempDir('hiresim-history-')));
afterAll(() => cleanup());

describe('hiresim run with history years (spawned)', () => {
  it.concurrent('marks history rows, divides the table and the chart at the base year, and counts the answer from it', async () => {
    const r = await hiresimAsync(['run', FILE, ...SMALL]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    for (const year of YEARS) {
      const row = lines.find((l) => l.startsWith(`${year}  `));
      expect(row, String(year)).toBeDefined();
      expect(/^\d{4} {2}history {2}/.test(row!), row).toBe(isHistory(year));
    }
    // The divider sits between 2024 and 2025.
    const divider = lines.findIndex((l) => l.startsWith('╌╌╌╌ projection from the base year 2025 ╌'));
    expect(lines[divider - 1]).toMatch(/^2024 {2}history/);
    expect(lines[divider + 1]).toMatch(/^2025 /);
    expect(r.stdout).toContain('History (2023–2024): years before the base year 2025');
    // The chart (candidates per 100 on a log axis of whole decades): every grid row has the divider
    // after two history columns; the axis names 2023, 2025 and 2028.
    const grid = lines.filter((l) => /^ *[\d,]* ┤/.test(l));
    const label = grid[0].indexOf('┤');
    expect(grid.length % 5).toBe(1);
    for (const row of grid) expect(row.indexOf('│'), row).toBe(label + 5);
    const axis = lines[lines.indexOf(grid[grid.length - 1]) + 1];
    expect(axis.indexOf('2023')).toBe(label + 1);
    expect(axis.indexOf('2025')).toBe(label + 6);
    expect(axis.trimEnd().endsWith('2028')).toBe(true);
    expect(r.stdout.replace(/\n +/g, ' ')).toMatch(/^When the shortage ends: .* for 2 years running, counted from 2025\. Closing year: /m);
  });

  it.concurrent('--json: startYear, history per year, closing probabilities from the base year', async () => {
    const r = await hiresimAsync(['run', FILE, '--json', ...SMALL]);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect([s.startYear, s.baseYear, s.horizon]).toEqual([2023, 2025, 2028]);
    expect(s.years.map((y: { year: number }) => y.year)).toEqual(YEARS);
    expect(s.years.map((y: { history: boolean }) => y.history)).toEqual(YEARS.map(isHistory));
    expect(Object.keys(s.closure.probabilityClosedBy)).toEqual(['2025', '2026', '2027', '2028']);
  });

  it.concurrent('--out: years.csv and runs.csv flag history years in their history column', async () => {
    const out = join(dir, 'run');
    const [r, csv] = await Promise.all([hiresimAsync(['run', FILE, '--json', '--out', out, ...SMALL]), hiresimAsync(['run', FILE, '--csv', ...SMALL])]);
    expect(r.status, r.stderr).toBe(0);
    expect(csv.status, csv.stderr).toBe(0);
    const runs = readFileSync(join(out, 'runs.csv'), 'utf8');
    expect(runs).toBe(csv.stdout);
    const runRows = runs.trimEnd().split('\n');
    expect(runRows[0]).toBe('replication,year,history,metric,value');
    for (const row of runRows.slice(1)) {
      const [, year, history] = row.split(',');
      expect(history, row).toBe(String(isHistory(Number(year))));
    }
    const yearRows = readFileSync(join(out, 'years.csv'), 'utf8').trimEnd().split('\n');
    expect(yearRows[0]).toBe('year,history,metric,p10,p50,p90,mean');
    const gap2024 = yearRows.find((row) => row.startsWith('2024,true,gap,'));
    const gap2025 = yearRows.find((row) => row.startsWith('2025,false,gap,'));
    const summary = JSON.parse(r.stdout);
    expect(Number(gap2024!.split(',')[4])).toBe(summary.years[1].gap.p50);
    expect(Number(gap2025!.split(',')[4])).toBe(summary.years[2].gap.p50);
  });
});

describe('hiresim report of a run with history years (spawned)', () => {
  it.concurrent('shades history on the charts, counts the answer from the base year and reproduces with --set startYear', async () => {
    const out = join(dir, 'for-report');
    const r = await hiresimAsync(['run', FILE, '--out', out, '--reps', '2', '--threads', '1', '--seed', '3', '--set', 'startYear=2023', '--set', 'horizon=2028', '--set', 'scale=200']);
    expect(r.status, r.stderr).toBe(0);
    const file = join(dir, 'report.html');
    const report = await hiresimAsync(['report', out, '--html', file]);
    expect(report.status, report.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('for 2 years in a row, counted from the base year 2025 (2023–2024 are history)');
    expect(html.match(/aria-description="history"/g)).toHaveLength(4);
    expect(html).toContain('history (2023–2024), years before the base year 2025');
    // The command its provenance record gives, checked against the scenario file.
    expect(html).toContain(`<pre class="command">hiresim run ${FILE} --reps 2 --seed 3 --set startYear=2023 --set horizon=2028 --set scale=200</pre>`);
    expect(html).toMatch(/<p class="ok verdict">Checked: [^<]* gives the recorded hash\.<\/p>/);
  });
});

describe('hiresim compare with history years (spawned)', () => {
  it.concurrent('marks history rows and ranks by P(closed by) the middle projection year', async () => {
    const args = ['compare', FILE, 'scenarios/tool-breakthrough.yaml', ...SMALL];
    const [r, json] = await Promise.all([hiresimAsync(args), hiresimAsync([...args, '--json'])]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2023 {2}history {2}/m);
    expect(r.stdout).toMatch(/^2024 {2}history {2}/m);
    expect(r.stdout).not.toMatch(/^2025 {2}history/m);
    expect(r.stdout).toContain('╌╌╌╌ projection from the base year 2025 ╌');
    expect(r.stdout).toContain('Closing year (gap ≤ 0% for 2 years, counted from the base year 2025)');
    // The middle of 2025–2028 (2027), not of 2023–2028 (2026).
    expect(r.stdout).toContain('P(by 2027)');
    const c = JSON.parse(json.stdout);
    expect(c.startYear).toBe(2023);
    expect(c.differences[0].years.map((y: { history: boolean }) => y.history)).toEqual(YEARS.map(isHistory));
    expect(c.scenarios[0].years.map((y: { history: boolean }) => y.history)).toEqual(YEARS.map(isHistory));
  });
});

describe('years of interest are projection years; recorded years may be history (spawned)', () => {
  it.concurrent('attribute --year 2024 is exit 2: the year must be from the base year', async () => {
    const r = await hiresimAsync(['attribute', FILE, '--levers', 'tools', '--year', '2024', ...SMALL]);
    expectProblem(r, { file: '--year', line: 0, column: 0, path: '', expected: 'a year from 2025 to 2028', found: '2024' });
  });

  it.concurrent('sensitivity --year 2024 is exit 2, naming the history years', async () => {
    const r = await hiresimAsync(['sensitivity', FILE, '--method', 'morris', '--param', 'migration.immigrants=1000:6000', '--year', '2024', ...SMALL]);
    expectProblem(r, { file: '--year', line: 0, column: 0, path: '', expected: 'years from 2025 to 2028 (from the base year: 2023–2024 are history)', found: '2024' });
  });

  it.concurrent('sweep --years may name a history year; sweep summarize defaults to the first projection year', async () => {
    const out = join(dir, 'sweep.jsonl');
    const r = await hiresimAsync(['sweep', FILE, '--param', 'migration.immigrants=1000,6000', '--design', 'grid', '--years', '2024,2026', '--out', out, ...SMALL]);
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(Object.keys(l.gap)).toEqual(['2024', '2026']);
    const summary = await hiresimAsync(['sweep', 'summarize', out, '--json']);
    expect(summary.status, summary.stderr).toBe(0);
    expect(JSON.parse(summary.stdout).year).toBe(2026);
  });
});

describe('hiresim explain with history years (spawned)', () => {
  it.concurrent('states startYear, baseYear, horizon and burnInYears in its header', async () => {
    const r = await hiresimAsync(['explain', FILE, ...SETS, '--set', 'burnInYears=2']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toBe('Years: startYear 2023, baseYear 2025, horizon 2028, burnInYears 2');
    // Wrapped at 100 columns onto an indented continuation line.
    expect(lines.slice(3, 5)).toEqual(['  history 2023–2024 (after 2 unrecorded burn-in years); the answer (closing year, P(closed by year))', '    from the base year 2025 to 2028']);
    const json = await hiresimAsync(['explain', FILE, ...SETS, '--json']);
    expect(JSON.parse(json.stdout).calendar).toEqual({ startYear: 2023, baseYear: 2025, horizon: 2028, burnInYears: 1 });
  });

  it.concurrent('says there is no history for a scenario without startYear', async () => {
    // The baseline starts before its base year: without startYear (and burnInYears) it starts at it.
    const r = await hiresimAsync(['explain', FILE, '--set', 'startYear=null', '--set', 'burnInYears=null', '--set', 'horizon=2040']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(2, 4)).toEqual(['Years: startYear 2025, baseYear 2025, horizon 2040, burnInYears 0', '  no history; the answer (closing year, P(closed by year)) from the base year 2025 to 2040']);
  });
});
