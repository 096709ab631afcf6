/**
 * Hardening (issue 12, command line and result files): each reproducer from the issue, named after
 * its input class, must end in exit 0 or one positioned exit-2 problem within 5 s — never a stack
 * trace, never blamed on a place the user did not write.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE, HELP_HINT, STACK_TRACE, expectProblem, hiresimAsync, tempDir } from '../helpers/problems.js';
import type { CliResult } from '../helpers/cli.js';
import { InputError } from '../../src/scenario/issues.js';
import { arrayScript, mergeScript, type SlurmPlan } from '../../src/slurm/sbatch.js';
import { hostTag } from '../../src/output/files.js';
import { writeChild } from '../helpers/problems.js';

/** Runs the CLI and fails if it takes longer than the 5 s the issue allows. */
async function quick(args: readonly string[], options: { cwd?: string } = {}): Promise<CliResult> {
  const start = performance.now();
  const r = await hiresimAsync(args, options);
  expect(performance.now() - start).toBeLessThan(5000);
  expect(r.stderr).not.toMatch(STACK_TRACE);
  return r;
}

/** A command-line problem: exit 2, one line in the format of every input problem, the count, the pointer to --help. */
function expectUsage(r: CliResult, message: RegExp): void {
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(message);
  expect(lines[1]).toBe('1 problem found.');
  expect(lines[2]).toMatch(HELP_HINT);
}

describe('a flag without its value', () => {
  it('run --out with nothing after it is a usage line, not a YError', async () => {
    expectUsage(await quick(['run', BASELINE, '--out']), /^--out: expected a value after it, found nothing$/);
  });
  it('sweep --param with nothing after it', async () => {
    expectUsage(await quick(['sweep', BASELINE, '--out', 'x.jsonl', '--param']), /^--param: expected a value after it, found nothing$/);
  });
});

describe('a --param value that is not YAML scalars', () => {
  it('an unclosed flow sequence (demand.growth=1,[) is the --param\'s problem', async () => {
    expectProblem(await quick(['sweep', BASELINE, '--out', 'x.jsonl', '--param', 'demand.growth=1,[']), {
      file: '--param #1', line: 1, column: 15, path: 'demand.growth', found: '"["',
    });
  });
  it('an alias without an anchor (demand.growth=*a,1) is the --param\'s problem', async () => {
    expectProblem(await quick(['sweep', BASELINE, '--out', 'x.jsonl', '--param', 'demand.growth=*a,1']), {
      file: '--param #1', line: 1, column: 15, path: 'demand.growth', found: '"*a"',
    });
  });
});

