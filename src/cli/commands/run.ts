import { loadScenario } from '../../scenario/load.js';
import { simulate } from '../../sim/simulate.js';
import { runsCsv, yearsCsv } from '../../output/csv.js';
import { formatRun } from '../../output/terminal.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, useColor, writeOut } from '../cli.js';
import { progressBar } from '../progress.js';
import { overridesOf, type SimulationOptions } from '../simulation-options.js';

export interface RunCommandOptions extends SimulationOptions {
  readonly file: string;
  readonly json: boolean;
  readonly csv: boolean;
}

/** `hiresim run SCENARIO`: the Monte Carlo projection, as a table, JSON, CSV and/or result files. */
export async function runCommand(options: RunCommandOptions): Promise<ExitCode> {
  const loaded = loadScenario(options.file, { overrides: overridesOf(options) });

  const progress = progressBar('replications');
  const simulation = await simulate(loaded, { threads: options.threads, onProgress: (d, t) => progress.update(d, t) });
  progress.finish();

  const summaryJson = `${JSON.stringify(simulation.summary, null, 2)}\n`;
  writeOut(options.out, { 'summary.json': summaryJson, 'years.csv': yearsCsv(simulation.summary), 'runs.csv': runsCsv(simulation) });
  if (options.json) await out(summaryJson);
  else if (options.csv) await out(runsCsv(simulation));
  else await out(formatRun(simulation.summary, { color: useColor() }));
  return EXIT.ok;
}
