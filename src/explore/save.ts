/**
 * What the page hands over: the scenario file of the view ("save as scenario") and the command
 * line that reproduces it ("copy command"). The file `extends` the explored scenario by its path
 * relative to the saved file and writes only what the view changed (the explore command's own
 * `--set` overrides, then the page's controls), each value marked `# set in hiresim explore`; so
 * `hiresim run SAVED --seed S --reps R --set scale=K` gives the page's draft, and without them the
 * scenario's own replications. Before a file is written its round trip is checked in memory: the
 * saved layer merged over the base file gives the view's scenario hash.
 */
import { linkSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Document, isScalar, parse } from 'yaml';
import { commandLine } from '../output/provenance.js';
import { InputError } from '../scenario/issues.js';
import { deepMerge, scenarioHash } from '../scenario/load.js';
import type { ControlOverride, Draft } from './controls.js';

/** The flags of the draft on a `hiresim run` line: `--set scale=K --seed S --reps R`. */
function draftArgs(draft: Draft): string[] {
  return ['--set', `scale=${draft.scale}`, '--seed', String(draft.seed), '--reps', String(draft.replications)];
}

/**
 * `hiresim run BASE --set …` reproducing the view's draft exactly: the explore command's overrides,
 * the changed controls, then the draft (the same overrides, in the same order, that the page ran).
 */
export function copyCommand(baseFile: string, cliOverrides: readonly string[], changes: readonly ControlOverride[], draft: Draft): string {
  return commandLine(['run', baseFile, ...[...cliOverrides, ...changes.map((c) => c.override)].flatMap((o) => ['--set', o]), ...draftArgs(draft)]);
}

/** A file name the page may save under: letters, digits, `.`, `_` and `-`, ending in .yaml (added when missing). */
export function savedFileName(name: string): string {
  const trimmed = name.trim();
  const withExtension = /\.ya?ml$/i.test(trimmed) ? trimmed : `${trimmed}.yaml`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(withExtension) || withExtension.includes('..')) {
    throw new InputError([{ file: '<name>', line: 0, column: 0, path: '', expected: 'a file name of letters, digits, ".", "_" and "-" (at most 100 characters, no folders)', found: JSON.stringify(name.slice(0, 120)) }]);
  }
  return withExtension;
}

export interface SaveInput {
  /** The explored scenario as named on the command line, and its absolute path. */
  readonly baseFile: string;
  readonly baseAbsolute: string;
  readonly baseName: string;
  /** The hiresim version that explored it (from the session's provenance record). */
  readonly version: string;
  /** The explored files (its extends chain) with the sha-256 of their bytes when the session read them, from its provenance record. */
  readonly files?: readonly { readonly file: string; readonly sha256: string | null }[];
  readonly cliOverrides: readonly string[];
  readonly changes: readonly ControlOverride[];
  readonly draft: Draft;
}

/** One override's path and value, the value read as YAML exactly as `--set` reads it. */
function splitOverride(override: string): { path: string[]; value: unknown } {
  const eq = override.indexOf('=');
  return { path: override.slice(0, eq).split('.'), value: parse(override.slice(eq + 1)) };
}

/** The YAML text of the view's scenario, to be saved as `fileName` beside the explored one. */
export function savedScenarioText(input: SaveInput, fileName: string): string {
  const target = join(dirname(input.baseAbsolute), fileName);
  const parent = relative(dirname(target), input.baseAbsolute).split(sep).join('/');
  const name = fileName.replace(/\.ya?ml$/i, '');
  const what = input.changes.length === 0 ? 'no control changed' : input.changes.map((c) => c.label).join('; ');
  const doc = new Document({
    name: name.slice(0, 200),
    description: `A what-if on "${input.baseName}" saved by hiresim explore: ${what}.`,
    extends: parent,
  });
  const mark = (path: string[], comment: string) => {
    const node = doc.getIn(path, true);
    if (isScalar(node)) node.comment = ` ${comment}`;
    else if (node && typeof node === 'object') (node as { commentBefore?: string }).commentBefore = ` ${comment}`;
  };
  for (const override of input.cliOverrides) {
    const { path, value } = splitOverride(override);
    doc.setIn(path, doc.createNode(value));
    mark(path, 'set in hiresim explore (its --set on the command line)');
  }
  for (const change of input.changes) {
    const { path, value } = splitOverride(change.override);
    doc.setIn(path, doc.createNode(value));
    const was = change.baseText.length > 60 ? `${change.baseText.slice(0, 59)}…` : change.baseText;
    mark(path, `set in hiresim explore (the scenario: ${was})`);
  }
  doc.commentBefore = [
    ` Saved by hiresim ${input.version} explore from ${input.baseFile}: the what-if the page showed.`,
    ' Only what the view changed is written; everything else comes from the extended file.',
    ...(input.files ?? []).map((f) => ` Explored ${f.file}: sha-256 ${f.sha256 ?? 'not readable'}.`),
    ` The page's draft: ${commandLine(['run', fileName, ...draftArgs(input.draft)])}`,
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}

/**
 * Checks in memory that the saved text, merged over the explored file's own input (its extends
 * chain, without overrides), gives the scenario the view ran: the same hash.
 */
export function checkRoundTrip(text: string, baseInput: Record<string, unknown>, expectedHash: string): void {
  const merged = deepMerge(baseInput, parse(text)) as Record<string, unknown>;
  const hash = scenarioHash(merged);
  if (hash !== expectedHash) throw new Error(`explore: the saved scenario would give hash ${hash}, not the view's ${expectedHash}`);
}

/**
 * Writes the text as `fileName` in the explored scenario's directory, never over an existing file:
 * a temporary file (random name, created exclusively) is linked to the name, which fails if the
 * name is taken, so a reader never sees half a file.
 */
export function writeSavedScenario(baseAbsolute: string, fileName: string, text: string): string {
  const target = resolve(dirname(baseAbsolute), fileName);
  if (basename(target) !== fileName) throw new Error(`explore: ${fileName} is not a plain file name`);
  const temporary = join(dirname(target), `.${fileName}.${hostname()}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(temporary, text, { flag: 'wx' });
  try {
    linkSync(temporary, target);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') {
      throw new InputError([{ file: '<name>', line: 0, column: 0, path: '', expected: `a name not taken in ${dirname(target)}`, found: `${fileName}, which exists (choose another name)` }]);
    }
    throw error;
  } finally {
    unlinkSync(temporary);
  }
  return target;
}
