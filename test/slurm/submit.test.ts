/**
 * Submission without a cluster: a stand-in `sbatch` on PATH records its arguments and answers as
 * `sbatch --parsable` does ("JOBID" or "JOBID;CLUSTER"). The array goes first, the merge after it with
 * afterok on the array's id and --kill-on-invalid-dep=yes; an sbatch that fails is exit 1 with its
 * reason, and nothing more is submitted. Paths printed for pasting into a shell are quoted for it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hiresim } from '../helpers/cli.js';

const PARAMS = ['--param', 'upskilling.selfStudyRate=0.02:0.3', '--reps', '2', '--set', 'scale=50', '--set', 'horizon=2030'];

/** A directory holding an `sbatch` that logs each call and answers with the next of `answers` (exit code, output). */
function fakeSbatch(answers: readonly [number, string][]): { bin: string; calls: () => string[] } {
  const bin = mkdtempSync(join(tmpdir(), 'hiresim-sbatch-'));
  const log = join(bin, 'calls.log');
  const script = ['#!/bin/bash', `n=$(cat ${bin}/n 2>/dev/null || echo 0); echo $((n + 1)) > ${bin}/n`, `echo "$*" >> ${log}`, 'case $n in'];
  answers.forEach(([code, text], k) => script.push(`  ${k}) echo '${text}' >&${code === 0 ? 1 : 2}; exit ${code};;`));
  script.push('esac');
  writeFileSync(join(bin, 'sbatch'), `${script.join('\n')}\n`);
  chmodSync(join(bin, 'sbatch'), 0o755);
  return { bin, calls: () => readFileSync(log, 'utf8').trimEnd().split('\n') };
}

describe('hiresim slurm … submits with sbatch', () => {
  for (const [study, args] of [
    ['sweep', ['--design', 'lhs', '--samples', '4']],
    ['sensitivity', ['--method', 'morris', '--samples', '2']],
  ] as const) {
    it(`${study}: the array first, then the merge after it; prints both job ids`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'hiresim-submit-'));
      const sbatch = fakeSbatch([[0, '4242'], [0, '4243;cluster1']]);
      const r = hiresim(['slurm', study, 'scenarios/baseline.yaml', ...PARAMS, ...args, '--tasks', '2', '--out', dir], { env: { PATH: `${sbatch.bin}:${process.env.PATH}` } });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ arrayJob: '4242', mergeJob: '4243', tasks: 2, dir });
      expect(sbatch.calls()).toEqual([`--parsable ${dir}/${study}.sbatch`, `--parsable --dependency=afterok:4242 --kill-on-invalid-dep=yes ${dir}/merge.sbatch`]);
      expect(r.stderr).toContain('follow: squeue -j 4242,4243');
    });
  }

  it('is exit 1 with the reason when sbatch fails, and submits no merge job', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-submit-'));
    const sbatch = fakeSbatch([[1, 'sbatch: error: invalid partition specified: gpu']]);
    const r = hiresim(['slurm', 'sensitivity', 'scenarios/baseline.yaml', ...PARAMS, '--method', 'sobol', '--samples', '2', '--tasks', '2', '--partition', 'gpu', '--out', dir], {
      env: { PATH: `${sbatch.bin}:${process.env.PATH}` },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('failed: sbatch: error: invalid partition specified: gpu');
    expect(sbatch.calls()).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('a directory with a space and a quote: the printed "submit with:" line, pasted into bash, submits each script as one word', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hiresim-submit-')), "my study's out");
    const r = hiresim(['slurm', 'sweep', 'scenarios/baseline.yaml', ...PARAMS, '--design', 'lhs', '--samples', '4', '--tasks', '2', '--out', dir, '--dry-run']);
    expect(r.status, r.stderr).toBe(0);
    const quoted = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
    const hint = r.stderr.split('\n')[1].trim();
    expect(hint).toBe(`jid=$(sbatch --parsable ${quoted(`${dir}/sweep.sbatch`)}) && sbatch --parsable --dependency=afterok:\${jid%%;*} --kill-on-invalid-dep=yes ${quoted(`${dir}/merge.sbatch`)}`);
    // A stand-in sbatch that logs each argument in brackets: a split path would show as two.
    const bin = mkdtempSync(join(tmpdir(), 'hiresim-sbatch-'));
    writeFileSync(join(bin, 'sbatch'), `#!/bin/bash\nprintf '[%s]' "$@" >> ${bin}/calls.log; echo >> ${bin}/calls.log; echo '77;cluster1'\n`);
    chmodSync(join(bin, 'sbatch'), 0o755);
    const pasted = spawnSync('bash', ['-c', hint], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(pasted.status, pasted.stderr).toBe(0);
    expect(readFileSync(join(bin, 'calls.log'), 'utf8')).toBe(`[--parsable][${dir}/sweep.sbatch]\n[--parsable][--dependency=afterok:77][--kill-on-invalid-dep=yes][${dir}/merge.sbatch]\n`);
  });

  it('a directory with a space: the follow-up lines after submitting quote every path', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hiresim-submit-')), 'my study');
    const sbatch = fakeSbatch([[0, '4242'], [0, '4243']]);
    const r = hiresim(['slurm', 'sweep', 'scenarios/baseline.yaml', ...PARAMS, '--design', 'lhs', '--samples', '4', '--tasks', '2', '--out', dir], { env: { PATH: `${sbatch.bin}:${process.env.PATH}` } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`points done: hiresim slurm status '${dir}'   logs: '${dir}/logs'   result: '${dir}/merged.jsonl'`);
    expect(r.stderr).toContain(`re-submit '${dir}/sweep.sbatch' (finished points are skipped), then '${dir}/merge.sbatch'`);
  });

  it('checks the study before writing anything: a bad --param is exit 2 and no script', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hiresim-submit-')), 'study');
    const r = hiresim(['slurm', 'sensitivity', 'scenarios/baseline.yaml', '--param', 'demand.growht=0:1', '--method', 'sobol', '--tasks', '2', '--out', dir, '--dry-run']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--param #1');
    expect(() => readFileSync(join(dir, 'sensitivity.sbatch'))).toThrow();
  });

  it('rejects Slurm settings that would break the script, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-submit-'));
    for (const [flag, value, message] of [
      ['--mem', '4GB', '--mem: expected a size such as 4G or 500M, found "4GB"'],
      ['--account', 'a b', '--account: expected a Slurm account name, found "a b"'],
      ['--setup', 'module load x\nrm -rf /', '--setup: expected one shell line, found "module load x\\nrm -rf /"'],
      ['--time', 'two hours', '--time: expected a Slurm time'],
      ['--node', '/opt/my node', '--node: expected a command or path without spaces or quotes, found "/opt/my node"'],
    ]) {
      const r = hiresim(['slurm', 'sweep', 'scenarios/baseline.yaml', ...PARAMS, '--tasks', '2', flag, value, '--out', dir, '--dry-run']);
      expect(r.status, flag).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});
