/**
 * Monte Carlo: every replication of a scenario, on worker threads, assembled
 * in replication order. A replication's result depends only on the scenario,
 * the master seed and its index (the seed tree), so the output is
 * byte-identical whatever the thread count or the order threads finish in.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { closingYear, summarizeClosure, type ClosureOutcome, type ClosureSummary } from '../analysis/closure.js';
import { band, type Band } from '../analysis/quantiles.js';
import { METRICS, type MetricDefinition } from '../model/metrics.js';
import { baseIndex, firstYear, yearCount } from '../scenario/calendar.js';
import { runReplication } from '../model/replication.js';
import type { LoadedScenario } from '../scenario/load.js';
import { InputError } from '../scenario/issues.js';

export interface RunOptions {
  /** Worker threads (default: the machine's cores, at most one per replication). 1 runs in this thread. */
  readonly threads?: number;
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
  readonly closure: ClosureSummary;
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
  const { scenario } = loaded;
  const n = scenario.replications;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), n));
  const values: Float64Array[] = new Array(n);
  let done = 0;
  const finished = (r: number, v: Float64Array) => {
    values[r] = v;
    options.onProgress?.(++done, n);
  };
  if (threads === 1) {
    for (let r = 0; r < n; r++) finished(r, runReplication(scenario, scenario.seed, r).values);
  } else {
    await runOnWorkers(loaded, threads, finished);
  }
  return { summary: summarize(loaded, values), values };
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
  const gapColumn = METRICS.findIndex((metric) => metric.name === 'gap');
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
  const outcomes = values.map((v) => closingYear(Float64Array.from({ length: years - from }, (_, y) => v[(from + y) * m + gapColumn]), scenario.baseYear, threshold, sustainYears));
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
    closure: summarizeClosure(outcomes, scenario.baseYear, scenario.horizon, threshold, sustainYears),
    runs: outcomes.map((closure, replication) => ({ replication, closure })),
  };
}

// Tests run the TypeScript sources, where no worker.js sits beside this file: use the build.
const workerUrl = import.meta.url.endsWith('.ts') ? new URL('../../dist/sim/worker.js', import.meta.url) : new URL('./worker.js', import.meta.url);

/** Hands replications to `threads` workers one at a time (the next to whoever finishes first). */
function runOnWorkers(loaded: LoadedScenario, threads: number, finished: (r: number, v: Float64Array) => void): Promise<void> {
  const n = loaded.scenario.replications;
  let next = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let failed = false;
    let running = threads;
    const stopAll = () => workers.forEach((w) => void w.terminate());
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(workerUrl, { workerData: { input: loaded.input } });
      workers.push(worker);
      const giveWork = () => {
        if (next < n) worker.postMessage({ replication: next++ });
        else {
          void worker.terminate();
          if (--running === 0 && !failed) resolve();
        }
      };
      worker.on('message', (message: { replication: number; values: Float64Array } | { ready: true } | { error: { issues?: InputError['issues']; message: string; stack?: string } }) => {
        if ('ready' in message) giveWork();
        else if ('error' in message) {
          failed = true;
          stopAll();
          const e = message.error;
          reject(e.issues ? new InputError(e.issues) : Object.assign(new Error(e.message), { stack: e.stack }));
        } else {
          finished(message.replication, message.values);
          giveWork();
        }
      });
      worker.on('error', (error) => {
        failed = true;
        stopAll();
        reject(error);
      });
    }
  });
}
