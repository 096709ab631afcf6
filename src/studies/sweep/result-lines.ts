/**
 * The sweep results format: JSON lines, one per finished run, as `hiresim sweep --out FILE.jsonl`
 * and `hiresim sensitivity --results FILE.jsonl` append them: `{runId, index, runs, scenario,
 * design, seed, replications, baseYear, horizon, point, closure, gap, payMedian, provenance}`. Every
 * reader of such a file (resume, merge, sweep summarize, sweep export, report) parses and checks
 * it here, so a line is good or bad, and a file one sweep or not, the same way everywhere.
 *
 * Every problem is an InputIssue at FILE:LINE:1, all of them collected: every malformed field of
 * every line, every line of another sweep, every run recorded twice.
 */
import { describeValue, type InputIssue } from '../../scenario/issues.js';
import type { Provenance } from '../../output/provenance.js';
import { LIMITS } from '../../limits.js';
import { commandDifference } from './command-difference.js';

export type PointValue = number | string | boolean;

/** One checked line: the fields every reader may rely on (a line also holds `payMedian`, unchecked). */
export interface SweepLine {
  /**
   * Where the line came from (src/output/provenance.ts): the command that reproduces the whole
   * study, the same on every line of it (options that only choose threads, shards or files are
   * left out). Its `command` is checked; lines written before provenance was recorded lack it.
   */
  readonly provenance?: Provenance;
  readonly runId: string;
  /** Position in the run list (0-based), below `runs`. */
  readonly index: number;
  /** Length of the sweep's run list; not recorded by the first sweeps. */
  readonly runs?: number;
  /** Hash of the scenario the sweep loaded. */
  readonly scenario: string;
  /** The design that laid out the run list: grid, lhs or sobol for a sweep (other writers of the format name theirs). */
  readonly design: string;
  readonly seed: number | string;
  readonly replications: number;
  readonly point: Readonly<Record<string, PointValue>>;
  readonly closure: { readonly medianYear: number | null; readonly p10Year?: number | null; readonly p90Year?: number | null; readonly censoredShare: number };
  /** The gap band in each recorded year (keyed `YYYY`); its p50 is checked. */
  readonly gap: Readonly<Record<string, { readonly p50: number }>>;
  /** Recorded by newer sweeps only. */
  readonly baseYear?: number;
  readonly horizon?: number;
}

/** A checked line and where it was read. */
export interface ParsedLine {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** The line as written, without its newline (merge copies it byte for byte). */
  readonly text: string;
  readonly value: SweepLine;
}

export interface ParseOptions {
  /**
   * What to make of text after the last newline. The sweep writes each line and its newline in
   * one write, so such text is a line cut by a kill.
   * - `report`: a finished file is expected; when that text is not JSON it is an issue (finish the
   *   sweep with --resume); when it is a complete line it is read like any other.
   * - `drop`: the file is about to be appended to: the text is left out, whatever it holds, and
   *   returned as `dropped` so that the caller can cut it off (the run is simply run again).
   */
  readonly halfWrittenLastLine: 'report' | 'drop';
}

export interface ParsedFile {
  /** The good lines, in file order. */
  readonly lines: readonly ParsedLine[];
  readonly issues: readonly InputIssue[];
  /** With `halfWrittenLastLine: 'drop'`: the text after the last newline, when there was some. */
  readonly dropped?: { readonly line: number; readonly text: string };
}

/** Parses and checks each line of a results file; lines are not compared with each other (see checkOneSweep). */
export function parseResultLines(file: string, text: string, options: ParseOptions): ParsedFile {
  const lines: ParsedLine[] = [];
  const issues: InputIssue[] = [];
  const raw = text.split('\n');
  // '' when the file ends with its newline (or is empty); otherwise a last line without one.
  const last = raw.pop() as string;
  const read = (lineText: string, line: number, cut: boolean) => {
    const issue = (path: string, expected: string, found: string) => issues.push({ file, line, column: 1, path, expected, found });
    if (lineText.trim() === '') return issue('(root)', 'a sweep result line (JSON)', 'an empty line');
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      if (cut) return issue('(root)', 'complete lines (finish the sweep or shard with --resume)', 'a half-written last line');
      return issue('(root)', 'a sweep result line (JSON)', `text that is not JSON (${(error as Error).message})`);
    }
    const problems = problemsOf(value);
    for (const p of problems) issue(p.path, p.expected, describeValue(p.value));
    if (problems.length === 0) lines.push({ file, line, text: lineText, value: value as SweepLine });
  };
  raw.forEach((lineText, k) => read(lineText, k + 1, false));
  if (last === '') return { lines, issues };
  if (options.halfWrittenLastLine === 'drop') return { lines, issues, dropped: { line: raw.length + 1, text: last } };
  read(last, raw.length + 1, true);
  return { lines, issues };
}

