// Case k of a seed, generated from that alone: which family it belongs to and its input.
import { caseRandom } from './random.mjs';
import { scenarioCase } from './mutate-scenario.mjs';
import { argvCase } from './mutate-argv.mjs';

/** Defaults of the options that change what a case is; a replay command names any other value. */
export const CASE_DEFAULTS = { cliEvery: 10, runShare: 0.1 };

/**
 * Every `cliEvery`-th case is a command line, the others mutate scenario text; `runShare` of the
 * scenario cases also run the scenario when it loads (values the schema allows can still crash the
 * model: population.adjacent=1e15 did).
 */
export function makeCase(seed, k, sources, { cliEvery, runShare } = CASE_DEFAULTS) {
  const r = caseRandom(seed, k);
  if (k % cliEvery === cliEvery - 1) return argvCase(r);
  const spec = scenarioCase(r, sources);
  return { ...spec, runValid: r.chance(runShare) };
}
