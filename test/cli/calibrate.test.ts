/**
 * `hiresim calibrate`, spawned: recovering a known parameter from a target the model itself produced,
 * and writing the calibrated scenario with every other byte of the file unchanged.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hiresim, ROOT } from '../helpers/cli.js';

const SMALL = ['--reps', '4', '--set', 'scale=50', '--set', 'horizon=2027'];
const TRUE_SEEKERS = 10_500;

describe('hiresim calibrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hiresim-calibrate-'));
  // The target: the median 2025 gap the model gives with 10,500 seekers.
  const truth = JSON.parse(hiresim(['run', 'scenarios/baseline.yaml', ...SMALL, '--set', `population.seekers=${TRUE_SEEKERS}`, '--threads', '1', '--json']).stdout);
  const gap = truth.years[0].gap.p50 as number;
  const written = join(dir, 'calibrated.yaml');
  const r = hiresim(['calibrate', 'scenarios/baseline.yaml', '--fit', 'population.seekers=7000:16000', '--target', `gap@2025=${gap}±0.002`, ...SMALL, '--write', written, '--json']);
  const result = JSON.parse(r.stdout);

  it('recovers the seekers that produced the target, within the resolution of 1 agent = 50 persons', () => {
    expect(r.status, r.stderr).toBe(0);
    expect(result.converged).toBe(true);
    expect(result.withinTolerance).toBe(true);
    // The gap moves by ~0.002 per 100 seekers here, so the tolerance pins the seekers to a few hundred.
    expect(Math.abs(result.parameters[0].value - TRUE_SEEKERS)).toBeLessThan(600);
    expect(result.evaluations).toBeGreaterThan(3);
    expect(result.targets[0].residual).toBeLessThanOrEqual(1);
  });

  it('writes the scenario with only the fitted value changed, noting targets, residuals and date', () => {
    const before = readFileSync(join(ROOT, 'scenarios/baseline.yaml'), 'utf8').split('\n');
    const after = readFileSync(written, 'utf8').split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.map((line, k) => (line === before[k] ? -1 : k)).filter((k) => k >= 0);
    expect(changed).toHaveLength(1);
    expect(after[changed[0]]).toMatch(/^ {2}seekers: \{ value: \d+(\.\d+)?, source: "calibrated by hiresim calibrate to gap@2025=.*residual .*" \} # calibrated \d{4}-\d{2}-\d{2}: was 13150, range 7000:16000$/);
    const check = hiresim(['validate', written]);
    expect(check.status, check.stderr).toBe(0);
  });

  it('rejects an unknown metric and a discrete range with exit 2', () => {
    const bad = hiresim(['calibrate', 'scenarios/baseline.yaml', '--fit', 'population.seekers=7000:16000', '--target', 'gapp@2025=0.5']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('did you mean "gap"?');
    const discrete = hiresim(['calibrate', 'scenarios/baseline.yaml', '--fit', 'population.seekers=7000,9000', '--target', 'gap@2025=0.5', ...SMALL]);
    expect(discrete.status).toBe(2);
    expect(discrete.stderr).toContain('expected a continuous range LO:HI to fit');
  });
});
