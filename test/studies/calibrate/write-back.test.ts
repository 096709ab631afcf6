/**
 * The calibrated scenario's text: fitted values in place (or added, when inherited), each with a
 * source and a comment that record the targets and the --set overrides the fit ran under, and the
 * fit's provenance as a comment block at the top (YAML once uncommented), replaced by a later write.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CalibrationResult } from '../../../src/studies/calibrate/calibrate.js';
import { calibratedScenarioText, PROVENANCE_END, PROVENANCE_START, reproducingCommands } from '../../../src/studies/calibrate/write-back.js';
import type { Provenance } from '../../../src/output/provenance.js';

const dir = mkdtempSync(join(tmpdir(), 'hiresim-write-back-'));

function result(overrides: string[]): CalibrationResult {
  return {
    scenario: { name: 'x', hash: '0123456789abcdef', file: 'x.yaml' },
    seed: 7,
    replications: 4,
    engine: 'agents',
    overrides,
    targetFiles: [],
    parameters: [{ path: 'attrition.quitRate', low: 0.05, high: 0.3, log: false, start: 0.132, value: 0.123457 }],
    targets: [
      { target: 'gap@2025', kind: 'level', metric: 'gap', year: 2025, value: 0.53, tolerance: 0.02, simulated: 0.54, residual: 0.5, within: true },
      { target: 'openPositions@2022/2019', kind: 'index', metric: 'openPositions', year: 2022, base: 2019, value: 1.11, tolerance: 0.05, simulated: null, residual: null, within: false },
    ],
    objective: Infinity,
    evaluations: 6,
    maxEvaluations: 6,
    converged: false,
    reason: 'evaluation limit',
    withinTolerance: false,
    outside: ['openPositions@2022/2019'],
  };
}

/** A fit's provenance as `provenance('calibrate', …)` gives it. */
function record(overrides: string[]): Provenance {
  const argv = ['calibrate', 'x.yaml', '--fit', 'attrition.quitRate=0.05:0.3', ...overrides.flatMap((o) => ['--set', o])];
  return {
    hiresim: '0.1.0',
    command: `hiresim ${argv.join(' ')}`,
    argv,
    overrides: [...overrides, 'replications=4', 'seed=7'],
    scenarios: [{ file: 'x.yaml', files: [{ file: 'x.yaml', sha256: 'ab'.repeat(32) }], hash: '0123456789abcdef' }],
    seed: 7,
    replications: 4,
  };
}

const options = (overrides: string[]) => ({ date: '2026-11-30', out: 'out.yaml', provenance: record(overrides) });

