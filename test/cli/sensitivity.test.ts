/**
 * `hiresim sensitivity`, spawned: Sobol' indices on the model, with a parameter that cannot matter
 * (a setting of a lever that is switched off) as a control, and Morris on the same pair.
 */
import { describe, expect, it } from 'vitest';
import { hiresim } from '../helpers/cli.js';

const COMMON = ['--reps', '2', '--set', 'scale=50', '--set', 'horizon=2032', '--set', 'acquihires.enabled=false', '--year', '2029', '--param', 'upskilling.selfStudyRate=0.02:0.3', '--param', 'acquihires.probability=0.1:0.9', '--json'];

describe('hiresim sensitivity', () => {
  const sobol = hiresim(['sensitivity', 'scenarios/baseline.yaml', '--method', 'sobol', '--samples', '8', '--threads', '2', ...COMMON]);
  const s = JSON.parse(sobol.stdout);

  it("runs Saltelli's design: N × (d + 2) points, indices with intervals for both outputs", () => {
    expect(sobol.status, sobol.stderr).toBe(0);
    expect(s.evaluations).toBe(8 * 4);
    expect(s.outputs.map((o: { output: string }) => o.output)).toEqual(['closingYear', 'gap']);
    const gap = s.outputs[1];
    expect(gap.constant).toBe(false);
    expect(gap.sobol.map((x: { path: string }) => x.path)).toEqual(['upskilling.selfStudyRate', 'acquihires.probability']);
    for (const x of gap.sobol) for (const k of ['first', 'total']) expect(x[k].low).toBeLessThanOrEqual(x[k].high);
  });

  it('gives an input that cannot matter exactly zero indices, and the self-study rate a large total index', () => {
    const [study, dummy] = s.outputs[1].sobol;
    // The lever is off, so its probability changes nothing: under common random numbers every
    // AB-row output equals its A-row output and both estimators are exactly zero.
    expect(Math.abs(dummy.first.index)).toBeLessThan(1e-12);
    expect(Math.abs(dummy.total.index)).toBeLessThan(1e-12);
    expect(study.total.index).toBeGreaterThan(0.5);
  });

  it('is the same with one thread', () => {
    const one = hiresim(['sensitivity', 'scenarios/baseline.yaml', '--method', 'sobol', '--samples', '8', '--threads', '1', ...COMMON]);
    expect(one.stdout).toBe(sobol.stdout);
  });

  it('ranks by Morris μ* the same way: the dummy has no effect at all', () => {
    const morris = hiresim(['sensitivity', 'scenarios/baseline.yaml', '--method', 'morris', '--samples', '3', '--threads', '2', ...COMMON]);
    expect(morris.status, morris.stderr).toBe(0);
    const [study, dummy] = JSON.parse(morris.stdout).outputs[1].morris;
    expect(dummy.muStar).toBe(0);
    expect(study.muStar).toBeGreaterThan(0);
  });
});
