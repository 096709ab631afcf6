/**
 * The fuzzer in CI (issue 12): a fixed seed's cases, mutated scenario text and command lines, must
 * all end accepted, refused with a bounded positioned exit 2, or (a valid request that is merely
 * large) announced before the time limit. Both families must reach both ends, or the mutations
 * would be testing only one path. `npm run fuzz -- --cases 100000` is the release-time campaign.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROOT } from '../helpers/cli.js';
// @ts-expect-error plain .mjs over dist/, without types
import { judgeCli, judgeScenario, judgeTimeout, PLAN_LINE } from '../../fuzz/oracle.mjs';
// @ts-expect-error plain .mjs over dist/, without types
import { makeCase } from '../../fuzz/cases.mjs';
// @ts-expect-error plain .mjs over dist/, without types
import { templateSources } from '../../fuzz/sandbox.mjs';

/**
 * Cases in CI, "a few thousand" as the issue asks: every tenth a command line. 3,000 cases take
 * 69 s on two idle cores (`node fuzz/run.mjs --cases 3000 --seed 12`: scenario 783 valid, 1,917 bad
 * input; cli 65 valid, 234 bad input, 1 slow-announced; no failure).
 */
const CASES = 3000;

interface Summary {
  seed: string;
  cases: number;
  counts: Record<'scenario' | 'cli', Record<'valid' | 'bad input' | 'slow (announced)' | 'failure', number>>;
  failures: { case: number; family: string; reason: string; replay: string }[];
}

function fuzz(args: string[], failures: string) {
  return spawnSync(process.execPath, ['fuzz/run.mjs', ...args, '--failures', failures], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
}

describe('npm run fuzz', () => {
  it(`seed 12: ${CASES} cases, no failure, both families both accepted and refused`, () => {
    const failures = mkdtempSync(join(tmpdir(), 'fuzz-failures-'));
    try {
      const started = performance.now();
      const r = fuzz(['--cases', String(CASES), '--seed', '12', '--json'], failures);
      const seconds = (performance.now() - started) / 1000;
      const summary = JSON.parse(r.stdout) as Summary;
      // The failures' reasons and replay commands, so a red CI run says what to replay.
      expect(summary.failures.map((f) => `${f.reason} (${f.replay})`)).toEqual([]);
      expect(r.status).toBe(0);
      expect(readdirSync(failures)).toEqual([]);
      const total = Object.values(summary.counts).flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0);
      expect(total).toBe(CASES);
      for (const family of ['scenario', 'cli'] as const) {
        expect(summary.counts[family].valid, `${family} valid`).toBeGreaterThan(0);
        expect(summary.counts[family]['bad input'], `${family} bad input`).toBeGreaterThan(0);
      }
      console.log(`fuzz seed 12: ${CASES} cases in ${seconds.toFixed(0)} s: ${JSON.stringify(summary.counts)}`);
    } finally {
      rmSync(failures, { recursive: true, force: true });
    }
  }, 300_000);

  it('a case replays alone: same input and outcome as in the campaign', () => {
    const failures = mkdtempSync(join(tmpdir(), 'fuzz-failures-'));
    try {
      const a = fuzz(['--seed', '12', '--case', '9'], failures);
      const b = fuzz(['--seed', '12', '--case', '9'], failures);
      expect(a.status).toBe(0);
      expect(a.stdout).toMatch(/^family: cli \(template \w+\)\nmutations: .*\ncommand: hiresim /);
      expect(a.stdout).toMatch(/\noutcome: (valid|bad input|slow \(announced\))\n$/);
      expect(b.stdout).toBe(a.stdout);
    } finally {
      rmSync(failures, { recursive: true, force: true });
    }
  }, 120_000);

});

