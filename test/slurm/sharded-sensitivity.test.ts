/**
 * A sensitivity study as a Slurm job array, without a cluster: the generated array script is run once
 * per task index with Slurm's environment, then the merge script, which merges the shards and computes
 * the indices. sensitivity.json must equal the study run in one process, byte for byte. (The same on a
 * real local Slurm cluster is in cluster.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, hiresim, ROOT } from '../helpers/cli.js';

// A discrete parameter too: with two values, Saltelli's columns repeat points, each its own run.
const STUDY = ['--method', 'sobol', '--samples', '4', '--param', 'upskilling.selfStudyRate=0.02:0.3', '--param', 'matching.rounds=6,12', '--year', '2029', '--reps', '2', '--set', 'scale=50', '--set', 'horizon=2031'];
const TASKS = 3;

describe('a sensitivity study as a Slurm job array', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hiresim-slurm-sens-'));
  // A setup line as a cluster would have one (module load …); this one reads an unset variable, as module scripts may.
  const SETUP = 'echo "setup ran${SLURM_JOB_PARTITION:-}" >&2';
  const plan = hiresim(['slurm', 'sensitivity', 'scenarios/baseline.yaml', ...STUDY, '--tasks', String(TASKS), '--cpus-per-task', '2', '--mem', '2G', '--account', 'proj-1', '--qos', 'normal', '--setup', SETUP, '--node', 'node', '--out', dir, '--dry-run']);
  const bash = (script: string, env: Record<string, string> = {}) => spawnSync('bash', [join(dir, script)], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });

  it('writes an array script running design shards into result files, and a merge script that computes the indices', () => {
    expect(plan.status, plan.stderr).toBe(0);
    const array = readFileSync(join(dir, 'sensitivity.sbatch'), 'utf8');
    expect(array).toContain('#SBATCH --array=0-2');
    expect(array).toContain('#SBATCH --cpus-per-task=2');
    expect(array).toContain('#SBATCH --mem=2G');
    expect(array).toContain('#SBATCH --account=proj-1');
    expect(array).toContain('#SBATCH --qos=normal');
    expect(array).toContain(`set -eo pipefail\n${SETUP}\nset -u\n`);
    // The scenario path as given, run from the submission directory: the results record it as a local run would.
    expect(array).toContain(`cd -- ${ROOT.replace(/\/$/, '')}\n`);
    // --node node: the node on the compute nodes' PATH (after the setup lines), not this machine's path.
    expect(array).toContain(`\nexec node ${CLI} sensitivity scenarios/baseline.yaml --param`);
    expect(array).toContain('--shard "${SLURM_ARRAY_TASK_ID}/3" --resume');
    expect(array).toContain(`--results ${dir}/shard-"\${SLURM_ARRAY_TASK_ID}".jsonl`);
    const merge = readFileSync(join(dir, 'merge.sbatch'), 'utf8');
    expect(merge).toContain(`merge ${dir}/shard-*.jsonl --shards 3 --out ${dir}/merged.jsonl`);
    expect(merge).toContain(`--results ${dir}/merged.jsonl --resume --out ${dir}`);
    expect(merge).toContain('#SBATCH --account=proj-1');
    expect(merge).not.toContain('--mem');
    // Nothing runs on the login node, and nothing is submitted with --dry-run.
    expect(existsSync(join(dir, 'sensitivity.json'))).toBe(false);
  });

  it('gives, task by task and merged, the indices of the study in one process', () => {
    for (let task = 0; task < TASKS; task++) {
      const r = bash('sensitivity.sbatch', { SLURM_ARRAY_TASK_ID: String(task), SLURM_CPUS_PER_TASK: '1' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('setup ran');
      expect(r.stderr).toContain(`in shard ${task}/3 of 16`);
    }
    const merged = bash('merge.sbatch');
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stderr).toContain('resumed: 16 point(s) were already in');
    expect(merged.stdout).toContain("Sobol' indices");

    const single = join(dir, 'single');
    const r = hiresim(['sensitivity', 'scenarios/baseline.yaml', ...STUDY, '--out', single]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'sensitivity.json'), 'utf8')).toBe(readFileSync(join(single, 'sensitivity.json'), 'utf8'));
    // A re-submitted task finds its shard complete and runs nothing.
    const again = bash('sensitivity.sbatch', { SLURM_ARRAY_TASK_ID: '2', SLURM_CPUS_PER_TASK: '1' });
    expect(again.stderr).toContain('0 point(s) written');
  });
});
