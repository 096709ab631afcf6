/**
 * A worker thread: runs the replications the main thread asks for, one message each. A message
 * that carries a scenario input (the first of each run, or the workerData at start) replaces the
 * scenario, validated once, so one worker serves simulation after simulation.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runReplication } from '../model/replication.js';
import { InputError } from '../scenario/issues.js';
import { scenarioFromInput } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';

const port = parentPort!;
let scenario: Scenario | undefined;
try {
  const initial = (workerData as { input?: Record<string, unknown> } | undefined)?.input;
  if (initial !== undefined) scenario = scenarioFromInput(initial);
  port.on('message', ({ replication, input }: { replication: number; input?: Record<string, unknown> }) => {
    try {
      if (input !== undefined) scenario = scenarioFromInput(input);
      if (scenario === undefined) throw new Error('worker: a replication asked for before any scenario');
      const { values } = runReplication(scenario, scenario.seed, replication);
      port.postMessage({ replication, values }, [values.buffer as ArrayBuffer]);
    } catch (error) {
      fail(error);
    }
  });
  port.postMessage({ ready: true });
} catch (error) {
  fail(error);
}

function fail(error: unknown): void {
  const e = error as Error;
  port.postMessage({ error: { message: e.message, stack: e.stack, ...(error instanceof InputError ? { issues: error.issues } : {}) } });
}