/** What makes lines one sweep: each key's value as shown in an issue, and what to call it. */
const IDENTITY: readonly { readonly key: string; readonly label: string; readonly of: (l: SweepLine) => string }[] = [
  { key: 'scenario', label: 'scenario', of: (l) => JSON.stringify(l.scenario) },
  { key: 'design', label: 'design', of: (l) => l.design },
  { key: 'seed', label: 'seed', of: (l) => JSON.stringify(l.seed) },
  { key: 'replications', label: 'replications', of: (l) => String(l.replications) },
  { key: 'runs', label: 'runs', of: (l) => recorded(l.runs) },
  { key: 'point', label: 'parameters', of: (l) => Object.keys(l.point).sort().join(', ') },
  { key: 'gap', label: 'years', of: (l) => Object.keys(l.gap).join(', ') },
  { key: 'baseYear', label: 'baseYear', of: (l) => recorded(l.baseYear) },
  { key: 'horizon', label: 'horizon', of: (l) => recorded(l.horizon) },
  // Last: a study that differs in any of the above is named by that key, which says more.
  { key: 'provenance.command', label: 'command', of: (l) => (l.provenance === undefined ? 'not recorded' : l.provenance.command) },
];

const recorded = (value: number | undefined) => (value === undefined ? 'not recorded' : String(value));

/**
 * Issues for lines that are not of the first line's sweep (same scenario, design, seed,
 * replications, runs, parameters, years, base year, horizon and recorded command; the first key
 * that differs is named) and for runs recorded twice (same runId, or same index). The lines may come from several
 * files (the shards of one sweep).
 */
