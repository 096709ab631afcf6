/**
 * One format for every input problem, flags included: `WHERE[ PATH]: expected E, found F`. yargs's
 * own argument errors are English sentences; yargsError turns each kind into that format.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/issues.js';
import { UsageError, quote, yargsError } from '../../src/cli/usage-error.js';
import { hiresim } from '../helpers/cli.js';
import { BASELINE, HELP_HINT } from '../helpers/problems.js';

const COMMANDS = ['run', 'compare', 'sweep'];
const line = (e: UsageError) => e.issues.map(formatIssue).join('\n');

describe('yargs errors in the one format', () => {
  const cases: [string, string, string[], string][] = [
    ['an unknown option', 'Unknown argument: bogus', ['run', 'x.yaml', '--bogus'], '--bogus: expected an option of hiresim run, found unknown option --bogus'],
    ['several unknown options', 'Unknown arguments: bogus, other', ['run', 'x.yaml', '--bogus', '--other'], '--bogus: expected an option of hiresim run, found unknown option --bogus and 1 more (--bogus --other)'],
    ['an extra argument', 'Unknown argument: b', ['run', 'a', 'b'], 'b: expected only the arguments of hiresim run, found an extra argument "b"'],
    ['an unknown command', 'Unknown arguments: runn, x', ['runn', 'x'], '<command>: expected one of run, compare, sweep, found "runn"'],
    ['a flag without its value', 'Not enough arguments following: out', ['run', 'x.yaml', '--out'], '--out: expected a value after it, found nothing'],
    ['a missing required flag', 'Missing required argument: out', ['sweep', 'x.yaml'], '--out: expected --out (hiresim sweep needs it), found no --out'],
    ['a missing file', 'Not enough non-option arguments: got 0, need at least 1', ['run'], '<file>: expected at least 1 file argument, found none'],
    ['exclusive flags', 'Arguments json and csv are mutually exclusive', ['run', 'x', '--json', '--csv'], '--csv: expected either --json or --csv, found both'],
    ['an invalid choice', 'Invalid values:\n  Argument: engine, Given: "foo", Choices: "agents", "expected"', ['run', '--engine', 'foo'], '--engine: expected one of agents, expected, found "foo"'],
    ['a message it does not know', 'Something new\non two lines', ['run'], '<arguments>: expected arguments as in hiresim run --help, found Something new on two lines'],
  ];
  for (const [name, message, argv, expected] of cases) {
    it(name, () => expect(line(yargsError(message, argv, COMMANDS))).toBe(expected));
  }
});

describe('UsageError', () => {
  it('is an input problem of the flag, without a path', () => {
    expect(line(new UsageError('--reps', 'a whole number ≥ 1', quote('0')))).toBe('--reps: expected a whole number ≥ 1, found "0"');
  });
  it('quotes a typed value with its control characters escaped, so the message stays one line', () => {
    expect(line(new UsageError('--out', 'a directory', quote('a\nb')))).toBe('--out: expected a directory, found "a\\nb"');
  });
});

describe('the CLI prints flag problems like file problems', () => {
  it('--reps 0: the problem, the count, and where the options are', () => {
    const r = hiresim(['run', BASELINE, '--reps', '0']);
    expect(r.status).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual(['--reps: expected a whole number ≥ 1, found "0"', '1 problem found.', 'Run "hiresim run --help" for the options.']);
    expect(lines[2]).toMatch(HELP_HINT);
  });
  it('in English whatever the locale (yargs would otherwise translate its messages)', () => {
    const r = hiresim(['run', BASELINE, '--bogus'], { env: { LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' } });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('--bogus: expected an option of hiresim run, found unknown option --bogus');
  });
});

describe('option forms yargs would hand a command wrongly (npm run fuzz)', () => {
  it('--no-set x=1 is an unknown option, not a crash (A)', () => {
    const r = hiresim(['validate', BASELINE, '--no-set', 'x=1']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('--no-set: expected an option of hiresim validate, found unknown option --no-set');
  });
  it('a one-value option given twice is refused, naming it (B)', () => {
    const r = hiresim(['attribute', BASELINE, '--levers', 'tools', '--levers', 'tools', '--reps', '1', '--set', 'scale=100000']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('--levers: expected the option once (it takes one value), found 2 values: "tools", "tools"');
  });
  it('an option with only choices given twice is refused too (fuzz seed 20261201, case 42629)', () => {
    const r = hiresim(['sweep', BASELINE, '--param', 'demand.growth=0:0.2', '--samples', '2', '--reps', '1', '--set', 'scale=100000', '--out', '/nonexistent/x.jsonl', '--design', 'grid', '--design', 'grid']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('--design: expected the option once (it takes one value), found 2 values: "grid", "grid"');
  });
  it('list options still take many values', () => {
    const r = hiresim(['validate', BASELINE, '--set', 'scale=50', '--set', 'replications=3']);
    expect(r.status).toBe(0);
  });
  it('a value of 30,000 emoji (the most one argument may hold) gives a bounded line (E)', () => {
    const r = hiresim(['run', BASELINE, '--reps', '😀'.repeat(30_000)]);
    expect(r.status).toBe(2);
    expect(r.stderr.length).toBeLessThan(2_000);
  });
  it('an unknown command of 100,000 characters gives a bounded line (E)', () => {
    const r = hiresim(['x'.repeat(100_000)]);
    expect(r.status).toBe(2);
    expect(r.stderr.length).toBeLessThan(2_000);
  });
});
