/**
 * The engine's worker thread: runs the replications the main thread hands it, one message each.
 * A message that carries a scenario input replaces the cached scenario (validated and compiled
 * once), so one worker serves run after run, study after study.
 */
import { parentPort } from 'node:worker_threads';
import { runReplication } from '../model/replication.js';
import { InputError } from '../scenario/issues.js';
import { scenarioFromInput } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * A request: run `replication` of scenario `scenarioId` — the pool's own number for a scenario
 * object, unique for the pool's life — with its `input` when this worker does not hold it yet.
 */
export interface RunRequest {
  readonly runId: number;
  readonly scenarioId: number;
  readonly input?: Record<string, unknown>;
  readonly replication: number;
  readonly seed: number | string;
}

/** A reply: the run's metric values, or the error that stopped it. */
export type RunReply =
  | { readonly ready: true }
  | { readonly runId: number; readonly values: Float64Array }
  | { readonly runId: number; readonly error: { readonly message: string; readonly stack?: string; readonly issues?: InputError['issues'] } };

const port = parentPort!;
let cached: { id: number; scenario: Scenario } | undefined;
port.on('message', (request: RunRequest) => {
  try {
    if (request.input !== undefined) cached = { id: request.scenarioId, scenario: scenarioFromInput(request.input) };
    if (cached?.id !== request.scenarioId) throw new Error(`engine worker: scenario ${request.scenarioId} asked for before it was sent`);
    const { values } = runReplication(cached.scenario, request.seed, request.replication);
    port.postMessage({ runId: request.runId, values } satisfies RunReply, [values.buffer as ArrayBuffer]);
  } catch (error) {
    const e = error as Error;
    port.postMessage({ runId: request.runId, error: { message: e.message, stack: e.stack, ...(error instanceof InputError ? { issues: error.issues } : {}) } } satisfies RunReply);
  }
});
port.postMessage({ ready: true } satisfies RunReply);
