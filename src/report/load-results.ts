/**
 * Reading the results a report is built from: `--out` directories of run, compare and attribute,
 * or their JSON files, each recognised by its shape (not its name). Every problem with every input
 * is collected and thrown together as one InputError (`FILE:1:1 (root): expected …, found …`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describeValue, InputError, type InputIssue } from '../scenario/issues.js';
import type { AttributionSummary } from '../sim/attribute.js';
import type { ComparisonSummary } from '../sim/compare.js';
import type { RunSummary } from '../sim/simulate.js';

export type LoadedResult =
  | { readonly kind: 'run'; readonly file: string; readonly summary: RunSummary }
  | { readonly kind: 'compare'; readonly file: string; readonly summary: ComparisonSummary }
  | { readonly kind: 'attribute'; readonly file: string; readonly summary: AttributionSummary };

/** The JSON files an `--out` directory may hold, in the order they are read. */
export const RESULT_FILES = ['summary.json', 'comparison.json', 'attribution.json'] as const;

const EXPECTED = 'a hiresim result: run\'s summary.json, compare\'s comparison.json or attribute\'s attribution.json';

/** Loads every input; throws one InputError listing every problem. */
export function loadResults(inputs: readonly string[]): LoadedResult[] {
  const issues: InputIssue[] = [];
  const results: LoadedResult[] = [];
  const problem = (file: string, expected: string, found: string, line = 1, column = 1) => issues.push({ file, line, column, path: '(root)', expected, found });
  for (const input of inputs) {
    if (!existsSync(input)) {
      problem(input, 'an existing results directory (from --out) or result JSON file', 'nothing');
      continue;
    }
    let files: string[];
    if (statSync(input).isDirectory()) {
      files = RESULT_FILES.map((name) => join(input, name)).filter((path) => existsSync(path));
      if (files.length === 0) {
        problem(input, 'a results directory holding summary.json, comparison.json or attribution.json', 'a directory with none of them');
        continue;
      }
    } else files = [input];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (error) {
        const [line, column] = jsonErrorPosition(text, (error as Error).message);
        problem(file, `${EXPECTED} (JSON)`, `text that is not JSON (${(error as Error).message})`, line, column);
        continue;
      }
      const kind = detectKind(data);
      if (kind === undefined) {
        problem(file, EXPECTED, describeValue(data));
        continue;
      }
      results.push({ kind, file, summary: data } as LoadedResult);
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return results;
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
  return undefined;
}

/** 1-based line and column of a JSON.parse error ("… at position N …"), or 1:1. */
function jsonErrorPosition(text: string, message: string): [number, number] {
  const match = /position (\d+)/.exec(message);
  if (!match) return [1, 1];
  const before = text.slice(0, Number(match[1]));
  const lines = before.split('\n');
  return [lines.length, lines[lines.length - 1].length + 1];
}

/** A short label for an input in the report (its file name, never a machine-specific path). */
export function resultLabel(result: LoadedResult): string {
  return basename(result.file);
}
