/**
 * `hiresim sensitivity`, spawned: Sobol' indices on the model, with a parameter that cannot matter
 * (a setting of a lever that is switched off) as a control, and Morris on the same pair; the points kept
 * in a results file (--results), resumed, and run in shards give the same indices. Levers are switched
 * off only from the base year (history is the observed world), so the runs start at the base year:
 * with history, acqui-hires would still happen before 2025 and their probability would matter.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hiresim } from '../helpers/cli.js';

const COMMON = ['--reps', '2', '--set', 'scale=50', '--set', 'startYear=2025', '--set', 'burnInYears=2', '--set', 'horizon=2032', '--set', 'acquihires.enabled=false', '--year', '2029', '--param', 'upskilling.selfStudyRate=0.02:0.3', '--param', 'acquihires.probability=0.1:0.9', '--json'];

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

  describe('with --results', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-sens-'));
    const points = join(dir, 'points.jsonl');
    const sobolArgs = ['sensitivity', 'scenarios/baseline.yaml', '--method', 'sobol', '--samples', '8', '--threads', '2', ...COMMON];
    const kept = hiresim([...sobolArgs, '--results', points]);
    const lines = () => readFileSync(points, 'utf8').trimEnd().split('\n');

    it('keeps one sweep-format line per point, in design order, and prints the same indices', () => {
      expect(kept.status, kept.stderr).toBe(0);
      expect(kept.stdout).toBe(sobol.stdout);
      const parsed = lines().map((l) => JSON.parse(l));
      expect(parsed.map((p) => p.index)).toEqual(Array.from({ length: 32 }, (_, i) => i));
      expect(parsed.every((p) => p.design === 'saltelli' && p.runs === 32 && Object.keys(p.gap).join() === '2029')).toBe(true);
    });

    it('resumes a cut file (a half-written last line included) to the same file and indices', () => {
      const full = readFileSync(points, 'utf8');
      const cut = join(dir, 'cut.jsonl');
      writeFileSync(cut, `${lines().slice(0, 5).join('\n')}\n${lines()[5].slice(0, 30)}`);
      const resumed = hiresim([...sobolArgs, '--results', cut, '--resume']);
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain('resumed: 5 point(s) were already in');
      expect(readFileSync(cut, 'utf8')).toBe(full);
      expect(resumed.stdout).toBe(sobol.stdout);
    });

    it('runs shards that merge into the same points', () => {
      const shards = [0, 1].map((i) => {
        const file = join(dir, `shard-${i}.jsonl`);
        const r = hiresim([...sobolArgs, '--results', file, '--shard', `${i}/2`]);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toBe('');
        return file;
      });
      const merged = join(dir, 'merged.jsonl');
      expect(hiresim(['merge', ...shards, '--shards', '2', '--out', merged]).status).toBe(0);
      expect(readFileSync(merged, 'utf8')).toBe(readFileSync(points, 'utf8'));
    });

    it('refuses an existing file without --resume, another --year or method, --shard or --resume without --results, and the points as a sweep to report, exit 2', () => {
      const again = hiresim([...sobolArgs, '--results', points]);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('expected a new results file (or --resume to continue this one)');
      const year = hiresim([...sobolArgs.map((a) => (a === '2029' ? '2030' : a)), '--results', points, '--resume']);
      expect(year.status).toBe(2);
      expect(year.stderr).toContain(`${points}:1:1 gap: expected results recorded for the years 2030, found the years 2029`);
      const morris = hiresim(['sensitivity', 'scenarios/baseline.yaml', '--method', 'morris', '--samples', '3', ...COMMON, '--results', points, '--resume']);
      expect(morris.status).toBe(2);
      expect(morris.stderr).toContain('runId: expected results of this run list');
      const report = hiresim(['report', points, '--html', join(dir, 'report.html')]);
      expect(report.status).toBe(2);
      expect(report.stderr).toContain('these are the points of a sensitivity study; report its sensitivity.json');
      for (const flag of [['--shard', '0/2'], ['--resume']]) {
        const r = hiresim([...sobolArgs, ...flag]);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain(`hiresim: ${flag[0]} needs --results FILE.jsonl`);
      }
    });
  });
});
