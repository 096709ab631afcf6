/**
 * Determinism: a replication depends only on the scenario, the master seed and its index, so the
 * same inputs give identical numbers in-process, across thread counts and in the spawned CLI, and
 * different seeds give different paths.
 */
import { describe, expect, it } from 'vitest';
import { METRICS, METRIC_INDEX } from '../../src/model/metrics.js';
import { runReplication } from '../../src/model/replication.js';
import { baseIndex, yearCount } from '../../src/scenario/calendar.js';
import { simulate } from '../../src/studies/run.js';
import { hiresimAsync } from '../helpers/problems.js';
import { loadBaseline } from '../model/helpers.js';

const M = METRICS.length;
const gapSeries = (values: Float64Array) => Array.from({ length: values.length / M }, (_, y) => values[y * M + METRIC_INDEX.gap]);

describe('determinism', () => {
  it('the same seed gives identical results, run twice in one process', () => {
    const small = ['scale=50', 'burnInYears=2', 'horizon=2032'];
    for (const r of [0, 3]) {
      const a = runReplication(loadBaseline(small).scenario, 20250101, r).values;
      const b = runReplication(loadBaseline(small).scenario, 20250101, r).values;
      expect(b).toEqual(a);
    }
  });

  it('simulate gives identical values and summaries on 1 and 2 threads', async () => {
    const loaded = loadBaseline(['scale=50', 'burnInYears=2', 'horizon=2032', 'replications=5']);
    const one = await simulate(loaded, { threads: 1 });
    const two = await simulate(loaded, { threads: 2 });
    expect(two.values).toEqual(one.values);
    expect(JSON.stringify(two.summary)).toBe(JSON.stringify(one.summary));
  });

  it('different seeds give different gap series', () => {
    const { scenario } = loadBaseline(['scale=50', 'burnInYears=2', 'horizon=2032']);
    for (const r of [0, 1, 2]) {
      const a = gapSeries(runReplication(scenario, 1, r).values);
      const b = gapSeries(runReplication(scenario, 2, r).values);
      expect(b).not.toEqual(a);
      // Not just one year: the paths differ in most years.
      expect(a.filter((g, y) => g !== b[y]).length).toBeGreaterThan(a.length / 2);
    }
  });

  it('the history and the base year do not depend on the horizon (every year up to the shorter one)', () => {
    const short = loadBaseline(['scale=50', 'burnInYears=2', 'horizon=2026']).scenario;
    const long = loadBaseline(['scale=50', 'burnInYears=2', 'horizon=2035']).scenario;
    const years = yearCount(short);
    expect(baseIndex(short)).toBeLessThan(years);
    for (const r of [0, 1]) {
      expect(runReplication(long, short.seed, r).values.subarray(0, years * M)).toEqual(runReplication(short, short.seed, r).values.subarray(0, years * M));
    }
  });

  it('`run --json --reps 4` prints byte-identical output with --threads 1 and --threads 2', async () => {
    const args = ['run', 'scenarios/baseline.yaml', '--json', '--reps', '4'];
    const [one, two] = await Promise.all([hiresimAsync([...args, '--threads', '1']), hiresimAsync([...args, '--threads', '2'])]);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(two.stdout).toBe(one.stdout);
  });
});
