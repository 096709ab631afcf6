/**
 * The provenance record a result carries (src/output/provenance.ts), as the report reads it: a
 * result file is the user's input, so its record is checked field by field before anything is
 * drawn from it, and a damaged record is one positioned problem (`FILE:LINE:1 provenance.argv:
 * expected a list of texts, found 3`), never a crash or a silently wrong command. A result written
 * before records existed simply has none.
 */
import type { Provenance } from '../output/provenance.js';
import { describeValue, type InputIssue } from '../scenario/issues.js';

type Check = { readonly path: string; readonly expected: string; readonly found: string } | undefined;

const isText = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function textList(value: unknown, path: string): Check {
  if (!Array.isArray(value)) return { path, expected: 'a list of texts', found: describeValue(value) };
  const k = value.findIndex((v) => !isText(v));
  return k < 0 ? undefined : { path: `${path}.${k}`, expected: 'a text', found: describeValue(value[k]) };
}

const FILE_RECORD = 'a file record {file, sha256} with a sha-256 of 64 hex digits (or null)';
const fileRecord = (f: unknown) => isObject(f) && isText(f.file) && (f.sha256 === null || (isText(f.sha256) && /^[0-9a-f]{64}$/.test(f.sha256)));

/** The first thing wrong with a provenance record (paths from `provenance`), or undefined. */
export function provenanceProblem(value: unknown): Check {
  const at = (key: string) => `provenance.${key}`;
  if (!isObject(value)) return { path: 'provenance', expected: 'a provenance record {hiresim, command, argv, overrides, scenarios, seed, replications}', found: describeValue(value) };
  for (const key of ['hiresim', 'command'] as const) if (!isText(value[key])) return { path: at(key), expected: 'a text', found: describeValue(value[key]) };
  const lists = textList(value.argv, at('argv')) ?? textList(value.overrides, at('overrides'));
  if (lists) return lists;
  if (!Array.isArray(value.scenarios)) return { path: at('scenarios'), expected: 'a list of scenario records {file, files, hash}', found: describeValue(value.scenarios) };
  for (const [k, s] of value.scenarios.entries()) {
    const path = at(`scenarios.${k}`);
    if (!isObject(s)) return { path, expected: 'a scenario record {file, files, hash}', found: describeValue(s) };
    if (!isText(s.file)) return { path: `${path}.file`, expected: 'a text', found: describeValue(s.file) };
    if (!isText(s.hash)) return { path: `${path}.hash`, expected: 'a text', found: describeValue(s.hash) };
    if (!Array.isArray(s.files)) return { path: `${path}.files`, expected: 'a list of {file, sha256}', found: describeValue(s.files) };
    for (const [j, f] of s.files.entries()) if (!fileRecord(f)) return { path: `${path}.files.${j}`, expected: FILE_RECORD, found: describeValue(f) };
  }
  // Data files besides scenarios (observed series, targets): recorded by newer versions only.
  if (value.data !== undefined) {
    if (!Array.isArray(value.data)) return { path: at('data'), expected: 'a list of {file, sha256}', found: describeValue(value.data) };
    for (const [j, f] of value.data.entries()) if (!fileRecord(f)) return { path: at(`data.${j}`), expected: FILE_RECORD, found: describeValue(f) };
  }
  if (!(typeof value.seed === 'number' || isText(value.seed))) return { path: at('seed'), expected: 'a number or a text', found: describeValue(value.seed) };
  if (!(typeof value.replications === 'number' && Number.isInteger(value.replications) && value.replications >= 0)) return { path: at('replications'), expected: 'a whole number', found: describeValue(value.replications) };
  return undefined;
}

/**
 * The record of a parsed result, or an issue when it is damaged. `text` is the file's text: the
 * issue points at the line of the `"provenance"` key (line 1 when it cannot be found), `line`
 * at a line of a JSON-lines file.
 */
export function readProvenance(data: unknown, file: string, where: { readonly text?: string; readonly line?: number } = {}): { record?: Provenance; issue?: InputIssue } {
  if (!isObject(data) || !('provenance' in data)) return {};
  const problem = provenanceProblem(data.provenance);
  if (problem === undefined) return { record: data.provenance as unknown as Provenance };
  const line = where.line ?? keyLine(where.text ?? '', 'provenance');
  return { issue: { file, line, column: 1, ...problem } };
}

/** The 1-based line of the first `"key":` in a JSON text (1 when absent). */
function keyLine(text: string, key: string): number {
  const at = text.indexOf(`"${key}"`);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}
