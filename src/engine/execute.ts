/**
 * The one place where runs execute: a run list on the calling thread (threads = 1) or on the
 * engine's worker pool. Results arrive as runs finish; a run's values depend only on its scenario,
 * seed and replication, so what a study computes from them is the same for any thread count.
 */
import { availableParallelism } from 'node:os';
import { runReplication } from '../model/replication.js';
import { createEnginePool, type EnginePool } from './pool.js';
import type { Run, RunList } from './runs.js';
import { placedAt } from './run-problem.js';

export interface ExecuteOptions {
  /** Worker threads (default: the machine's cores, at most one per run). 1 runs on this thread. */
  readonly threads?: number;
  /** A pool kept across run lists (its threads are used); without it a pool is started and closed. */
  readonly pool?: EnginePool;
}

/** Runs every run of `list`, handing each result to `finished` as it arrives (in any order). */
export async function execute(list: RunList, finished: (run: Run, values: Float64Array) => void, options: ExecuteOptions = {}): Promise<void> {
  const threads = Math.max(1, Math.min(options.pool?.threads ?? options.threads ?? availableParallelism(), list.count));
  if (threads === 1 && !options.pool) {
    for (let k = 0; k < list.count; k++) {
      const run = list.run(k);
      let values: Float64Array;
      try {
        values = runReplication(run.scenario.scenario, run.seed, run.replication).values;
      } catch (error) {
        throw placedAt(error, run);
      }
      finished(run, values);
    }
    return;
  }
  const pool = options.pool ?? createEnginePool(threads);
  try {
    await pool.execute(list, finished);
  } finally {
    if (pool !== options.pool) await pool.close();
  }
}

