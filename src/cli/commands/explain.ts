import { explainScenario, selectPaths } from '../../scenario/explain.js';
import { formatExplanation } from '../../output/explain-terminal.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out } from '../io.js';
import { loadBlamingFlags } from '../simulation-options.js';

export interface ExplainCommandOptions {
  readonly file: string;
  /** Path prefixes to show (`wages`, `demand.growth`); all of the scenario when empty. */
  readonly paths: readonly string[];
  readonly overrides: readonly string[];
  readonly json: boolean;
}

/**
 * `hiresim explain FILE [PATH…]`: the resolved scenario, or the subtrees named, as a table of values
 * with units and sources (at most 100 columns), or as JSON with the same data.
 */
export async function explainCommand(options: ExplainCommandOptions): Promise<ExitCode> {
  // A problem an override caused is blamed on its --set, not on the file.
  const loaded = loadBlamingFlags(options.file, options.overrides, options.overrides.map((_, k) => `--set #${k + 1}`));
  const explanation = selectPaths(explainScenario(loaded), options.paths);
  await out(options.json ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation, { selected: options.paths }));
  return EXIT.ok;
}