describe('the oracle', () => {
  const ok = { exit: 0, stderr: '', stderrBytes: 0, stdoutBytes: 10, warnings: [], leftovers: [] };
  it.each([
    ['a stack trace', { ...ok, exit: 2, stderr: 'x\n    at f (file.js:1:2)\n' }, /stack trace/],
    ['an internal error', { ...ok, exit: 1, stderr: 'hiresim: internal error: boom\n' }, /internal error/],
    ['exit 1 for anything but a refused sbatch', { ...ok, exit: 1, stderr: 'hiresim: out of disk\n' }, /exit 1/],
    ['exit 2 saying nothing', { ...ok, exit: 2 }, /without a message/],
    ['a Node warning', { ...ok, warnings: ['Warning: x'] }, /Node warning/],
    ['a temporary left behind', { ...ok, leftovers: ['out/.summary.json.ab12.tmp'] }, /temporaries/],
    ['20 KB of stderr', { ...ok, exit: 2, stderr: 'x\n', stderrBytes: 20_001 }, /bytes on stderr/],
    ['one stderr line of 2,001 characters', { ...ok, exit: 2, stderr: `${'x'.repeat(2001)}\n`, stderrBytes: 2002 }, /stderr line/],
    ['exit 3 without --strict', { ...ok, exit: 3 }, /exit 3/],
  ])('a command line with %s is a failure', (_, result, reason) => {
    const verdict = judgeCli(result, ['run', 'x.yaml']);
    expect(verdict.outcome).toBe('failure');
    expect(verdict.reason).toMatch(reason);
  });
  it('exit 0 is valid, exit 2 with a message bad input, exit 3 with --strict valid, a refused sbatch valid', () => {
    expect(judgeCli(ok, ['run']).outcome).toBe('valid');
    expect(judgeCli({ ...ok, exit: 2, stderr: 'hiresim: --reps: …\n' }, ['run']).outcome).toBe('bad input');
    expect(judgeCli({ ...ok, exit: 3 }, ['calibrate', '--strict']).outcome).toBe('valid');
    expect(judgeCli({ ...ok, exit: 1, stderr: 'hiresim: sbatch --parsable x failed: fuzz: sbatch is disabled (run on …)\n' }, ['slurm']).outcome).toBe('valid');
  });
  it('scenario problems: bounded lines, at most 21 per file, one line each', () => {
    const issues = (lines: string[], files = 1) => judgeScenario({ warnings: [], issues: { lines, files } });
    expect(issues(['f.yaml:1:1 x: expected a, found b']).outcome).toBe('bad input');
    expect(issues([`f.yaml:1:1 x: expected a, found ${'b'.repeat(1000)}`]).reason).toMatch(/problem line of/);
    expect(issues(Array(22).fill('f.yaml:1:1 x: expected a, found b')).reason).toMatch(/22 problem lines for 1 file/);
    expect(issues(Array(22).fill('f.yaml:1:1 x: expected a, found b'), 2).outcome).toBe('bad input');
    expect(issues([]).outcome).toBe('failure');
    expect(judgeScenario({ warnings: [], thrown: { name: 'RangeError', message: 'Maximum call stack size exceeded' } }).reason).toMatch(/RangeError/);
    expect(judgeScenario({ warnings: [], loaded: true, run: { ...ok, exit: 1, stderr: 'hiresim: internal error: x\n' } }).reason).toMatch(/^valid, but hiresim run on it: internal error/);
  });
  it('a timeout is slow when the plan line came first, else a failure', () => {
    expect(judgeTimeout(true, 15).outcome).toBe('slow (announced)');
    expect(judgeTimeout(false, 15)).toEqual({ outcome: 'failure', reason: 'no end within 15 s and no plan line on stderr' });
    expect(PLAN_LINE.test('hiresim: run: 1 replications of "baseline" at 1 agent = 100000 persons on 1 thread …')).toBe(true);
    expect(PLAN_LINE.test('hiresim: --reps: expected a whole number')).toBe(false);
  });
});

describe('cases', () => {
  const sources = templateSources(ROOT);
  it('case k depends on the seed and k alone, and every tenth is a command line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.nat(5000), (seed, k) => {
        const a = makeCase(seed, k, sources);
        makeCase(seed, k + 1, sources);
        expect(makeCase(seed, k, sources)).toEqual(a);
        expect(a.family).toBe(k % 10 === 9 ? 'cli' : 'scenario');
      }),
      { numRuns: 40 },
    );
  });
  it('command lines never name a path outside the sandbox', () => {
    for (let k = 9; k < 20_000; k += 10) {
      const { argv } = makeCase('paths', k, sources) as { argv: string[] };
      for (const token of argv) expect(token.startsWith('/') || token.split('/').includes('..'), `${k}: ${token}`).toBe(false);
    }
  });
});
