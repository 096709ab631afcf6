/**
 * Reading the results a report is built from: `--out` directories of run, compare, attribute,
 * sensitivity and backtest, or their JSON files, and the JSON-lines files of sweep, each recognised by its shape
 * (not its name), with the provenance record each carries (results written before records existed
 * have none). A directory is read only as a complete set: its manifest.json must list every result
 * file read from it, with the bytes found (src/output/result-set.ts). Every problem with every input is collected and thrown together as one InputError
 * (`FILE:1:1 (root): expected …, found …`; a bad line of a sweep file at `FILE:LINE:1`; a damaged
 * record at the line of its `"provenance"` key).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describeValue, InputError, jsonErrorPosition, readInputText, type InputIssue } from '../scenario/issues.js';
import type { Provenance } from '../output/provenance.js';
import type { BacktestSummary } from '../studies/backtest/backtest.js';
import type { AttributionSummary } from '../studies/attribute.js';
import type { ComparisonSummary } from '../studies/compare.js';
import type { RunSummary } from '../studies/run.js';
import type { SensitivitySummary } from '../studies/sensitivity.js';
import { isSweepLine } from '../studies/sweep/result-lines.js';
import { readProvenance } from './provenance-record.js';
import { notInSet, readResultSet } from '../output/result-set.js';
import { parseSweepLines, type SweepDesignLine } from './sweep.js';

/** What every loaded result has: where it was read and its provenance record, if it has one. */
interface Loaded {
  readonly file: string;
  readonly record?: Provenance;
}

export type LoadedResult =
  | (Loaded & { readonly kind: 'run'; readonly summary: RunSummary })
  | (Loaded & { readonly kind: 'compare'; readonly summary: ComparisonSummary })
  | (Loaded & { readonly kind: 'attribute'; readonly summary: AttributionSummary })
  | (Loaded & { readonly kind: 'sensitivity'; readonly summary: SensitivitySummary })
  | (Loaded & { readonly kind: 'backtest'; readonly summary: BacktestSummary })
  | (Loaded & { readonly kind: 'sweep'; readonly lines: readonly SweepDesignLine[]; readonly recordsDiffer: boolean });

/** The results that carry a scenario run with one seed (what the first sections of the report draw). */
export type ScenarioResult = Extract<LoadedResult, { kind: 'run' | 'compare' | 'attribute' }>;

/** The JSON files an `--out` directory may hold, in the order they are read. */
export const RESULT_FILES = ['summary.json', 'comparison.json', 'attribution.json', 'sensitivity.json', 'backtest.json'] as const;

const EXPECTED = 'a hiresim result: run\'s summary.json, compare\'s comparison.json, attribute\'s attribution.json, sensitivity\'s sensitivity.json, backtest\'s backtest.json or sweep\'s JSON lines';

