/**
 * Monte Carlo: every replication of a scenario, run by the engine (src/engine) and assembled in
 * replication order. A replication's result depends only on the scenario, the master seed and its
 * index (the seed tree), so the output is byte-identical whatever the thread count or the order
 * threads finish in.
 */
import { closingYear, closureAftermath, summarizeClosure, type ClosureAftermath, type ClosureOutcome, type ClosureSummary } from '../analysis/closure.js';
import { band, type Band } from '../analysis/quantiles.js';
import { METRICS, type MetricDefinition } from '../model/metrics.js';
import { baseIndex, firstYear, yearCount } from '../scenario/calendar.js';
import type { LoadedScenario } from '../scenario/load.js';
import { execute } from '../engine/execute.js';
import type { EnginePool } from '../engine/pool.js';
import { replicationRuns } from '../engine/runs.js';

export interface RunOptions {
  /** Worker threads (default: the machine's cores, at most one per replication). 1 runs in this thread. */
  readonly threads?: number;
  /**
   * Worker threads kept from one simulation to the next (`createEnginePool`), for studies that run
   * many run lists in turn (calibrate); `threads` is then the pool's.
   */
  readonly pool?: EnginePool;
  /** Called after each finished replication. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One simulated year across replications: a band for every metric; `history` is true before the base year. */
export type YearSummary = { readonly year: number; readonly history: boolean } & { readonly [metric: string]: Band | number | boolean };

/** What `hiresim run --json` prints and `runScenario` returns. */
export interface RunSummary {
  readonly scenario: { readonly name: string; readonly hash: string; readonly file: string };
  readonly seed: number | string;
  readonly replications: number;
  /** First simulated year; years before baseYear are history (marked in `years`). */
  readonly startYear: number;
  readonly baseYear: number;
  readonly horizon: number;
  readonly scale: number;
  readonly metrics: readonly MetricDefinition[];
  readonly years: readonly YearSummary[];
  /** The closing-year distribution, its Monte Carlo error, and what happens after closing. */
  readonly closure: ClosureSummary & ClosureAftermath;
  /** Each replication's closing outcome, in replication order. */
  readonly runs: readonly { readonly replication: number; readonly closure: ClosureOutcome }[];
}

/** A run with every replication's yearly values kept (for CSV output and comparisons). */
export interface Simulation {
  readonly summary: RunSummary;
  /** values[r][yearIndex * METRICS.length + metric] */
  readonly values: readonly Float64Array[];
}

export async function simulate(loaded: LoadedScenario, options: RunOptions = {}): Promise<Simulation> {
  return (await simulateAll([loaded], options))[0];
}

/**
 * Several scenarios as one run list on one pool (compare, attribute): no thread waits for the last
 * replication of one scenario before starting the next. Progress counts replications over all.
 */
export async function simulateAll(scenarios: readonly LoadedScenario[], options: RunOptions = {}): Promise<Simulation[]> {
  const list = replicationRuns(scenarios);
  const values = scenarios.map((l) => new Array<Float64Array>(l.scenario.replications));
  let done = 0;
  await execute(
    list,
    (run, v) => {
      values[run.scenarioId][run.replication] = v;
      options.onProgress?.(++done, list.count);
    },
    { threads: options.threads, pool: options.pool },
  );
  return scenarios.map((loaded, k) => ({ summary: summarize(loaded, values[k]), values: values[k] }));
}

/** The library entry point: the object `hiresim run --json` prints. */
export async function runScenario(loaded: LoadedScenario, options: RunOptions = {}): Promise<RunSummary> {
  return (await simulate(loaded, options)).summary;
}

/** Bands per year and metric, and the closing-year distribution. */
export function summarize(loaded: LoadedScenario, values: readonly Float64Array[]): RunSummary {
  const { scenario } = loaded;
  const years = yearCount(scenario);
  const m = METRICS.length;
  const column = (name: string) => METRICS.findIndex((metric) => metric.name === name);
  const gapColumn = column('gap');
  const yearSummaries: YearSummary[] = [];
  for (let y = 0; y < years; y++) {
    const year = firstYear(scenario) + y;
    const row: Record<string, Band | number | boolean> = { year, history: year < scenario.baseYear };
    METRICS.forEach((metric, k) => {
      row[metric.name] = band(values.map((v) => v[y * m + k]));
    });
    yearSummaries.push(row as YearSummary);
  }
  const { threshold, sustainYears } = scenario.closure;
  // The closing year is counted from the base year: history years never close the gap.
  const from = baseIndex(scenario);
  const projected = (v: Float64Array, k: number) => Float64Array.from({ length: years - from }, (_, y) => v[(from + y) * m + k]);
  const series = values.map((v) => ({ gap: projected(v, gapColumn), candidatesPer100: projected(v, column('candidatesPer100')), payPremium: projected(v, column('payPremium')) }));
  const outcomes = series.map((s) => closingYear(s.gap, scenario.baseYear, threshold, sustainYears));
  const closure = summarizeClosure(outcomes, scenario.baseYear, scenario.horizon, threshold, sustainYears);
  return {
    scenario: { name: scenario.name, hash: loaded.hash, file: loaded.file },
    seed: scenario.seed,
    replications: values.length,
    startYear: firstYear(scenario),
    baseYear: scenario.baseYear,
    horizon: scenario.horizon,
    scale: scenario.scale,
    metrics: METRICS,
    years: yearSummaries,
    closure: { ...closure, ...closureAftermath(outcomes, series, closure, scenario.baseYear) },
    runs: outcomes.map((closure, replication) => ({ replication, closure })),
  };
}
