import { attributeLevers, type Lever } from '../../sim/attribute.js';
import { formatAttribution } from '../../output/attribute-terminal.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, useColor, writeOut } from '../cli.js';
import { progressBar } from '../progress.js';
import { overridesOf, type SimulationOptions } from '../simulation-options.js';

export interface AttributeCommandOptions extends SimulationOptions {
  readonly file: string;
  readonly levers: readonly Lever[];
  readonly year?: number;
  readonly json: boolean;
}

/** `hiresim attribute SCENARIO`: every subset of levers on common random numbers, Shapley values. */
export async function attributeCommand(options: AttributeCommandOptions): Promise<ExitCode> {
  const overrides = overridesOf(options);
  const progress = progressBar('lever subsets');
  const summary = await attributeLevers(options.file, {
    levers: options.levers,
    year: options.year,
    overrides,
    threads: options.threads,
    onSubset: (k, total) => progress.update(k, total),
  });
  progress.finish();
  const json = `${JSON.stringify(summary, null, 2)}\n`;
  writeOut(options.out, { 'attribution.json': json });
  await out(options.json ? json : formatAttribution(summary, { color: useColor() }));
  return EXIT.ok;
}
