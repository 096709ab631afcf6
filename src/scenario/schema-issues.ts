/**
 * Turns zod's issues into `expected …, found …` problems at a path, ready to
 * be positioned in the user's files. Unions are resolved to the branch the
 * user evidently meant, so `{dist: normal, mean: 1}` reports the missing `sd`
 * rather than four failed alternatives.
 */
import type * as z from 'zod';
import { closest, describeValue, type PathKey } from './issues.js';

/** A problem at a path of the merged scenario, before it is positioned. */
export interface PathIssue {
  readonly path: readonly PathKey[];
  readonly expected: string;
  readonly found: string;
  readonly hint?: string;
  /** Point at the key (unknown or misnamed keys) rather than at the value. */
  readonly atKey?: boolean;
  /** 0-based offset inside a scalar value (formula errors). */
  readonly offset?: number;
}

type Issue = z.core.$ZodIssue;
export type AnySchema = z.core.$ZodType;

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
};

/** Translates zod issues on `input` (validated with `schema`) into path issues. */
export function translateIssues(issues: readonly Issue[], input: unknown, schema: AnySchema): PathIssue[] {
  const out: PathIssue[] = [];
  for (const issue of issues) translate(issue, [], input, schema, out);
  return out;
}

function translate(issue: Issue, prefix: readonly PathKey[], input: unknown, schema: AnySchema, out: PathIssue[]): void {
  const path = [...prefix, ...(issue.path as PathKey[])];
  const value = valueAt(input, path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const isWholeNumber = issue.expected === 'int' && typeof value === 'number';
      out.push({ path, expected, found: value === undefined ? 'nothing (the key is missing)' : isWholeNumber ? `number ${value}` : describeValue(value) });
      return;
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const op = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      const expected = issue.origin === 'string' ? (issue.code === 'too_small' ? 'non-empty text' : `text of at most ${bound} characters`)
        : issue.origin === 'array' ? `a list of ${op} ${bound} items`
        : `${issue.origin === 'int' ? 'a whole number' : 'a number'} ${op} ${bound}`;
      out.push({ path, expected, found: describeValue(value) });
      return;
    }
    case 'invalid_format':
      out.push({ path, expected: issue.message || `text of format ${issue.format}`, found: describeValue(value) });
      return;
    case 'not_multiple_of':
      out.push({ path, expected: `a multiple of ${issue.divisor}`, found: describeValue(value) });
      return;
    case 'unrecognized_keys': {
      const known = knownKeys(schema, path) ?? [];
      for (const key of issue.keys) {
        const suggestion = closest(key, known);
        out.push({
          path: [...path, key],
          expected: known.length > 0 ? `one of the keys ${known.join(', ')}` : 'no such key',
          found: `unknown key "${key}"`,
          hint: suggestion && suggestion !== key ? `did you mean "${suggestion}"?` : undefined,
          atKey: true,
        });
      }
      return;
    }
    case 'invalid_key':
      for (const inner of issue.issues) {
        out.push({ path, expected: inner.message || 'a valid name', found: `key ${JSON.stringify(String(path[path.length - 1]))}`, atKey: true });
      }
      return;
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      out.push({ path, expected: issue.values.length === 1 ? options : `one of ${options}`, found: describeValue(value) });
      return;
    }
    case 'invalid_union':
      translateUnion(issue, path, value, input, schema, out);
      return;
    case 'custom': {
      const params = issue.params as { expected?: string; found?: string; offset?: number } | undefined;
      out.push({ path, expected: params?.expected ?? issue.message, found: params?.found ?? describeValue(value), ...(params?.offset !== undefined ? { offset: params.offset } : {}) });
      return;
    }
    default:
      out.push({ path, expected: (issue as { message: string }).message, found: describeValue(value) });
  }
}

