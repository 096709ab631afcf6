/**
 * A problem a run finds in its scenario while it runs (model/capacity.ts: a market that outgrows
 * memory) is thrown without a file, which the model does not know; the engine places it on the
 * file of the run's scenario, so the CLI prints it like any problem of that file.
 */
import { RUN_PROBLEM_FILE } from '../model/capacity.js';
import { InputError } from '../scenario/issues.js';
import type { Run } from './runs.js';

/** `error`, with a run's problem placed on the run's scenario file (and naming the replication). */
export function placedAt(error: unknown, run: Run): unknown {
  if (!(error instanceof InputError)) return error;
  const file = run.scenario.file ?? 'the scenario';
  return new InputError(error.issues.map((issue) => (issue.file === RUN_PROBLEM_FILE ? { ...issue, file, path: `${issue.path} in replication ${run.replication}` } : issue)));
}
