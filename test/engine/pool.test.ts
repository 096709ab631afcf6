/**
 * The engine's one worker pool keeps its workers from one run list to the next (calibrate runs one
 * candidate scenario after another; compare and attribute run several scenarios in one list): every
 * result is the value of a fresh one-thread run, whatever ran on the workers before.
 */
import { describe, expect, it } from 'vitest';
import { createEnginePool } from '../../src/engine/pool.js';
import { execute } from '../../src/engine/execute.js';
import { replicationRuns, type RunList } from '../../src/engine/runs.js';
import { simulate, simulateAll } from '../../src/studies/run.js';
import { loadBaseline } from '../model/helpers.js';

const a = loadBaseline(['scale=50', 'burnInYears=1', 'startYear=2023', 'horizon=2027', 'replications=3']);
const b = loadBaseline(['scale=50', 'burnInYears=2', 'startYear=2024', 'horizon=2027', 'replications=5', 'migration.immigrants=9000']);

describe('createEnginePool', () => {
  it('runs different scenarios in turn on the same workers with the values of one thread', async () => {
    const pool = createEnginePool(2);
    try {
      const runs = [];
      for (const loaded of [a, b, a]) runs.push(await simulate(loaded, { pool }));
      const [oneA, oneB] = [await simulate(a, { threads: 1 }), await simulate(b, { threads: 1 })];
      expect(runs[0].values).toEqual(oneA.values);
      expect(runs[1].values).toEqual(oneB.values);
      expect(runs[2].values).toEqual(oneA.values);
      // The two scenarios differ, so the equalities above could fail.
      expect(oneB.values[0]).not.toEqual(oneA.values[0]);
      expect(runs[1].values).toHaveLength(5);
    } finally {
      await pool.close();
    }
    await expect(simulate(a, { pool })).rejects.toThrow('execute after close');
  });

  it('runs several scenarios as one run list, each result that of its own one-thread run', async () => {
    const both = await simulateAll([a, b, a], { threads: 2 });
    expect(both.map((s) => s.values.length)).toEqual([3, 5, 3]);
    expect(both[0].values).toEqual((await simulate(a, { threads: 1 })).values);
    expect(both[1].values).toEqual((await simulate(b, { threads: 1 })).values);
    expect(both[2].summary).toEqual(both[0].summary);
  });

  it('runs the bundled worker from the compiled library too (dist/engine/ finds dist/bin/worker.js), with one-thread values', async () => {
    // The library as a package user imports it (global-setup builds dist/ before any test).
    const library = (await import(new URL('../../dist/index.js', import.meta.url).href)) as { simulate: typeof simulate };
    const threaded = await library.simulate(a, { threads: 2 });
    expect(threaded.values).toEqual((await simulate(a, { threads: 1 })).values);
  });

  it('fails the list, not the process, when building a run throws, and reports progress once per run', async () => {
    const good = replicationRuns([a]);
    const failing: RunList = { count: 3, run: (k) => (k < 2 ? good.run(k) : (() => { throw new RangeError('point 2 cannot be loaded'); })()) };
    const seen: number[] = [];
    await expect(execute(failing, (run) => seen.push(run.runId), { threads: 2 })).rejects.toThrow('point 2 cannot be loaded');
    expect(seen.length).toBeLessThanOrEqual(2);
  });
});

describe('replicationRuns', () => {
  it('numbers the runs scenario after scenario, each with its own replications and seed', () => {
    const list = replicationRuns([a, b]);
    expect(list.count).toBe(8);
    const runs = Array.from({ length: list.count }, (_, k) => list.run(k));
    expect(runs.map((r) => [r.scenarioId, r.replication])).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [1, 3], [1, 4]]);
    expect(runs.every((r) => r.seed === (r.scenarioId === 0 ? a : b).scenario.seed)).toBe(true);
  });
});