describe('a path below an unknown key is blamed on the flag that wrote it', () => {
  it('--set x.y.z=1', async () => {
    expectProblem(await quick(['run', BASELINE, '--set', 'x.y.z=1']), { file: '--set #1', line: 0, column: 0, path: 'x', found: 'unknown key "x"' });
  });
  it.each(['validate', 'explain'])('--set x.y.z=1 given to %s', async (command) => {
    expectProblem(await quick([command, BASELINE, '--set', 'x.y.z=1']), { file: '--set #1', line: 0, column: 0, path: 'x', found: 'unknown key "x"' });
  });
  it('--set x.y.z=1 given to backtest', async () => {
    expectProblem(await quick(['backtest', BASELINE, '--observed', 'data/observed.csv', '--set', 'x.y.z=1']), { file: '--set #1', line: 0, column: 0, path: 'x', found: 'unknown key "x"' });
  });
  it('--set x.y.z=1 given to compare is blamed on the flag once, not on each file', async () => {
    expectProblem(await quick(['compare', BASELINE, BASELINE, '--set', 'x.y.z=1']), { file: '--set #1', line: 0, column: 0, path: 'x', found: 'unknown key "x"' });
  });
  it('--set x.y.z=1 given to attribute', async () => {
    expectProblem(await quick(['attribute', BASELINE, '--set', 'x.y.z=1']), { file: '--set #1', line: 0, column: 0, path: 'x', found: 'unknown key "x"' });
  });
  it('--set demand.nope=1 given to compare is the --set\'s problem at its column', async () => {
    expectProblem(await quick(['compare', BASELINE, BASELINE, '--set', 'demand.nope=1']), { file: '--set #1', line: 1, column: 1, path: 'demand.nope', found: 'unknown key "nope"' });
  });
  it('--set demand.shockSd.dist=normal makes mean and sd required: blamed on the --set, not the file', async () => {
    const r = await quick(['validate', BASELINE, '--set', 'demand.shockSd.dist=normal']);
    expectProblem(r, { file: '--set #1', line: 0, column: 0, path: 'demand.shockSd.mean', found: 'nothing' }, 2);
    expect(r.stderr).toContain('--set #1 demand.shockSd.sd: expected a number, found nothing');
  });
  it('the second --set is named when it is the culprit', async () => {
    expectProblem(await quick(['run', BASELINE, '--set', 'scale=50', '--set', 'demand.nope.deeper=1']), {
      file: '--set #2', line: 0, column: 0, path: 'demand.nope', found: 'unknown key "nope"',
    });
  });
  it('--param nonexistent.path=0:1', async () => {
    expectProblem(await quick(['sweep', BASELINE, '--out', 'x.jsonl', '--param', 'nonexistent.path=0:1']), {
      file: '--param #1', line: 0, column: 0, path: 'nonexistent', found: 'unknown key "nonexistent"',
    });
  });
  it('--fit nope.x=1:2 is labelled --fit, not --param', async () => {
    expectProblem(await quick(['calibrate', BASELINE, '--fit', 'nope.x=1:2', '--target', 'gap@2025=53%']), {
      file: '--fit #1', line: 0, column: 0, path: 'nope', found: 'unknown key "nope"',
    });
  });
  it('a malformed --fit range is labelled --fit', async () => {
    expectProblem(await quick(['calibrate', BASELINE, '--fit', 'demand.growth=a:b', '--target', 'gap@2025=53%']), {
      file: '--fit #1', line: 1, column: 15, path: 'demand.growth', found: '"a:b"',
    });
  });
});

