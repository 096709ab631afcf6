/**
 * Paths that cannot be used (an output directory that does not exist, a file where a directory should
 * be, a directory where a results file is read) are the user's to fix: a one-line reason naming the
 * path, exit 2, no stack trace and no file.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hiresim } from '../helpers/cli.js';

const SMALL = ['--reps', '1', '--set', 'scale=50', '--set', 'horizon=2027'];

describe('unusable output paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hiresim-paths-'));
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not a directory\n');
  const cases: [string, string[], [string, string]][] = [
    ['run --out under a file', ['run', 'scenarios/baseline.yaml', ...SMALL, '--out', join(file, 'results')], [join(file, 'results'), 'not a directory (ENOTDIR in mkdir)']],
    ['sweep --out in a missing directory', ['sweep', 'scenarios/baseline.yaml', '--param', 'upskilling.selfStudyRate=0.02:0.3', '--samples', '2', ...SMALL, '--out', join(dir, 'missing', 'sweep.jsonl')], [join(dir, 'missing', 'sweep.jsonl'), 'no such file or directory (ENOENT in open)']],
    ['sensitivity --results in a missing directory', ['sensitivity', 'scenarios/baseline.yaml', '--method', 'morris', '--samples', '1', '--param', 'upskilling.selfStudyRate=0.02:0.3', ...SMALL, '--results', join(dir, 'missing', 'points.jsonl')], [join(dir, 'missing', 'points.jsonl'), 'no such file or directory (ENOENT in open)']],
    ['slurm sweep --out under a file', ['slurm', 'sweep', 'scenarios/baseline.yaml', '--param', 'upskilling.selfStudyRate=0.02:0.3', '--tasks', '2', '--out', join(file, 'study'), '--dry-run'], [join(file, 'study'), 'not a directory (ENOTDIR in mkdir)']],
  ];
  for (const [name, args, [path, reason]] of cases) {
    it(`${name}: exit 2 with the reason, in the format of every input problem`, () => {
      const r = hiresim(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${path}: expected a path hiresim can write (its directory must exist or be creatable, and be writable), found ${reason}\n1 problem found.`);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    });
  }

  it('writes nothing for them', () => {
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('a directory where a results file is read: exit 2 at FILE:1:1, for merge, sweep summarize and --resume', () => {
    const cases: [string[], string][] = [
      [['merge', dir, '--out', join(dir, 'merged.jsonl')], `${dir}:1:1 (root): expected a shard results file, found a directory`],
      [['sweep', 'summarize', dir], `${dir}:1:1 (root): expected a sweep results file (JSON lines written by hiresim sweep --out), found a directory`],
      [['sweep', 'scenarios/baseline.yaml', '--param', 'upskilling.selfStudyRate=0.02:0.3', ...SMALL, '--out', dir, '--resume'], `${dir}:1:1 (root): expected a results file (JSON lines) to resume, found a directory`],
    ];
    for (const [args, message] of cases) {
      const r = hiresim(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});
