/**
 * Where a result came from, recorded in every result file (summary.json, comparison.json,
 * attribution.json, sweep and sensitivity lines, sensitivity.json, backtest.json, calibrated
 * scenarios): the hiresim version, the command line that reproduces it, every `--set` override,
 * each scenario's files with the sha-256 of their bytes and the resolved scenario's hash, the seed
 * and the replications. `report` reproduces a result from this record instead of guessing.
 *
 * The record holds nothing that varies between runs of the same study: no time, no host, no
 * thread count and no output location, so results stay byte-identical for any `--threads`,
 * `--shard` layout or `--out` directory.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LoadedScenario } from '../scenario/load.js';
import { hiresimVersion } from '../package-files.js';

/** One scenario file of an `extends` chain, as the user's working directory names it. */
export interface FileRecord {
  readonly file: string;
  /** sha-256 of the file's bytes (hex); null when the file could not be read again. */
  readonly sha256: string | null;
}

export interface ScenarioRecord {
  /** The file named on the command line. */
  readonly file: string;
  /** Its `extends` chain, root parent first, the named file last. */
  readonly files: readonly FileRecord[];
  /** The resolved scenario's hash (the model inputs after extends and overrides). */
  readonly hash: string;
}

export interface Provenance {
  /** The hiresim version that wrote the result. */
  readonly hiresim: string;
  /** The command line that reproduces the result (options that only choose threads or where to write left out). */
  readonly command: string;
  /** The arguments of that command line, unquoted. */
  readonly argv: readonly string[];
  /** Every `--set` override as given, in order (--reps and --seed appear as `replications=` and `seed=`). */
  readonly overrides: readonly string[];
  readonly scenarios: readonly ScenarioRecord[];
  readonly seed: number | string;
  readonly replications: number;
  /** Data files the result was made with besides scenarios (observed series, target files), with their hashes. */
  readonly data?: readonly FileRecord[];
}

/** Options whose value changes neither the study nor its numbers, only how or where it runs. */
const NOT_RECORDED_WITH_VALUE = new Set(['--threads', '--out', '--results', '--shard', '--html', '--write']);
const NOT_RECORDED_FLAGS = new Set(['--json', '--csv', '--resume', '--quiet', '--no-color']);

/**
 * The reproducing arguments of a command line: `argv` without the options that choose threads,
 * output formats or destinations (`--threads 2`, `--out=DIR`, `--json`, `--resume`, `--shard 0/4`…).
 */
export function reproducingArgs(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (NOT_RECORDED_FLAGS.has(name)) continue;
    if (NOT_RECORDED_WITH_VALUE.has(name)) {
      if (!arg.includes('=')) i++;
      continue;
    }
    kept.push(arg);
  }
  return kept;
}

/** Quotes an argument for a POSIX shell only when it needs it. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** `hiresim ARGS…` as one shell line. */
export function commandLine(args: readonly string[]): string {
  return ['hiresim', ...args].map(shellQuote).join(' ');
}

let invocation: readonly string[] | undefined;

/** Set once by the CLI with its arguments (after `hiresim`); library callers may leave it unset. */
export function setInvocation(argv: readonly string[]): void {
  invocation = [...argv];
}

/** The arguments the CLI was started with, or undefined when called as a library. */
export function currentInvocation(): readonly string[] | undefined {
  return invocation;
}

function fileRecord(file: string): FileRecord {
  try {
    return { file, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
  } catch {
    return { file, sha256: null };
  }
}

/** A scenario's record: its files with their hashes and the resolved hash. */
export function scenarioRecord(loaded: LoadedScenario): ScenarioRecord {
  return { file: loaded.file, files: loaded.files.map(fileRecord), hash: loaded.hash };
}

/**
 * The provenance of a result made from `scenarios` (the first is the reference) with `overrides`.
 * `argv` defaults to the CLI's own arguments; a library caller without them gets a command line
 * rebuilt from the subcommand, the files and the overrides.
 */
export function provenance(
  subcommand: string,
  scenarios: readonly LoadedScenario[],
  overrides: readonly string[],
  options: { readonly argv?: readonly string[]; readonly seed?: number | string; readonly replications?: number; readonly data?: readonly string[] } = {},
): Provenance {
  const given = options.argv ?? invocation;
  const argv = given ? reproducingArgs(given) : [subcommand, ...scenarios.map((s) => s.file), ...overrides.flatMap((o) => ['--set', o])];
  const reference = scenarios[0]?.scenario;
  return {
    hiresim: hiresimVersion(),
    command: commandLine(argv),
    argv,
    overrides: [...overrides],
    scenarios: scenarios.map(scenarioRecord),
    seed: options.seed ?? reference?.seed ?? 0,
    replications: options.replications ?? reference?.replications ?? 0,
    ...(options.data && options.data.length > 0 ? { data: options.data.map(fileRecord) } : {}),
  };
}

/** `result` with its provenance first (so a reader sees where it came from before what it says). */
export function withProvenance<T extends object>(result: T, record: Provenance): { readonly provenance: Provenance } & T {
  return { provenance: record, ...result };
}