describe('requests past a stated limit are refused up front', () => {
  it('--reps above 10,000 is labelled --reps and names the limit', async () => {
    expectUsage(await quick(['run', BASELINE, '--reps', '100001']), /^--reps: expected at most 10,000 replications .*found "100001"$/);
  });
  it('--samples above 100,000 (sobol, lhs, morris)', async () => {
    for (const args of [
      ['sweep', BASELINE, '--design', 'sobol', '--out', 'x.jsonl', '--param', 'demand.growth=0:1', '--samples', '9999999'],
      ['sweep', BASELINE, '--design', 'lhs', '--out', 'x.jsonl', '--param', 'demand.growth=0:1', '--samples', '9999999'],
      ['sensitivity', BASELINE, '--method', 'morris', '--param', 'demand.growth=0:1', '--samples', '9999999'],
    ]) {
      expectUsage(await quick(args), /^--samples: expected at most 100,000 \(the limit\), found "9999999"$/);
    }
  });
  it('a 3-parameter grid past a million runs', async () => {
    const r = await quick(['sweep', BASELINE, '--design', 'grid', '--samples', '99999', '--out', 'x.jsonl', '--param', 'demand.growth=0:1', '--param', 'demand.payElasticity=0:1', '--param', 'tools.breakthroughJump=0.01:0.3']);
    expectUsage(r, /^--samples\/--param: expected at most 1,000,000 runs in a run list .*found 999,970,000,299,999 runs$/);
  });
  it('slurm sweep: the same run-list limit, before any script is written', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = await quick(['slurm', 'sweep', BASELINE, '--design', 'grid', '--samples', '9999', '--param', 'demand.growth=0:1', '--param', 'demand.payElasticity=0:1', '--tasks', '2', '--dry-run', '--out', join(dir, 'o')]);
      expectUsage(r, /^--samples\/--param: expected at most 1,000,000 runs .*found 99,980,001 runs$/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      cleanup();
    }
  });
  it('a population that cannot fit in memory: the estimate is in the message', async () => {
    for (const command of [['run', BASELINE], ['compare', BASELINE, BASELINE]]) {
      const r = await quick([...command, '--set', 'population.adjacent=1e15', '--threads', '1']);
      expect(r.status).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toEqual([expect.stringMatching(/population: expected a population that fits in this machine's [\d.,]+ GB of memory .*found 1\.0e\+15 persons = 5\.0e\+13 agents at scale 20 × 170 bytes ≈ [\d,]+ GB$/), '1 problem found.']);
    }
  });
});

describe('a shard line whose run count no array can hold', () => {
  const line = (runs: string) => `{"runId":"a","index":0,"runs":${runs},"scenario":"h","design":"lhs","seed":1,"replications":1,"point":{"demand.growth":0.1},"closure":{"medianYear":2030,"censoredShare":0},"gap":{"2030":{"p50":0.1}}}\n`;
  for (const runs of ['1e300', '1000000000']) {
    it(`"runs":${runs} is refused at FILE:LINE before anything is allocated`, async () => {
      const { dir, cleanup } = tempDir();
      try {
        const shard = join(dir, 'shard-0.jsonl');
        writeFileSync(shard, `${line('1')}${line(runs)}`);
        const r = await quick(['merge', shard, '--out', join(dir, 'merged.jsonl')]);
        expectProblem(r, { file: shard, line: 2, column: 1, path: 'runs', expected: 'at most 1000000: the limit' });
        expect(existsSync(join(dir, 'merged.jsonl'))).toBe(false);
      } finally {
        cleanup();
      }
    });
  }
});

describe('a report of results no run could have written', () => {
  let summary: Record<string, unknown>;
  const { dir, cleanup } = tempDir();
  beforeAll(async () => {
    const r = await hiresimAsync(['run', BASELINE, '--reps', '2', '--seed', '7', '--threads', '1', '--set', 'scale=50', '--set', 'horizon=2028', '--out', join(dir, 'run')]);
    expect(r.status, r.stderr).toBe(0);
    summary = JSON.parse(readFileSync(join(dir, 'run', 'summary.json'), 'utf8')) as Record<string, unknown>;
  });
  afterAll(cleanup);

  it('every gap null: one line at the file, exit 2', async () => {
    const damaged = structuredClone(summary) as { years: { gap: Record<string, unknown> }[] };
    for (const y of damaged.years) for (const q of ['p10', 'p50', 'p90']) y.gap[q] = null;
    const file = join(dir, 'null-gaps.json');
    writeFileSync(file, JSON.stringify(damaged));
    expectProblem(await quick(['report', file, '--html', join(dir, 'a.html')]), { file, line: 1, column: 1, path: 'years.0.gap.p10', expected: 'a number (the gap in that year)', found: /^null \(and \d+ more problems/ });
    expect(existsSync(join(dir, 'a.html'))).toBe(false);
  });
  it('horizon: 1e9 is not a year', async () => {
    const file = join(dir, 'far-horizon.json');
    writeFileSync(file, JSON.stringify({ ...summary, horizon: 1e9 }));
    expectProblem(await quick(['report', file, '--html', join(dir, 'b.html')]), { file, line: 1, column: 1, path: 'horizon', expected: 'a year (1000–9999)', found: 'number 1000000000' });
  });
  it('the untouched summary still makes a report', async () => {
    const r = await quick(['report', join(dir, 'run', 'summary.json'), '--html', join(dir, 'c.html')]);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'c.html'))).toBe(true);
  });
});

