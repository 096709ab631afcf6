/**
 * Random mutations of a scenario, for property tests of validation: delete a
 * key, replace a value with one of another type, add an unknown key, change a
 * number to any double, replace a text (a formula, most often) with any text.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

type Path = readonly (string | number)[];
type Json = unknown;

export type Mutation =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'retype'; readonly at: number; readonly value: Json }
  | { readonly kind: 'addKey'; readonly at: number; readonly key: string; readonly value: Json }
  | { readonly kind: 'number'; readonly at: number; readonly value: number }
  | { readonly kind: 'text'; readonly at: number; readonly value: string };

/** Pieces of formulas, so that random text is often nearly a formula. */
const FORMULA_TOKENS = ['t', 'year', 'growth0', 'x', '0.5', '2', '-', '+', '*', '/', '^', '(', ')', ',', ' ? ', ' : ', '<', 'and', 'mod', 'exp(', 'clamp(', 'logistic(', '.', '[', '=', '"', "'", ' '];

const formulaText = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.array(fc.constantFrom(...FORMULA_TOKENS), { maxLength: 10 }).map((ts) => ts.join('')),
);

/**
 * @param keyChars the characters of added keys: any string by default; the
 *   end-to-end test restricts them so every problem stays on one line.
 */
export function mutationArb(keyChars?: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  const key = keyChars ? fc.string({ unit: keyChars, minLength: 1, maxLength: 12 }) : fc.string({ maxLength: 12 });
  const at = fc.nat();
  return fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at }),
    fc.record({ kind: fc.constant('retype' as const), at, value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.record({ kind: fc.constant('addKey' as const), at, key, value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.record({ kind: fc.constant('number' as const), at, value: fc.double() }),
    fc.record({ kind: fc.constant('text' as const), at, value: formulaText }),
  );
}

function typeOf(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x;
}

/** Every path in `data` (root first) whose value satisfies `keep`. */
function paths(data: unknown, keep: (value: unknown) => boolean): Path[] {
  const out: Path[] = [];
  const walk = (node: unknown, path: Path) => {
    if (keep(node)) out.push(path);
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
    else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(data, []);
  return out;
}

function parentOf(data: unknown, path: Path): Record<string | number, unknown> {
  let node = data as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return node;
}

/** Applies the mutations in order to a deep copy of `data`; returns the copy. */
export function applyMutations(data: unknown, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const m of mutations) {
    const isMapping = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
    const candidates =
      m.kind === 'delete' ? paths(copy, () => true).slice(1)
      : m.kind === 'retype' ? paths(copy, () => true).slice(1)
      : m.kind === 'addKey' ? paths(copy, isMapping)
      : m.kind === 'number' ? paths(copy, (x) => typeof x === 'number')
      : paths(copy, (x) => typeof x === 'string');
    if (candidates.length === 0) continue;
    const path = candidates[m.at % candidates.length];
    const parent = parentOf(copy, path);
    const last = path[path.length - 1];
    switch (m.kind) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete parent[last];
        break;
      case 'retype':
        // Of another type than the value it replaces (a string replaces a number, a list a mapping…).
        parent[last] = typeOf(m.value) !== typeOf(parent[last]) ? m.value : typeOf(m.value) === 'string' ? 42 : 'text';
        break;
      case 'addKey': {
        const target = path.length === 0 ? copy : (parent[last] as Record<string, unknown>);
        // A key the target does not have (an existing key would be a replacement, not an addition).
        const name = Object.hasOwn(target, m.key) ? `${m.key}_unknown` : m.key;
        Object.defineProperty(target, name, { value: m.value, enumerable: true, writable: true, configurable: true });
        break;
      }
      case 'number':
      case 'text':
        parent[last] = m.value;
        break;
    }
  }
  return copy;
}

/** YAML text of mutated data (NaN and infinities become .nan and .inf). */
export function toYaml(data: unknown): string {
  return stringify(data, { lineWidth: 0 });
}
