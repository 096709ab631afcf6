// Family 1: mutated scenario text. Takes a real file from the sandbox (a shipped scenario or a
// good test fixture) and applies one to four text mutations: line edits, byte insertions,
// interesting scalars, renamed keys, formulas, deep nesting, anchors and aliases, extends variants.
import { NAMES, NUMBERS, ODD_CHARS, YAML_VALUES, formula, longString } from './interesting.mjs';

/** Paths inside the sandbox that are not plain scenario files (see sandbox.mjs). */
export const SPECIAL_PATHS = ['missing.yaml', 'a-directory', 'a-fifo', 'dev-zero', 'empty.yaml', 'data/observed.csv', 'scenarios/baseline.targets'];

const KEY_VALUE = /^(\s*(?:-\s+)?)([^\s#:][^:#]*?):(\s+)(?!#)(.+?)(\s+#.*)?$/;
const NUMBER = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi;

/**
 * Lines the line-pattern mutations look at: earlier mutations can leave lines of 300,000
 * characters, on which these patterns backtrack for minutes (the driver generates every case, so
 * that would stall the watchdog too).
 */
const SHORT = 500;
const lineIndexes = (lines, test) => lines.map((l, i) => (l.length <= SHORT && test(l) ? i : -1)).filter((i) => i >= 0);

/** A value to put where a scalar was: numbers, odd YAML, formulas, long strings, deep nesting. */
function scalar(r) {
  return r.weighted([
    [8, () => r.pick(NUMBERS)],
    [6, () => r.pick(YAML_VALUES)],
    [4, () => JSON.stringify(formula(r))],
    [1, () => JSON.stringify(longString(r))],
    [1, () => longString(r)],
    [1, () => { const n = r.pick([10, 63, 64, 65, 200, 5000]); return `${'['.repeat(n)}1${']'.repeat(r.chance(0.5) ? n : 0)}`; }],
    [1, () => { const n = r.pick([10, 64, 65, 200]); return `${'{a: '.repeat(n)}1${'}'.repeat(n)}`; }],
  ])();
}

/** The mutations, each `(lines, r, ctx) => description`, editing `lines` in place. */
const MUTATIONS = {
  deleteLine(lines, r) {
    const i = r.int(0, lines.length - 1);
    lines.splice(i, 1);
    return `delete line ${i + 1}`;
  },
  duplicateLine(lines, r) {
    const i = r.int(0, lines.length - 1);
    const j = r.int(0, lines.length);
    lines.splice(j, 0, lines[i]);
    return `copy line ${i + 1} before line ${j + 1}`;
  },
  swapLines(lines, r) {
    const i = r.int(0, lines.length - 1);
    const j = r.chance(0.5) ? Math.min(lines.length - 1, i + 1) : r.int(0, lines.length - 1);
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return `swap lines ${i + 1} and ${j + 1}`;
  },
  indent(lines, r) {
    const i = r.int(0, lines.length - 1);
    const how = r.pick(['+1', '+2', '-1', '-2', 'tab', 'none']);
    const line = lines[i];
    lines[i] = how === '+1' ? ` ${line}` : how === '+2' ? `  ${line}` : how === '-1' ? line.replace(/^ /, '') : how === '-2' ? line.replace(/^ {1,2}/, '') : how === 'tab' ? `\t${line.trimStart()}` : line.trimStart();
    return `indent line ${i + 1} ${how}`;
  },
  truncate(lines, r) {
    const text = lines.join('\n');
    const at = r.int(0, text.length);
    lines.splice(0, lines.length, ...text.slice(0, at).split('\n'));
    return `truncate at character ${at}`;
  },
  insertChar(lines, r) {
    const i = r.int(0, lines.length - 1);
    const at = r.int(0, lines[i].length);
    const c = r.pick(ODD_CHARS).repeat(r.pick([1, 1, 1, 3, 100]));
    lines[i] = lines[i].slice(0, at) + c + lines[i].slice(at);
    return `insert ${JSON.stringify(c.slice(0, 3))}×${c.length} at line ${i + 1} column ${at + 1}`;
  },
  bom(lines, r) {
    const c = r.pick(['\ufeff', '\ufeff\ufeff', '\u0000', '\r\n', '\t']);
    if (c === '\r\n') { for (let i = 0; i < lines.length; i++) lines[i] += '\r'; return 'CRLF line ends'; }
    lines[0] = c + lines[0];
    return `prefix ${JSON.stringify(c)}`;
  },
  replaceScalar(lines, r) {
    const candidates = lineIndexes(lines, (l) => KEY_VALUE.test(l));
    if (candidates.length === 0) return 'no scalar to replace';
    const i = r.pick(candidates);
    const [, lead, key, space, , comment = ''] = KEY_VALUE.exec(lines[i]);
    const value = scalar(r);
    lines[i] = `${lead}${key}:${space}${value}${comment}`;
    return `value of ${key.trim()} at line ${i + 1} := ${JSON.stringify(value.slice(0, 40))}`;
  },
  replaceNumber(lines, r) {
    const candidates = lineIndexes(lines, (l) => /\d/.test(l) && !/^\s*#/.test(l));
    if (candidates.length === 0) return 'no number to replace';
    const i = r.pick(candidates);
    const matches = [...lines[i].matchAll(NUMBER)];
    const m = r.pick(matches);
    const value = r.weighted([[6, () => r.pick(NUMBERS)], [1, () => String(Number(m[0]) * r.pick([10, 1000, 1e6, -1, 0.5]))]])();
    lines[i] = lines[i].slice(0, m.index) + value + lines[i].slice(m.index + m[0].length);
    return `number ${m[0]} at line ${i + 1} := ${value}`;
  },
  renameKey(lines, r) {
    const candidates = lineIndexes(lines, (l) => KEY_VALUE.test(l) || /^\s*[\w$-]+:\s*$/.test(l));
    if (candidates.length === 0) return 'no key to rename';
    const i = r.pick(candidates);
    const m = /^(\s*(?:-\s+)?)([^\s#:][^:#]*?):/.exec(lines[i]);
    const old = m[2];
    const name = r.weighted([
      [3, () => r.pick(NAMES)],
      [2, () => { const k = r.int(0, old.length - 1); return old.slice(0, k) + String.fromCharCode(97 + r.int(0, 25)) + old.slice(k + 1); }],
      [1, () => old.toUpperCase()],
      [1, () => `"${old}"`],
      [1, () => `? ${r.pick(['[a]', '{a: 1}', '[a, b]', '!!binary aGk='])}\n${m[1]}`],
    ])();
    lines[i] = m[1] + (name.startsWith('? ') ? name : `${name}`) + lines[i].slice(m[0].length - 1);
    return `rename key ${old} at line ${i + 1} to ${JSON.stringify(name.slice(0, 40))}`;
  },
  formula(lines, r) {
    const candidates = lineIndexes(lines, (l) => /(value|growth|maturity|rate|share|llm|mlops|cloud|software|mlTheory):\s/.test(l));
    if (candidates.length === 0) return 'no formula place';
    const i = r.pick(candidates);
    const f = formula(r);
    lines[i] = lines[i].replace(/((?:value|growth|maturity|rate|share|llm|mlops|cloud|software|mlTheory):\s+)("[^"]*"|[^,}#]+)/, (_, k) => `${k}${JSON.stringify(f)}`);
    return `formula at line ${i + 1} := ${JSON.stringify(f.slice(0, 40))} (${f.length} characters)`;
  },
  anchors(lines, r) {
    const kind = r.pick(['bomb', 'cycle', 'unresolved', 'merge', 'reuse']);
    if (kind === 'bomb') {
      const width = r.pick([3, 10]);
      const depth = r.pick([2, 4, 9]);
      const rows = ['bomb:', `  - &a0 [${Array(width).fill('x').join(', ')}]`];
      for (let d = 1; d < depth; d++) rows.push(`  - &a${d} [${Array(width).fill(`*a${d - 1}`).join(', ')}]`);
      lines.push(...rows);
      return `alias bomb ${width}^${depth}`;
    }
    const i = r.int(0, lines.length - 1);
    if (kind === 'cycle') lines.splice(i, 0, 'loop: &c [*c]');
    else if (kind === 'unresolved') lines.splice(i, 0, `${r.pick(['seed', 'scale', 'x'])}: *nowhere`);
    else if (kind === 'merge') lines.push('extra: &m {a: 1}', 'more:', '  <<: *m');
    else {
      const kv = lines.findIndex((l) => l.length <= SHORT && /^[a-z]\w*:\s+\S/.test(l));
      if (kv >= 0) { lines[kv] = lines[kv].replace(/:\s+/, ': &v '); lines.push(`${r.pick(['replications', 'seed', 'name', 'horizon'])}: *v`); }
    }
    return `anchors: ${kind}`;
  },
  deepNesting(lines, r) {
    const n = r.pick([30, 63, 64, 65, 1000, 5000]);
    const kind = r.pick(['block', 'flow', 'map']);
    const text = kind === 'block' ? `x:\n${'- '.repeat(n)}1` : kind === 'flow' ? `x: ${'['.repeat(n)}${']'.repeat(n)}` : `x:\n${Array.from({ length: Math.min(n, 400) }, (_, d) => `${'  '.repeat(d + 1)}k:`).join('\n')} 1`;
    lines.splice(r.int(0, lines.length), 0, ...text.split('\n'));
    return `deep nesting ${kind} ${n}`;
  },
  extendsTo(lines, r, ctx) {
    const to = r.weighted([
      [4, () => r.pick(ctx.scenarioFiles)],
      [2, () => ctx.target],
      [3, () => r.pick(SPECIAL_PATHS)],
      [1, () => r.pick(['', '.', '..', '/', '../../..', 'scenarios', 'x'.repeat(5000), '~', 'null', '[a]', '{}', 'https://example.com/x.yaml'])],
    ])();
    const rel = to.startsWith('/') ? to : relativeTo(ctx.target, to);
    const i = lines.findIndex((l) => l.startsWith('extends:'));
    const line = `extends: ${/^[\w./-]+$/.test(rel) ? rel : JSON.stringify(rel)}`;
    if (i >= 0) lines[i] = line;
    else lines.splice(r.int(0, lines.length), 0, line);
    return `extends: ${JSON.stringify(rel.slice(0, 60))}`;
  },
  addKey(lines, r) {
    const name = r.pick(NAMES);
    const value = scalar(r);
    const indent = r.pick(['', '', '  ']);
    lines.splice(r.int(0, lines.length), 0, `${indent}${/^[\w$-]+$/.test(name) ? name : JSON.stringify(name)}: ${value}`);
    return `add key ${JSON.stringify(name.slice(0, 30))} := ${JSON.stringify(value.slice(0, 30))}`;
  },
  removeSection(lines, r) {
    const tops = lineIndexes(lines, (l) => /^[a-zA-Z]\w*:/.test(l));
    if (tops.length === 0) return 'no section';
    const k = r.int(0, tops.length - 1);
    const end = tops[k + 1] ?? lines.length;
    const name = lines[tops[k]].split(':')[0];
    lines.splice(tops[k], end - tops[k]);
    return `remove section ${name}`;
  },
};

/** `to` (a sandbox path) as written in a file at `from` (a sandbox path). */
function relativeTo(from, to) {
  const up = from.split('/').length - 1;
  return `${'../'.repeat(up)}${to}`;
}

const WEIGHTS = [[3, 'deleteLine'], [2, 'duplicateLine'], [2, 'swapLines'], [2, 'indent'], [1, 'truncate'], [3, 'insertChar'], [1, 'bom'], [6, 'replaceScalar'], [6, 'replaceNumber'], [3, 'renameKey'], [3, 'formula'], [1, 'anchors'], [1, 'deepNesting'], [2, 'extendsTo'], [2, 'addKey'], [1, 'removeSection']];

/**
 * One scenario case: `sources` maps each sandbox path to its text. Returns the file to write
 * (`target`, `text`), the file to load (`load`: the target, or sometimes a file that extends it)
 * and what was done.
 */
export function scenarioCase(r, sources) {
  const files = Object.keys(sources).filter((f) => f.endsWith('.yaml'));
  const target = r.weighted([[3, () => 'scenarios/baseline.yaml'], [7, () => r.pick(files)]])();
  const lines = sources[target].split('\n');
  const count = r.weighted([[5, 1], [3, 2], [1, 3], [1, 4]]);
  const mutations = [];
  for (let m = 0; m < count; m++) {
    const name = r.weighted(WEIGHTS.map(([w, n]) => [w, n]));
    mutations.push(MUTATIONS[name](lines, r, { target, scenarioFiles: files }));
  }
  let text = lines.join('\n');
  let path = target;
  if (r.chance(0.03)) {
    // The same mutations in a JSON scenario: JSON is YAML, and scenario files may be either.
    path = target.replace(/\.yaml$/, '.json');
    text = `{"extends": ${JSON.stringify(relativeTo(path, target))}, "name": ${JSON.stringify(longOrShort(r))}, "seed": ${r.pick(NUMBERS.filter((n) => /^-?\d/.test(n)))}`;
    if (r.chance(0.5)) text += '}';
    mutations.push('as a JSON layer over the mutated file');
  }
  const load = path !== target ? path : r.chance(0.2) ? r.pick(files) : target;
  return { family: 'scenario', files: path !== target ? { [target]: lines.join('\n'), [path]: text } : { [target]: text }, load, mutations };
}

function longOrShort(r) {
  return r.chance(0.8) ? 'json' : longString(r);
}
