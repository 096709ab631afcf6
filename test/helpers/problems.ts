/** Assertions on the `FILE:LINE:COL path: expected …, found …` problem lines the CLI prints. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { CLI, ROOT, type CliResult } from './cli.js';

/** A stack trace line (`    at foo (file.js:1:2)`): never shown for a user's mistake. */
export const STACK_TRACE = /\n\s+at /;

/** The absolute path of the shipped baseline scenario. */
export const BASELINE = join(ROOT, 'scenarios', 'baseline.yaml');

export interface ExpectedProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted path, `(root)`, or '' for a flag's own value. */
  readonly path: string;
  /** Text that must appear between "expected " and ", found" (a substring or a pattern). */
  readonly expected?: string | RegExp;
  /** Text that must appear after ", found " (a substring or a pattern). */
  readonly found?: string | RegExp;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The line after a command-line problem that points to the command's options. */
export const HELP_HINT = /^Run "hiresim (\w+ )?--help" for the options\.$/;

/** The problem lines of stderr (everything but the "N problems found." summary and the --help hint). */
export function problemLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !/^\d+ problems? found( \(\d+ listed\))?\.$/.test(l) && !HELP_HINT.test(l));
}

/**
 * Asserts a bad-input result: exit 2, no stack trace, a problem line at exactly
 * `file:line:column path: expected …, found …`, and the problem count as the last line.
 * Returns the matching line for further checks.
 */
export function expectProblem(r: CliResult, problem: ExpectedProblem, count = 1): string {
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(r.status, r.stderr).toBe(2);
  // The one format of input problems: a file's place as FILE:LINE:COL, a flag's as the flag (with
  // :1:COL when the column inside its value is known), then the path when there is one.
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const head = `${where}${problem.path === '' ? '' : ` ${problem.path}`}: expected `;
  const lines = problemLines(r.stderr);
  const line = lines.find((l) => l.startsWith(head));
  expect(line, `no line starting with ${JSON.stringify(head)} in:\n${r.stderr}`).toBeDefined();
  expect(line).toMatch(new RegExp(`^${escape(head)}.+, found .+$`));
  const rest = line!.slice(head.length);
  const cut = rest.indexOf(', found ');
  const expectedPart = rest.slice(0, cut);
  const foundPart = rest.slice(cut + ', found '.length);
  expect(expectedPart).not.toBe('');
  expect(foundPart).not.toBe('');
  if (typeof problem.expected === 'string') expect(expectedPart).toContain(problem.expected);
  else if (problem.expected) expect(expectedPart).toMatch(problem.expected);
  if (typeof problem.found === 'string') expect(foundPart).toContain(problem.found);
  else if (problem.found) expect(foundPart).toMatch(problem.found);
  expect(lines).toHaveLength(count);
  const tail = r.stderr.trimEnd().split('\n');
  if (HELP_HINT.test(tail.at(-1) ?? '')) tail.pop();
  expect(tail.at(-1)).toBe(`${count} problem${count === 1 ? '' : 's'} found.`);
  return line!;
}

/** A temporary directory, removed by the returned function. */
export function tempDir(prefix = 'hiresim-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `name` in `dir` with a first line that extends the shipped baseline (so line 2 is the first change). */
export function writeChild(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `extends: ${JSON.stringify(relative(dir, BASELINE))}\n${body}`);
  return path;
}

/**
 * `hiresim(...)` without blocking, so that `it.concurrent` tests can spawn the CLI in parallel
 * (vitest runs one test file at a time on a 2-core machine).
 */
export function hiresimAsync(args: readonly string[], options: { cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
      (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
}
