import { simulate } from '../../studies/run.js';
import { runsCsv, yearsCsv } from '../../output/csv.js';
import { formatRun } from '../../output/terminal.js';
import { count } from '../../output/format.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, useColor, writeOut } from '../io.js';
import { planProgress } from '../progress.js';
import { provenance, withProvenance } from '../../output/provenance.js';
import { availableParallelism } from 'node:os';
import { checkYears, loadForSimulation, type SimulationOptions } from '../simulation-options.js';

export interface RunCommandOptions extends SimulationOptions {
  readonly file: string;
  readonly json: boolean;
  readonly csv: boolean;
  /** Years for P(closed by Y) in the answer. */
  readonly by?: readonly number[];
}

/** `hiresim run SCENARIO`: the Monte Carlo projection, as a table, JSON, CSV and/or result files. */
export async function runCommand(options: RunCommandOptions): Promise<ExitCode> {
  const { overrides, loaded } = loadForSimulation(options.file, options);
  if (options.by) checkYears(loaded.scenario, options.by, '--by', { projection: true });
  const { replications, scale } = loaded.scenario;
  const threads = Math.min(options.threads ?? availableParallelism(), replications);
  const progress = planProgress(`run: ${count(replications, 'replication')} of "${loaded.scenario.name}" at 1 agent = ${scale} persons on ${count(threads, 'thread')}`, { parallel: threads, unit: 'replications' });
  const simulation = await simulate(loaded, { threads: options.threads, onProgress: (d, t) => progress.update(d, t) });
  progress.finish();

  const record = provenance('run', [loaded], overrides);
  const summaryJson = `${JSON.stringify(withProvenance(simulation.summary, record), null, 2)}\n`;
  writeOut(options.out, { 'summary.json': summaryJson, 'years.csv': yearsCsv(simulation.summary), 'runs.csv': runsCsv(simulation) });
  if (options.json) await out(summaryJson);
  else if (options.csv) await out(runsCsv(simulation));
  else await out(formatRun(simulation.summary, { color: useColor(), probeYears: options.by }));
  return EXIT.ok;
}
