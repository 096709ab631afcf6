import { runSensitivity, type Method } from '../../sweep/sensitivity.js';
import { formatSensitivity } from '../../output/sensitivity-terminal.js';
import { writeResultFiles } from '../../output/files.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, say } from '../cli.js';
import { progressBar } from '../progress.js';
import { checkYears, loadWithRanges, type SimulationOptions } from '../simulation-options.js';

export interface SensitivityCommandOptions extends SimulationOptions {
  readonly file: string;
  readonly method: Method;
  readonly params: readonly string[];
  readonly samples?: number;
  readonly year?: number;
  readonly json: boolean;
}

/** `hiresim sensitivity SCENARIO --method morris|sobol --param …`. */
export async function sensitivityCommand(options: SensitivityCommandOptions): Promise<ExitCode> {
  const { overrides, loaded, ranges } = loadWithRanges(options.file, options.params, options);
  const { scenario } = loaded;
  const year = options.year ?? Math.min(scenario.horizon, scenario.baseYear + 5);
  checkYears(scenario, [year], '--year');
  const progress = progressBar('points');
  const summary = await runSensitivity({
    loaded,
    overrides,
    ranges,
    method: options.method,
    samples: options.samples ?? (options.method === 'sobol' ? 64 : 10),
    year,
    threads: options.threads,
    onProgress: (d, t) => progress.update(d, t),
  });
  progress.finish();
  const json = `${JSON.stringify(summary, null, 2)}\n`;
  if (options.out) {
    writeResultFiles(options.out, { 'sensitivity.json': json });
    say(`wrote sensitivity.json to ${options.out}`);
  }
  await out(options.json ? json : formatSensitivity(summary, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }));
  return EXIT.ok;
}
