/**
 * Monte Carlo: every replication of a scenario, on worker threads, assembled
 * in replication order. A replication's result depends only on the scenario,
 * the master seed and its index (the seed tree), so the output is
 * byte-identical whatever the thread count or the order threads finish in.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { closingYear, closureAftermath, summarizeClosure, type ClosureAftermath, type ClosureOutcome, type ClosureSummary } from '../analysis/closure.js';
import { band, type Band } from '../analysis/quantiles.js';
import { METRICS, type MetricDefinition } from '../model/metrics.js';
import { baseIndex, firstYear, yearCount } from '../scenario/calendar.js';
import { runReplication } from '../model/replication.js';
import type { LoadedScenario } from '../scenario/load.js';
import { InputError } from '../scenario/issues.js';

export interface RunOptions {
  /** Worker threads (default: the machine's cores, at most one per replication). 1 runs in this thread. */
  readonly threads?: number;
  /**
   * Worker threads kept from one simulation to the next (see `createSimulationPool`), for studies
   * that run many scenarios in turn; `threads` is then the pool's. Starting a worker costs about as
   * much as a small replication.
   */
  readonly pool?: SimulationPool;
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
  const { scenario } = loaded;
  const n = scenario.replications;
  const threads = Math.max(1, Math.min(options.pool?.threads ?? options.threads ?? availableParallelism(), n));
  const values: Float64Array[] = new Array(n);
  let done = 0;
  const finished = (r: number, v: Float64Array) => {
    values[r] = v;
    options.onProgress?.(++done, n);
  };
  if (threads === 1) {
    for (let r = 0; r < n; r++) finished(r, runReplication(scenario, scenario.seed, r).values);
  } else if (options.pool) {
    await options.pool.run(loaded, finished);
  } else {
    const pool = createSimulationPool(threads);
    try {
      await pool.run(loaded, finished);
    } finally {
      await pool.close();
    }
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

// Tests run the TypeScript sources, where no worker.js sits beside this file: use the build.
const workerUrl = import.meta.url.endsWith('.ts') ? new URL('../../dist/sim/worker.js', import.meta.url) : new URL('./worker.js', import.meta.url);

/** Worker threads that run the replications of one scenario after another. */
export interface SimulationPool {
  readonly threads: number;
  /** Runs every replication of `loaded`, handing them out one at a time (the next to whoever finishes first). */
  run(loaded: LoadedScenario, finished: (r: number, v: Float64Array) => void): Promise<void>;
  /** Stops the workers; the pool cannot run again. */
  close(): Promise<void>;
}

type WorkerMessage = { replication: number; values: Float64Array } | { ready: true } | { error: { issues?: InputError['issues']; message: string; stack?: string } };

/**
 * `threads` workers, started on the first run and kept until `close`. Each worker is sent the
 * scenario with the first replication it gets of a run, so results are those of a fresh worker.
 * After a failed run the pool is closed.
 */
export function createSimulationPool(threads: number): SimulationPool {
  let workers: Promise<Worker[]> | undefined;
  // Every worker started, so that close stops them even when another failed to start.
  const created: Worker[] = [];
  let closed = false;
  let running = false;
  // An idle worker that fails makes the next run fail (an 'error' event without a listener would end the process).
  let broken: unknown;
  const start = () =>
    Promise.all(
      Array.from(
        { length: threads },
        () =>
          new Promise<Worker>((resolve, reject) => {
            const worker = new Worker(workerUrl);
            created.push(worker);
            worker.on('error', (error) => {
              broken ??= error;
              reject(error);
            });
            worker.once('message', (message: WorkerMessage) => ('ready' in message ? resolve(worker) : reject(workerError(message))));
          }),
      ),
    );
  const close = async () => {
    closed = true;
    await Promise.all(created.map((w) => w.terminate()));
  };
  return {
    threads,
    close,
    async run(loaded, finished) {
      if (closed) throw new Error('simulation pool: run after close');
      if (running) throw new Error('simulation pool: one run at a time');
      running = true;
      try {
        workers ??= start();
        const pool = await workers;
        if (broken !== undefined) throw broken;
        const n = loaded.scenario.replications;
        if (n === 0) return;
        let next = 0;
        let done = 0;
        const listeners: (() => void)[] = [];
        await new Promise<void>((resolve, reject) => {
          const fail = (error: unknown) => {
            listeners.forEach((remove) => remove());
            void close();
            reject(error);
          };
          const giveWork = (worker: Worker, first: boolean) => {
            if (next < n) worker.postMessage({ replication: next++, ...(first ? { input: loaded.input } : {}) });
          };
          for (const worker of pool) {
            const onMessage = (message: WorkerMessage) => {
              if ('ready' in message) return;
              if ('error' in message) return fail(workerError(message));
              finished(message.replication, message.values);
              if (++done < n) return giveWork(worker, false);
              listeners.forEach((remove) => remove());
              resolve();
            };
            // A worker that stops without an error would otherwise leave the run waiting for ever.
            const onExit = (code: number) => fail(new Error(`simulation worker stopped (exit code ${code}) during a run`));
            worker.on('message', onMessage);
            worker.on('error', fail);
            worker.on('exit', onExit);
            listeners.push(() => worker.off('message', onMessage).off('error', fail).off('exit', onExit));
          }
          // Each worker gets the scenario with its first replication of this run.
          pool.forEach((worker) => giveWork(worker, true));
        });
      } finally {
        running = false;
      }
    },
  };
}

function workerError(message: WorkerMessage): Error {
  const e = (message as Extract<WorkerMessage, { error: unknown }>).error;
  return e.issues ? new InputError(e.issues) : Object.assign(new Error(e.message), { stack: e.stack });
}
