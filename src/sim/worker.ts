/**
 * A worker thread: validates the scenario it was given once, then runs the
 * replications the main thread asks for, one message each.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runReplication } from '../model/replication.js';
import { InputError } from '../scenario/issues.js';
import { scenarioFromInput } from '../scenario/load.js';

const port = parentPort!;
try {
  const scenario = scenarioFromInput((workerData as { input: Record<string, unknown> }).input);
  port.on('message', ({ replication }: { replication: number }) => {
    try {
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
