/**
 * Checking a provenance record against the files here: is the recorded command still the one that
 * reproduces the result? For every recorded scenario, each file of its `extends` chain is compared
 * with its recorded sha-256 (so the report can say which file changed), and the named file is
 * loaded with the recorded overrides, through the normal scenario loader, to compare the resolved
 * hash with the recorded one (the hash is what decides: a changed comment changes the sha-256, not
 * the hash).
 *
 * The report reads only what a record names AND what is a scenario YAML file under the current
 * directory: a result file is input, and must not make the report read (let alone embed) an
 * arbitrary file such as `/etc/passwd` or `../secrets.yaml`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { hiresimVersion } from '../package-files.js';
import type { FileRecord, Provenance, ScenarioRecord } from '../output/provenance.js';
import { InputError } from '../scenario/issues.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';

/** What became of one recorded file. */
export type FileStatus = 'same' | 'changed' | 'missing' | 'not read' | 'not recorded';

export interface FileCheck {
  readonly file: string;
  readonly recorded: string | null;
  /** Its sha-256 now (null when not read). */
  readonly now: string | null;
  readonly status: FileStatus;
}

export interface ScenarioCheck {
  readonly file: string;
  readonly recordedHash: string;
  /** The hash of the file loaded here with the recorded overrides; undefined when it could not be loaded. */
  readonly hash?: string;
  readonly files: readonly FileCheck[];
  /** The scenario as loaded here (for its parameters), when it could be. */
  readonly loaded?: LoadedScenario;
  /** Why it was not loaded (plain text). */
  readonly problem?: string;
}

export interface RecordCheck {
  /** reproduces: every hash matches; differs: a file loads to another hash, or a data file changed; unchecked: something could not be read. */
  readonly verdict: 'reproduces' | 'differs' | 'unchecked';
  readonly scenarios: readonly ScenarioCheck[];
  /** The data files the record names (observed series, targets): hashed, never read otherwise. */
  readonly data: readonly FileCheck[];
  /** What was found, in sentences (plain text), the verdict's first. */
  readonly sentences: readonly string[];
}

/**
 * Why `file` may not be read by the report, or undefined when it may: a relative or absolute path
 * that stays under the current directory, names a .yaml/.yml file (a data file, only hashed, may
 * have any name), and is a regular file.
 */
export function unreadableReason(file: string, cwd = process.cwd(), kind: 'scenario' | 'data' = 'scenario'): string | undefined {
  const inside = relative(cwd, resolve(cwd, file));
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return `${file} is outside the current directory`;
  if (kind === 'scenario' && !/\.ya?ml$/i.test(file)) return `${file} is not a scenario YAML file`;
  try {
    if (!statSync(resolve(cwd, file)).isFile()) return `${file} is not a file`;
  } catch {
    return `${file} is not here`;
  }
  return undefined;
}

function checkFile(record: { file: string; sha256: string | null }, kind: 'scenario' | 'data' = 'scenario'): FileCheck {
  const reason = unreadableReason(record.file, process.cwd(), kind);
  if (reason !== undefined) return { file: record.file, recorded: record.sha256, now: null, status: /is not here$/.test(reason) ? 'missing' : 'not read' };
  const now = createHash('sha256').update(readFileSync(record.file)).digest('hex');
  return { file: record.file, recorded: record.sha256, now, status: record.sha256 === null ? 'not recorded' : now === record.sha256 ? 'same' : 'changed' };
}

function checkScenario(s: ScenarioRecord, overrides: readonly string[]): ScenarioCheck {
  const files = s.files.map((f) => checkFile(f));
  const base = { file: s.file, recordedHash: s.hash, files };
  const reason = unreadableReason(s.file);
  if (reason !== undefined) return { ...base, problem: reason };
  try {
    const loaded = loadScenario(s.file, { overrides });
    // A file under the current directory may extend one outside it: nothing of such a chain goes into the report.
    const outside = loaded.files.map((f) => unreadableReason(f)).find((reason) => reason !== undefined);
    if (outside !== undefined) return { ...base, problem: `${s.file} extends a file the report does not read (${outside})` };
    return { ...base, hash: loaded.hash, loaded };
  } catch (error) {
    // Where and what was expected, never what was found: that would copy text of a file (perhaps one
    // an `extends` names outside the current directory) into the report.
    const issue = error instanceof InputError ? error.issues[0] : undefined;
    const where = issue ? ` (${issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file} ${issue.path}: expected ${issue.expected})` : '';
    return { ...base, problem: `${s.file} with the recorded overrides does not load here${where}` };
  }
}

