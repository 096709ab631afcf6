/**
 * `hiresim sweep`, spawned: results independent of the thread count, a SIGKILLed sweep resumed to the
 * same file as an uninterrupted one, shards that partition the run list, and bad ranges as exit 2.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, hiresim, ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hiresim-sweep-'));
const SWEEP = ['sweep', 'scenarios/baseline.yaml', '--param', 'demand.payElasticity=0.3:0.9', '--param', 'migration.immigrants=1000,6000', '--design', 'lhs', '--samples', '6', '--reps', '2', '--set', 'scale=50', '--set', 'horizon=2030', '--years', '2028,2030'];
const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe('hiresim sweep', () => {
  const one = join(dir, 'one.jsonl');
  const two = join(dir, 'two.jsonl');
  const r1 = hiresim([...SWEEP, '--threads', '1', '--out', one]);
  const r2 = hiresim([...SWEEP, '--threads', '2', '--out', two]);

  it('writes one line per point, in run-list order, with the point, seeds and summary metrics', () => {
    expect(r1.status, r1.stderr).toBe(0);
    const parsed = lines(one).map((l) => JSON.parse(l));
    expect(parsed.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const p of parsed) {
      expect(p.runId).toMatch(/^[0-9a-f]{16}$/);
      expect(p.point['demand.payElasticity']).toBeGreaterThanOrEqual(0.3);
      expect(p.point['demand.payElasticity']).toBeLessThanOrEqual(0.9);
      expect([1000, 6000]).toContain(p.point['migration.immigrants']);
      expect(p.replications).toBe(2);
      expect(Object.keys(p.gap)).toEqual(['2028', '2030']);
      expect(p.closure).toHaveProperty('censoredShare');
    }
    expect(new Set(parsed.map((p) => p.runId)).size).toBe(6);
  });

  it('gives the same file for one thread or two', () => {
    expect(r2.status, r2.stderr).toBe(0);
    expect(readFileSync(two, 'utf8')).toBe(readFileSync(one, 'utf8'));
  });

  it('refuses to overwrite results without --resume, and resumes a finished file without running anything', () => {
    const again = hiresim([...SWEEP, '--threads', '1', '--out', one]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('expected a new results file (or --resume to continue this one)');
    const resumed = hiresim([...SWEEP, '--threads', '1', '--out', one, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('0 run(s) written');
  });

  it('repairs a half-written last line and finishes with the same file', () => {
    const cut = join(dir, 'cut.jsonl');
    const text = readFileSync(one, 'utf8');
    const keep = lines(one).slice(0, 2).join('\n');
    writeFileSync(cut, `${keep}\n${lines(one)[2].slice(0, 40)}`);
    const resumed = hiresim([...SWEEP, '--threads', '2', '--out', cut, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(readFileSync(cut, 'utf8')).toBe(text);
  });

  it('resumes a sweep killed with SIGKILL to the same results as an uninterrupted one', async () => {
    const killed = join(dir, 'killed.jsonl');
    const child = spawn(process.execPath, [CLI, ...SWEEP, '--threads', '1', '--out', killed], { cwd: ROOT, stdio: 'ignore' });
    // Kill as soon as the first result is on disk (and before the last).
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (existsSync(killed) && readFileSync(killed, 'utf8').includes('\n')) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        } else if (Date.now() - started > 60_000) {
          clearInterval(poll);
          reject(new Error('no result within 60 s'));
        }
      }, 20);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(lines(killed).length).toBeLessThan(6);
    const resumed = hiresim([...SWEEP, '--threads', '2', '--out', killed, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(readFileSync(killed, 'utf8')).toBe(readFileSync(one, 'utf8'));
  });

  it('refuses to resume with lines of another sweep, or recorded for other --years, exit 2 at the line', () => {
    const other = join(dir, 'other.jsonl');
    writeFileSync(other, `${lines(one)[0]}\n`);
    const seed = hiresim([...SWEEP, '--seed', '7', '--out', other, '--resume']);
    expect(seed.status).toBe(2);
    expect(seed.stderr).toContain(`${other}:1:1 runId: expected results of this run list`);
    const years = hiresim([...SWEEP.slice(0, -1), '2028,2029', '--out', other, '--resume']);
    expect(years.status).toBe(2);
    expect(years.stderr).toContain(`${other}:1:1 gap: expected results recorded for the years 2028,2029, found the years 2028,2030`);
    expect(lines(other)).toEqual([lines(one)[0]]);
  });

  it('splits the run list into shards that together hold every run once', () => {
    const shards = [0, 1, 2].map((i) => {
      const out = join(dir, `shard-${i}.jsonl`);
      const r = hiresim([...SWEEP, '--threads', '1', '--shard', `${i}/3`, '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      return lines(out);
    });
    const merged = shards.flat().sort((a, b) => JSON.parse(a).index - JSON.parse(b).index);
    expect(merged).toEqual(lines(one));
  });

  it('rejects a range on an unknown path, an inverted range and a log range through zero, with exit 2', () => {
    const bad = hiresim(['sweep', 'scenarios/baseline.yaml', '--param', 'demand.growht=0:1', '--param', 'demand.shockSd=0.5:0.1', '--param', 'tools.breakthroughJump=0:0.3:log', '--out', join(dir, 'bad.jsonl')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--param #2:1:');
    expect(bad.stderr).toContain('expected LO below HI');
    expect(bad.stderr).toContain('expected LO > 0 on a log scale');
    const unknown = hiresim(['sweep', 'scenarios/baseline.yaml', '--param', 'demand.growht=0:1', '--out', join(dir, 'bad2.jsonl')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--param #1:1:1 demand\.growht: expected one of the keys .*did you mean "growth"/);
    expect(existsSync(join(dir, 'bad2.jsonl'))).toBe(false);
  });
});
