/**
 * The calibrated scenario's text: fitted values in place (or added, when inherited), each with a
 * source and a comment that record the targets and the --set overrides the fit ran under.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CalibrationResult } from '../../src/calibrate/calibrate.js';
import { calibratedScenarioText } from '../../src/calibrate/write-back.js';

const dir = mkdtempSync(join(tmpdir(), 'hiresim-write-back-'));

function result(overrides: string[]): CalibrationResult {
  return {
    scenario: { name: 'x', hash: '0123456789abcdef', file: 'x.yaml' },
    seed: 7,
    replications: 4,
    engine: 'agents',
    overrides,
    targetFiles: [],
    parameters: [{ path: 'attrition.quitRate', low: 0.05, high: 0.3, log: false, start: 0.132, value: 0.1234567 }],
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

describe('calibratedScenarioText', () => {
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, 'name: x\nattrition:\n  quitRate: 0.132\n  other: 1 # kept\n');

  it('replaces the value in place, recording the targets (indexes as metric@YEAR/BASE) and the --set overrides, quoted when not plain', () => {
    const text = calibratedScenarioText(file, result(['scale=50', 'horizon=2027', 'population.note=a b']), '2026-11-30');
    const lines = text.split('\n');
    expect(lines[0]).toBe('name: x');
    expect(lines[3]).toBe('  other: 1 # kept');
    const settings = ' with --set scale=50 --set horizon=2027 --set "population.note=a b"';
    // A source holding double quotes is written in single quotes.
    expect(lines[2]).toMatch(/^ {2}quitRate: \{ value: 0\.123457, source: '.*' \} # calibrated 2026-11-30 with --set scale=50 --set horizon=2027 --set "population\.note=a b": was 0\.132, range 0\.05:0\.3$/);
    const source = (parse(text) as { attrition: { quitRate: { source: string } } }).attrition.quitRate.source;
    expect(source).toBe(`calibrated by hiresim calibrate to gap@2025=0.53±0.02 (simulated 0.54, residual 0.5); openPositions@2022/2019=1.11±0.05 (simulated none, residual none); 6 evaluations, 4 replications, seed 7${settings}`);
  });

  it('says nothing of overrides when the fit ran without any', () => {
    const text = calibratedScenarioText(file, result([]), '2026-11-30');
    expect(text).toContain('seed 7" } # calibrated 2026-11-30: was 0.132');
    expect(text).not.toContain('--set');
  });

  it('adds an inherited value at its path, with the overrides in its comment', () => {
    const child = join(dir, 'child.yaml');
    writeFileSync(child, 'extends: scenario.yaml\nname: child\n');
    const text = calibratedScenarioText(child, result(['scale=50']), '2026-11-30');
    const parsed = parse(text) as { extends: string; attrition: { quitRate: { value: number; source: string } } };
    expect(parsed.extends).toBe('scenario.yaml');
    expect(parsed.attrition.quitRate.value).toBe(0.123457);
    expect(parsed.attrition.quitRate.source).toMatch(/ with --set scale=50$/);
    expect(text).toContain('# calibrated 2026-11-30 with --set scale=50: was 0.132, range 0.05:0.3');
  });
});
