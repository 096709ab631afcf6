/**
 * Options that several commands share, each declared once, and the checks of flag values, each
 * written once. A flag's description may differ between commands (what --reps counts depends on
 * the study), so a group takes its texts; types, requiresArg and checks do not differ.
 *
 * Counts and years are read as text so that a bad value is reported as the user typed it ("x",
 * "1.5"), never as yargs's NaN. Every check throws a UsageError naming its flag (exit 2).
 */
import type { Argv } from 'yargs';
import { LIMITS, runListProblem } from '../limits.js';
import type { SimulationOptions } from './simulation-options.js';
import { UsageError, quote } from './usage-error.js';

/** --set's description where a command adds nothing to it. */
export const SET_DESCRIPTION = 'Override a scenario field after extends: path=value (repeatable); value is YAML: 0.2, "t / 10", {dist: normal, mean: 1, sd: 0.1}';

/** The positional `<file>` of a command that reads one scenario. */
export function scenarioFile<T>(y: Argv<T>) {
  return y.positional('file', { type: 'string', demandOption: true, description: 'Scenario file (YAML or JSON)' });
}

/** --set path=value, repeatable. */
export function setOption<T>(y: Argv<T>, description = SET_DESCRIPTION) {
  return y.option('set', { type: 'string', array: true, requiresArg: true, description });
}

/** --reps and --seed: overrides of the scenario's replications and seed (checked by checkCounts). */
export function replicationOptions<T>(y: Argv<T>, texts: { readonly reps?: string; readonly seed?: string } = {}) {
  return y
    .option('reps', { type: 'string', requiresArg: true, description: texts.reps ?? 'Replications (overrides the scenario\'s replications)' })
    .option('seed', { type: 'string', requiresArg: true, description: texts.seed ?? 'Master seed (overrides the scenario\'s seed)' });
}

/** --threads: worker threads (checked by checkCounts). */
export function threadsOption<T>(y: Argv<T>, description = 'Worker threads (default: all cores)') {
  return y.option('threads', { type: 'string', requiresArg: true, description });
}

/** The group of every command that simulates on this machine: --reps, --seed, --threads, --set. */
export function simulationOptions<T>(y: Argv<T>, texts: { readonly reps?: string; readonly seed?: string; readonly threads?: string; readonly set?: string } = {}) {
  return setOption(threadsOption(replicationOptions(y, texts), texts.threads), texts.set);
}

/** --param path=LO:HI[:log]|a,b,c, repeatable and required (sweep, sensitivity, slurm). */
export function paramOption<T>(y: Argv<T>) {
  return y.option('param', { type: 'string', array: true, requiresArg: true, demandOption: true, description: 'A parameter range: path=LO:HI, path=LO:HI:log or path=a,b,c (repeatable)' });
}

/** The options every simulating command passes on, from parsed arguments (counts already checked by checkCounts). */
export function simulationArgs(args: { set?: string[]; reps?: string; seed?: string; threads?: string }): Omit<SimulationOptions, 'out'> {
  return {
    overrides: args.set ?? [],
    reps: args.reps === undefined ? undefined : Number(args.reps),
    seed: args.seed,
    threads: args.threads === undefined ? undefined : Number(args.threads),
  };
}

/** A count flag (--threads, --tasks, --shards, …): a whole number ≥ 1 of at most six digits, when given. */
export function checkWholeNumber(flag: string, value: unknown): void {
  if (value !== undefined && !/^[1-9][0-9]{0,5}$/.test(String(value))) throw new UsageError(flag, 'a whole number ≥ 1', quote(value));
}

/** --reps and --threads: whole numbers ≥ 1; --reps within its limit. */
export function checkCounts(args: { reps?: string; threads?: string }): void {
  checkWholeNumber('--reps', args.reps);
  checkWholeNumber('--threads', args.threads);
  if (args.reps !== undefined && Number(args.reps) > LIMITS.replications) {
    throw new UsageError('--reps', `at most ${LIMITS.replications.toLocaleString('en-US')} replications (the limit; more cannot change a printed digit)`, quote(args.reps));
  }
}

/** --samples: a whole number ≥ 1 and at most LIMITS.samples (see src/limits.ts for why). */
export function checkSamples(samples: string | undefined): void {
  if (samples === undefined) return;
  // Any number of digits here, unlike checkWholeNumber: a long number is a count over the limit, and is told so.
  if (!/^[1-9][0-9]*$/.test(samples)) throw new UsageError('--samples', 'a whole number ≥ 1', quote(samples));
  if (Number(samples) > LIMITS.samples) throw new UsageError('--samples', `at most ${LIMITS.samples.toLocaleString('en-US')} (the limit)`, quote(samples));
}

/** A flag holding one year (--year, --by of sweep summarize): four digits; whether it is simulated is checked against the scenario later. */
export function checkYear(flag: string, value: string | undefined): void {
  if (value !== undefined && !/^\d{4}$/.test(value)) throw new UsageError(flag, 'a year such as 2030', quote(value));
}

/** A flag holding comma-separated years (--years, --by of run). */
export function checkYearList(flag: string, value: string | undefined): void {
  if (value !== undefined && !/^\d{4}(,\d{4})*$/.test(value)) throw new UsageError(flag, 'years such as 2030,2035', quote(value));
}

/** `--shard I/N` with 0 ≤ I < N, or undefined without the option. */
export function parseShard(shard: string | undefined): { index: number; of: number } | undefined {
  if (shard === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(shard);
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new UsageError('--shard', 'I/N with 0 ≤ I < N', quote(shard));
  return { index: Number(m[1]), of: Number(m[2]) };
}

/**
 * Points of a grid before the scenario is read: discrete values count themselves, a continuous
 * range LO:HI takes --samples levels (3 by default). A malformed --param counts 1; it is reported later.
 */
function gridRuns(params: readonly string[], samples: string | undefined): number {
  return params.reduce((n, p) => {
    const spec = p.slice(p.indexOf('=') + 1);
    return n * (/^[^:,]+:[^:,]+(:log)?$/.test(spec) ? Number(samples ?? 3) : Math.max(1, spec.split(',').length));
  }, 1);
}

/** A design whose run list would pass LIMITS.runs is refused before it is expanded. */
export function checkRunList(runs: number): void {
  const problem = runListProblem(runs);
  if (problem) throw new UsageError('--samples/--param', problem.expected, problem.found);
}

/** A sweep's run list (sweep, slurm sweep) within LIMITS.runs: a grid's points, or --samples (16 by default) of lhs and sobol. */
export function checkSweepRunList(design: string, params: readonly string[] | undefined, samples: string | undefined): void {
  checkRunList(design === 'grid' ? gridRuns(params ?? [], samples) : Number(samples ?? 16));
}
