/**
 * One row of the CLI's table: a command's name and arguments, its one-line description, a builder
 * holding its usage text (examples first), options and checks, and `run`, which imports the
 * command's code only when the command runs (so start-up loads no simulation code).
 */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { ExitCode } from '../exit-codes.js';

export interface CommandDefinition<U = any> {
  /** yargs's command string: the name, then `<required>` and `[optional]` positionals. */
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv) => Argv<U>;
  /** The command itself, once its arguments have passed every check; absent for a group of subcommands. */
  readonly run?: (args: ArgumentsCamelCase<U>) => Promise<ExitCode>;
  /** Commands under this one (sweep summarize, slurm status), registered after its builder. */
  readonly subcommands?: readonly CommandDefinition[];
}

/** A definition with its argument types inferred from its builder. */
export function defineCommand<U>(definition: CommandDefinition<U>): CommandDefinition<U> {
  return definition;
}

/** A usage text from its lines (examples first, then what the command does, then the usage line). */
export function usage(lines: readonly string[]): string {
  return lines.join('\n');
}
