/**
 * The files one command writes into an `--out` directory are one unit: `manifest.json`, written
 * last (src/output/files.ts writeResultFiles), lists every file of the set with its size and
 * sha-256, and the command's provenance. The writer removes the old manifest before it changes
 * any file, so a run killed mid-write leaves a directory without a manifest, never a new
 * summary.json beside an old years.csv that passes for one result.
 *
 * Readers of such a directory (`report`) check the set before they use it: no manifest, a listed
 * file missing or with other bytes, or a result file the manifest does not list is one positioned
 * problem naming the file, and exit 2. A directory written by a hiresim older than the manifest
 * is refused like an interrupted one: the two cannot be told apart (an interrupted writer leaves
 * exactly that, files and no manifest), and telling them apart by the files' own version would
 * accept the new summary.json a killed run left beside the old CSVs. Such a directory's result
 * file can still be named on its own (`report DIR/summary.json`): one file is always whole, since
 * each is renamed into place.
 *
 * The manifest holds no time, host or PID, so it is byte-identical for any `--threads`.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describeValue, jsonErrorPosition, readInputText, type InputIssue } from '../scenario/issues.js';

export const MANIFEST = 'manifest.json';

/** The manifest's format version (a reader refuses versions it does not know). */
const VERSION = 1;

export interface ManifestEntry {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly manifest: typeof VERSION;
  /** The provenance of the set's result file: its command, and the sha-256 of the record. */
  readonly provenance?: { readonly command: string; readonly sha256: string };
  readonly files: readonly ManifestEntry[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A file name of a set: plain (no directory part, no hidden or relative name), so a manifest can never make a reader open anything outside its directory. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/**
 * The provenance record a set carries: that of its first JSON file starting with one (every
 * command's result JSON does), found here so that every `--out` gets it without each command
 * passing it along.
 */
function setProvenance(files: Readonly<Record<string, string>>): Manifest['provenance'] {
  for (const [name, content] of Object.entries(files)) {
    if (!name.endsWith('.json')) continue;
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch {
      continue;
    }
    const record = (data as { provenance?: unknown } | null)?.provenance as { command?: unknown } | undefined;
    if (record && typeof record === 'object' && typeof record.command === 'string') return { command: record.command, sha256: sha256(JSON.stringify(record)) };
  }
  return undefined;
}

/** The manifest of a set of files, as written. */
export function manifestOf(files: Readonly<Record<string, string>>): Manifest {
  const provenance = setProvenance(files);
  return {
    manifest: VERSION,
    ...(provenance ? { provenance } : {}),
    files: Object.entries(files).map(([name, content]) => ({ name, bytes: Buffer.byteLength(content), sha256: sha256(content) })),
  };
}

export function manifestText(files: Readonly<Record<string, string>>): string {
  return `${JSON.stringify(manifestOf(files), null, 2)}\n`;
}

/** A checked set: its manifest and the text of every listed file (the very bytes that were checked). */
export interface ResultSet {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly texts: ReadonlyMap<string, string>;
}

/** What to tell the user to do, with the command when it is known. */
function rerun(command: string | undefined): string {
  return `re-run the command that wrote it${command ? ` (${command})` : ''}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The first thing wrong with a parsed manifest, as [path, expected, value]; undefined when it is sound. */
function manifestProblem(data: unknown): [string, string, unknown] | undefined {
  if (!isRecord(data)) return ['(root)', 'a manifest {manifest, provenance, files}', data];
  if (data.manifest !== VERSION) return ['manifest', `format ${VERSION} (a manifest of a newer hiresim cannot be checked here)`, data.manifest];
  const p = data.provenance;
  if (p !== undefined && !(isRecord(p) && typeof p.command === 'string' && typeof p.sha256 === 'string')) return ['provenance', '{command, sha256}', p];
  if (!Array.isArray(data.files) || data.files.length === 0) return ['files', 'a list of the set\'s files', data.files];
  const seen = new Set<string>();
  for (const [k, f] of data.files.entries()) {
    if (!isRecord(f)) return [`files.${k}`, '{name, bytes, sha256}', f];
    if (typeof f.name !== 'string' || !PLAIN_NAME.test(f.name) || f.name === MANIFEST || seen.has(f.name)) return [`files.${k}.name`, 'a plain file name in this directory, listed once', f.name];
    seen.add(f.name);
    if (!Number.isSafeInteger(f.bytes) || (f.bytes as number) < 0) return [`files.${k}.bytes`, 'a size in bytes', f.bytes];
    if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) return [`files.${k}.sha256`, 'a sha-256 of 64 hex digits', f.sha256];
  }
  return undefined;
}

export interface ReadSetOptions {
  /** The command that wrote the directory as its result file records it, for the message when the manifest is missing (asked only then). */
  readonly command?: () => string | undefined;
}

/**
 * Reads and checks the set in `dir`: the manifest, then every file it lists (read once; the text
 * returned is the text whose hash was checked). Returns the set, or the one problem that makes it
 * unusable, at the file concerned (the first file that differs, with how many more do).
 */
export function readResultSet(dir: string, options: ReadSetOptions = {}): ResultSet | InputIssue {
  const manifestFile = join(dir, MANIFEST);
  const at = (file: string, path: string, expected: string, found: string, line = 1, column = 1): InputIssue => ({ file, line, column, path, expected, found });
  const text = readInputText(manifestFile, 'manifest of a result set', manifestFile, 1_000_000);
  if (typeof text !== 'string') {
    if (text.found !== 'no such file') return text;
    return at(manifestFile, '(root)', `the manifest hiresim writes last into an --out directory (to read one result file of an older set, name that file itself)`, `no manifest: the set is incomplete (its writer was stopped) or from an older hiresim; ${rerun(options.command?.())}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const [line, column] = jsonErrorPosition(text, (error as Error).message);
    return at(manifestFile, '(root)', 'a manifest written by hiresim (JSON)', `text that is not JSON: the set is incomplete; ${rerun(options.command?.())}`, line, column);
  }
  const problem = manifestProblem(data);
  if (problem) return at(manifestFile, problem[0], problem[1], describeValue(problem[2]));
  const manifest = data as unknown as Manifest;
  const command = manifest.provenance?.command ?? options.command?.();
  const texts = new Map<string, string>();
  const differ: InputIssue[] = [];
  for (const entry of manifest.files) {
    const file = join(dir, entry.name);
    const content = readInputText(file, 'result file', file);
    const listed = `${entry.name} as manifest.json lists it (${entry.bytes} bytes, sha-256 ${entry.sha256.slice(0, 12)}…)`;
    if (typeof content !== 'string') {
      differ.push(at(file, '(root)', listed, content.found === 'no such file' ? `no such file: the set is incomplete; ${rerun(command)}` : content.found));
      continue;
    }
    const bytes = Buffer.byteLength(content);
    if (bytes !== entry.bytes || sha256(content) !== entry.sha256) {
      differ.push(at(file, '(root)', listed, `${bytes} bytes${bytes === entry.bytes ? ' with another sha-256' : ''}: the set is mixed (this file was not written with the others); ${rerun(command)}`));
      continue;
    }
    texts.set(entry.name, content);
  }
  if (differ.length > 0) {
    const [first] = differ;
    // One line: the first file that differs, and how many more do (killed mid-set, several may).
    return differ.length === 1 ? first : { ...first, expected: `${first.expected}; ${differ.length - 1} more file${differ.length === 2 ? '' : 's'} of the set differ${differ.length === 2 ? 's' : ''} too` };
  }
  return { dir, manifest, texts };
}

/** A few names, then how many more: a manifest is read from disk, and a message stays short whatever it lists. */
function listed(names: readonly string[], shown = 6): string {
  return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/** The problem of a result file that lies in a set's directory but is not one of its files (left by an earlier command). */
export function notInSet(set: ResultSet, name: string): InputIssue {
  const command = set.manifest.provenance?.command;
  return {
    file: join(set.dir, name),
    line: 1,
    column: 1,
    path: '(root)',
    expected: `a file of the set manifest.json lists (${listed(set.manifest.files.map((f) => f.name))})`,
    found: `a file the last command to write here did not write: the directory is mixed; give each command a directory of its own, or name this file itself${command ? ` (last written by ${command})` : ''}`,
  };
}
