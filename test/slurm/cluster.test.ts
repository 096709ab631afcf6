/**
 * Sharded studies on a real (local, single-node) Slurm cluster: `hiresim slurm sweep` submits a
 * 4-task array and a dependent merge job, and the merged file must equal the same sweep run in one
 * process, byte for byte; `hiresim slurm sensitivity` does the same for a Sobol' study, whose merge
 * job writes sensitivity.json, equal to the study run in one process. .ci/run starts the cluster (ci/slurm-local.sh) and exports SLURM_CONF;
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

const PARAMS = ['--param', 'upskilling.selfStudyRate=0.02:0.3', '--param', 'demand.payElasticity=0.2:1'];
const SMALL = ['--reps', '2', '--set', 'scale=50', '--set', 'horizon=2030'];
const SWEEP = [...PARAMS, '--design', 'lhs', '--samples', '8', ...SMALL];

/** A job's state from slurmctld's memory (no accounting daemon here: no sacct). */
function jobState(id: string): string {
  const r = spawnSync('scontrol', ['show', 'job', '-o', id], { encoding: 'utf8' });
  return /JobState=([A-Z_]+)/.exec(r.stdout)?.[1] ?? 'UNKNOWN';
}

/** Polls a job until it ends (or 240 s pass) and returns its last state. */
async function finalState(id: string): Promise<string> {
  const deadline = Date.now() + 240_000;
  let state = jobState(id);
  while (!['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY'].includes(state) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    state = jobState(id);
  }
  return state;
}

describe.skipIf(!hasSlurm)('studies on a local Slurm cluster', () => {
  it('runs as a 4-task job array plus merge, and the merged file equals a single-process sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-cluster-'));
    const submitted = hiresim(['slurm', 'sweep', 'scenarios/baseline.yaml', ...SWEEP, '--tasks', '4', '--time', '00:10:00', '--out', dir]);
    expect(submitted.status, submitted.stderr).toBe(0);
    const { arrayJob, mergeJob } = JSON.parse(submitted.stdout) as { arrayJob: string; mergeJob: string };
    expect(await finalState(mergeJob), `merge job ${mergeJob} after array ${arrayJob}; logs in ${dir}/logs`).toBe('COMPLETED');
    const single = join(dir, 'single.jsonl');
    const r = hiresim(['sweep', 'scenarios/baseline.yaml', ...SWEEP, '--out', single]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'merged.jsonl'), 'utf8')).toBe(readFileSync(single, 'utf8'));
    const status = hiresim(['slurm', 'status', dir, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ done: 8, merged: 8 });
  }, 300_000);

  it("runs a Sobol' study as a 4-task job array whose merge job writes the indices of a single-process study", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-cluster-sens-'));
    const study = ['--method', 'sobol', '--samples', '4', '--year', '2029', ...PARAMS, ...SMALL];
    const submitted = hiresim(['slurm', 'sensitivity', 'scenarios/baseline.yaml', ...study, '--tasks', '4', '--time', '00:10:00', '--out', dir]);
    expect(submitted.status, submitted.stderr).toBe(0);
    const { arrayJob, mergeJob } = JSON.parse(submitted.stdout) as { arrayJob: string; mergeJob: string };
    expect(await finalState(mergeJob), `merge job ${mergeJob} after array ${arrayJob}; logs in ${dir}/logs`).toBe('COMPLETED');
    const single = join(dir, 'single');
    const r = hiresim(['sensitivity', 'scenarios/baseline.yaml', ...study, '--out', single]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'sensitivity.json'), 'utf8')).toBe(readFileSync(join(single, 'sensitivity.json'), 'utf8'));
  }, 300_000);
});