const short = (sha: string | null) => (sha === null ? 'unknown' : `${sha.slice(0, 12)}…`);

/** A record with the data files newer versions add (observed series, targets). */
type RecordWithData = Provenance & { readonly data?: readonly FileRecord[] };

/** Checks a record against the files here. */
export function checkRecord(record: RecordWithData): RecordCheck {
  const scenarios = record.scenarios.map((s) => checkScenario(s, record.overrides));
  const data = (record.data ?? []).map((f) => checkFile(f, 'data'));
  const dataChanged = data.filter((f) => f.status === 'changed');
  const sentences: string[] = [];
  const overrides = record.overrides.length > 0 ? `the recorded overrides (${record.overrides.join(', ')})` : 'no overrides (none were recorded)';
  const changed = scenarios.flatMap((s) => s.files.filter((f) => f.status === 'changed'));
  const describeChanged = changed.map((f) => `${f.file} has changed since the result was made (sha-256 now ${short(f.now)}, recorded ${short(f.recorded)})`);
  const unread = scenarios.filter((s) => s.hash === undefined);
  const differing = scenarios.filter((s) => s.hash !== undefined && s.hash !== s.recordedHash);
  let verdict: RecordCheck['verdict'];
  if (dataChanged.length > 0 && differing.length === 0) {
    verdict = 'differs';
    sentences.push(`Changed: ${dataChanged.map((f) => `the data file ${f.file} has changed since the result was made (sha-256 now ${short(f.now)}, recorded ${short(f.recorded)})`).join('; ')}. The command reproduces the result only with the data as it was.`);
  } else if (differing.length > 0) {
    verdict = 'differs';
    const which = changed.length > 0 ? `${describeChanged.join('; ')}: ` : 'every recorded file has its recorded sha-256, yet ';
    sentences.push(`Changed: ${which}${differing.map((s) => `${s.file} loaded with ${overrides} gives the hash ${s.hash}, not the recorded ${s.recordedHash}`).join('; ')}. The command reproduces the result only with the files as they were${changed.length === 0 ? ' (this hiresim resolves the same files differently from the one that wrote the result)' : ''}.`);
  } else if (unread.length > 0) {
    verdict = 'unchecked';
    sentences.push(`Not checked: ${unread.map((s) => s.problem).join('; ')} (the report reads only scenario YAML files under the current directory: run it where the command was run).`);
  } else {
    verdict = 'reproduces';
    const files = [...new Set(scenarios.map((s) => s.file))].join(', ');
    sentences.push(
      changed.length === 0
        ? `Checked: ${files}${scenarios.some((s) => s.files.length > 1) ? ` and the files ${scenarios.length > 1 ? 'they extend' : 'it extends'}` : ''} ${scenarios.length > 1 || scenarios.some((s) => s.files.length > 1) ? 'have' : 'has'} the recorded sha-256, and loaded with ${overrides} ${scenarios.length > 1 ? 'give the recorded hashes' : 'gives the recorded hash'}.`
        : `Checked: ${describeChanged.join('; ')}, but loaded with ${overrides} ${scenarios.length > 1 ? 'they still give the recorded hashes' : 'it still gives the recorded hash'}: the change does not touch the model's inputs (comments or layout), and the command reproduces the result.`,
    );
  }
  if (dataChanged.length > 0 && differing.length > 0) sentences.push(`The data file${dataChanged.length === 1 ? '' : 's'} ${dataChanged.map((f) => f.file).join(', ')} changed too.`);
  const missing = [...scenarios.flatMap((s) => s.files), ...data].filter((f) => (f.status === 'missing' || f.status === 'not read') && !unread.some((s) => s.file === f.file));
  if (missing.length > 0) sentences.push(`Not compared: ${missing.map((f) => `${f.file} (${f.status === 'missing' ? 'not here' : 'outside the current directory, or a scenario not in YAML'})`).join(', ')}.`);
  if (record.hiresim !== hiresimVersion()) sentences.push(`Written by hiresim ${record.hiresim}; this is hiresim ${hiresimVersion()}: if the model changed in between, the same command gives other numbers.`);
  return { verdict, scenarios, data, sentences };
}