function translateUnion(issue: Extract<Issue, { code: 'invalid_union' }>, path: PathKey[], value: unknown, input: unknown, schema: AnySchema, out: PathIssue[]): void {
  if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
    // A discriminated union whose tag matched no option: `dist: gamma`.
    const options = issue.options.map((o) => JSON.stringify(o)).join(', ');
    out.push({ path, expected: `one of ${options}`, found: describeValue(value), atKey: value === undefined });
    return;
  }
  const branches = issue.errors;
  // A branch that failed only because the value had another type says nothing about what was meant.
  const typeMismatch = (b: readonly Issue[]) => b.length === 1 && b[0].code === 'invalid_type' && b[0].path.length === 0;
  const meant = branches.filter((b) => !typeMismatch(b));
  if (meant.length === 0) {
    const expected = issue.message && issue.message !== 'Invalid input'
      ? issue.message
      : [...new Set(branches.map((b) => TYPE_NAMES[(b[0] as { expected: string }).expected] ?? (b[0] as { expected: string }).expected))].join(' or ');
    out.push({ path, expected, found: describeValue(value) });
    return;
  }
  // Several branches got past the type check: prefer the one with fewest problems,
  // and a branch that recognised the keys over one that rejected them.
  const score = (b: readonly Issue[]) => b.length + (b.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0) ? 10 : 0);
  const best = meant.reduce((a, b) => (score(b) < score(a) ? b : a));
  for (const inner of best) translate(inner, path, input, schema, out);
}

/** The value at `path` in `input`, or undefined. */
export function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(key)];
  }
  return node;
}

/** The parts of a zod schema's definition the walks over the schema read (zod keeps them internal). */
export interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  valueType?: AnySchema;
  innerType?: AnySchema;
  in?: AnySchema;
  options?: AnySchema[];
}
export const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (def.innerType && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly')) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

/**
 * Every place in `input` where the schema expects a parameter, with the input found there. Used to
 * check formulas' names even when other parts of the scenario fail the schema.
 */
export function paramLocations(schema: AnySchema, input: unknown, isParam: (s: AnySchema) => boolean): { path: PathKey[]; value: unknown }[] {
  const found: { path: PathKey[]; value: unknown }[] = [];
  const walk = (s: AnySchema, value: unknown, path: PathKey[]) => {
    if (isParam(s)) {
      found.push({ path, value });
      return;
    }
    const def = defOf(s);
    if (def.innerType && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly')) return walk(def.innerType, value, path);
    if (def.type === 'pipe' && def.in) return walk(def.in, value, path);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    const entries = Object.entries(value as Record<string, unknown>);
    if (def.type === 'object' && def.shape) {
      for (const [key, v] of entries) if (Object.hasOwn(def.shape, key)) walk(def.shape[key], v, [...path, key]);
    } else if (def.type === 'record' && def.valueType) {
      for (const [key, v] of entries) walk(def.valueType, v, [...path, key]);
    }
  };
  walk(schema, input, []);
  return found;
}

/** The keys the schema allows in the mapping at `path` (to suggest the intended one for a typo). */
export function knownKeys(schema: AnySchema, path: readonly PathKey[]): string[] | undefined {
  const candidates = (s: AnySchema): AnySchema[] => {
    const u = unwrap(s);
    const def = defOf(u);
    return def.type === 'union' && def.options ? def.options.flatMap(candidates) : [u];
  };
  let current = candidates(schema);
  for (const key of path) {
    current = current.flatMap((s) => {
      const def = defOf(s);
      if (def.type === 'object' && def.shape && Object.hasOwn(def.shape, String(key))) return candidates(def.shape[String(key)]);
      if (def.type === 'record' && def.valueType) return candidates(def.valueType);
      return [];
    });
  }
  const keys = current.flatMap((s) => {
    const def = defOf(s);
    return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
  });
  return keys.length > 0 ? [...new Set(keys)] : undefined;
}

/**
 * Unknown keys written empty (`sede:`) in any layer. Merging drops a null key (null removes an
 * inherited key), so the schema never sees them; without this a misspelt key left empty would
 * vanish silently. Reported exactly as the schema reports an unknown key.
 */
export function emptyUnknownKeys(schema: AnySchema, data: unknown): PathIssue[] {
  const out: PathIssue[] = [];
  const walk = (value: unknown, path: PathKey[]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === null) {
        const known = knownKeys(schema, path);
        // Undefined: a record (firm segments, constants), where any name is allowed and null deletes one.
        if (known && !known.includes(key)) {
          const suggestion = closest(key, known);
          out.push({ path: [...path, key], expected: `one of the keys ${known.join(', ')}`, found: `unknown key "${key}"`, hint: suggestion && suggestion !== key ? `did you mean "${suggestion}"?` : undefined, atKey: true });
        }
      } else walk(v, [...path, key]);
    }
  };
  walk(data, []);
  return out;
}