/** Loads every input; throws one InputError listing every problem. */
export function loadResults(inputs: readonly string[]): LoadedResult[] {
  const issues: InputIssue[] = [];
  const results: LoadedResult[] = [];
  const problem = (file: string, expected: string, found: string, line = 1, column = 1) => issues.push({ file, line, column, path: '(root)', expected, found });
  const pushSweep = (file: string, text: string) => {
    const parsed = parseSweepLines(file, text);
    issues.push(...parsed.issues);
    if (parsed.issues.length === 0) results.push({ kind: 'sweep', file, lines: parsed.lines, recordsDiffer: parsed.recordsDiffer, ...(parsed.record ? { record: parsed.record } : {}) });
  };
  for (const input of inputs) {
    if (!existsSync(input)) {
      problem(input, 'an existing results directory (from --out) or result JSON file', 'nothing');
      continue;
    }
    // A directory is one set of result files, checked against its manifest (src/output/result-set.ts)
    // and read as checked; a file named on its own is whole by itself (each is renamed into place).
    let files: { readonly file: string; readonly text?: string }[];
    if (statSync(input).isDirectory()) {
      const present = RESULT_FILES.filter((name) => existsSync(join(input, name)));
      if (present.length === 0) {
        problem(input, 'a results directory holding summary.json, comparison.json, attribution.json, sensitivity.json or backtest.json', 'a directory with none of them');
        continue;
      }
      const set = readResultSet(input, { command: () => recordedCommand(join(input, present[0])) });
      if (!('texts' in set)) {
        issues.push(set);
        continue;
      }
      const stray = present.find((name) => !set.texts.has(name));
      if (stray !== undefined) {
        issues.push(notInSet(set, stray));
        continue;
      }
      files = present.map((name) => ({ file: join(input, name), text: set.texts.get(name) }));
    } else files = [{ file: input }];
    for (const { file, text: checked } of files) {
      const text = checked ?? readInputText(file, 'result file');
      if (typeof text !== 'string') {
        issues.push(text);
        continue;
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (error) {
        // Not one JSON document: JSON lines of a sweep (named .jsonl, or starting with a sweep line)?
        if (looksLikeJsonLines(file, text)) {
          pushSweep(file, text);
          continue;
        }
        const [line, column] = jsonErrorPosition(text, (error as Error).message);
        problem(file, `${EXPECTED} (JSON)`, `text that is not JSON (${(error as Error).message})`, line, column);
        continue;
      }
      const kind = detectKind(data);
      if (kind === undefined) {
        problem(file, EXPECTED, describeValue(data));
        continue;
      }
      if (kind === 'sweep') {
        // A sweep of one point: one JSON line is also one JSON document.
        pushSweep(file, text);
        continue;
      }
      const { record, issue } = readProvenance(data, file, { text });
      if (issue) {
        issues.push(issue);
        continue;
      }
      const shape = shapeProblems(kind, data as Record<string, unknown>);
      if (shape.length > 0) {
        issues.push(...shape.map((p) => ({ file, line: 1, column: 1, ...p })));
        continue;
      }
      results.push({ kind, file, summary: data, ...(record ? { record } : {}) } as LoadedResult);
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return results;
}

/** The command a result file's provenance records, if it can be read (only to say what to re-run). */
function recordedCommand(file: string): string | undefined {
  const text = readInputText(file, 'result file');
  if (typeof text !== 'string') return undefined;
  try {
    const command = (JSON.parse(text) as { provenance?: { command?: unknown } } | null)?.provenance?.command;
    return typeof command === 'string' ? command : undefined;
  } catch {
    return undefined;
  }
}

/** Which command wrote this object, judged by the fields the report reads. */
export function detectKind(data: unknown): LoadedResult['kind'] | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const o = data as Record<string, unknown>;
  const list = (key: string) => Array.isArray(o[key]);
  const object = (key: string) => o[key] !== null && typeof o[key] === 'object' && !Array.isArray(o[key]);
  if (list('scenarios') && list('differences') && list('ranking') && o.seed !== undefined) return 'compare';
  if (list('attributions') && list('levers') && list('subsets') && object('scenario')) return 'attribute';
  if (list('years') && object('closure') && list('runs') && object('scenario')) return 'run';
  if (typeof o.method === 'string' && list('outputs') && list('parameters') && object('scenario')) return 'sensitivity';
  if (list('series') && list('context') && object('observed') && object('total') && object('scenario')) return 'backtest';
  if (isSweepLine(data)) return 'sweep';
  return undefined;
}

/** A calendar year as results write them; anything else (1e9, 2030.5, "2030") is not one. */
const isYear = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1000 && (v as number) <= 9999;
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const QUANTILES = ['p10', 'p50', 'p90'] as const;

/**
 * What the report relies on beyond the keys that identify a result: its years are calendar years
 * (the report lays out one column per year, so `horizon: 1e9` would be a billion columns), and a
 * run's yearly bands are numbers, with a gap in every year (a summary whose every gap is null has
 * nothing to draw and would be shown as if the gap were unknown). Checked before anything is drawn.
 */
export function shapeProblems(kind: LoadedResult['kind'], o: Record<string, unknown>): Omit<InputIssue, 'file' | 'line' | 'column'>[] {
  const problems: Omit<InputIssue, 'file' | 'line' | 'column'>[] = [];
  const bad = (path: string, expected: string, value: unknown) => problems.push({ path, expected, found: describeValue(value) });
  for (const key of ['startYear', 'baseYear', 'horizon'] as const) if (o[key] !== undefined && !isYear(o[key])) bad(key, 'a year (1000–9999)', o[key]);
  if (kind !== 'run' || problems.length > 0) return problems;
  const { startYear, baseYear, horizon } = o as { startYear: number; baseYear: number; horizon: number };
  if (!(startYear <= baseYear && baseYear <= horizon)) bad('horizon', `years in order: startYear ${startYear} ≤ baseYear ${baseYear} ≤ horizon`, horizon);
  const years = o.years as unknown[];
  if (years.length !== horizon - startYear + 1) {
    bad('years', `one entry per year from ${startYear} to ${horizon} (${horizon - startYear + 1})`, `${years.length} entries`);
    return problems;
  }
  years.forEach((entry, k) => {
    if (!isRecord(entry) || entry.year !== startYear + k) return bad(`years.${k}`, `the year ${startYear + k} ({year, history, gap: {p10, p50, p90}, …})`, entry);
    for (const [metric, band] of Object.entries(entry)) {
      if (!isRecord(band)) continue;
      for (const q of QUANTILES) {
        const value = band[q];
        // A metric can be undefined in a year (a ratio over zero is written as null); the gap never is.
        const ok = typeof value === 'number' ? Number.isFinite(value) : value === null && metric !== 'gap';
        if (!ok) bad(`years.${k}.${metric}.${q}`, metric === 'gap' ? 'a number (the gap in that year)' : 'a number or null', value);
      }
    }
    if (!isRecord(entry.gap)) bad(`years.${k}.gap`, 'the gap band {p10, p50, p90}', entry.gap);
  });
  const closure = o.closure as Record<string, unknown>;
  for (const key of ['medianYear', 'p10Year', 'p90Year'] as const) {
    if (closure[key] !== undefined && closure[key] !== null && !isYear(closure[key])) bad(`closure.${key}`, 'a year or null (not closed by the horizon)', closure[key]);
  }
  // A damaged file repeats its damage in every year: the first problem says what is wrong, and how many follow.
  if (problems.length <= 1) return problems;
  return [{ ...problems[0], found: `${problems[0].found} (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'} of this file's years)` }];
}

/** A file that failed to parse as one JSON document but reads as JSON lines: a .jsonl name, or a first line that is a JSON object. */
function looksLikeJsonLines(file: string, text: string): boolean {
  if (/\.jsonl$/i.test(file)) return true;
  const first = text.split('\n', 1)[0];
  try {
    const value: unknown = JSON.parse(first);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** A short label for an input in the report (its file name, never a machine-specific path). */
export function resultLabel(result: LoadedResult): string {
  return basename(result.file);
}
