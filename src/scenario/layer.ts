/**
 * A layer is one piece of scenario input with its positions: a YAML/JSON file,
 * or one `--set path=value` argument. A resolved scenario is the deep merge of
 * its layers (parents first, overrides last); an issue at a path is reported at
 * the last layer that wrote that path, so errors point at the line the user
 * must change, even through `extends` chains.
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, visit, YAMLParseError, type CST, type Document, type Node } from 'yaml';
import { describeValue, readInputText, type InputIssue, type PathKey } from './issues.js';
import { LIMITS, RESERVED_KEYS } from '../limits.js';

/** Stray values after values (each a syntax error) beyond which a file is refused before the document is read. */
const STRAY_VALUES = 200;

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
  const text = readInputText(file, 'scenario file', absolutePath, LIMITS.fileBytes);
  if (typeof text !== 'string') return { ok: false, unreadable: true, issues: [text] };
  return parseLayer(file, text, absolutePath);
}

/** Parses scenario text already in memory (used by `readLayer` and by tests). */
export function parseLayer(file: string, text: string, absolutePath?: string): LayerResult {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problem = (offset: number, path: string, expected: string, found: string): LayerResult => ({ ok: false, issues: [{ file, ...at(offset), path, expected, found }] });
  // Depth first, on the syntax tree (built without recursion): the document reader recurses per level.
  const tree = syntaxTreeCheck(text, lineCounter);
  if (tree.tooDeep !== undefined) return problem(tree.tooDeep, '(root)', `YAML nested at most ${LIMITS.yamlDepth} levels deep (the depth limit)`, 'deeper nesting');
  // Each stray value (`foo: """"…`) costs the document reader an error object: 65,000 quotes took
  // seconds. Past a few hundred the file is not a scenario, and the first place says enough.
  if (tree.stray.count > STRAY_VALUES) return problem(tree.stray.first, '(root)', `a scenario file (YAML; at most ${STRAY_VALUES} stray values after a value, the syntax-error limit)`, `${tree.stray.count} stray values, the first here`);
  const doc = composeDocument(tree.tokens, text.length);
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
    return problem(0, '(root)', 'a scenario mapping', 'an empty file');
  }
  if (!isMap(doc.contents)) {
    // Described from the tree, not converted: `[*a]` or an alias bomb must not be expanded, and the
    // text of a file that is not a scenario (`extends: /etc/passwd`) is never quoted back.
    const root = doc.contents;
    const found = isSeq(root) ? `a list of ${root.items.length}` : isScalar(root) ? (typeof root.value === 'string' ? `text of ${root.value.length} characters` : describeValue(root.value)) : isAlias(root) ? 'an alias' : 'not a mapping';
    return problem(root.range?.[0] ?? 0, '(root)', 'a scenario mapping (key: value lines)', found);
  }
  const structure = structureIssues(doc);
  if (structure.length > 0) return { ok: false, issues: structure.map((i) => ({ file, ...at(i.offset), path: i.path, expected: i.expected, found: i.found })) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.aliasCount });
  } catch (error) {
    return problem(firstAliasOffset(doc), '(root)', `at most ${LIMITS.aliasCount} alias expansions (the alias-expansion limit)`, `more (${(error as Error).message})`);
  }
  return { ok: true, layer: documentLayer(file, absolutePath, doc, data, at) };
}

/**
 * Walks the syntax tree with a stack (no recursion): the offset of the first node nested deeper
 * than `LIMITS.yamlDepth`, and how many stray values follow values (and where the first is).
 */
function syntaxTreeCheck(text: string, lineCounter: LineCounter): { tooDeep?: number; stray: { count: number; first: number }; tokens: CST.Token[] } {
  const stack: [CST.Token | undefined, number][] = [];
  const stray = { count: 0, first: 0 };
  const tokens: CST.Token[] = [];
  try {
    for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
      tokens.push(token);
      stack.push([token, 0]);
    }
  } catch (error) {
    // The syntax-tree parser recurses too, when it closes thousands of levels at once (a line of
    // 5,000 "- " followed by a dedent, found by npm run fuzz): only input far past the limit does.
    if (!(error instanceof RangeError)) throw error;
    return { tooDeep: deepestLine(text, lineCounter), stray, tokens };
  }
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (!token) continue;
    if (depth > LIMITS.yamlDepth) return { tooDeep: token.offset, stray, tokens };
    // What follows a value on its line should be spaces, a comment or the line end; anything else
    // is an error that the document reader reports one by one.
    for (const after of ('end' in token && Array.isArray(token.end) ? token.end : []) as CST.SourceToken[]) {
      if (after.type === 'space' || after.type === 'newline' || after.type === 'comment') continue;
      if (stray.count++ === 0) stray.first = after.offset;
    }
    if (token.type === 'document') stack.push([token.value, depth]);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items) {
        if ('key' in item) stack.push([item.key ?? undefined, depth + 1]);
        stack.push([item.value, depth + 1]);
      }
    }
  }
  return { stray, tokens };
}

/**
 * The document of a syntax tree already parsed (by syntaxTreeCheck), as yaml's parseDocument
 * builds it — YAML 1.2, duplicate keys as errors, a second document an error — without lexing and
 * parsing the text a second time (that was a third of reading a scenario).
 */
