/**
 * Runs a sweep's runs on worker threads, one whole point per task, and
 * appends each result in run-list order (results that finish early wait for
 * their predecessors), so the file is the same for any thread count and a
 * killed sweep leaves a prefix that --resume continues.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../scenario/issues.js';
import { loadScenario } from '../scenario/load.js';
import { summarizePoint, type PointSummary } from './point.js';
import { overrideFor } from './param-spec.js';
import type { Run } from './run-list.js';

export interface ExecuteOptions {
  readonly file: string;
  /** Overrides applied to every point before its parameters. */
  readonly overrides: readonly string[];
  readonly years: readonly number[];
  readonly threads?: number;
  /** Receives each finished run, in run-list order. */
  readonly onResult: (run: Run, summary: PointSummary) => void;
}

/** The scenario of one run: the sweep's overrides, then the point, seed and replications. */
function loadRun(run: Run, options: ExecuteOptions) {
  const overrides = [...options.overrides, ...Object.entries(run.point).map(([path, value]) => overrideFor(path, value)), `seed=${JSON.stringify(run.seed)}`, `replications=${run.replications}`];
  return loadScenario(options.file, { overrides });
}

// Tests run the TypeScript sources, where no worker.js sits beside this file: use the build.
const workerUrl = import.meta.url.endsWith('.ts') ? new URL('../../dist/sweep/worker.js', import.meta.url) : new URL('./worker.js', import.meta.url);

export async function executeRuns(runs: readonly Run[], options: ExecuteOptions): Promise<void> {
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), runs.length));
  const done = new Map<number, PointSummary>();
  let written = 0;
  const finish = (k: number, summary: PointSummary) => {
    done.set(k, summary);
    while (done.has(written)) {
      options.onResult(runs[written], done.get(written)!);
      done.delete(written++);
    }
  };
  if (threads === 1) {
    for (let k = 0; k < runs.length; k++) {
      finish(k, summarizePoint(loadRun(runs[k], options).scenario, options.years));
    }
    return;
  }
  await new Promise<void>((resolve, reject) => {
    let next = 0;
    let running = threads;
    const workers: Worker[] = [];
    const fail = (error: unknown) => {
      workers.forEach((w) => void w.terminate());
      reject(error);
    };
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(workerUrl);
      workers.push(worker);
      const give = () => {
        if (next < runs.length) {
          const k = next++;
          // The worker validates the merged input again and compiles its formulas once.
          worker.postMessage({ task: k, input: loadRun(runs[k], options).input, years: options.years });
        } else {
          void worker.terminate();
          if (--running === 0) resolve();
        }
      };
      worker.on('message', (m: { ready: true } | { task: number; summary: PointSummary } | { task: number; error: { message: string; stack?: string; issues?: InputError['issues'] } }) => {
        if ('ready' in m) return give();
        if ('error' in m) return fail(m.error.issues ? new InputError(m.error.issues) : Object.assign(new Error(m.error.message), { stack: m.error.stack }));
        finish(m.task, m.summary);
        give();
      });
      worker.on('error', fail);
    }
  });
}