export function checkOneSweep(lines: readonly ParsedLine[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const [first] = lines;
  const byRunId = new Map<string, ParsedLine>();
  const byIndex = new Map<number, ParsedLine>();
  for (const l of lines) {
    const issue = (path: string, expected: string, found: string) => issues.push({ file: l.file, line: l.line, column: 1, path, expected, found });
    const place = (other: ParsedLine) => (other.file === l.file ? `line ${other.line}` : `${other.file}:${other.line}`);
    const differs = IDENTITY.find(({ of }) => of(l.value) !== of(first.value));
    // Two commands: where they differ (the whole command, cut at the message limit, would hide it).
    const where = differs?.key === 'provenance.command' && first.value.provenance && l.value.provenance ? commandDifference(first.value.provenance.argv, l.value.provenance.argv) : undefined;
    if (where) issue('provenance.command', `the same sweep as ${place(first)} (its command's ${where.expected})`, `a line of another command (${where.found}; it is ${l.value.provenance!.command})`);
    else if (differs) issue(differs.key, `the same sweep as ${place(first)} (${differs.label} ${differs.of(first.value)})`, differs.of(l.value));
    const { runId, index } = l.value;
    const twin = byRunId.get(runId);
    const indexTwin = byIndex.get(index);
    if (twin) issue('runId', `each run once (run ${runId} is also on ${place(twin)})`, 'a duplicate');
    if (indexTwin && indexTwin !== twin) issue('index', `each run once (index ${index} is also on ${place(indexTwin)})`, 'a duplicate');
    if (!twin) byRunId.set(runId, l);
    if (!indexTwin) byIndex.set(index, l);
  }
  return issues;
}

/**
 * A whole results file: each line checked (parseResultLines), and all of them one sweep with each
 * run once (checkOneSweep). `emptyFile: 'report'` makes a file without any line an issue.
 */
export function readResultLines(file: string, text: string, options: ParseOptions & { readonly emptyFile: 'report' | 'allow' }): ParsedFile {
  const parsed = parseResultLines(file, text, options);
  const issues = [...parsed.issues, ...checkOneSweep(parsed.lines)];
  if (options.emptyFile === 'report' && text === '') issues.push({ file, line: 1, column: 1, path: '(root)', expected: 'sweep result lines (JSON lines written by hiresim sweep --out)', found: 'an empty file' });
  return { ...parsed, issues };
}

/** Does this one JSON value look like a sweep line? (Tells a one-point sweep, one JSON document, from other results; checked in full by the readers.) */
export function isSweepLine(data: unknown): boolean {
  return isRecord(data) && typeof data.runId === 'string' && isRecord(data.point) && isRecord(data.closure);
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
// Bounded: a line is read before anything is allocated for it (merge builds an array of `runs`
// entries), so `"runs": 1e300` — an integer to JavaScript — must be refused here, at its line.
const isYear = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1000 && (v as number) <= 9999;
const isWhole = (v: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
/** Replications a line may record: the most a scenario may ask for (its schema's limit). */
const MAX_LINE_REPLICATIONS = 100_000;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Every problem with one line's fields (none: it is a SweepLine). */
function problemsOf(o: unknown): { path: string; expected: string; value: unknown }[] {
  if (!isRecord(o)) return [{ path: '(root)', expected: 'a sweep result line (a JSON object with runId, index, point, closure and gap)', value: o }];
  const problems: { path: string; expected: string; value: unknown }[] = [];
  const check = (path: string, ok: boolean, expected: string, value: unknown): boolean => {
    if (!ok) problems.push({ path, expected, value });
    return ok;
  };
  if (o.provenance !== undefined) {
    const p = o.provenance;
    if (check('provenance', isRecord(p), 'the provenance record {hiresim, command, argv, overrides, scenarios, seed, replications}', p)) {
      const record = p as Record<string, unknown>;
      check('provenance.command', typeof record.command === 'string' && record.command !== '', 'the command that reproduces the study (string)', record.command);
      check('provenance.hiresim', typeof record.hiresim === 'string', 'the hiresim version (string)', record.hiresim);
      check('provenance.argv', Array.isArray(record.argv) && record.argv.every((a) => typeof a === 'string'), 'the arguments of the command (a list of strings)', record.argv);
    }
  }
  check('runId', typeof o.runId === 'string' && o.runId !== '', 'a run id (string)', o.runId);
  const index = check('index', isWhole(o.index, 0, LIMITS.runs - 1), 'a run-list index (integer ≥ 0)', o.index);
  if (o.runs !== undefined && check('runs', isWhole(o.runs, 1, LIMITS.runs), `the length of the run list (integer ≥ 1, at most ${LIMITS.runs}: the limit)`, o.runs) && index) {
    check('index', (o.index as number) < (o.runs as number), `a run-list index below runs (${o.runs as number})`, o.index);
  }
  check('scenario', typeof o.scenario === 'string', 'the scenario hash (string)', o.scenario);
  check('design', typeof o.design === 'string' && o.design !== '', 'the name of a design (string)', o.design);
  check('seed', isNumber(o.seed) || typeof o.seed === 'string', 'a seed (number or string)', o.seed);
  check('replications', isWhole(o.replications, 1, MAX_LINE_REPLICATIONS), 'a number of replications (integer ≥ 1)', o.replications);
  for (const key of ['baseYear', 'horizon'] as const) if (o[key] !== undefined) check(key, isYear(o[key]), 'a year', o[key]);
  if (check('point', isRecord(o.point) && Object.keys(o.point).length > 0, 'parameter values by path (a non-empty object)', o.point)) {
    for (const [path, value] of Object.entries(o.point as Record<string, unknown>)) check(`point.${path}`, isNumber(value) || typeof value === 'string' || typeof value === 'boolean', 'a number, string or boolean', value);
  }
  const c = o.closure;
  if (!isRecord(c)) check('closure', false, 'closing-year results {medianYear, p10Year, p90Year, censoredShare}', c);
  else {
    check('closure.medianYear', c.medianYear === null || isYear(c.medianYear), 'a year or null (censored)', c.medianYear);
    for (const key of ['p10Year', 'p90Year'] as const) if (c[key] !== undefined) check(`closure.${key}`, c[key] === null || isYear(c[key]), 'a year or null (censored)', c[key]);
    check('closure.censoredShare', isNumber(c.censoredShare) && c.censoredShare >= 0 && c.censoredShare <= 1, 'a share (number from 0 to 1)', c.censoredShare);
  }
  if (check('gap', isRecord(o.gap) && Object.keys(o.gap).length > 0, 'gap bands by year (a non-empty object)', o.gap)) {
    for (const [year, band] of Object.entries(o.gap as Record<string, unknown>)) {
      if (!check(`gap.${year}`, /^\d{4}$/.test(year), 'a year (YYYY) as key', year)) continue;
      check(`gap.${year}.p50`, isRecord(band) && isNumber(band.p50), 'a number (the median gap)', isRecord(band) ? band.p50 : band);
    }
  }
  return problems;
}
