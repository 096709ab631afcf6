/**
 * A sharded sweep on a real (local, single-node) Slurm cluster: `hiresim slurm sweep` submits a
 * 4-task array and a dependent merge job; the merged file must equal the same sweep run in one
 * process, byte for byte. .ci/run starts the cluster (ci/slurm-local.sh) and exports SLURM_CONF;
 * elsewhere the test skips with a warning.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hiresim } from '../helpers/cli.js';

const hasSlurm = Boolean(process.env.SLURM_CONF) && spawnSync('sinfo', ['-h'], { encoding: 'utf8' }).status === 0;
if (!hasSlurm) console.warn('test/slurm/cluster.test.ts: no Slurm cluster (SLURM_CONF unset or sinfo failing): skipped; .ci/run starts one');

const SWEEP = ['--param', 'upskilling.selfStudyRate=0.02:0.3', '--param', 'demand.payElasticity=0.2:1', '--design', 'lhs', '--samples', '8', '--reps', '2', '--set', 'scale=50', '--set', 'horizon=2030'];

/** A job's state from slurmctld's memory (no accounting daemon here: no sacct). */
function jobState(id: string): string {
  const r = spawnSync('scontrol', ['show', 'job', '-o', id], { encoding: 'utf8' });
  return /JobState=([A-Z_]+)/.exec(r.stdout)?.[1] ?? 'UNKNOWN';
}

describe.skipIf(!hasSlurm)('a sweep on a local Slurm cluster', () => {
  it('runs as a 4-task job array plus merge, and the merged file equals a single-process sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-cluster-'));
    const submitted = hiresim(['slurm', 'sweep', 'scenarios/baseline.yaml', ...SWEEP, '--tasks', '4', '--time', '00:10:00', '--out', dir]);
    expect(submitted.status, submitted.stderr).toBe(0);
    const { arrayJob, mergeJob } = JSON.parse(submitted.stdout) as { arrayJob: string; mergeJob: string };
    const deadline = Date.now() + 240_000;
    let state = jobState(mergeJob);
    while (!['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY'].includes(state) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      state = jobState(mergeJob);
    }
    expect(state, `merge job ${mergeJob} after array ${arrayJob}; logs in ${dir}/logs`).toBe('COMPLETED');
    const single = join(dir, 'single.jsonl');
    const r = hiresim(['sweep', 'scenarios/baseline.yaml', ...SWEEP, '--out', single]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'merged.jsonl'), 'utf8')).toBe(readFileSync(single, 'utf8'));
  }, 300_000);
});
