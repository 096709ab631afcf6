/**
 * `hiresim sensitivity`, spawned: Sobol' indices on the model, with a parameter that cannot matter
 * (a setting of a lever that is switched off) as a control, and Morris on the same pair; the points kept
 * in a results file (--results), resumed, and run in shards give the same indices; at 8 base rows the
 * estimates are flagged as unreliable with the base rows and the command that fix them; the JSON
 * starts with the provenance; Morris effects are in years and percentage points. Levers are switched
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

  it('starts with the provenance, announces its plan on stderr, and flags the estimates 8 base rows cannot pin down', () => {
    expect(Object.keys(s)[0]).toBe('provenance');
    expect(s.provenance.overrides).toEqual(['scale=50', 'startYear=2025', 'burnInYears=2', 'horizon=2032', 'acquihires.enabled=false', 'replications=2']);
    // The study's command in one canonical order, every choice explicit (so a Slurm merge job records the same).
    expect(s.provenance.command).toBe(
      'hiresim sensitivity scenarios/baseline.yaml --method sobol --param upskilling.selfStudyRate=0.02:0.3 --param acquihires.probability=0.1:0.9 --samples 8 --year 2029 --set scale=50 --set startYear=2025 --set burnInYears=2 --set horizon=2032 --set acquihires.enabled=false --set replications=2',
    );
    expect(sobol.stderr).toMatch(/^hiresim: sensitivity: sobol, 8 base rows × \(2 \+ 2\) = 32 points × 2 replications of "baseline" at 1 agent = 50 persons on 2 threads …/);
    // The self-study rate's intervals run past 1 at this N (measured: 0.23…1.6 for the gap); the dummy's are exactly [0, 0].
    expect(s.warnings.length).toBeGreaterThan(0);
    for (const w of s.warnings) {
      expect(w.parameter).toBe('upskilling.selfStudyRate');
      expect(w.problems.join('; ')).toMatch(/interval .* reaches outside \[0, 1\]|above its total index/);
      expect(Math.log2(w.samples) % 1).toBe(0);
      expect(w.samples).toBeGreaterThanOrEqual(16);
      expect(w.points).toBe(w.samples * 4);
      // The same study with more base rows: --samples replaced, nothing else changed.
      expect(w.command).toBe(s.provenance.command.replace('--samples 8 ', `--samples ${w.samples} `));
      expect(w.message).toContain(`About ${w.samples} base rows (${w.points} points) would narrow its intervals to 0.1.`);
    }
    // With --json the table is not shown: the advice goes to stderr.
    expect(sobol.stderr).toContain('Warning: the estimates listed under "warnings" in the JSON are too noisy to read at 8 base rows.');
  });

  it('is the same with one thread, and prints the warnings and the rerun command in its table (sensitivity.json as with --json)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-sens-table-'));
    const one = hiresim(['sensitivity', 'scenarios/baseline.yaml', '--method', 'sobol', '--samples', '8', '--threads', '1', ...COMMON.filter((a) => a !== '--json'), '--out', dir]);
    expect(one.status, one.stderr).toBe(0);
    expect(readFileSync(join(dir, 'sensitivity.json'), 'utf8')).toBe(sobol.stdout);
    expect(one.stdout).toContain('Unreliable at 8 base rows:\n  ! upskilling.selfStudyRate: ');
    const most = Math.max(...s.warnings.map((w: { samples: number }) => w.samples));
    expect(one.stdout).toContain(`Warning: the estimates marked ! above are too noisy to read at 8 base rows. Intervals narrow as 1/√N: about ${most} base rows`);
    expect(one.stdout.trimEnd().split('\n').at(-1)).toBe(`  ${s.warnings.find((w: { samples: number }) => w.samples === most).command}`);
    // Interval ends as ranges with an en dash.
    expect(one.stdout).toMatch(/\n\s*acquihires\.probability\s+0\.000\s+0\.000–0\.000\s+0\.000\s+0\.000–0\.000\n/);
  });

  it('ranks by Morris μ* the same way: the dummy has no effect at all; effects in years and percentage points', () => {
    const morrisArgs = ['sensitivity', 'scenarios/baseline.yaml', '--method', 'morris', '--samples', '3', '--threads', '2', ...COMMON];
    const morris = hiresim(morrisArgs);
    expect(morris.status, morris.stderr).toBe(0);
    const result = JSON.parse(morris.stdout);
    const [study, dummy] = result.outputs[1].morris;
    expect(dummy.muStar).toBe(0);
    expect(study.muStar).toBeGreaterThan(0);
    expect(result.outputs.map((o: { unit: string }) => o.unit)).toEqual(['years', 'share']);
    // Morris studies get no Sobol' warnings.
    expect(result.warnings).toEqual([]);
    const table = hiresim(morrisArgs.filter((a) => a !== '--json'));
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/parameter +μ\* \(years\) +μ \(years, raising it\) +σ \(years\)\n/);
    expect(table.stdout).toMatch(/parameter +μ\* \(pp\) +μ \(pp\) +σ \(pp\)\n/);
    // The gap's μ* in percentage points: the fraction × 100, two decimals.
    expect(table.stdout).toMatch(new RegExp(`\\n\\s*upskilling\\.selfStudyRate\\s+${(100 * study.muStar).toFixed(2).replace('.', '\\.')}\\s`));
    // The closing year's signed μ in words: earlier or later, never a bare minus.
    const years = result.outputs[0].morris[0];
    if (years.mu !== 0) expect(table.stdout).toContain(`${Math.abs(years.mu).toFixed(2)} ${years.mu < 0 ? 'earlier' : 'later'}`);
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
      // Refused before the plan line: nothing is announced that will not run.
      expect(again.stderr).not.toContain('hiresim: sensitivity:');
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
        expect(r.stderr).toContain(`${flag[0]}: expected --results FILE.jsonl beside it (the file the runs go into), found no --results`);
      }
    });
  });
});
