/**
 * `hiresim slurm status DIR`: points done per task counted from the shard files against the plan
 * recorded at submission, through a study's life (nothing run, some tasks, a stray line, merged).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardSize } from '../../src/slurm/status.js';
import { hiresim, ROOT } from '../helpers/cli.js';

const SWEEP = ['--param', 'upskilling.selfStudyRate=0.02:0.3', '--design', 'lhs', '--samples', '7', '--reps', '2', '--set', 'scale=50', '--set', 'horizon=2030'];

describe('shardSize', () => {
  it('splits any run list into shards whose sizes add up to it and differ by at most one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 64 }), (runs, tasks) => {
        const sizes = Array.from({ length: tasks }, (_, task) => shardSize(runs, task, tasks));
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(runs);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('hiresim slurm status', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hiresim-status-'));
  const plan = hiresim(['slurm', 'sweep', 'scenarios/baseline.yaml', ...SWEEP, '--tasks', '3', '--out', dir, '--dry-run']);
  const status = () => {
    const r = hiresim(['slurm', 'status', dir, '--json']);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { done: number; merged: number | null; plan: { runs: number; tasks: number }; shards: { task: number; done: number; expected: number; badLines: number }[] };
  };
  const task = (i: number) => spawnSync('bash', [join(dir, 'sweep.sbatch')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SLURM_ARRAY_TASK_ID: String(i) } });

  it('follows a study from submission to the merged file', () => {
    expect(plan.status, plan.stderr).toBe(0);
    const fresh = status();
    expect(fresh.plan).toMatchObject({ runs: 7, tasks: 3 });
    expect(fresh.shards.map((s) => [s.done, s.expected])).toEqual([[0, 3], [0, 2], [0, 2]]);

    expect(task(0).status).toBe(0);
    // A half-written line (a task being killed mid-write) is not a point done.
    writeFileSync(join(dir, 'shard-1.jsonl'), readFileSync(join(dir, 'shard-0.jsonl'), 'utf8').slice(0, 120));
    const partway = status();
    expect(partway.shards.map((s) => s.done)).toEqual([3, 0, 0]);
    expect(partway.done).toBe(3);
    const text = hiresim(['slurm', 'status', dir]).stdout;
    expect(text).toContain('sweep, 7 runs in 3 task(s); 3 done (43%)');
    expect(text).toContain('Tasks not complete: 1, 2.');

    // A line of another shard, copied in by mistake, is flagged for merge to name.
    writeFileSync(join(dir, 'shard-2.jsonl'), `${readFileSync(join(dir, 'shard-0.jsonl'), 'utf8').split('\n')[0]}\n`);
    expect(status().shards[2]).toMatchObject({ done: 0, badLines: 1 });
    writeFileSync(join(dir, 'shard-2.jsonl'), '');

    expect(task(1).status).toBe(0);
    expect(task(2).status).toBe(0);
    expect(hiresim(['slurm', 'status', dir]).stdout).toContain('Every shard is complete: the merge job writes');
    expect(spawnSync('bash', [join(dir, 'merge.sbatch')], { cwd: ROOT }).status).toBe(0);
    const merged = status();
    expect(merged).toMatchObject({ done: 7, merged: 7 });
    expect(hiresim(['slurm', 'status', dir]).stdout).toContain(`Done: ${dir}/merged.jsonl (7 runs).`);
  });

  it('is exit 2 for a directory that is not a study', () => {
    const r = hiresim(['slurm', 'status', tmpdir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected a study directory of hiresim slurm sweep|sensitivity (with study.json), found no study.json');
  });
});

describe('hiresim slurm status on a damaged plan', () => {
  it('is exit 2 at the position of the problem, never a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-status-'));
    writeFileSync(join(dir, 'study.json'), '{"study": "sweep",\n "tasks": ');
    const cut = hiresim(['slurm', 'status', dir]);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toContain(`${dir}/study.json:2:10 (root): expected the JSON plan written by hiresim slurm sweep|sensitivity`);
    writeFileSync(join(dir, 'study.json'), '{"study": "sweep", "tasks": 0, "runs": 7}');
    const zero = hiresim(['slurm', 'status', dir]);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain(`${dir}/study.json:1:1 tasks: expected a whole number ≥ 1, found number 0`);
  });
});