function composeDocument(tokens: readonly CST.Token[], length: number): Document.Parsed {
  const composer = new Composer({ uniqueKeys: true, strict: true, version: '1.2' });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError(next.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document, also for empty text.
  return doc!;
}

/**
 * Where input that overflowed the parser is deepest: the start of the line with the longest run of
 * indentation and "- " (the parser stopped part-way, so the line starts are counted again here).
 */
function deepestLine(text: string, lineCounter: LineCounter): number {
  lineCounter.lineStarts.length = 0;
  let best = 0;
  let bestRun = -1;
  for (let start = 0; start <= text.length; ) {
    lineCounter.addNewLine(start);
    const end = text.indexOf('\n', start);
    const run = /^[ \t-]*/.exec(text.slice(start, Math.min(end < 0 ? text.length : end, start + 100_000)))![0].length;
    if (run > bestRun) [best, bestRun] = [start, run];
    if (end < 0) break;
    start = end + 1;
  }
  return best;
}

interface StructureIssue {
  offset: number;
  path: string;
  expected: string;
  found: string;
}

/**
 * Keys and aliases that JavaScript objects cannot hold faithfully, found before converting: a
 * reserved key (`__proto__` would set the prototype: its fields seem inherited and the hash
 * ignores them), a list or mapping as a key (yaml stringifies it with a process warning), and an
 * alias whose anchor is not set before it (the converter throws; `aliases: false` leaves that to
 * the caller, as `--set` values report it in their own words).
 */
function structureIssues(doc: Document.Parsed, aliases = true): StructureIssue[] {
  const out: StructureIssue[] = [];
  const anchors = new Set<string>();
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      const offset = key?.range?.[0] ?? 0;
      if (key && !isScalar(key)) {
        out.push({ offset, path: '(key)', expected: 'a plain key (a name)', found: isAlias(key) ? 'an alias as a key' : isSeq(key) ? 'a list as a key' : 'a mapping as a key' });
      } else if (key && key.value !== null && typeof key.value === 'object') {
        // A tagged scalar (`!!binary …`) reads as bytes, which yaml also stringifies with a warning.
        out.push({ offset, path: '(key)', expected: 'a plain key (a name)', found: `a ${key.tag?.replace(/^tag:yaml\.org,2002:/, '!!') ?? 'tagged'} value as a key` });
      } else if (key && RESERVED_KEYS.has(String(key.value))) {
        out.push({ offset, path: String(key.value), expected: 'a scenario key', found: `"${String(key.value)}", a reserved key` });
      }
    },
    Node(_, node, ancestors) {
      if (isAlias(node)) {
        const offset = node.range?.[0] ?? 0;
        if (aliases && !anchors.has(node.source)) out.push({ offset, path: '(root)', expected: 'an alias after its anchor (&name before *name)', found: `*${node.source}, an alias without an anchor before it` });
        // `&x {b: *x}` reads as an object containing itself, which every later walk would follow forever.
        else if (ancestors.some((a) => (a as { anchor?: string }).anchor === node.source)) out.push({ offset, path: '(root)', expected: 'an alias outside the node its anchor names', found: `*${node.source}, an alias inside its own anchor` });
      } else if (node.anchor) anchors.add(node.anchor);
    },
  });
  return out;
}

function firstAliasOffset(doc: Document.Parsed): number {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function yamlErrorText(code: string, message: string): { expected: string; found: string } {
  const firstLine = message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+.*$/, '')
    // yaml quotes the offending source as JSON; cut it, since it is text of the user's (maybe not a scenario) file.
    .replace(/"((?:[^"\\]|\\.)*)"/g, (quoted, inner: string) => (inner.length > LIMITS.quotedSource ? `"${inner.slice(0, LIMITS.quotedSource)}…"` : quoted));
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
  const reserved = path.find((key) => RESERVED_KEYS.has(key));
  if (reserved) return bad('a dotted path of field names (demand.growth)', `"${reserved}", a reserved key`, 1);
  const valueText = argument.slice(eq + 1);
  if (valueText.trim() === '') return bad('a value after "="', 'nothing', eq + 2);
  const tree = syntaxTreeCheck(valueText, new LineCounter());
  if (tree.tooDeep !== undefined) return bad(`a value nested at most ${LIMITS.yamlDepth} levels deep (the depth limit)`, 'deeper nesting', eq + 2 + tree.tooDeep);
  if (tree.stray.count > STRAY_VALUES) return bad('a YAML value (number, "formula", or {dist: …})', `${tree.stray.count} stray values after a value`, eq + 2 + tree.stray.first);
  const parsed = composeDocument(tree.tokens, valueText.length);
  if (parsed.errors.length > 0) {
    return bad('a YAML value (number, "formula", or {dist: …})', `a syntax error: ${parsed.errors[0].message.split('\n')[0]}`, eq + 2);
  }
  const [structure] = structureIssues(parsed, false);
  if (structure) return bad(structure.expected, structure.found, eq + 2 + structure.offset);
  let value: unknown;
  try {
    value = parsed.toJS({ maxAliasCount: LIMITS.aliasCount });
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
