/**
 * Calibration targets, written `metric@YEAR=value[±tolerance]` (a level) or
 * `metric@YEAR/BASE=value[±tolerance]` (an index: the value in YEAR ÷ the
 * value in BASE), on the command line (`--target`, repeatable) or one per line
 * in a targets file (`--targets FILE`, where `#` starts a comment).
 *
 *   gap@2025=0.53±0.01             a level
 *   gap@2025=53%±2pp               the same: % and pp divide by 100 (share metrics only)
 *   payMedian@2025=406000+-20000   "+-" is "±"
 *   openPositions@2022/2019=1.11±0.05   positions grew 11% from 2019 to 2022
 *
 * Without a tolerance it is 5% of the target's absolute value, or 0.01 for a
 * target of 0. A tolerance in % or pp is in percentage points (±2% is ±0.02,
 * never 2% of the value); when the value is written in %, so must the
 * tolerance be, because `53%±2` would otherwise be a silent ±200 points.
 * Indexes are ratios (1.11, not 111%), whatever the metric's unit.
 *
 * Every problem is reported at once, positioned at the part that is wrong:
 * `--target #K:1:COLUMN` for the K-th `--target`, `FILE:LINE:COLUMN` for a file.
 */
import { METRIC_INDEX, METRICS } from '../../model/metrics.js';
import { firstYear } from '../../scenario/calendar.js';
import { closest, InputError, readInputText, type InputIssue } from '../../scenario/issues.js';
import type { Scenario } from '../../scenario/schema.js';

/** A figure to reproduce: the median over replications of a metric's level or of its index. */
export type Target =
  | { readonly kind: 'level'; readonly metric: string; readonly year: number; readonly value: number; readonly tolerance: number }
  | { readonly kind: 'index'; readonly metric: string; readonly year: number; readonly base: number; readonly value: number; readonly tolerance: number };

/** Where something was written, for positioned problems. */
export interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A parsed target and where its parts were written (years are checked once the scenario is loaded). */
export interface WrittenTarget {
  readonly target: Target;
  readonly at: { readonly target: Place; readonly year: Place; readonly base?: Place };
}

/** The default tolerance, as `--help` and the README state it. */
export const DEFAULT_TOLERANCE = 'the target\'s absolute value × 5%, or 0.01 for a target of 0';

/** `metric@YEAR` or `metric@YEAR/BASE`, as tables and JSON name a target. */
export function targetLabel(t: Target): string {
  return t.kind === 'index' ? `${t.metric}@${t.year}/${t.base}` : `${t.metric}@${t.year}`;
}

const SHARE_METRICS = METRICS.filter((m) => m.unit === 'share').map((m) => m.name);
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z][A-Za-z0-9]*/;

/**
 * Parses one target written at `start` (the place of its first character). Returns the target, or
 * every problem found in it: syntax stops at the first problem, an unknown metric or a misplaced %
 * does not.
 */
