/**
 * The command-line parser as a table: one definition per command (src/cli/definitions/), each with
 * its usage text (examples first), options and checks, and code imported only when the command runs
 * (start-up stays fast). This file adds the settings every command shares and turns every error
 * into one positioned message: a user's mistake is exit 2, never a stack trace.
 */
import yargs, { type Argv, type CommandModule } from 'yargs';
import { InputError, formatIssue } from '../scenario/issues.js';
import { setInvocation } from '../output/provenance.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { say } from './io.js';
import { endOpenPlans } from './progress.js';
import { UsageError, quote, yargsError } from './usage-error.js';
import type { CommandDefinition } from './definitions/definition.js';
import { attribute } from './definitions/attribute.js';
import { backtest } from './definitions/backtest.js';
import { calibrate } from './definitions/calibrate.js';
import { compare } from './definitions/compare.js';
import { explain } from './definitions/explain.js';
import { explore } from './definitions/explore.js';
import { merge } from './definitions/merge.js';
import { report } from './definitions/report.js';
import { run } from './definitions/run.js';
import { schema } from './definitions/schema.js';
import { sensitivity } from './definitions/sensitivity.js';
import { slurm } from './definitions/slurm.js';
import { sweep } from './definitions/sweep.js';
import { validate } from './definitions/validate.js';

/** The commands, in the order `hiresim --help` lists them. */
export const DEFINITIONS: readonly CommandDefinition[] = [run, compare, attribute, explore, report, sweep, sensitivity, backtest, calibrate, merge, slurm, validate, explain, schema];

/**
 * The command names, in the order messages about a missing or mistyped command list them (which
 * predates the help's order; test/cli/commands.test.ts checks that both name the same commands).
 */
export const COMMANDS = ['run', 'compare', 'attribute', 'report', 'sweep', 'sensitivity', 'calibrate', 'backtest', 'merge', 'slurm', 'validate', 'explain', 'schema', 'explore'] as const;

const USAGE = [
  'hiresim: when does the GenAI talent gap close? An agent-based simulation of the hiring market.',
  '',
  'Examples:',
  '  hiresim run scenarios/baseline.yaml            when does the gap close? (Monte Carlo projection)',
  '  hiresim compare scenarios/baseline.yaml scenarios/tool-breakthrough.yaml    which closes it sooner?',
  '  hiresim attribute scenarios/baseline.yaml      which lever contributes most (Shapley values)',
  '  hiresim explore scenarios/baseline.yaml        what if…? sliders and live bands in a browser',
  '  hiresim report results/baseline --html report.html    charts and tables in one HTML file',
  '  hiresim backtest scenarios/baseline.yaml --observed data/observed.csv --set startYear=2019    the model against observed series',
  '  hiresim validate scenarios/baseline.yaml       check a scenario file',
  '  hiresim explain scenarios/baseline.yaml        every parameter with its value and source',
  '  hiresim schema > scenario.schema.json          JSON Schema for editor completion',
  '',
  'Usage: hiresim <command> [options]',
].join('\n');

/** A definition as yargs takes it, its subcommands included, its exit code handed to `setResult`. */
function commandModule(definition: CommandDefinition, setResult: (code: ExitCode) => void): CommandModule {
  const { command, describe, builder, run: runCommand, subcommands = [] } = definition;
  return {
    command,
    describe,
    builder: (y: Argv) => subcommands.reduce((parser, sub) => parser.command(commandModule(sub, setResult)), builder(y)),
    // A group (sweep, slurm) does nothing itself: its subcommands run.
    handler: async (args) => {
      if (runCommand) setResult(await runCommand(args));
    },
  };
}

/** Builds the parser for `argv`. Exported for tests of argument parsing. */
export function buildParser(argv: readonly string[], setResult: (code: ExitCode) => void): Argv {
  const parser = yargs([...argv])
    .scriptName('hiresim')
    // English whatever the machine's LANG: yargs's own errors are read by yargsError, and messages
    // should not depend on where a study runs.
    .locale('en')
    // No `--no-X` forms: none is documented, and on a list option (`--no-set x=1`) yargs handed a
    // boolean where a list was declared (found by npm run fuzz). `--no-set` is now an unknown option.
    .parserConfiguration({ 'boolean-negation': false })
    .usage(USAGE);
  for (const definition of DEFINITIONS) parser.command(commandModule(definition, setResult));
  return parser
    // A one-value option given twice would reach the command as a list (`--levers a --levers b`
    // crashed attribute; found by npm run fuzz): refused, naming the option.
    .middleware((args) => {
      skipHelpCache(parser);
      // The parser holds the running command's options by now (its builder has run); getOptions is
      // yargs's own, missing from its type declarations.
      // Every declared key counts, typed or not: `--design grid --design grid` (an option with only
      // `choices`) crashed sweep (found by npm run fuzz).
      const options = (parser as unknown as { getOptions(): { array: string[]; key: Record<string, boolean> } }).getOptions();
      const lists = new Set(options.array);
      const declared = new Set(Object.keys(options.key));
      for (const [key, value] of Object.entries(args)) {
        if (Array.isArray(value) && key !== '_' && declared.has(key) && !lists.has(key)) {
          throw new UsageError(`--${key}`, 'the option once (it takes one value)', `${value.length} values: ${value.map(quote).join(', ')}`);
        }
      }
    }, true)
    .demandCommand(1, `Name a command: ${COMMANDS.join(', ')}.`)
    .strict()
    .help()
    .alias('help', 'h')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs reports its own argument errors (requiresArg: `--out` with no value) as a YError with the
      // message; they are the user's, so a usage line, not a stack trace. Anything else is ours.
      if (error && error.name !== 'YError') throw error;
      throw yargsError(message ?? error?.message ?? 'bad arguments', argv, COMMANDS);
    });
}

