/**
 * `hiresim sensitivity --results` writes the sweep's line format: every line carries the
 * provenance of the sensitivity command (without --shard, --resume, --results and --threads), so
 * shards merged with `hiresim merge` equal the study run on one machine byte for byte, and
 * `hiresim sweep export` reads the file like a sweep's.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hiresim } from '../helpers/cli.js';
import { readCsvRecords } from '../helpers/csv-reader.js';
import { rowsPerPoint } from '../../src/output/sweep-export.js';

const dir = mkdtempSync(join(tmpdir(), 'hiresim-sensitivity-lines-'));
// Morris, two parameters, two trajectories: 6 points of 2 replications on a short horizon.
const STUDY = ['sensitivity', 'scenarios/baseline.yaml', '--method', 'morris', '--samples', '2', '--param', 'demand.payElasticity=0.2:1', '--param', 'upskilling.selfStudyRate=0.02:0.3', '--reps', '2', '--set', 'scale=50', '--set', 'horizon=2030', '--year', '2030'];
const whole = join(dir, 'whole.jsonl');
const run = hiresim([...STUDY, '--threads', '2', '--results', whole, '--json']);
const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe('hiresim sensitivity --results lines', () => {
  it('end with the provenance of the sensitivity command, the same on every line', () => {
    expect(run.status, run.stderr).toBe(0);
    const parsed = lines(whole).map((l) => JSON.parse(l));
    expect(parsed).toHaveLength(6);
    for (const p of parsed) {
      expect(Object.keys(p).at(-1)).toBe('provenance');
      expect(p.provenance).toEqual(parsed[0].provenance);
      expect(p.provenance.scenarios[0].hash).toBe(p.scenario);
      expect(p.design).toBe('morris');
    }
    // The command of the study, without the options that choose threads or where results go.
    const { argv, command } = parsed[0].provenance;
    expect(argv.slice(0, 2)).toEqual(['sensitivity', 'scenarios/baseline.yaml']);
    for (const option of ['--method', 'morris', 'demand.payElasticity=0.2:1', 'upskilling.selfStudyRate=0.02:0.3', '2030']) expect(argv).toContain(option);
    for (const option of ['--threads', '--results', '--json']) expect(argv).not.toContain(option);
    expect(command).toBe(`hiresim ${argv.join(' ')}`);
  });

  it('merged from shards, equal the study on one machine byte for byte', () => {
    const shards = [0, 1].map((i) => join(dir, `shard-${i}.jsonl`));
    shards.forEach((file, i) => {
      const r = hiresim([...STUDY, '--threads', '1', '--shard', `${i}/2`, '--resume', '--results', file]);
      expect(r.status, r.stderr).toBe(0);
    });
    const merged = join(dir, 'merged.jsonl');
    const m = hiresim(['merge', ...shards, '--shards', '2', '--out', merged]);
    expect(m.status, m.stderr).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    // The merged file resumes under the same command without running anything, to the same indices.
    const again = hiresim([...STUDY, '--results', merged, '--resume', '--json']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe(run.stdout);
  });

  it('export as tidy CSV like a sweep\'s, one block of rows per point', () => {
    const r = hiresim(['sweep', 'export', whole, '--csv']);
    expect(r.status, r.stderr).toBe(0);
    const { header, records } = readCsvRecords(r.stdout);
    expect(header.slice(5, 7)).toEqual(['demand.payElasticity', 'upskilling.selfStudyRate']);
    expect(records).toHaveLength(6 * rowsPerPoint(1));
    expect(new Set(records.map((x) => x.design))).toEqual(new Set(['morris']));
  });
});
