/**
 * The one worker pool: threads that run the engine's runs, handed out one at a time (the next to
 * whichever thread finishes first). Kept from one run list to the next (calibrate's evaluations, a
 * study's scenarios), since starting a worker costs about as much as a small replication.
 */
import { Worker } from 'node:worker_threads';
import { InputError } from '../scenario/issues.js';
import type { ResolvedScenario, Run, RunList } from './runs.js';
import type { RunReply, RunRequest } from './worker.js';
import { placedAt } from './run-problem.js';

// Every pool runs the bundled worker, dist/bin/worker.js (scripts/bundle.mjs): a worker that loads
// the library file by file (several hundred modules) delivers its first result later, a cost every
// threaded run pays once per worker (README, Performance). From this file compiled (dist/engine/)
// or bundled (a chunk in dist/bin/), ../bin/ is that folder; tests run the TypeScript sources, two
// levels below the project.
const workerUrl = new URL(import.meta.url.endsWith('.ts') ? '../../dist/bin/worker.js' : '../bin/worker.js', import.meta.url);

export interface EnginePool {
  readonly threads: number;
  /** Runs every run of `list`; `finished` gets each result as it arrives (in any order). One list at a time. */
  execute(list: RunList, finished: (run: Run, values: Float64Array) => void): Promise<void>;
  /** Stops the workers; the pool cannot run again. */
  close(): Promise<void>;
}

/** The error a worker reported: an InputError keeps its positioned issues. */
function replyError(error: Extract<RunReply, { error: unknown }>['error']): Error {
  return error.issues ? new InputError(error.issues) : Object.assign(new Error(error.message), { stack: error.stack });
}

/**
 * `threads` workers, started on the first list and kept until `close`. After a failed list the pool
 * is closed (a worker may be mid-run), and the failure is the list's.
 */
export function createEnginePool(threads: number): EnginePool {
  let started: Promise<Worker[]> | undefined;
  // Every worker created, so that close stops them even when another failed to start.
  const created: Worker[] = [];
  let closed = false;
  let running = false;
  // An idle worker that fails makes the next list fail (an 'error' event without a listener would end the process).
  let broken: unknown;
  // The pool's number for each scenario object, and which one each worker holds.
  const ids = new WeakMap<ResolvedScenario, number>();
  let nextId = 0;
  const holds = new Map<Worker, number>();
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
            worker.once('message', (reply: RunReply) => ('ready' in reply ? resolve(worker) : reject(replyError((reply as Extract<RunReply, { error: unknown }>).error))));
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
    async execute(list, finished) {
      if (closed) throw new Error('engine pool: execute after close');
      if (running) throw new Error('engine pool: one run list at a time');
      running = true;
      try {
        started ??= start();
        const workers = await started;
        if (broken !== undefined) throw broken;
        const n = list.count;
        if (n === 0) return;
        let next = 0;
        let done = 0;
        const inFlight = new Map<number, Run>();
        const listeners: (() => void)[] = [];
        await new Promise<void>((resolve, reject) => {
          const fail = (error: unknown) => {
            listeners.forEach((remove) => remove());
            void close();
            reject(error);
          };
          const give = (worker: Worker) => {
            if (next >= n) return;
            let run: Run;
            try {
              run = list.run(next++);
            } catch (error) {
              // Building a run (loading a sweep point) can fail: the list fails, not the process.
              return fail(error);
            }
            inFlight.set(run.runId, run);
            let id = ids.get(run.scenario);
            if (id === undefined) ids.set(run.scenario, (id = nextId++));
            const send = holds.get(worker) !== id;
            holds.set(worker, id);
            worker.postMessage({ runId: run.runId, scenarioId: id, replication: run.replication, seed: run.seed, ...(send ? { input: run.scenario.input } : {}) } satisfies RunRequest);
          };
          for (const worker of workers) {
            const onMessage = (reply: RunReply) => {
              if ('ready' in reply) return;
              if ('error' in reply) return fail(placedAt(replyError(reply.error), inFlight.get(reply.runId)!));
              const run = inFlight.get(reply.runId)!;
              inFlight.delete(reply.runId);
              try {
                finished(run, reply.values);
              } catch (error) {
                return fail(error);
              }
              if (++done < n) return give(worker);
              listeners.forEach((remove) => remove());
              resolve();
            };
            // A worker that stops without an error would otherwise leave the list waiting for ever.
            const onExit = (code: number) => fail(new Error(`engine worker stopped (exit code ${code}) during a run`));
            worker.on('message', onMessage);
            worker.on('error', fail);
            worker.on('exit', onExit);
            listeners.push(() => worker.off('message', onMessage).off('error', fail).off('exit', onExit));
          }
          workers.forEach(give);
        });
      } finally {
        running = false;
      }
    },
  };
}