export function parseTarget(text: string, start: Place): WrittenTarget | InputIssue[] {
  const issues: InputIssue[] = [];
  const eq = text.indexOf('=');
  const path = (eq >= 0 ? text.slice(0, eq) : text).trim() || '(root)';
  const place = (i: number): Place => ({ file: start.file, line: start.line, column: start.column + i });
  const bad = (i: number, expected: string, found: string, hint?: string) => {
    issues.push({ ...place(i), path, expected, found, ...(hint ? { hint } : {}) });
    return issues;
  };
  /** What is at position i, quoted, for the `found` part. */
  const foundAt = (i: number) => (i >= text.length ? 'the end of the target' : `"${text.slice(i).trimEnd()}"`);
  let i = 0;
  const skipSpaces = () => {
    while (text[i] === ' ' || text[i] === '\t') i++;
  };

  const name = NAME.exec(text)?.[0];
  if (name === undefined) return bad(0, 'metric@YEAR=value, metric@YEAR/BASE=value, each optionally ±tolerance', foundAt(0));
  const metric = name;
  const known = metric in METRIC_INDEX;
  if (!known) {
    const suggestion = closest(metric, METRICS.map((m) => m.name));
    bad(0, `a metric (${METRICS.map((m) => m.name).join(', ')})`, `"${metric}"`, suggestion ? `did you mean "${suggestion}"?` : undefined);
  }
  i = metric.length;
  if (text[i] !== '@') return bad(i, `"@" and a year after the metric (${metric}@2025=…)`, foundAt(i));
  i++;
  const readYear = (what: string): number | undefined => {
    const digits = /^\d+/.exec(text.slice(i))?.[0];
    if (digits === undefined || digits.length !== 4) {
      bad(i, `${what} of four digits`, digits === undefined ? foundAt(i) : `"${digits}"`);
      return undefined;
    }
    i += 4;
    return Number(digits);
  };
  const yearAt = place(i);
  const year = readYear('a year');
  if (year === undefined) return issues;
  let base: { year: number; at: Place } | undefined;
  if (text[i] === '/') {
    i++;
    const at = place(i);
    const b = readYear('a base year after "/"');
    if (b === undefined) return issues;
    if (b === year) return bad(at.column - start.column, `a base year other than ${year} (the index of a year on itself is 1)`, String(b));
    base = { year: b, at };
  }
  skipSpaces();
  if (text[i] !== '=') return bad(i, base === undefined ? '"=" and the target value (or "/BASE" for an index)' : '"=" and the target value', foundAt(i));
  i++;
  skipSpaces();

  const unit = known ? METRICS[METRIC_INDEX[metric]].unit : undefined;
  /** A number with an optional % or pp; undefined after reporting a problem. */
  const readNumber = (what: 'value' | 'tolerance'): { number: number; percent: boolean } | undefined => {
    const from = i;
    const digits = NUMBER.exec(text.slice(i))?.[0];
    if (digits === undefined) {
      bad(i, what === 'value' ? 'a number after "="' : 'a number after "±"', foundAt(i));
      return undefined;
    }
    i += digits.length;
    const suffix = text.startsWith('pp', i) ? 'pp' : text[i] === '%' ? '%' : '';
    i += suffix.length;
    if (suffix === 'pp' && what === 'value') {
      bad(i - 2, 'a value without "pp" (percentage points are for tolerances; write 53%)', `"${digits}pp"`);
    } else if (suffix !== '' && base !== undefined) {
      bad(i - suffix.length, `an index ${what} as a ratio without ${suffix} (1.11 is an 11% rise)`, `"${digits}${suffix}"`);
    } else if (suffix !== '' && unit !== undefined && unit !== 'share') {
      bad(i - suffix.length, `a ${what} without ${suffix}: ${metric} is in ${unit}; % and pp are for share metrics (${SHARE_METRICS.join(', ')})`, `"${digits}${suffix}"`);
    }
    const number = Number(digits) / (suffix === '' ? 1 : 100);
    if (!Number.isFinite(number)) {
      bad(from, `a finite ${what}`, `"${digits}"`);
      return undefined;
    }
    return { number, percent: suffix !== '' };
  };
  const value = readNumber('value');
  if (value === undefined) return issues;
  skipSpaces();
  let tolerance: number | undefined;
  if (text[i] === '±' || text.startsWith('+-', i)) {
    i += text[i] === '±' ? 1 : 2;
    skipSpaces();
    const from = i;
    const t = readNumber('tolerance');
    if (t === undefined) return issues;
    if (!(t.number > 0)) return bad(from, 'a tolerance > 0 after "±"', `"${text.slice(from, i)}"`);
    if (value.percent && !t.percent) return bad(from, `a tolerance in % or pp, like the value (±${text.slice(from, i)}% or ±${text.slice(from, i)}pp)`, `"${text.slice(from, i)}"`);
    tolerance = t.number;
    skipSpaces();
  }
  if (i < text.length) {
    // "2x%", "20 %", "0,20": a share mistyped; say both ways of writing one.
    const hint = unit === 'share' && base === undefined && tolerance === undefined && /[%,]/.test(text.slice(i)) ? `write a share as a percentage or a fraction: ${metric}@${year}=20% or ${metric}@${year}=0.20` : undefined;
    return bad(i, tolerance === undefined ? '"±tolerance" or the end of the target' : 'the end of the target after the tolerance', foundAt(i), hint);
  }
  if (issues.length > 0) return issues;

  const v = value.number;
  const tol = tolerance ?? (v === 0 ? 0.01 : Math.abs(v) * 0.05);
  const target: Target = base === undefined ? { kind: 'level', metric, year, value: v, tolerance: tol } : { kind: 'index', metric, year, base: base.year, value: v, tolerance: tol };
  return { target, at: { target: start, year: yearAt, ...(base ? { base: base.at } : {}) } };
}