/** The provenance block of a written text, uncommented and parsed. */
function block(text: string): { 'hiresim-calibration': Record<string, unknown> } {
  const lines = text.split('\n');
  const start = lines.indexOf(PROVENANCE_START);
  const end = lines.indexOf(PROVENANCE_END);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return parse(lines.slice(start + 1, end).map((l) => l.replace(/^# /, '')).join('\n'));
}

describe('calibratedScenarioText', () => {
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, 'name: x\nattrition:\n  quitRate: 0.132\n  other: 1 # kept\n');

  it('replaces the value in place, recording the targets (indexes as metric@YEAR/BASE) and the --set overrides, quoted when not plain', () => {
    const text = calibratedScenarioText(file, result(['scale=50', 'horizon=2027', 'population.note=a b']), options(['scale=50', 'horizon=2027', 'population.note=a b']));
    const lines = text.split('\n').slice(text.split('\n').indexOf(PROVENANCE_END) + 1);
    expect(lines[0]).toBe('name: x');
    expect(lines[3]).toBe('  other: 1 # kept');
    const settings = ' with --set scale=50 --set horizon=2027 --set "population.note=a b"';
    // A source holding double quotes is written in single quotes.
    expect(lines[2]).toMatch(/^ {2}quitRate: \{ value: 0\.123457, source: '.*' \} # calibrated 2026-11-30 with --set scale=50 --set horizon=2027 --set "population\.note=a b": was 0\.132, range 0\.05:0\.3$/);
    const source = (parse(text) as { attrition: { quitRate: { source: string } } }).attrition.quitRate.source;
    expect(source).toBe(`calibrated by hiresim calibrate to gap@2025=0.53±0.02 (simulated 0.54, residual 0.5); openPositions@2022/2019=1.11±0.05 (simulated none, residual none); 6 evaluations, 4 replications, seed 7${settings}`);
  });

  it('says nothing of overrides when the fit ran without any', () => {
    const text = calibratedScenarioText(file, result([]), options([]));
    expect(text).toContain('seed 7" } # calibrated 2026-11-30: was 0.132');
    // The overrides of --reps and --seed are still in the provenance block (and its reproducing command).
    const body = text.slice(text.indexOf(PROVENANCE_END));
    expect(body).not.toContain('--set');
  });

  it('adds an inherited value at its path, with the overrides in its comment', () => {
    const child = join(dir, 'child.yaml');
    writeFileSync(child, 'extends: scenario.yaml\nname: child\n');
    const text = calibratedScenarioText(child, result(['scale=50']), options(['scale=50']));
    const parsed = parse(text) as { extends: string; attrition: { quitRate: { value: number; source: string } } };
    expect(parsed.extends).toBe('scenario.yaml');
    expect(parsed.attrition.quitRate.value).toBe(0.123457);
    expect(parsed.attrition.quitRate.source).toMatch(/ with --set scale=50$/);
    expect(text).toContain('# calibrated 2026-11-30 with --set scale=50: was 0.132, range 0.05:0.3');
  });

  it('starts with the provenance (version, command, overrides, files with sha-256, hash, seed, replications) and the reproducing commands', () => {
    const text = calibratedScenarioText(file, result(['scale=50']), options(['scale=50']));
    expect(text.startsWith(`${PROVENANCE_START}\n`)).toBe(true);
    const { argv: _argv, ...recorded } = record(['scale=50']);
    const b = block(text)['hiresim-calibration'];
    expect(b.provenance).toEqual(recorded);
    expect(b.date).toBe('2026-11-30');
    expect(b.targetsMet).toBe('1 of 2; missed: openPositions@2022/2019');
    expect(b.reproduce).toMatchObject({
      calibrate: "hiresim calibrate out.yaml --fit attrition.quitRate=0.05:0.3 --target 'gap@2025=0.53±0.02' --target 'openPositions@2022/2019=1.11±0.05' --set scale=50 --set replications=4 --set seed=7 --max-evaluations 1",
      run: 'hiresim run out.yaml --set scale=50 --set replications=4 --set seed=7',
    });
    // The rest is the scenario, still YAML with the fitted value.
    expect((parse(text) as { attrition: { quitRate: { value: number } } }).attrition.quitRate.value).toBe(0.123457);
  });

  it('keeps a first yaml-language-server line first, and a second write replaces the block instead of adding one', () => {
    const modeline = join(dir, 'modeline.yaml');
    writeFileSync(modeline, '# yaml-language-server: $schema=../schema/scenario.schema.json\nname: x\nattrition:\n  quitRate: 0.132\n');
    const once = calibratedScenarioText(modeline, result(['scale=50']), options(['scale=50']));
    expect(once.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/scenario.schema.json');
    expect(once.split('\n')[1]).toBe(PROVENANCE_START);
    writeFileSync(modeline, once);
    const twice = calibratedScenarioText(modeline, result(['scale=20']), { ...options(['scale=20']), date: '2026-12-01' });
    expect(twice.split(PROVENANCE_START)).toHaveLength(2);
    expect(twice.split(PROVENANCE_END)).toHaveLength(2);
    expect(block(twice)['hiresim-calibration'].date).toBe('2026-12-01');
    expect((block(twice)['hiresim-calibration'].provenance as Provenance).overrides).toEqual(['scale=20', 'replications=4', 'seed=7']);
  });

  it('reproduces an expected-value fit with calibrate alone (run would use the agents), targets without float tails', () => {
    const expected = { ...result([]), engine: 'expected' as const, targets: [{ ...result([]).targets[0], value: 0.2, tolerance: 0.2 * 0.05 }] };
    const commands = reproducingCommands(expected, { out: 'o.yaml', provenance: record([]) });
    expect(commands.run).toBeUndefined();
    expect(commands.calibrate).toContain("--engine expected --fit attrition.quitRate=0.05:0.3 --target 'gap@2025=0.2±0.01' --set");
  });
});
