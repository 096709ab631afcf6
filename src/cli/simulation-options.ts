import { availableParallelism, totalmem } from 'node:os';
import { resolveParameters } from '../model/params.js';
import { LIMITS, type LimitProblem } from '../limits.js';
import { firstYear } from '../scenario/calendar.js';
import { InputError } from '../scenario/issues.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { blameFlags, checkRangesAgainst, parseParamRanges, type ParamRange } from '../studies/sweep/param-spec.js';

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
 * Persons the scenario starts with: adjacent engineers (their largest yearly value: the pool is
 * topped up to it), students, and every firm's planned GenAI team, at central values. This is what
 * the model allocates agents for (÷ scale) before the first year runs.
 */
function startingPersons(scenario: Scenario): number | undefined {
  let p;
  try {
    p = resolveParameters(scenario, scenario.seed, 0, true);
  } catch {
    // A formula that leaves its domain is reported by the run itself, positioned; no estimate then.
    return undefined;
  }
  const firms = Object.values(p.firms).reduce((n, f) => n + f.count[0] * f.headcount[0], 0);
  return Math.max(...p.population.adjacent) + p.population.students[0] + firms;
}

/**
 * Memory the simulation needs, against the machine's: every worker thread holds one replication's
 * agents at a time. Returns a problem with the estimate when it would not fit in total memory.
 */
function memoryProblem(scenario: Scenario, threads: number): LimitProblem | undefined {
  const persons = startingPersons(scenario);
  if (persons === undefined) return undefined;
  const agents = persons / scenario.scale;
  const bytes = agents * LIMITS.bytesPerAgent * Math.max(1, threads);
  const available = totalmem();
  if (bytes <= available) return undefined;
  const gb = (b: number) => (b >= 1e21 ? `${(b / 1e9).toExponential(1)} GB` : `${(b / 1e9).toLocaleString('en-US', { maximumFractionDigits: 1 })} GB`);
  const count = (n: number) => (n >= 1e12 ? n.toExponential(1) : Math.round(n).toLocaleString('en-US'));
  return {
    expected: `a population that fits in this machine's ${gb(available)} of memory (raise scale, the persons per agent, or use fewer --threads)`,
    found: `${count(persons)} persons = ${count(agents)} agents at scale ${scenario.scale} × ${LIMITS.bytesPerAgent} bytes${threads > 1 ? ` × ${threads} threads` : ''} ≈ ${gb(bytes)}`,
  };
}

/**
 * Refuses, before anything is allocated, a scenario whose agents would not fit in memory on the
 * threads the command would use (exit 2 with the estimate), blamed on the scenario file.
 */
export function checkMemory(loaded: LoadedScenario, threads: number | undefined): void {
  const used = Math.max(1, Math.min(threads ?? availableParallelism(), loaded.scenario.replications));
  const problem = memoryProblem(loaded.scenario, used);
  if (problem) throw new InputError([{ file: loaded.file, line: 0, column: 0, path: 'population', ...problem }]);
}

/** The scenario a simulating command runs: overrides applied and blamed on their flags, memory checked. */
export function loadForSimulation(file: string, options: SimulationOptions): { overrides: string[]; loaded: LoadedScenario } {
  const overrides = overridesOf(options);
  const loaded = loadBlamingFlags(file, overrides, overrideFlags(options));
  checkMemory(loaded, options.threads);
  return { overrides, loaded };
}

/**
 * The scenario with the command's overrides and the `--param`/`--fit` ranges (`flag` names which),
 * each range checked against the scenario's schema (sweep, sensitivity, calibrate, slurm).
 */
export function loadWithRanges(file: string, params: readonly string[], options: SimulationOptions, flag = '--param'): { overrides: string[]; loaded: LoadedScenario; ranges: ParamRange[] } {
  const { overrides, loaded } = loadForSimulation(file, options);
  const ranges = parseParamRanges(params, flag);
  checkRangesAgainst(file, ranges, overrides, flag, overrideFlags(options));
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
    throw new InputError([{ file: flag, line: 0, column: 0, path: '', expected: `years from ${from} to ${scenario.horizon}${history}`, found: outside.join(', ') }]);
  }
}