describe('a control character in a value written into a Slurm script', () => {
  const plan: SlurmPlan = { study: 'sweep', hiresim: ['/usr/bin/node', '/opt/hiresim/dist/bin/hiresim.js'], args: ['scenarios/baseline.yaml', '--param', 'demand.growth=0:1'], tasks: 4, cpusPerTask: 1, setup: [], workdir: '/home/me/study', dir: '/scratch/me/out', version: '0.0.0' };

  it('slurm --out with a newline is refused before anything is written', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'out\n#SBATCH --wrap=touch pwned');
      const r = await quick(['slurm', 'sweep', BASELINE, '--param', 'demand.growth=0:1', '--tasks', '2', '--dry-run', '--out', out]);
      expectUsage(r, /^--out: expected a directory without control characters .*found ".*\\n#SBATCH --wrap=touch pwned"$/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      cleanup();
    }
  });
  it('a --set value with a newline is named by its flag', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = await quick(['slurm', 'sweep', BASELINE, '--param', 'demand.growth=0:1', '--tasks', '2', '--dry-run', '--out', join(dir, 'o'), '--set', 'name="a\nrm -rf ~"']);
      expectProblem(r, { file: '--set #1', line: 1, column: 8, path: 'set', expected: 'without control characters' });
    } finally {
      cleanup();
    }
  });
  it('every generated line stays one line, and a directory with spaces is quoted in #SBATCH', () => {
    expect(() => arrayScript({ ...plan, dir: '/scratch/a\rb' })).toThrow(InputError);
    expect(() => mergeScript({ ...plan, workdir: '/home/a\nb' })).toThrow(InputError);
    expect(() => arrayScript({ ...plan, setup: ['module load x\u2028rm -rf ~'] })).toThrow(InputError);
    expect(() => arrayScript({ ...plan, dir: '/scratch/a"b' })).toThrow(InputError);
    const spaced = arrayScript({ ...plan, dir: '/scratch/my study' });
    expect(spaced).toContain('#SBATCH --output="/scratch/my study/logs/sweep-%A_%a.log"');
    expect(spaced).toContain(`'/scratch/my study/shard-'"\${SLURM_ARRAY_TASK_ID}".jsonl`);
    expect(arrayScript({ ...plan, setup: ['module\tload x'] })).toContain('module\tload x');
  });
});

