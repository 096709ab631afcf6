/**
 * Problems found in a user's input, collected (never thrown one at a time) and
 * printed as `FILE:LINE:COL path: expected …, found …`.
 *
 * Validation never stops at the first problem: every stage appends to a list
 * of issues and the command reports them all together (valibot's approach).
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { LIMITS } from '../limits.js';

/** One key of a path into the scenario: a map key or an array index. */
export type PathKey = string | number;

/** One problem in the user's input, positioned where it was written. */
export interface InputIssue {
  readonly file: string;
  /** 1-based line; 0 when the problem is not tied to a place in the file. */
  readonly line: number;
  /** 1-based column; 0 when the problem is not tied to a place in the file. */
  readonly column: number;
  /** Dotted path of the field (`demand.growth.mean`), or `(root)`. */
  readonly path: string;
  readonly expected: string;
  readonly found: string;
  /** A suggestion, such as the known key closest to a misspelt one. */
  readonly hint?: string;
}

/**
 * The user's input is wrong: the CLI prints `issues` and exits with code 2.
 * Thrown only after every problem of a stage has been collected.
 */
export class InputError extends Error {
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    // In reading order within each file; files keep the order they were first named in. Issues
    // re-thrown (placed on a flag, on a run's file) keep the count of those a cap left out before.
    const fileOrder = [...new Set(issues.map((i) => i.file))];
    const hidden = new Map<string, number>();
    for (const issue of issues) if (issue.path === MORE) hidden.set(issue.file, (hidden.get(issue.file) ?? 0) + (Number(/^(\d+) /.exec(issue.found)?.[1]) || 0));
    const listed = issues.filter((i) => i.path !== MORE);
    const sorted = capPerFile([...listed].sort((a, b) => fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || a.line - b.line || a.column - b.column), hidden);
    super(sorted.map(formatIssue).join('\n'));
    this.name = 'InputError';
    this.issues = sorted;
  }
}

/** The path of the line that says how many problems of a file are not listed. */
const MORE = '(more)';

/**
 * The first `LIMITS.issuesPerFile` issues of each file, then one line saying how many more there
 * are (with `hidden`, those an earlier cap left out): a broken file (20,000 unclosed `[`) would
 * otherwise print hundreds of lines.
 */
function capPerFile(sorted: readonly InputIssue[], hidden: ReadonlyMap<string, number>): InputIssue[] {
  const out: InputIssue[] = [];
  const counts = new Map<string, number>();
  for (const issue of sorted) counts.set(issue.file, (counts.get(issue.file) ?? 0) + 1);
  const files = [...new Set([...sorted.map((i) => i.file), ...hidden.keys()])];
  for (const file of files) {
    const own = sorted.filter((i) => i.file === file);
    out.push(...own.slice(0, LIMITS.issuesPerFile));
    const more = Math.max(0, own.length - LIMITS.issuesPerFile) + (hidden.get(file) ?? 0);
    if (more > 0) out.push({ file, line: 0, column: 0, path: MORE, expected: `at most ${LIMITS.issuesPerFile} problems listed per file`, found: `${more} more not listed` });
  }
  return out;
}

/**
 * `a.b.3` for `['a', 'b', 3]`; `(root)` for the empty path. A key that is not a
 * plain name (empty, or with dots, spaces…) is quoted: `firms."my firm"`.
 */
export function formatPath(path: readonly PathKey[]): string {
  return path.length === 0 ? '(root)' : path.map((key) => (typeof key === 'number' || /^[\w$-]+$/.test(key) ? String(key) : JSON.stringify(key))).join('.');
}

/** One line per issue, as the CLI prints it (line breaks inside keys or values are escaped). */
export function formatIssue(issue: InputIssue): string {
  // Every part that can hold the user's text is cut: a 100,000-character unknown option or key
  // must not become a 100,000-character line.
  const where = issue.line > 0 ? `${cut(issue.file)}:${issue.line}:${issue.column}` : cut(issue.file);
  const hint = issue.hint ? ` (${cut(issue.hint)})` : '';
  // A flag's own value has no path inside a scenario: `--reps: expected …`.
  return `${where}${issue.path === '' ? '' : ` ${cut(issue.path)}`}: expected ${cut(issue.expected, 4)}, found ${cut(issue.found)}${hint}`;
}

/** Line breaks escaped (`\n`, `\u2028`), so that one problem stays one line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16)}`));
}

/**
 * A part of a message cut to `LIMITS.foundLength` characters (× `times` for the expected part,
 * which is ours but may list the keys or years the user could have meant): a 1 MB bad formula
 * must not become a 1 MB line.
 */
function cut(raw: string, times = 1): string {
  // Escaped first: a key of 200 line separators would otherwise print as 1,200 characters.
  const text = oneLine(raw);
  const max = LIMITS.foundLength * times;
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/**
 * The text of a file the user named (`what` says what it should be: "scenario file"); a missing
 * file, a directory, a special file (device, FIFO), a file over `maxBytes` or an unreadable file is
 * an issue at FILE:1:1 instead, never a crash or a hang.
 */
export function readInputText(file: string, what: string, absolutePath = file, maxBytes = Infinity): string | InputIssue {
  const issue = (expected: string, found: string): InputIssue => ({ file, line: 1, column: 1, path: '(root)', expected, found });
  let fd: number | undefined;
  try {
    // Non-blocking so a FIFO cannot hang the open; fstat on the opened file (not the name) so
    // what is checked is what is read. Only regular files: /dev/zero, a FIFO or a socket are refused.
    fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return issue(`a ${what}`, 'a directory');
    if (!stat.isFile()) return issue(`a ${what} (a regular file)`, stat.isFIFO() ? 'a named pipe' : stat.isSocket() ? 'a socket' : 'a device or other special file');
    if (maxBytes === Infinity) return readFileSync(fd, 'utf8');
    if (stat.size > maxBytes) return issue(`a ${what} of at most ${maxBytes} bytes`, `${stat.size} bytes`);
    // Read up to the limit and one byte more: /proc files report size 0 whatever they hold.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return issue(`a ${what} of at most ${maxBytes} bytes`, 'more');
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return issue(`an existing ${what}`, 'no such file');
    if (code === 'EACCES') return issue(`a readable ${what}`, 'permission denied');
    if (code === 'EISDIR') return issue(`a ${what}`, 'a directory');
    return issue(`a readable ${what}`, `an error reading it (${code ?? String(error)})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** 1-based line and column of a JSON.parse error ("… at position N …", or the end for a cut text), or 1:1. */
export function jsonErrorPosition(text: string, message: string): [number, number] {
  const match = /position (\d+)/.exec(message);
  const at = match ? Number(match[1]) : /end of JSON input/.test(message) ? text.trimEnd().length : undefined;
  if (at === undefined) return [1, 1];
  const before = text.slice(0, at);
  const lines = before.split('\n');
  return [lines.length, lines[lines.length - 1].length + 1];
}

/** A short, quoted description of a value for the `found` part of an issue. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `string ${JSON.stringify(truncate(value, 60))}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty mapping' : `a mapping with keys ${truncate(keys.join(', '), 60)}`;
  }
  return typeof value;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The candidate closest to `word` by edit distance, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
