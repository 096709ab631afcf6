/**
 * The Slurm path without a cluster: the generated array script is run once per task index with the
 * environment Slurm would give it (SLURM_ARRAY_TASK_ID, SLURM_CPUS_PER_TASK), then the merge script;
 * the merged file must equal the same sweep run in one process, byte for byte. merge must name
 * missing shards and reject duplicated and foreign ones. (A run on a real local Slurm cluster is
 * issue 6's CI test.)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hiresim, ROOT } from '../helpers/cli.js';

const SWEEP = ['--param', 'upskilling.selfStudyRate=0.02:0.3', '--param', 'migration.immigrants=500,6000', '--design', 'lhs', '--samples', '7', '--reps', '2', '--set', 'scale=50', '--set', 'horizon=2030'];
const TASKS = 3;

describe('a sweep as a Slurm job array', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hiresim-slurm-'));
  const plan = hiresim(['slurm', 'sweep', 'scenarios/baseline.yaml', ...SWEEP, '--tasks', String(TASKS), '--array-limit', '2', '--partition', 'ci', '--time', '00:10:00', '--out', dir, '--dry-run']);
  const bash = (script: string, env: Record<string, string> = {}) => spawnSync('bash', [join(dir, script)], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });

  it('writes an array script and a merge script with the Slurm settings asked for', () => {
    expect(plan.status, plan.stderr).toBe(0);
    const sweep = readFileSync(join(dir, 'sweep.sbatch'), 'utf8');
    expect(sweep).toContain('#SBATCH --array=0-2%2');
    expect(sweep).toContain('#SBATCH --partition=ci');
    expect(sweep).toContain('#SBATCH --time=00:10:00');
    expect(sweep).toContain('--shard "${SLURM_ARRAY_TASK_ID}/3" --resume');
    expect(readFileSync(join(dir, 'merge.sbatch'), 'utf8')).toContain('merge');
    expect(plan.stderr).toContain('--dependency=afterok:');
    expect(plan.stderr).toContain('--kill-on-invalid-dep=yes');
  });

  it('gives, task by task and merged, the same file as the sweep in one process', () => {
    for (let task = 0; task < TASKS; task++) {
      const r = bash('sweep.sbatch', { SLURM_ARRAY_TASK_ID: String(task), SLURM_CPUS_PER_TASK: '1' });
      expect(r.status, r.stderr).toBe(0);
    }
    const merged = bash('merge.sbatch');
    expect(merged.status, merged.stderr).toBe(0);
    const single = join(dir, 'single.jsonl');
    const r = hiresim(['sweep', 'scenarios/baseline.yaml', ...SWEEP, '--out', single]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'merged.jsonl'), 'utf8')).toBe(readFileSync(single, 'utf8'));
    // A re-submitted task finds its shard complete and runs nothing.
    const again = bash('sweep.sbatch', { SLURM_ARRAY_TASK_ID: '1', SLURM_CPUS_PER_TASK: '1' });
    expect(again.stderr).toContain('0 run(s) written');
  });

  it('names missing shards, and rejects duplicated and foreign lines, with exit 2', () => {
    const shard = (i: number) => join(dir, `shard-${i}.jsonl`);
    const missing = hiresim(['merge', shard(0), shard(2), '--shards', String(TASKS), '--out', join(dir, 'm1.jsonl')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/expected all 7 runs of the sweep, found 2 missing \(shard 1 of 3\): run 1, 4/);
    const twice = hiresim(['merge', shard(0), shard(1), shard(2), shard(1), '--out', join(dir, 'm2.jsonl')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain('a duplicate');
    const foreignFile = join(dir, 'foreign.jsonl');
    const line = JSON.parse(readFileSync(shard(0), 'utf8').split('\n')[0]);
    writeFileSync(foreignFile, `${JSON.stringify({ ...line, seed: 999 })}\n`);
    const foreign = hiresim(['merge', shard(1), shard(2), foreignFile, '--out', join(dir, 'm3.jsonl')]);
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toContain(`${foreignFile}:1:1 seed: expected the same sweep as ${shard(1)}:1 (seed 20250101), found 999`);
    const half = join(dir, 'half.jsonl');
    copyFileSync(shard(0), half);
    writeFileSync(half, `${readFileSync(half, 'utf8')}{"runId": "abc`);
    const cut = hiresim(['merge', half, shard(1), shard(2), '--out', join(dir, 'm4.jsonl')]);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toContain(`${half}:${readFileSync(half, 'utf8').split('\n').length}:1 (root): expected complete lines (finish the sweep or shard with --resume), found a half-written last line`);
    rmSync(join(dir, 'm1.jsonl'), { force: true });
  });
});
