/**
 * A layer is one piece of scenario input with its positions: a YAML/JSON file,
 * or one `--set path=value` argument. A resolved scenario is the deep merge of
 * its layers (parents first, overrides last); an issue at a path is reported at
 * the last layer that wrote that path, so errors point at the line the user
 * must change, even through `extends` chains.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { describeValue, readInputText, type InputIssue, type PathKey } from './issues.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Layer {
  /** The file name as shown to the user, or `--set` for a command-line override. */
  readonly file: string;
  /** Absolute path of a file layer; undefined for overrides. */
  readonly absolutePath?: string;
  readonly data: unknown;
  /** Whether this layer itself wrote `path` (not inherited). */
  has(path: readonly PathKey[]): boolean;
  /** Where `path` was written: its key when `atKey`, else its value; undefined if not written here. */
  position(path: readonly PathKey[], atKey: boolean): Position | undefined;
  /** Character offset of a scalar value's text start inside its quotes, to point inside formulas. */
  scalarStart(path: readonly PathKey[]): Position | undefined;
}

/** Result of reading one file: a layer, or the issues that stopped it. */
export type LayerResult = { ok: true; layer: Layer } | { ok: false; issues: InputIssue[]; unreadable?: boolean };

/**
 * Reads and parses a scenario file. YAML 1.2 (so JSON is accepted), with
 * duplicate keys as errors and every node's position kept.
 */
export function readLayer(file: string, absolutePath: string): LayerResult {
  // The file itself could not be read: reported at 1:1 so every problem has the one FILE:LINE:COL form.
  const text = readInputText(file, 'scenario file', absolutePath);
  if (typeof text !== 'string') return { ok: false, unreadable: true, issues: [text] };
  return parseLayer(file, text, absolutePath);
}

/** Parses scenario text already in memory (used by `readLayer` and by tests). */
export function parseLayer(file: string, text: string, absolutePath?: string): LayerResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => {
        const { line, column } = at(error.pos[0]);
        return { file, line, column, path: '(root)', ...yamlErrorText(error.code, error.message) };
      }),
    };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { ok: false, issues: [{ file, line: 1, column: 1, path: '(root)', expected: 'a scenario mapping', found: 'an empty file' }] };
  }
  if (!isMap(doc.contents)) {
    const data = doc.toJS();
    const { line, column } = at(doc.contents.range?.[0] ?? 0);
    return { ok: false, issues: [{ file, line, column, path: '(root)', expected: 'a scenario mapping (key: value lines)', found: describeValue(data) }] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, issues: [{ file, line: 1, column: 1, path: '(root)', expected: 'YAML without alias explosions', found: (error as Error).message }] };
  }
  return { ok: true, layer: documentLayer(file, absolutePath, doc, data, at) };
}

function yamlErrorText(code: string, message: string): { expected: string; found: string } {
  const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return { expected: 'each key once per mapping', found: `a duplicate key (${firstLine})` };
    case 'TAB_AS_INDENT':
      return { expected: 'spaces for indentation', found: 'a tab' };
    default:
      return { expected: 'valid YAML', found: `a syntax error: ${firstLine}` };
  }
}

function documentLayer(
  file: string,
  absolutePath: string | undefined,
  doc: Document.Parsed,
  data: unknown,
  at: (offset: number) => Position,
): Layer {
  /** The value node at `path`, and the key node that names it. */
  const find = (path: readonly PathKey[]): { key?: Node; value?: Node } | undefined => {
    let node: unknown = doc.contents;
    let key: Node | undefined;
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step));
        if (!pair) return undefined;
        key = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step];
        key = undefined;
        if (node === undefined) return undefined;
      } else {
        return undefined;
      }
    }
    return { key, value: (node ?? undefined) as Node | undefined };
  };
  return {
    file,
    absolutePath,
    data,
    has: (path) => find(path) !== undefined,
    position(path, atKey) {
      const found = find(path);
      if (!found) return undefined;
      const node = atKey && found.key ? found.key : (found.value ?? found.key);
      return node?.range ? at(node.range[0]) : at(0);
    },
    scalarStart(path) {
      const found = find(path);
      if (!found?.value || !isScalar(found.value) || !found.value.range) return undefined;
      const quoted = found.value.type === 'QUOTE_DOUBLE' || found.value.type === 'QUOTE_SINGLE';
      return at(found.value.range[0] + (quoted ? 1 : 0));
    },
  };
}

/**
 * A `--set path=value` argument as a layer. The value is read as a YAML flow
 * scalar or collection (`0.2`, `"1 + t"`, `{dist: normal, mean: 1, sd: 0.1}`).
 */
export function overrideLayer(argument: string, index: number): LayerResult {
  const file = `--set #${index + 1}`;
  const eq = argument.indexOf('=');
  const rawPath = eq < 0 ? argument : argument.slice(0, eq);
  const bad = (expected: string, found: string, column: number): LayerResult => ({
    ok: false,
    issues: [{ file, line: 1, column, path: rawPath || '(root)', expected, found }],
  });
  if (eq < 0) return bad('path=value', `"${argument}" with no "="`, 1);
  const path = rawPath.split('.');
  if (path.some((key) => !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key))) {
    return bad('a dotted path of field names (demand.growth)', `"${rawPath}"`, 1);
  }
  const valueText = argument.slice(eq + 1);
  if (valueText.trim() === '') return bad('a value after "="', 'nothing', eq + 2);
  const parsed = parseDocument(valueText, { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  if (parsed.errors.length > 0) {
    return bad('a YAML value (number, "formula", or {dist: …})', `a syntax error: ${parsed.errors[0].message.split('\n')[0]}`, eq + 2);
  }
  let value: unknown;
  try {
    value = parsed.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias without its anchor (`--set x=*2`): the YAML reader throws rather than reporting it.
    return bad('a YAML value (number, "formula", or {dist: …})', `a YAML error: ${(error as Error).message.split('\n')[0]}`, eq + 2);
  }
  let data: unknown = value;
  for (let i = path.length - 1; i >= 0; i--) data = { [path[i]]: data };
  const startsWithPath = (p: readonly PathKey[]) => p.length >= path.length && path.every((key, i) => String(p[i]) === key);
  const inside = (p: readonly PathKey[]) => startsWithPath(p) && hasValueAt(value, p.slice(path.length));
  const layer: Layer = {
    file,
    data,
    has: inside,
    // Keys point at the path part of the argument, values at the text after "=".
    position: (p, atKey) => (inside(p) ? { line: 1, column: atKey ? 1 : eq + 2 } : undefined),
    scalarStart: (p) => (inside(p) && p.length === path.length ? { line: 1, column: eq + 2 } : undefined),
  };
  return { ok: true, layer };
}

function hasValueAt(value: unknown, path: readonly PathKey[]): boolean {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !(String(key) in (node as object))) return false;
    node = (node as Record<string, unknown>)[String(key)];
  }
  return true;
}
