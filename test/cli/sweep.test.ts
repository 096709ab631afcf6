/**
 * `hiresim sweep`, spawned: results independent of the thread count, a SIGKILLed sweep resumed to the
 * same file as an uninterrupted one, shards that partition the run list (and merge to the same
 * bytes), the provenance on every line, the plan line, `sweep export` read back as CSV, and bad
 * ranges, bad lines and lines of another command as exit 2.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, hiresim, ROOT } from '../helpers/cli.js';
import { readCsvRecords } from '../helpers/csv-reader.js';
import { rowsPerPoint } from '../../src/output/sweep-export.js';
import { loadScenario } from '../../src/scenario/load.js';

const dir = mkdtempSync(join(tmpdir(), 'hiresim-sweep-'));
const SWEEP = ['sweep', 'scenarios/baseline.yaml', '--param', 'demand.payElasticity=0.3:0.9', '--param', 'migration.immigrants=1000,6000', '--design', 'lhs', '--samples', '6', '--reps', '2', '--set', 'scale=50', '--set', 'horizon=2030', '--years', '2028,2030'];
// The command the lines record: every choice explicit, in one order (--reps as the override it is).
const CANONICAL = ['sweep', 'scenarios/baseline.yaml', '--param', 'demand.payElasticity=0.3:0.9', '--param', 'migration.immigrants=1000,6000', '--design', 'lhs', '--samples', '6', '--years', '2028,2030', '--set', 'scale=50', '--set', 'horizon=2030', '--set', 'replications=2'];
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

  it('ends every line with the provenance of the study: the reproducing command without --threads and --out, the files and their hashes', () => {
    const parsed = lines(one).map((l) => JSON.parse(l));
    const { hash } = loadScenario('scenarios/baseline.yaml', { overrides: ['scale=50', 'horizon=2030', 'replications=2'] });
    for (const p of parsed) {
      expect(Object.keys(p).at(-1)).toBe('provenance');
      expect(p.provenance).toEqual(parsed[0].provenance);
    }
    const record = parsed[0].provenance;
    expect(record.argv).toEqual(CANONICAL);
    expect(record.command).toBe(`hiresim ${CANONICAL.join(' ')}`);
    expect(record.overrides).toEqual(['scale=50', 'horizon=2030', 'replications=2']);
    expect(record).toMatchObject({ seed: 20250101, replications: 2 });
    expect(record.scenarios).toEqual([{ file: 'scenarios/baseline.yaml', files: [{ file: 'scenarios/baseline.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }], hash }]);
    expect(parsed[0].scenario).toBe(hash);
  });

  it('states its plan on stderr: points × replications, threads and the time', () => {
    expect(r1.stderr).toMatch(/^hiresim: sweep \(lhs\): 6 points × 2 replications of "baseline" at 1 agent = 50 persons on 1 thread … (about|done in) [\d.]+ (s|min)/m);
    expect(r2.stderr).toMatch(/sweep \(lhs\): 6 points × 2 replications of "baseline" at 1 agent = 50 persons on 2 threads …/);
    // Without --reps the replications are the scenario's, and the line says so.
    const dry = hiresim(['sweep', 'scenarios/baseline.yaml', '--param', 'demand.payElasticity=0.3:0.9', '--samples', '1', '--set', 'scale=50', '--set', 'horizon=2026', '--set', 'replications=1', '--threads', '1', '--out', join(dir, 'scenario-reps.jsonl')]);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stderr).toContain("× 1 replication (the scenario's; --reps to change)");
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
    // hiresim merge gives the unsharded file byte for byte, provenance included.
    const out = join(dir, 'merged.jsonl');
    const m = hiresim(['merge', ...[0, 1, 2].map((i) => join(dir, `shard-${i}.jsonl`)), '--shards', '3', '--out', out]);
    expect(m.status, m.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(one, 'utf8'));
  });

  it('refuses to resume lines of the same runs written by another command, or without provenance, exit 2 at the line; options in another order are the same command', () => {
    const other = join(dir, 'other-command.jsonl');
    writeFileSync(other, `${lines(one)[0]}\n`);
    // The same scenario and runs, but a command line that differs (scale set twice).
    const r = hiresim([...SWEEP, '--set', 'scale=50', '--out', other, '--resume']);
    expect(r.status).toBe(2);
    const command = `hiresim ${CANONICAL.join(' ')}`;
    // Where the two commands differ comes first on both sides (argument 18: a second --set where the
    // file's command has --set replications=2); the other command follows in the found part, cut at
    // 200 characters like every found part of a message (README, "Limits and safety").
    const found = `results of another command (argument 18: --set replications=2): resume with that command, or write to a new file; it is ${command}`;
    expect(r.stderr).toContain(`${other}:1:1 provenance.command: expected results of this command (argument 18: --set scale=50), found ${found.slice(0, 200)}… (${found.length} characters)`);
    // The same sweep with its options in another order is the same command: it resumes.
    const reordered = hiresim(['sweep', '--set', 'scale=50', '--years', '2028,2030', '--reps', '2', 'scenarios/baseline.yaml', '--samples', '6', '--set', 'horizon=2030', '--param', 'demand.payElasticity=0.3:0.9', '--param', 'migration.immigrants=1000,6000', '--threads', '1', '--out', other, '--resume']);
    expect(reordered.status, reordered.stderr).toBe(0);
    expect(readFileSync(other, 'utf8')).toBe(readFileSync(one, 'utf8'));
    const old = join(dir, 'old.jsonl');
    const { provenance: _, ...first } = JSON.parse(lines(one)[0]);
    writeFileSync(old, `${JSON.stringify(first)}\n`);
    const o = hiresim([...SWEEP, '--out', old, '--resume']);
    expect(o.status).toBe(2);
    expect(o.stderr).toContain(`${old}:1:1 provenance: expected lines that record the command of this study`);
    expect(o.stderr).not.toMatch(/\n\s+at /);
    expect(lines(old)).toEqual([JSON.stringify(first)]);
  });

  it('still reads lines written before provenance was recorded: summarize, merge and export', () => {
    const old = join(dir, 'old-all.jsonl');
    writeFileSync(old, lines(one).map((l) => { const { provenance: _, ...rest } = JSON.parse(l); return `${JSON.stringify(rest)}\n`; }).join(''));
    expect(hiresim(['sweep', 'summarize', old, '--json']).status).toBe(0);
    const merged = join(dir, 'old-merged.jsonl');
    expect(hiresim(['merge', old, '--out', merged]).status).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(old, 'utf8'));
    const e = hiresim(['sweep', 'export', old, '--csv']);
    expect(e.status, e.stderr).toBe(0);
    expect(e.stdout).toBe(hiresim(['sweep', 'export', one, '--csv']).stdout);
  });

  it('exports the lines as tidy CSV: the header, points × rows per point, numbers in the numeric columns', () => {
    const r = hiresim(['sweep', 'export', one, '--csv']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const { header, records } = readCsvRecords(r.stdout);
    expect(header).toEqual(['run_id', 'scenario', 'design', 'seed', 'point', 'demand.payElasticity', 'migration.immigrants', 'replications', 'year', 'output', 'statistic', 'value', 'unit', 'censored']);
    expect(records).toHaveLength(6 * rowsPerPoint(2));
    const parsed = lines(one).map((l) => JSON.parse(l));
    for (const rec of records) {
      const line = parsed[Number(rec.point)];
      expect(rec.run_id).toBe(line.runId);
      expect(Number(rec['demand.payElasticity'])).toBe(line.point['demand.payElasticity']);
      expect(Number(rec['migration.immigrants'])).toBe(line.point['migration.immigrants']);
      expect(rec.replications).toBe('2');
      expect(['', '2028', '2030']).toContain(rec.year);
      if (rec.censored === 'TRUE') expect(rec.value).toBe('');
      else expect(Number.isFinite(Number(rec.value)) && rec.value !== '').toBe(true);
      if (rec.output === 'gap' && rec.statistic === 'p50') expect(Number(rec.value)).toBe(line.gap[rec.year].p50);
      if (rec.output === 'closingYear' && rec.statistic === 'p50') expect(rec.value).toBe(line.closure.medianYear === null ? '' : String(line.closure.medianYear));
    }
    // --out writes the same text, atomically (no temporary file left beside it).
    const csv = join(dir, 'points.csv');
    const w = hiresim(['sweep', 'export', one, '--csv', '--out', csv]);
    expect(w.status, w.stderr).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe(r.stdout);
    expect(w.stderr).toContain(`wrote ${6 * rowsPerPoint(2)} rows (6 points) to ${csv}`);
  });

  it('refuses to export a broken or half-written line, exit 2 at FILE:LINE, writing nothing', () => {
    const broken = join(dir, 'broken.jsonl');
    const all = lines(one);
    writeFileSync(broken, `${all[0]}\n{"runId": 3\n${all.slice(2).join('\n')}\n`);
    const csv = join(dir, 'broken.csv');
    const b = hiresim(['sweep', 'export', broken, '--csv', '--out', csv]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain(`${broken}:2:1 (root): expected a sweep result line (JSON)`);
    expect(b.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(csv)).toBe(false);
    const cut = join(dir, 'cut-export.jsonl');
    writeFileSync(cut, `${all.slice(0, 3).join('\n')}\n${all[3].slice(0, 50)}`);
    const c = hiresim(['sweep', 'export', cut, '--csv']);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain(`${cut}:4:1 (root): expected complete lines (finish the sweep or shard with --resume), found a half-written last line`);
    expect(c.stdout).toBe('');
    const missing = hiresim(['sweep', 'export', join(dir, 'nothing.jsonl'), '--csv']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nothing.jsonl:1:1 (root): expected an existing results file');
  });

  it('says in --help how to trade replications for points, and documents export', () => {
    const h = hiresim(['sweep', '--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('lower --reps and raise --samples');
    expect(h.stdout).toContain('hiresim sweep export');
    const e = hiresim(['sweep', 'export', '--help']);
    expect(e.status).toBe(0);
    expect(e.stdout.indexOf('Examples:')).toBeLessThan(e.stdout.indexOf('\nOptions:'));
    expect(e.stdout).toContain("pandas.read_csv(\"points.csv\")");
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
