import { firstYear } from '../scenario/calendar.js';
import { InputError } from '../scenario/issues.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { blameFlags, checkRangesAgainst, parseParamRanges, type ParamRange } from '../sweep/param-spec.js';

/** Options shared by the commands that simulate (run, compare, attribute, sweep, sensitivity, calibrate). */
export interface SimulationOptions {
  /** `path=value` overrides from --set. */
  readonly overrides: readonly string[];
  readonly reps?: number;
  readonly seed?: string;
  readonly threads?: number;
  readonly out?: string;
}

/**
 * --set overrides followed by --reps and --seed, which are overrides like any other: validated by
 * the schema and part of the scenario hash.
 */
export function overridesOf(options: SimulationOptions): string[] {
  const overrides = [...options.overrides];
  if (options.reps !== undefined) overrides.push(`replications=${options.reps}`);
  if (options.seed !== undefined) overrides.push(`seed=${/^\d+$/.test(options.seed) ? options.seed : JSON.stringify(options.seed)}`);
  return overrides;
}

/**
 * The flag each override of `overridesOf` came from: `--set #k` for the user's own, then `--reps` and
 * `--seed`, which go in as overrides but must be named as the flags the user typed.
 */
export function overrideFlags(options: SimulationOptions): string[] {
  return [...options.overrides.map((_, k) => `--set #${k + 1}`), ...(options.reps !== undefined ? ['--reps'] : []), ...(options.seed !== undefined ? ['--seed'] : [])];
}

/** loadScenario with the command's overrides, every problem an override caused blamed on its flag. */
export function loadBlamingFlags(file: string, overrides: readonly string[], flags: readonly string[]): LoadedScenario {
  try {
    return loadScenario(file, { overrides: [...overrides] });
  } catch (error) {
    throw error instanceof InputError ? blameFlags(error, overrides, flags) : error;
  }
}

/**
 * The scenario with the command's overrides and the `--param`/`--fit` ranges (`flag` names which),
 * each range checked against the scenario's schema (sweep, sensitivity, calibrate, slurm).
 */
export function loadWithRanges(file: string, params: readonly string[], options: SimulationOptions, flag = '--param'): { overrides: string[]; loaded: LoadedScenario; ranges: ParamRange[] } {
  const overrides = overridesOf(options);
  const flags = overrideFlags(options);
  const loaded = loadBlamingFlags(file, overrides, flags);
  const ranges = parseParamRanges(params, flag);
  checkRangesAgainst(file, ranges, overrides, flag, flags);
  return { overrides, loaded, ranges };
}

/**
 * Years given on the command line must be simulated ones: exit 2 naming the flag otherwise. Years to
 * record (sweep --years) may be history years, before the base year; a year of interest
 * (`projection`: sensitivity --year) is an answer, so it starts at the base year.
 */
export function checkYears(scenario: Scenario, years: readonly number[], flag: string, options: { readonly projection?: boolean } = {}): void {
  const from = options.projection ? scenario.baseYear : firstYear(scenario);
  const outside = years.filter((y) => y < from || y > scenario.horizon);
  if (outside.length > 0) {
    const history = options.projection && from > firstYear(scenario) ? ` (from the base year: ${firstYear(scenario)}–${from - 1} are history)` : '';
    throw new InputError([{ file: flag, line: 1, column: 1, path: flag.replace(/^--/, ''), expected: `years from ${from} to ${scenario.horizon}${history}`, found: outside.join(', ') }]);
  }
}