/** Targets of `--target` arguments (the K-th at `--target #K`), leading and trailing spaces ignored. */
export function parseTargetArguments(args: readonly string[]): { targets: WrittenTarget[]; issues: InputIssue[] } {
  const targets: WrittenTarget[] = [];
  const issues: InputIssue[] = [];
  args.forEach((arg, k) => {
    const lead = arg.length - arg.trimStart().length;
    const parsed = parseTarget(arg.trim(), { file: `--target #${k + 1}`, line: 1, column: lead + 1 });
    if (Array.isArray(parsed)) issues.push(...parsed);
    else targets.push(parsed);
  });
  return { targets, issues };
}

/**
 * Targets of a targets file: one per line, `#` to the end of a line is a comment, blank lines are
 * skipped. Problems are at `FILE:LINE:COLUMN`; a missing or unreadable file at `FILE:1:1`.
 */
export function parseTargetsText(text: string, file: string): { targets: WrittenTarget[]; issues: InputIssue[] } {
  const targets: WrittenTarget[] = [];
  const issues: InputIssue[] = [];
  text.split('\n').forEach((raw, k) => {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).replace(/\r$/, '');
    const body = line.trim();
    if (body === '') return;
    const parsed = parseTarget(body, { file, line: k + 1, column: line.length - line.trimStart().length + 1 });
    if (Array.isArray(parsed)) issues.push(...parsed);
    else targets.push(parsed);
  });
  return { targets, issues };
}

/**
 * Every target of the `--targets` files (in the order given) then of the `--target` arguments;
 * throws an InputError with every problem at once, including a target named twice and no target
 * at all.
 */
export function collectTargets(files: readonly string[], args: readonly string[]): WrittenTarget[] {
  const targets: WrittenTarget[] = [];
  const issues: InputIssue[] = [];
  for (const file of files) {
    const text = readInputText(file, 'targets file');
    if (typeof text !== 'string') {
      issues.push(text);
      continue;
    }
    const parsed = parseTargetsText(text, file);
    targets.push(...parsed.targets);
    issues.push(...parsed.issues);
  }
  const fromArgs = parseTargetArguments(args);
  targets.push(...fromArgs.targets);
  issues.push(...fromArgs.issues);
  const first = new Map<string, Place>();
  for (const { target, at } of targets) {
    const label = targetLabel(target);
    const earlier = first.get(label);
    if (earlier) issues.push({ ...at.target, path: label, expected: 'each target once', found: `${label} again (first at ${earlier.file}${earlier.file.startsWith('--') ? '' : `:${earlier.line}`})` });
    else first.set(label, at.target);
  }
  if (issues.length === 0 && targets.length === 0) {
    issues.push(...files.map((file) => ({ file, line: 1, column: 1, path: '(root)', expected: 'at least one target (metric@YEAR=value)', found: 'only comments and blank lines' })));
  }
  if (issues.length > 0) throw new InputError(issues);
  return targets;
}

/** Both years of every target must be simulated years of the scenario: exit 2 at the year otherwise. */
export function checkTargetYears(targets: readonly WrittenTarget[], scenario: Pick<Scenario, 'baseYear' | 'horizon' | 'startYear'>): void {
  const from = firstYear(scenario);
  const issues: InputIssue[] = [];
  for (const { target, at } of targets) {
    const years: [number, Place | undefined][] = [[target.year, at.year], ...(target.kind === 'index' ? [[target.base, at.base] as [number, Place | undefined]] : [])];
    for (const [year, place] of years) {
      if (year < from || year > scenario.horizon) {
        issues.push({ ...(place ?? at.target), path: targetLabel(target), expected: `a simulated year, ${from} to ${scenario.horizon}`, found: String(year) });
      }
    }
  }
  if (issues.length > 0) throw new InputError(issues);
}
