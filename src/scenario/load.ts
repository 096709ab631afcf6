/**
 * Loading a scenario: read the file and its `extends` chain, deep-merge the
 * layers, apply `--set` overrides, validate against the schema, then run the
 * whole-scenario checks. Every problem of a stage is collected and thrown
 * together as an InputError, positioned in the layer that wrote it.
 */
import { createHash } from 'node:crypto';
import { dirname, relative, resolve } from 'node:path';
import { checkScenario, formulaNameIssues } from './checks.js';
import { formatPath, InputError, type InputIssue, type PathKey, describeValue } from './issues.js';
import { overrideLayer, readLayer, type Layer } from './layer.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { emptyUnknownKeys, translateIssues, valueAt, type PathIssue } from './schema-issues.js';

export interface LoadOptions {
  /** `path=value` overrides, applied after `extends` in order. */
  readonly overrides?: readonly string[];
  /** Directory that relative file names are shown against (default: the process's). */
  readonly cwd?: string;
}

/** A validated scenario with what is needed to reproduce and explain it. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  /** The file as the user named it. */
  readonly file: string;
  /** The files of the `extends` chain, root parent first. */
  readonly files: readonly string[];
  /** The merged input after overrides (plain data, as written). */
  readonly input: Record<string, unknown>;
  /** sha-256 (first 16 hex digits) of the model inputs: stable across formatting, comments and file layout. */
  readonly hash: string;
}

const MAX_EXTENDS_DEPTH = 32;

/** Loads, merges, overrides and validates a scenario. Throws InputError with every problem found. */
export function loadScenario(file: string, options: LoadOptions = {}): LoadedScenario {
  return scenarioLoader(file, options)(options.overrides ?? []);
}

/**
 * Reads a scenario file and its `extends` chain once, and returns a function that applies
 * overrides to it and validates the result: a sweep loads thousands of points of one file without
 * reading it thousands of times. Reading problems are thrown here, override problems by the function.
 */
export function scenarioLoader(file: string, options: Omit<LoadOptions, 'overrides'> = {}): (overrides: readonly string[]) => LoadedScenario {
  const layers = readChain(file, options.cwd ?? process.cwd());
  return (overrides) => applyOverrides(file, layers, overrides);
}

function applyOverrides(file: string, layers: readonly Layer[], overrideArguments: readonly string[]): LoadedScenario {
  const overrides: Layer[] = [];
  const overrideIssues: InputIssue[] = [];
  overrideArguments.forEach((argument, index) => {
    const result = overrideLayer(argument, index);
    if (result.ok) overrides.push(result.layer);
    else overrideIssues.push(...result.issues);
  });
  if (overrideIssues.length > 0) throw new InputError(overrideIssues);

  let input = layers.map((l) => l.data).reduce(deepMerge, {}) as Record<string, unknown>;
  const pathIssues: InputIssue[] = [];
  for (const layer of overrides) {
    const blocked = blockedOverride(input, layer);
    if (blocked) pathIssues.push(place(blocked, [layer]));
    else input = deepMerge(input, layer.data) as Record<string, unknown>;
  }
  if (pathIssues.length > 0) throw new InputError(pathIssues);

  const all = [...layers, ...overrides];
  const emptyKeys = all.flatMap((layer) => emptyUnknownKeys(scenarioSchema, layer.data).map((issue) => place(issue, [layer])));
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success || emptyKeys.length > 0) {
    if (parsed.success) throw new InputError(emptyKeys);
    const schemaIssues = translateIssues(parsed.error.issues, input, scenarioSchema);
    // Formula names are otherwise checked after the schema passes; report them now too, once.
    const reported = new Set(schemaIssues.map((issue) => formatPath(issue.path)));
    const nameIssues = formulaNameIssues(input).filter((issue) => !reported.has(formatPath(issue.path)));
    throw new InputError([...[...schemaIssues, ...nameIssues].map((issue) => place(issue, all)), ...emptyKeys]);
  }
  const scenario = parsed.data;
  const checks = checkScenario(scenario);
  if (checks.length > 0) throw new InputError(checks.map((issue) => place(issue, all)));

  return { scenario, file, files: layers.map((l) => l.file), input, hash: scenarioHash(input) };
}

/**
 * Validates an already merged scenario input (as `LoadedScenario.input`), as worker threads do:
 * the same schema and checks, without files to point into.
 */
export function scenarioFromInput(input: Record<string, unknown>): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  const issues = parsed.success ? checkScenario(parsed.data) : translateIssues(parsed.error.issues, input, scenarioSchema);
  if (issues.length > 0) {
    throw new InputError(issues.map((issue) => ({ file: '(input)', line: 0, column: 0, path: formatPath(issue.path), expected: issue.expected, found: issue.found })));
  }
  return (parsed as { data: Scenario }).data;
}