/**
 * yargs renders the running command's whole help text right after starting its handler, in case the
 * handler later asks for it: 30–60 ms of every command's start-up, more than parsing the command line.
 * No handler here shows help (failures go through `.fail`, help through `--help`, which renders it
 * afresh), so the cache is not filled. `getInternalMethods` is yargs's own, missing from its types.
 */
function skipHelpCache(parser: Argv): void {
  const usage = (parser as unknown as { getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } } }).getInternalMethods().getUsageInstance();
  usage.cacheHelpMessage = () => {};
}

/** File-system errors that mean the path is not usable as given (rather than the disk failing). */
const PATH_PROBLEMS = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'EEXIST', 'ENAMETOOLONG', 'ELOOP']);

/** An error from a file-system call (it names the call and the path). */
function isFileSystemError(error: unknown): error is Error & { code: string; syscall: string; path: string } {
  const e = error as { code?: unknown; syscall?: unknown; path?: unknown } | null;
  return error instanceof Error && typeof e?.code === 'string' && typeof e.syscall === 'string' && typeof e.path === 'string';
}

/** Runs the CLI and returns its exit code. Never throws for a user's mistake. */
export async function runCli(argv: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  setInvocation(argv);
  try {
    await buildParser(argv, (c) => (code = c)).parseAsync();
    return code;
  } catch (error) {
    endOpenPlans();
    if (error instanceof InputError) {
      for (const issue of error.issues) say(formatIssue(issue));
      // Problems a cap left unlisted count too ("(more)" lines say how many).
      const more = error.issues.filter((i) => i.path === '(more)');
      const n = error.issues.length - more.length + more.reduce((sum, i) => sum + (Number(/^(\d+) /.exec(i.found)?.[1]) || 0), 0);
      say(`${n} problem${n === 1 ? '' : 's'} found${more.length > 0 ? ` (${error.issues.length - more.length} listed)` : ''}.`);
      if (error instanceof UsageError) {
        const command = argv.find((a) => (COMMANDS as readonly string[]).includes(a));
        say(`Run "hiresim ${command === undefined ? '' : `${command} `}--help" for the options.`);
      }
      return EXIT.badInput;
    }
    if ((error as { code?: unknown })?.code === 'ERR_INVALID_ARG_VALUE' && /null bytes/.test((error as Error).message)) {
      // A path with a NUL character (possible from a scenario's text or a library caller, not a shell).
      const received = /Received (.*)$/s.exec((error as Error).message)?.[1] ?? 'a path with a NUL character';
      say(formatIssue({ file: '<path>', line: 0, column: 0, path: '', expected: 'a path without NUL characters', found: received }));
      say('1 problem found.');
      return EXIT.badInput;
    }
    if (isFileSystemError(error)) {
      // A path the user gave (--out, --html, --results, a shard) that cannot be used: no stack trace,
      // and in the format of every input problem. Anything else (a full disk, an I/O error) is a failure.
      const theirs = PATH_PROBLEMS.has(error.code);
      const reason = error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/s, '');
      if (!theirs) {
        say(`hiresim: ${error.message}`);
        return EXIT.failure;
      }
      say(formatIssue({ file: error.path, line: 0, column: 0, path: '', expected: `a path hiresim can ${error.syscall === 'open' || error.syscall === 'mkdir' || error.syscall === 'rename' ? 'write (its directory must exist or be creatable, and be writable)' : 'use'}`, found: `${reason} (${error.code} in ${error.syscall})` }));
      say('1 problem found.');
      return EXIT.badInput;
    }
    say(`hiresim: internal error: ${(error as Error)?.stack ?? String(error)}`);
    say('This is a bug in hiresim; please report it with the command line above.');
    return EXIT.failure;
  }
}