describe('two writers of one results file', () => {
  const SMALL = ['--param', 'demand.growth=0.05:0.2', '--samples', '2', '--reps', '2', '--threads', '1', '--set', 'scale=50', '--set', 'horizon=2028'];

  it('a sweep on a file another live process holds is refused: "in use by PID …", nothing appended', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'sweep.jsonl');
      // This test's own process stands for the first sweep: alive, and holding the lock.
      writeFileSync(`${out}.lock`, `${process.pid}\n`);
      const r = await quick(['sweep', BASELINE, ...SMALL, '--out', out]);
      expectProblem(r, { file: out, line: 1, column: 1, path: '(root)', expected: 'a results file no other hiresim is writing', found: `in use by PID ${process.pid}` });
      expect(existsSync(out)).toBe(false);
      expect(readFileSync(`${out}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    } finally {
      cleanup();
    }
  });

  it('two sweeps started at once on one file: one writes every line once, the other is refused', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'sweep.jsonl');
      // Long enough (8 points × 4 replications) for the second to start while the first runs.
      const args = ['sweep', BASELINE, '--param', 'demand.growth=0.05:0.2', '--samples', '8', '--reps', '4', '--threads', '1', '--set', 'scale=50', '--set', 'horizon=2028', '--out', out];
      // The second starts once the first holds the lock (started together, a fast first sweep could
      // finish before the second looks, which then meets a finished file instead).
      const first = hiresimAsync(args);
      const deadline = Date.now() + 20_000;
      while (!existsSync(`${out}.lock`) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(existsSync(`${out}.lock`), 'the first sweep took the lock').toBe(true);
      const [a, b] = await Promise.all([first, hiresimAsync(args)]);
      expect(a.status, a.stderr).toBe(0);
      expect(b.status, b.stderr).toBe(2);
      expect(b.stderr).toMatch(/in use by PID \d+/);
      expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(8);
      expect(existsSync(`${out}.lock`)).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('a lock left by a killed sweep (its process gone) is taken over, and released at the end', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'sweep.jsonl');
      const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
      writeFileSync(`${out}.lock`, `${gone}\n`);
      const r = await hiresimAsync(['sweep', BASELINE, ...SMALL, '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(2);
      expect(existsSync(`${out}.lock`)).toBe(false);
    } finally {
      cleanup();
    }
  });
});

describe('a result directory whose files are not one set', () => {
  const SMALL = ['--reps', '2', '--set', 'scale=50', '--set', 'horizon=2027'];
  const { dir, cleanup } = tempDir();
  const run = (seed: string, out: string, threads = '1') => hiresimAsync(['run', BASELINE, ...SMALL, '--seed', seed, '--threads', threads, '--out', join(dir, out)]);
  beforeAll(async () => {
    const made = await Promise.all([run('1', 'one'), run('2', 'two'), run('1', 'two-threads', '2')]);
    for (const r of made) expect(r.status, r.stderr).toBe(0);
  });
  afterAll(cleanup);
  const copy = (from: string, to: string) => writeFileSync(join(dir, to), readFileSync(join(dir, from)));

  it('manifest.json is byte-identical for any --threads (no time, host or PID in it)', () => {
    expect(readFileSync(join(dir, 'two-threads', 'manifest.json'), 'utf8')).toBe(readFileSync(join(dir, 'one', 'manifest.json'), 'utf8'));
    expect(readFileSync(join(dir, 'one', 'manifest.json'), 'utf8')).not.toContain(String(process.pid));
  });

  it('a run --out killed mid-write (manifest gone, a new summary.json beside the old CSVs, a temporary left) is refused by report; the next run cleans up', async () => {
    const set = join(dir, 'killed');
    mkdirSync(set);
    for (const name of ['summary.json', 'years.csv', 'runs.csv']) copy(join('one', name), join('killed', name));
    // What `run --seed 2 --out killed` leaves when killed after its first rename: no manifest (the
    // writer removes it first), seed 2's summary.json beside seed 1's CSVs, and a temporary whose
    // writer is gone. A live writer's temporary (this test's parent process) sits beside it.
    copy(join('two', 'summary.json'), join('killed', 'summary.json'));
    const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const dead = `.years.csv.${hostTag()}.${gone}.0123456789abcdef.tmp`;
    const live = `.runs.csv.${hostTag()}.${process.ppid}.0123456789abcdef.tmp`;
    writeFileSync(join(set, dead), 'year,hi');
    writeFileSync(join(set, live), 'replication,ye');
    const refused = await quick(['report', set, '--html', join(dir, 'killed.html')]);
    expectProblem(refused, { file: join(set, 'manifest.json'), line: 1, column: 1, path: '(root)', found: /^no manifest: the set is incomplete \(its writer was stopped\) or from an older hiresim; re-run the command that wrote it \(hiresim run / });
    expect(existsSync(join(dir, 'killed.html'))).toBe(false);
    // The summary named on its own is one whole file: it makes a report. (Drawing a report is not
    // held to the 5 s of a refusal: it loads the chart library.)
    const alone = await hiresimAsync(['report', join(set, 'summary.json'), '--html', join(dir, 'alone.html')]);
    expect(alone.status, alone.stderr).toBe(0);

    const again = await run('2', 'killed');
    expect(again.status, again.stderr).toBe(0);
    expect(existsSync(join(set, dead))).toBe(false);
    expect(existsSync(join(set, live))).toBe(true);
    const r = await hiresimAsync(['report', set, '--html', join(dir, 'again.html')]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('a years.csv of another run put beside a complete set: report names years.csv', async () => {
    mkdirSync(join(dir, 'mixed'));
    for (const name of ['summary.json', 'years.csv', 'runs.csv', 'manifest.json']) copy(join('one', name), join('mixed', name));
    copy(join('two', 'years.csv'), join('mixed', 'years.csv'));
    const file = join(dir, 'mixed', 'years.csv');
    expectProblem(await quick(['report', join(dir, 'mixed'), '--html', join(dir, 'mixed.html')]), { file, line: 1, column: 1, path: '(root)', expected: /^years\.csv as manifest\.json lists it \(\d+ bytes, sha-256 [0-9a-f]{12}…\)$/, found: /the set is mixed \(this file was not written with the others\); re-run the command that wrote it \(hiresim run / });
  });

  it('a summary.json left by run where compare wrote its set since: report names it as not in the set', async () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    copy(join('one', 'summary.json'), join('shared', 'summary.json'));
    const compared = await hiresimAsync(['compare', BASELINE, BASELINE, ...SMALL, '--threads', '1', '--out', shared]);
    expect(compared.status, compared.stderr).toBe(0);
    expectProblem(await quick(['report', shared, '--html', join(dir, 'shared.html')]), { file: join(shared, 'summary.json'), line: 1, column: 1, path: '(root)', expected: 'a file of the set manifest.json lists (comparison.json, differences.csv)', found: /^a file the last command to write here did not write: the directory is mixed/ });
  });
});

describe('a results file resumed by a command that differs far into a long command line', () => {
  it('the message shows the differing argument on both sides, not a command cut before it', async () => {
    const { dir, cleanup } = tempDir();
    try {
      // A scenario under a long directory name: the recorded command is past 200 characters before any option.
      const deep = join(dir, 'a-directory-name-long-enough-to-push-every-option-of-the-command-past-the-message-limit-'.repeat(2));
      mkdirSync(deep);
      const scenario = writeChild(deep, 'child.yaml', '');
      const out = join(dir, 'sweep.jsonl');
      const study = ['sweep', scenario, '--param', 'demand.growth=0.05:0.2', '--samples', '2', '--reps', '2', '--threads', '1', '--set', 'horizon=2028', '--out', out];
      const first = await hiresimAsync([...study, '--set', 'scale=50']);
      expect(first.status, first.stderr).toBe(0);
      // The same runs (scale set twice to one value) under another command line.
      const line = expectProblem(await quick([...study, '--set', 'scale=50', '--set', 'scale=50', '--resume']), {
        file: out, line: 1, column: 1, path: 'provenance.command',
        expected: /^results of this command \(argument \d+: --set scale=50\)$/,
        found: /^results of another command \(argument \d+: --set replications=2\): resume with that command, or write to a new file; it is hiresim sweep /,
      });
      expect(line.length).toBeLessThan(400);
    } finally {
      cleanup();
    }
  });
});

describe('an output directory that can never be created', () => {
  // Node's recursive mkdir looped at full CPU on /proc, where every level fails with ENOENT.
  it('run --out /proc/hiresim-nope/x: exit 2 at the first level that cannot be made, at once', async () => {
    const r = await quick(['run', BASELINE, '--set', 'scale=2000', '--reps', '1', '--set', 'horizon=2026', '--out', '/proc/hiresim-nope/x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('/proc/hiresim-nope: expected a path hiresim can write');
    expect(r.stderr).toContain('(ENOENT in mkdir)');
  });
  it('report --html under /proc: the same', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const made = await hiresimAsync(['run', BASELINE, '--set', 'scale=2000', '--reps', '1', '--set', 'horizon=2026', '--json'], { cwd: dir });
      writeFileSync(join(dir, 'summary.json'), made.stdout);
      const r = await quick(['report', join(dir, 'summary.json'), '--html', '/proc/hiresim-nope/r.html']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('/proc/hiresim-nope: expected a path hiresim can write');
    } finally {
      cleanup();
    }
  });
});

describe('found by npm run fuzz, seed 3 (10,000 cases)', () => {
  it('report --html . (a directory named as the file): exit 2 at the path, not EBUSY at the rename (case 1869)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const made = await hiresimAsync(['run', BASELINE, '--set', 'scale=2000', '--reps', '1', '--set', 'horizon=2026', '--json'], { cwd: dir });
      writeFileSync(join(dir, 'summary.json'), made.stdout);
      const r = await hiresimAsync(['report', 'summary.json', '--html', '.'], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('.: expected a path hiresim can write');
      expect(r.stderr).toContain('(EISDIR in open)');
    } finally {
      cleanup();
    }
  });

  it('a valid scenario whose market explodes (long-run growth 15 a year) stops with a problem on its file (cases 4780, 8458, 9548)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = writeChild(dir, 'explodes.yaml', 'name: explodes\nconstants:\n  growthLongRun: { value: 15, source: "assumption: fuzz case" }\n');
      for (const threads of ['1', '2']) {
        const r = await hiresimAsync(['run', file, '--set', 'scale=100000', '--reps', '2', '--threads', threads]);
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr).not.toMatch(STACK_TRACE);
        expect(r.stderr).toMatch(/^\S*explodes\.yaml \(run\) in replication \d: expected a market that fits in memory while it runs \(at most [\d.,e+]+ open postings at a time\), found [\d.e+]+ open postings/m);
        // The plan line is ended before the problem, which starts a line of its own.
        expect(r.stderr.split('\n')[0]).toMatch(/^hiresim: run: .*…$/);
      }
    } finally {
      cleanup();
    }
  });
});
