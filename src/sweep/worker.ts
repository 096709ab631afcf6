/** A sweep worker thread: runs whole points (every replication of one point) on request. */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../scenario/issues.js';
import { scenarioFromInput } from '../scenario/load.js';
import { summarizePoint } from './point.js';

const port = parentPort!;
port.on('message', ({ task, input, years }: { task: number; input: Record<string, unknown>; years: number[] }) => {
  try {
    port.postMessage({ task, summary: summarizePoint(scenarioFromInput(input), years) });
  } catch (error) {
    const e = error as Error;
    port.postMessage({ task, error: { message: e.message, stack: e.stack, ...(error instanceof InputError ? { issues: error.issues } : {}) } });
  }
});
port.postMessage({ ready: true });
