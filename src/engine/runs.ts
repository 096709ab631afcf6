/**
 * What the engine runs: a plain list of runs, each one replication of one resolved scenario. Every
 * study (run, compare, attribute, sweep, sensitivity, calibrate, backtest) builds such a list and
 * summarises the results; the engine only decides which thread runs which entry. A run's result
 * depends only on its scenario, seed and replication (the seed tree), so any split of the list —
 * threads, shards, a resumed file — gives the same numbers.
 */
import type { Scenario } from '../scenario/schema.js';

/** A validated scenario as the engine needs it: the plain input (sent to worker threads) and the parsed scenario. */
export interface ResolvedScenario {
  /** The merged input after overrides (plain data): what a worker thread validates once and caches. */
  readonly input: Record<string, unknown>;
  readonly scenario: Scenario;
  /** The file it was loaded from, where a problem the run finds is placed (a market that outgrows memory). */
  readonly file?: string;
}

/** One replication of one scenario. */
export interface Run {
  /** Position in the run list, 0 … count − 1. */
  readonly runId: number;
  /**
   * Which scenario: runs that share it share `scenario` (a worker validates and compiles each
   * scenario once, however many of its replications it runs).
   */
  readonly scenarioId: number;
  readonly scenario: ResolvedScenario;
  readonly replication: number;
  /** Master seed of the seed tree (the same for every scenario of a study: common random numbers). */
  readonly seed: number | string;
}

/**
 * A run list built on demand: `run(k)` is asked for in order 0 … count − 1, once each, when the
 * engine hands that run out — so a sweep of a million points never holds a million scenarios.
 */
export interface RunList {
  readonly count: number;
  run(runId: number): Run;
}

/**
 * Every replication of each scenario, scenario after scenario (run id = k × replications + r for
 * equal replications): the run list of run, compare, attribute and backtest. Each scenario runs
 * on its own seed and replications.
 */
export function replicationRuns(scenarios: readonly ResolvedScenario[]): RunList & { readonly offsets: readonly number[] } {
  const offsets: number[] = [];
  let count = 0;
  for (const s of scenarios) {
    offsets.push(count);
    count += s.scenario.replications;
  }
  return {
    count,
    offsets,
    run(runId) {
      // Runs are asked for in order; a binary search keeps a random look-up cheap too.
      let lo = 0;
      let hi = scenarios.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (offsets[mid] <= runId) lo = mid;
        else hi = mid - 1;
      }
      const scenario = scenarios[lo];
      return { runId, scenarioId: lo, scenario, replication: runId - offsets[lo], seed: scenario.scenario.seed };
    },
  };
}
