/**
 * A simulation pool keeps its workers from one simulation to the next (calibrate runs one candidate
 * scenario after another): each simulation gives the values of a fresh one-thread run, whatever
 * ran on the workers before.
 */
import { describe, expect, it } from 'vitest';
import { createSimulationPool, simulate } from '../../src/sim/simulate.js';
import { loadBaseline } from '../model/helpers.js';

describe('createSimulationPool', () => {
  it('runs different scenarios in turn on the same workers with the values of one thread', async () => {
    const a = loadBaseline(['scale=50', 'burnInYears=1', 'startYear=2023', 'horizon=2027', 'replications=3']);
    const b = loadBaseline(['scale=50', 'burnInYears=2', 'startYear=2024', 'horizon=2027', 'replications=5', 'migration.immigrants=9000']);
    const pool = createSimulationPool(2);
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
    await expect(simulate(a, { pool })).rejects.toThrow('run after close');
  });
});
