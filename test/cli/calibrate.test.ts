/**
 * `hiresim calibrate`, spawned: recovering a known parameter (immigrants a year) from a target the model itself produced,
 * writing the calibrated scenario with every other byte of the file unchanged and its provenance on
 * top, the written file reproducing the fit's figures when run with the recorded overrides, index and
 * percent targets over history years, --targets files, the evaluation budget, the verdict naming
 * missed targets (exit 3 with --strict), identical results for any --threads, and bad targets at
 * their exact position.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { parse } from 'yaml';
import { PROVENANCE_END, PROVENANCE_START } from '../../src/studies/calibrate/write-back.js';
import { hiresim, ROOT } from '../helpers/cli.js';
import { BASELINE, expectProblem, hiresimAsync } from '../helpers/problems.js';

// Two burn-in years and a start in 2016 (the baseline's start year, set so as not to depend on it).
const CALENDAR = ['--set', 'scale=50', '--set', 'startYear=2016', '--set', 'burnInYears=2', '--set', 'horizon=2027'];
const SETTINGS = 'scale=50 --set startYear=2016 --set burnInYears=2 --set horizon=2027';
const SMALL = ['--reps', '4', ...CALENDAR];
const TRUE_IMMIGRANTS = 6_000;

describe('hiresim calibrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hiresim-calibrate-'));
  // The target: the median 2017 gap the model gives with 6,000 immigrants a year.
  const truth = JSON.parse(hiresim(['run', 'scenarios/baseline.yaml', ...SMALL, '--set', `migration.immigrants=${TRUE_IMMIGRANTS}`, '--threads', '1', '--json']).stdout);
  const gap = truth.years.find((y: { year: number }) => y.year === 2017).gap.p50 as number;
  const written = join(dir, 'calibrated.yaml');
  const r = hiresim(['calibrate', 'scenarios/baseline.yaml', '--fit', 'migration.immigrants=1000:12000', '--target', `gap@2017=${gap}±0.02`, ...SMALL, '--threads', '1', '--write', written, '--json']);
  const result = JSON.parse(r.stdout);

  it('recovers the immigrants that produced the target, within the resolution of 1 agent = 50 persons', () => {
    expect(r.status, r.stderr).toBe(0);
    expect(result.converged).toBe(true);
    expect(result.withinTolerance).toBe(true);
    expect(result.outside).toEqual([]);
    // The gap moves by about 0.02 per 100 immigrants a year here, so the tolerance pins them to a few hundred.
    expect(Math.abs(result.parameters[0].value - TRUE_IMMIGRANTS)).toBeLessThan(600);
    expect(result.evaluations).toBeGreaterThan(3);
    expect(result.evaluations).toBeLessThanOrEqual(60);
    expect(result.targets[0]).toMatchObject({ target: 'gap@2017', kind: 'level', metric: 'gap', year: 2017, value: gap, tolerance: 0.02, within: true });
    expect(Math.abs(result.targets[0].residual)).toBeLessThanOrEqual(1);
    expect(result.overrides).toEqual(['scale=50', 'startYear=2016', 'burnInYears=2', 'horizon=2027']);
  });

  it('writes the scenario with only the fitted value changed, noting targets, residuals, --set overrides and date', () => {
    const before = readFileSync(join(ROOT, 'scenarios/baseline.yaml'), 'utf8').split('\n');
    // The provenance block comes after the first (yaml-language-server) line; the rest is the file.
    const all = readFileSync(written, 'utf8').split('\n');
    expect(all[0]).toBe(before[0]);
    expect(all[1]).toBe(PROVENANCE_START);
    const after = [all[0], ...all.slice(all.indexOf(PROVENANCE_END) + 1)];
    expect(after).toHaveLength(before.length);
    const changed = after.map((line, k) => (line === before[k] ? -1 : k)).filter((k) => k >= 0);
    expect(changed).toHaveLength(1);
    // The seed and the value it was are the baseline's (read from the file: it is recalibrated from time to time).
    const { scenario } = loadScenario(BASELINE);
    const was = scenario.migration.immigrants.spec.kind === 'number' ? scenario.migration.immigrants.spec.value : NaN;
    expect(after[changed[0]]).toMatch(
      new RegExp(
        `^ {2}immigrants: \\{ value: \\d+(\\.\\d+)?, source: "calibrated by hiresim calibrate to gap@2017=.*residual .*; \\d+ evaluations, 4 replications, seed ${scenario.seed} with --set ${SETTINGS}" \\} # calibrated \\d{4}-\\d{2}-\\d{2} with --set ${SETTINGS}: was ${Number(was.toPrecision(4))}, range 1000:12000$`,
      ),
    );
    const check = hiresim(['validate', written]);
    expect(check.status, check.stderr).toBe(0);
  });

  it('records the provenance at the top of the written file: version, command, every override, files with sha-256, hash, seed, replications', () => {
    const text = readFileSync(written, 'utf8').split('\n');
    const block = parse(text.slice(text.indexOf(PROVENANCE_START) + 1, text.indexOf(PROVENANCE_END)).map((l) => l.replace(/^# /, '')).join('\n'))['hiresim-calibration'];
    const { argv: _argv, ...recorded } = result.provenance;
    expect(block.provenance).toEqual(recorded);
    expect(result.provenance.overrides).toEqual(['scale=50', 'startYear=2016', 'burnInYears=2', 'horizon=2027', 'replications=4']);
    expect(result.provenance.command).toMatch(/^hiresim calibrate scenarios\/baseline\.yaml --fit migration\.immigrants=1000:12000 --target 'gap@2017=-?[\d.]+±0\.02' --reps 4 --set scale=50 --set startYear=2016 --set burnInYears=2 --set horizon=2027$/);
    expect(result.provenance.command).not.toMatch(/--write|--json/);
    expect(result.provenance.command).not.toContain('--threads');
    expect(result.provenance.scenarios[0].files).toEqual([{ file: 'scenarios/baseline.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(result.provenance).toMatchObject({ seed: result.seed, replications: 4 });
    expect(block.reproduce.run).toBe(`hiresim run ${written} --set scale=50 --set startYear=2016 --set burnInYears=2 --set horizon=2027 --set replications=4`);
  });

  it('writes a scenario that, run with the recorded overrides, gives the fit\'s figure exactly', () => {
    const again = hiresim(['run', written, ...result.provenance.overrides.flatMap((o: string) => ['--set', o]), '--threads', '1', '--json']);
    expect(again.status, again.stderr).toBe(0);
    const year = JSON.parse(again.stdout).years.find((y: { year: number }) => y.year === 2017);
    expect(year.gap.p50).toBeCloseTo(result.targets[0].simulated, 12);
    // And the fitted value is in the file as evaluated (six significant digits), not rounded again.
    expect(loadScenario(written).scenario.migration.immigrants.spec).toMatchObject({ kind: 'number', value: result.parameters[0].value });
  });

  it('rejects an unknown metric and a discrete range with exit 2', () => {
    const bad = hiresim(['calibrate', 'scenarios/baseline.yaml', '--fit', 'migration.immigrants=1000:12000', '--target', 'gapp@2025=0.5']);
    expectProblem(bad, { file: '--target #1', line: 1, column: 1, path: 'gapp@2025', expected: 'a metric (gap,', found: '"gapp"' });
    expect(bad.stderr).toContain('did you mean "gap"?');
    const discrete = hiresim(['calibrate', 'scenarios/baseline.yaml', '--fit', 'migration.immigrants=7000,9000', '--target', 'gap@2025=0.5', ...SMALL]);
    expect(discrete.status).toBe(2);
    expect(discrete.stderr).toContain('expected a continuous range LO:HI to fit');
  });
});

describe.concurrent('hiresim calibrate: index and percent targets, files, threads and the evaluation budget', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hiresim-calibrate-'));
  // Two history years (2023, 2024) before the base year; an index over them and a share in percent.
  const HISTORY = [...SMALL, '--set', 'startYear=2023', '--max-evaluations', '6'];
  const targetsFile = join(dir, 'targets.txt');
  writeFileSync(targetsFile, '# observed series (made up for the test)\n\nopenPositions@2025/2023=1.2±0.1   # an index over history years\n');
  const common = ['calibrate', 'scenarios/baseline.yaml', '--fit', 'migration.immigrants=1000:12000', '--fit', 'upskilling.selfStudyRate=0.05:0.3', ...HISTORY];
  const withFlags = [...common, '--target', 'openPositions@2025/2023=1.2±0.1', '--target', 'gap@2025=53%±1pp', '--json'];
  const withFile = [...common, '--targets', targetsFile, '--target', 'gap@2025=53%±1pp', '--json'];

  it('gives byte-identical JSON with --threads 1 and --threads 2, and the same fit with the targets from a file (which it names)', async () => {
    const [one, two, file] = await Promise.all([hiresimAsync([...withFlags, '--threads', '1']), hiresimAsync([...withFlags, '--threads', '2']), hiresimAsync([...withFile, '--threads', '1'])]);
    for (const x of [one, two, file]) expect(x.status, x.stderr).toBe(0);
    expect(one.stdout).not.toBe('');
    expect(two.stdout === one.stdout, 'the JSON differs between --threads 1 and --threads 2').toBe(true);
    // The result names the targets files it read (for the calibrated scenario's sources); the rest is the same.
    const result = JSON.parse(one.stdout);
    const fromFile = JSON.parse(file.stdout);
    expect(result.targetFiles).toEqual([]);
    expect(fromFile.targetFiles).toEqual([targetsFile]);
    // Their provenance records their different command lines; the fits are the same.
    expect(fromFile.provenance.command).toContain(`--targets ${targetsFile}`);
    expect({ ...fromFile, targetFiles: [], provenance: null }, 'the JSON differs between --targets FILE and the same --target flags').toEqual({ ...result, provenance: null });
    expect(result.targets.map((t: { target: string }) => t.target)).toEqual(['openPositions@2025/2023', 'gap@2025']);
    expect(result.targets[0]).toMatchObject({ kind: 'index', metric: 'openPositions', year: 2025, base: 2023, value: 1.2, tolerance: 0.1 });
    expect(result.targets[1]).toMatchObject({ kind: 'level', value: 0.53, tolerance: 0.01 });
    expect(result.targets[1]).not.toHaveProperty('base');
    expect(result.targets[0].simulated).toBeGreaterThan(0);
    // Two parameters: a 3-point simplex and at most 3 more points, the fitted one among them.
    expect(result.evaluations).toBeLessThanOrEqual(6);
    expect(result.maxEvaluations).toBe(6);
    if (!result.converged) expect(result.evaluations).toBe(6);
    expect(result.outside).toEqual(result.targets.filter((t: { within: boolean }) => !t.within).map((t: { target: string }) => t.target));
  }, 240_000);

  it('stops at --max-evaluations exactly, counts the fitted point among them, and ends with the verdict naming each missed target (exit 0)', async () => {
    // An impossible gap (the gap is at most 1): every evaluation misses it.
    const r = await hiresimAsync([...common.slice(0, -2), '--max-evaluations', '2', '--target', 'gap@2025=150%±1pp', '--target', 'openPositions@2025/2023=1.2±10', '--threads', '1']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/; 2 evaluations of at most 2$/);
    expect(lines.at(-2)).toMatch(/NOT converged \(evaluation limit\)\.$/);
    // The model's figure, the target and its tolerance, the gap in % and pp.
    expect(lines.at(-1)).toMatch(/^Targets met: 1 of 2; missed: gap@2025 \(model -?\d+(\.\d+)?%, target 150% ± 1pp\)\.$/);
    // The gap's row in % with its difference in pp; the index's as ratios.
    expect(r.stdout).toMatch(/\n\s*gap@2025\s+150%\s+1pp\s+-?\d+(\.\d+)?%\s+-\d+(\.\d+)?pp\s+-\d+(\.\d+)?\s+NO\n/);
    expect(r.stdout).toMatch(/\n\s*openPositions@2025\/2023\s+1\.2\s+10\s.*\syes\n/);
    // The plan, on stderr before anything runs: the budget in evaluations × replications.
    expect(r.stderr).toMatch(/^hiresim: calibrate: at most 2 evaluations × 4 replications of "baseline" at 1 agent = 50 persons, each to 2026, on 1 thread …/m);
  }, 120_000);

  it('rejects a bad line of a --targets file at FILE:LINE:COL', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'gap@2025=0.53\n# comment\n   payMedian@2025=40%\n');
    const r = await hiresimAsync(['calibrate', 'scenarios/baseline.yaml', '--fit', 'migration.immigrants=1000:12000', '--targets', bad]);
    expectProblem(r, { file: bad, line: 3, column: 21, path: 'payMedian@2025', expected: 'a value without %: payMedian is in USD', found: '"40%"' });
  }, 120_000);

  it('rejects a year outside the simulated years at the --target #K position, history years included only from startYear', async () => {
    const r = await hiresimAsync(['calibrate', 'scenarios/baseline.yaml', '--fit', 'migration.immigrants=1000:12000', '--target', 'gap@2025=0.5', '--target', 'openPositions@2025/2022=1.1', ...SMALL, '--set', 'startYear=2023']);
    expectProblem(r, { file: '--target #2', line: 1, column: 20, path: 'openPositions@2025/2022', expected: 'a simulated year, 2023 to 2027', found: '2022' });
    const late = await hiresimAsync(['calibrate', 'scenarios/baseline.yaml', '--fit', 'migration.immigrants=1000:12000', '--target', 'gap@2030=0.5', ...SMALL]);
    expectProblem(late, { file: '--target #1', line: 1, column: 5, path: 'gap@2030', expected: 'a simulated year, 2016 to 2027', found: '2030' });
  }, 120_000);

  it('needs a target, and states the default tolerance and the percent rule in --help', async () => {
    const none = await hiresimAsync(['calibrate', 'scenarios/baseline.yaml', '--fit', 'migration.immigrants=1000:12000']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--target: expected a target: --target metric@YEAR=value or --targets FILE, found none');
    const help = await hiresimAsync(['calibrate', '--help']);
    expect(help.status).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('The default tolerance is 5% of the target\'s absolute value, or 0.01 for a target of 0.');
    expect(text).toContain('(gap@2030=20% is ±1pp: 5% of 0.20)');
    expect(text).toMatch(/--strict +Exit 3 when any target is outside its tolerance/);
    expect(text).toContain('Exit codes: 0 done, 2 bad input, 3 a target missed with --strict.');
    expect(text).toContain('gap@2025=53%±2pp is 0.53±0.02');
    expect(text).toMatch(/--targets .*one per line/);
    expect(help.stdout.indexOf('Examples:')).toBeLessThan(help.stdout.indexOf('\nOptions:'));
  }, 120_000);
});

// The expected-value recursion: deterministic and fast, for what does not need the agents.
describe('hiresim calibrate --engine expected: --strict and shares written either way', () => {
  it('--strict: exit 3 when a target is missed, after printing the verdict; exit 0 when every target is met', async () => {
    const expected = ['calibrate', 'scenarios/baseline.yaml', '--engine', 'expected', '--fit', 'migration.immigrants=1000:12000', '--set', 'horizon=2027', '--max-evaluations', '3'];
    const [strict, lenient, met] = await Promise.all([
      hiresimAsync([...expected, '--target', 'gap@2026=150%±1pp', '--strict']),
      hiresimAsync([...expected, '--target', 'gap@2026=150%±1pp']),
      hiresimAsync([...expected, '--target', 'gap@2026=0±100pp', '--strict']),
    ]);
    expect(strict.status, strict.stderr).toBe(3);
    expect(strict.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Targets met: 0 of 1; missed: gap@2026 \(model -?\d+(\.\d+)?%, target 150% ± 1pp\)\.$/);
    expect(strict.stderr).toMatch(/^hiresim: calibrate: at most 3 evaluations of "baseline" on the expected-value recursion, each to 2026 …/);
    expect(lenient.status, lenient.stderr).toBe(0);
    expect(lenient.stdout).toBe(strict.stdout);
    expect(met.status, met.stderr).toBe(0);
    expect(met.stdout.trimEnd().split('\n').at(-1)).toBe('Targets met: 1 of 1.');
  }, 120_000);

  it('accepts a share as 20% or 0.20 alike, and --json starts with the provenance', async () => {
    const base = ['calibrate', 'scenarios/baseline.yaml', '--engine', 'expected', '--fit', 'migration.immigrants=1000:12000', '--set', 'horizon=2031', '--max-evaluations', '2', '--json'];
    const [percent, fraction] = await Promise.all([hiresimAsync([...base, '--target', 'gap@2030=20%']), hiresimAsync([...base, '--target', 'gap@2030=0.20'])]);
    for (const x of [percent, fraction]) expect(x.status, x.stderr).toBe(0);
    const [a, b] = [JSON.parse(percent.stdout), JSON.parse(fraction.stdout)];
    expect(Object.keys(a)[0]).toBe('provenance');
    expect(a.provenance.overrides).toEqual(['horizon=2031']);
    expect(a.targets[0]).toMatchObject({ target: 'gap@2030', value: 0.2, tolerance: 0.2 * 0.05 });
    expect({ ...a, provenance: null }).toEqual({ ...b, provenance: null });
  }, 120_000);
});