/** Reads a file and its parents; returns the layers root parent first. */
function readChain(file: string, cwd: string): Layer[] {
  const chain: Layer[] = [];
  const seen: string[] = [];
  let shown = file;
  let absolute = resolve(cwd, file);
  let from: { layer: Layer; path: PathKey[] } | undefined;
  for (;;) {
    if (seen.includes(absolute)) {
      const cycle = [...seen.slice(seen.indexOf(absolute)), absolute].map((p) => displayName(p, cwd)).join(' → ');
      throw new InputError([place({ path: from!.path, expected: 'an extends chain without cycles', found: `a cycle: ${cycle}` }, [from!.layer])]);
    }
    if (seen.length >= MAX_EXTENDS_DEPTH) {
      throw new InputError([place({ path: from!.path, expected: `at most ${MAX_EXTENDS_DEPTH} levels of extends`, found: 'more' }, [from!.layer])]);
    }
    seen.push(absolute);
    const result = readLayer(shown, absolute);
    if (!result.ok) {
      // A missing parent is the child's mistake: point at its `extends` line.
      if (from && result.unreadable) {
        const problem = result.issues[0];
        throw new InputError([place({ path: from.path, expected: `${problem.expected} to extend`, found: `${problem.found} (${shown})` }, [from.layer])]);
      }
      throw new InputError(result.issues);
    }
    chain.unshift(result.layer);
    const parent = valueAt(result.layer.data, ['extends']);
    if (parent === undefined) return chain;
    if (typeof parent !== 'string' || parent.length === 0) {
      throw new InputError([place({ path: ['extends'], expected: 'the name of a scenario file', found: describeValue(parent) }, [result.layer])]);
    }
    from = { layer: result.layer, path: ['extends'] };
    absolute = resolve(dirname(absolute), parent);
    shown = displayName(absolute, cwd);
  }
}

/** A path relative to the working directory when it lies below it, else absolute. */
function displayName(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel && !rel.startsWith('..') ? rel : absolute;
}

/**
 * Deep merge for `extends` and `--set`: mappings merge key by key; lists and
 * scalars replace; a parameter written whole (`{value: …}` or `{dist: …}`)
 * replaces the inherited one; `null` removes an inherited key (to drop a firm
 * segment). `--set demand.growth.mean=0.3` still edits one field of a
 * distribution, since `{mean: 0.3}` is not a whole parameter.
 */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isMapping(base) || !isMapping(over) || 'value' in over || 'dist' in over) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete out[key];
    else out[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return out;
}

function isMapping(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** An override that would set a field inside a number or list, which merging cannot do sensibly. */
function blockedOverride(input: unknown, layer: Layer): PathIssue | undefined {
  let node: unknown = input;
  let over: unknown = layer.data;
  const path: PathKey[] = [];
  while (isMapping(over)) {
    const [key] = Object.keys(over);
    if (path.length > 0 && node !== undefined && !isMapping(node)) {
      return { path: [...path, key], expected: `${formatPath(path)} to be a mapping to set "${key}" inside it`, found: `${formatPath(path)} is ${describeValue(node)}` };
    }
    node = isMapping(node) ? node[key] : undefined;
    over = over[key];
    path.push(key);
  }
  return undefined;
}

/** Positions a path issue at the last layer that wrote its path (or its nearest written parent). */
export function place(issue: PathIssue, layers: readonly Layer[]): InputIssue {
  const base = { path: formatPath(issue.path), expected: issue.expected, found: issue.found, ...(issue.hint ? { hint: issue.hint } : {}) };
  for (let length = issue.path.length; length >= 0; length--) {
    const prefix = issue.path.slice(0, length);
    for (let i = layers.length - 1; i >= 0; i--) {
      const layer = layers[i];
      if (!layer.has(prefix)) continue;
      const exact = length === issue.path.length;
      let position = layer.position(prefix, exact ? issue.atKey === true : true);
      if (exact && issue.offset !== undefined) {
        const start = layer.scalarStart(prefix);
        if (start) position = { line: start.line, column: start.column + issue.offset };
      }
      return { file: layer.file, line: position?.line ?? 1, column: position?.column ?? 1, ...base };
    }
  }
  const last = layers[layers.length - 1];
  return { file: last?.file ?? '(input)', line: 1, column: 1, ...base };
}

/**
 * The scenario's identity for outputs and run keys: a hash of its canonical
 * JSON, leaving out what does not change results (names, prose, sources, the explore page's sliders).
 */
export function scenarioHash(input: Record<string, unknown>): string {
  const { $schema: _s, extends: _e, name: _n, description: _d, assumptions: _a, sources: _so, explore: _x, ...model } = input;
  return createHash('sha256').update(canonicalJson(model)).digest('hex').slice(0, 16);
}

/**
 * JSON with keys sorted at every level, and prose dropped: the `source` of parameters and the
 * `description` of firm segments. Only text is dropped, so a firm segment or constant that happens
 * to be named `source` or `description` still counts.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isMapping(value)) {
    const keys = Object.keys(value).filter((k) => !((k === 'source' || k === 'description') && typeof value[k] === 'string')).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
