/**
 * Mistakes on the command line, in the one format every input problem is reported in:
 *
 *     WHERE[ PATH]: expected EXPECTED, found FOUND
 *
 * where WHERE is `FILE:LINE:COLUMN` for a file, and the flag for the command line (`--reps`,
 * `--set #2:1:14` with the column inside that flag's value, `<file>` for a positional argument).
 * A flag's problem is an InputIssue like a file's, so the CLI prints both the same way (exit 2).
 */
import { InputError } from '../scenario/issues.js';

/** A value as the user typed it, in double quotes with control characters escaped. */
export function quote(value: unknown): string {
  return JSON.stringify(String(value));
}

/** A problem with one flag's value (or a positional argument, `<file>`): exit 2, printed like a file's problem. */
export class UsageError extends InputError {
  constructor(flag: string, expected: string, found: string) {
    super([{ file: flag, line: 0, column: 0, path: '', expected, found }]);
  }
}

/** How a name yargs reports was written on the command line: an option (`--out`, `-h`) or a word. */
function asTyped(name: string, argv: readonly string[]): string {
  if (argv.includes(name)) return name;
  return name.length === 1 ? `-${name}` : `--${name}`;
}

/** Items of a yargs list ("a, b", or `"a", "b"`). */
function listItems(list: string): string[] {
  return list.split(/,\s*/).map((s) => s.trim().replace(/^"(.*)"$/, '$1')).filter((s) => s !== '');
}

/**
 * yargs's own argument errors (unknown options, a flag without its value, a missing argument,
 * mutually exclusive flags, an invalid choice), which it reports as English sentences, turned into
 * the one format. `command` is the command line's first word (for "options of hiresim run"), `argv`
 * the words typed. A message this does not know is kept whole as the found part.
 */
export function yargsError(message: string, argv: readonly string[], commands: readonly string[]): UsageError {
  const command = argv.find((a) => commands.includes(a));
  const options = command === undefined ? 'a command or option of hiresim' : `an option of hiresim ${command}`;
  const help = `hiresim ${command === undefined ? '' : `${command} `}--help`;
  let m: RegExpExecArray | null;
  if ((m = /^Unknown arguments?: (.*)$/s.exec(message))) {
    // yargs lists `no-set` and its camel-case twin `noSet`: one option, named as typed.
    const all = listItems(m[1]);
    const names = all.filter((n) => !all.some((o) => o !== n && o.includes('-') && o.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) === n));
    const first = asTyped(names[0] ?? '', argv);
    if (command === undefined && !first.startsWith('-')) {
      return new UsageError(`<command>`, `one of ${commands.join(', ')}`, quote(names[0]));
    }
    const typed = names.map((n) => asTyped(n, argv));
    const flag = typed.find((t) => t.startsWith('-')) ?? typed[0];
    const what = flag.startsWith('-') ? `unknown option ${flag}` : `an extra argument ${quote(flag)}`;
    const expected = flag.startsWith('-') ? options : `only the arguments of hiresim ${command}`;
    return new UsageError(flag, expected, names.length > 1 ? `${what} and ${names.length - 1} more (${typed.join(' ')})` : what);
  }
  if ((m = /^Not enough arguments following: (.*)$/s.exec(message))) {
    return new UsageError(asTyped(m[1], argv), 'a value after it', 'nothing');
  }
  if ((m = /^Missing argument values?: (.*)$/s.exec(message))) {
    return new UsageError(asTyped(listItems(m[1])[0] ?? '', argv), 'a value after it', 'nothing');
  }
  if ((m = /^Missing required arguments?: (.*)$/s.exec(message))) {
    const names = listItems(m[1]);
    const flags = names.map((n) => asTyped(n, argv));
    return new UsageError(flags[0] ?? '<arguments>', `${flags.join(' and ')} (hiresim ${command ?? ''} needs ${flags.length > 1 ? 'them' : 'it'})`.replace('hiresim  ', 'hiresim '), `no ${flags.join(' and no ')}`);
  }
  if ((m = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/s.exec(message))) {
    return new UsageError('<file>', `at least ${m[2]} file argument${m[2] === '1' ? '' : 's'}`, m[1] === '0' ? 'none' : m[1]);
  }
  if ((m = /^Too many non-option arguments: got (\d+), maximum of (\d+)$/s.exec(message))) {
    return new UsageError('<file>', `at most ${m[2]} argument${m[2] === '1' ? '' : 's'}`, m[1]);
  }
  if ((m = /^Arguments (\S+) and (\S+) are mutually exclusive$/s.exec(message))) {
    return new UsageError(asTyped(m[2], argv), `either ${asTyped(m[1], argv)} or ${asTyped(m[2], argv)}`, 'both');
  }
  if ((m = /^Invalid values:\s*Argument: (\S+), Given: (.*), Choices: (.*)$/s.exec(message))) {
    return new UsageError(asTyped(m[1], argv), `one of ${listItems(m[3]).join(', ')}`, m[2].trim());
  }
  if ((m = /^Missing dependent arguments:\s*(\S+) -> (\S+)/s.exec(message))) {
    return new UsageError(asTyped(m[1], argv), `${asTyped(m[2], argv)} beside it`, `no ${asTyped(m[2], argv)}`);
  }
  if (/^Name a command/.test(message)) return new UsageError('<command>', `one of ${commands.join(', ')}`, 'none');
  return new UsageError('<arguments>', `arguments as in ${help}`, message.replace(/\s*\n\s*/g, ' '));
}
