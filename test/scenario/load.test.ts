import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { InputError, type InputIssue } from '../../src/scenario/issues.js';
import { canonicalJson, deepMerge, loadScenario, scenarioHash, type LoadedScenario } from '../../src/scenario/load.js';
import { ROOT } from '../helpers/cli.js';
import { BASELINE, tempDir, writeChild } from '../helpers/problems.js';

const BASELINE_TEXT = readFileSync(BASELINE, 'utf8');

let dir = '';
let cleanup = () => {};
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

/** Writes `text` to `name` in the temp dir and loads it. */
function loadText(name: string, text: string, overrides: string[] = []): LoadedScenario {
  writeFileSync(join(dir, name), text);
  return loadScenario(name, { cwd: dir, overrides });
}

/** The issues of a load that must fail. */
function issuesOf(load: () => unknown): readonly InputIssue[] {
  try {
    load();
  } catch (error) {
    if (error instanceof InputError) return error.issues;
    throw error;
  }
  throw new Error('loaded without problems');
}

const baselineHash = () => loadScenario(BASELINE).hash;

/** Rebuilds a value with the keys of every mapping in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

/** Applies `edit` to every mapping in a value (depth first), returning a new value. */
function mapMappings(value: unknown, edit: (m: Record<string, unknown>, path: string[]) => Record<string, unknown>, path: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v, i) => mapMappings(v, edit, [...path, String(i)]));
  if (value !== null && typeof value === 'object') {
    const inner = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapMappings(v, edit, [...path, k])]));
    return edit(inner, path);
  }
  return value;
}

describe('deepMerge', () => {
  it('merges mappings key by key, recursively', () => {
    expect(deepMerge({ a: { x: 1, y: { p: 1, q: 2 } }, b: 1 }, { a: { y: { q: 3 }, z: 4 } })).toEqual({ a: { x: 1, y: { p: 1, q: 3 }, z: 4 }, b: 1 });
  });

  it('replaces lists and scalars, and lets either replace a mapping', () => {
    expect(deepMerge({ l: [1, 2, 3] }, { l: [4] })).toEqual({ l: [4] });
    expect(deepMerge({ l: [{ a: 1 }] }, { l: [{ b: 2 }] })).toEqual({ l: [{ b: 2 }] });
    expect(deepMerge({ s: 1 }, { s: 'x' })).toEqual({ s: 'x' });
    expect(deepMerge({ m: { a: 1 } }, { m: 2 })).toEqual({ m: 2 });
    expect(deepMerge({ m: 2 }, { m: { a: 1 } })).toEqual({ m: { a: 1 } });
  });

  it('replaces a parameter written whole ({value} or {dist}) instead of merging into it', () => {
    const dist = { dist: 'triangular', min: 0, mode: 0.2, max: 0.5, source: 'cui2025' };
    expect(deepMerge({ p: dist }, { p: { value: 0.3 } })).toEqual({ p: { value: 0.3 } });
    expect(deepMerge({ p: { value: 0.3, source: 'x' } }, { p: { dist: 'uniform', min: 0, max: 1 } })).toEqual({ p: { dist: 'uniform', min: 0, max: 1 } });
    expect(deepMerge({ p: dist }, { p: { dist: 'uniform', min: 0, max: 1 } })).toEqual({ p: { dist: 'uniform', min: 0, max: 1 } });
    // …but one field of a distribution can still be edited.
    expect(deepMerge({ p: dist }, { p: { mode: 0.3 } })).toEqual({ p: { ...dist, mode: 0.3 } });
  });

  it('removes a key set to null, and does not add a null key', () => {
    expect(deepMerge({ a: 1, b: { c: 2 } }, { b: null })).toEqual({ a: 1 });
    expect(deepMerge({ a: { b: 1, c: 2 } }, { a: { c: null } })).toEqual({ a: { b: 1 } });
    expect(deepMerge({ a: 1 }, { z: null })).toEqual({ a: 1 });
  });

  it('does not modify its arguments', () => {
    const base = { a: { b: 1 }, l: [1] };
    const over = { a: { c: 2 }, l: [2], x: null };
    const frozen = JSON.stringify([base, over]);
    deepMerge(base, over);
    expect(JSON.stringify([base, over])).toBe(frozen);
  });
});

describe('extends', () => {
  it('merges a chain root first and lists its files', () => {
    const loaded = loadScenario('test/fixtures/good/grandchild.yaml', { cwd: ROOT });
    expect(loaded.files).toEqual(['scenarios/baseline.yaml', 'test/fixtures/good/child.yaml', 'test/fixtures/good/grandchild.yaml']);
    expect(loaded.scenario.name).toBe('grandchild');
    // child.yaml: replaced turnover (with its own source), removed a firm segment.
    expect(loaded.scenario.attrition.turnover.spec).toEqual({ kind: 'number', value: 0.2 });
    expect(loaded.scenario.attrition.turnover.source).toBe('assumption: a test value');
    expect(Object.keys(loaded.scenario.firms)).not.toContain('startups');
    expect(Object.keys(loaded.scenario.firms).length).toBeGreaterThan(0);
    // grandchild.yaml
    expect(loaded.scenario.demand.shockSd.spec).toEqual({ kind: 'number', value: 0.07 });
    // Inherited untouched.
    const base = loadScenario(BASELINE);
    expect(loaded.scenario.seed).toBe(base.scenario.seed);
    expect(loaded.input.tools).toEqual(base.input.tools);
  });

  it('reports a problem inherited from a parent in the parent file, and a child can fix it', () => {
    writeChild(dir, 'bad-parent.yaml', 'attrition:\n  exitRate: 2\n');
    const issues = issuesOf(() => loadText('fixing-child.yaml', 'extends: bad-parent.yaml\nname: x\n'));
    expect(issues).toMatchObject([{ file: 'bad-parent.yaml', line: 3, column: 13, path: 'attrition.exitRate' }]);
    expect(loadText('fixing-child.yaml', 'extends: bad-parent.yaml\nattrition:\n  exitRate: 0.01\n').scenario.attrition.exitRate.spec).toEqual({ kind: 'number', value: 0.01 });
  });

  it('reports unreadable files at 1:1 of the file, and a missing parent at the child\'s extends', () => {
    expect(issuesOf(() => loadScenario('nope.yaml', { cwd: dir }))).toEqual([
      { file: 'nope.yaml', line: 1, column: 1, path: '(root)', expected: 'an existing scenario file', found: 'no such file' },
    ]);
    expect(issuesOf(() => loadScenario('.', { cwd: dir }))).toMatchObject([{ file: '.', line: 1, column: 1, found: 'a directory' }]);
    expect(issuesOf(() => loadText('to-dir.yaml', 'name: x\n\nextends: "."\n'))).toMatchObject([
      { file: 'to-dir.yaml', line: 3, column: 10, path: 'extends', expected: 'a scenario file to extend', found: expect.stringMatching(/^a directory \(/) },
    ]);
  });

  it('rejects an extends that is not a file name', () => {
    expect(issuesOf(() => loadText('ext-number.yaml', 'extends: 5\n'))).toMatchObject([{ line: 1, column: 10, path: 'extends', found: 'number 5' }]);
  });
});

describe('scenarioHash', () => {
  it('is 16 hex digits and the same on every load', () => {
    expect(baselineHash()).toMatch(/^[0-9a-f]{16}$/);
    expect(baselineHash()).toBe(baselineHash());
  });

  it('does not change with comments', () => {
    const noComments = BASELINE_TEXT.replace(/^\s*#.*\n/gm, '');
    const moreComments = BASELINE_TEXT.replace(/\n\n/g, '\n\n# a comment\n').replace(/^(\s*\w+:)$/gm, '$1 # trailing');
    expect(noComments).not.toBe(BASELINE_TEXT);
    expect(loadText('no-comments.yaml', noComments).hash).toBe(baselineHash());
    expect(loadText('more-comments.yaml', moreComments).hash).toBe(baselineHash());
  });

  it('does not change with key order or formatting', () => {
    const data = parse(BASELINE_TEXT);
    expect(loadText('reversed.yaml', stringify(reverseKeys(data))).hash).toBe(baselineHash());
    expect(loadText('indented.yaml', stringify(data, { indent: 6, lineWidth: 0 })).hash).toBe(baselineHash());
    expect(loadText('flow.yaml', stringify(data, { collectionStyle: 'flow' })).hash).toBe(baselineHash());
  });

  it('does not change with sources, names, descriptions or prose', () => {
    const edited = mapMappings(parse(BASELINE_TEXT), (m, path) => {
      const out = { ...m };
      if (typeof out.source === 'string') out.source = 'assumption: rewritten for the test';
      if (path.length === 2 && path[0] === 'firms') out.description = 'A different description';
      if (path.length === 0) {
        Object.assign(out, { name: 'renamed', description: 'Other words', assumptions: ['none'], $schema: 'x.json' });
        out.sources = Object.fromEntries(Object.keys(out.sources as object).map((k) => [k, `rewritten ${k}`]));
      }
      return out;
    });
    const loaded = loadText('prose.yaml', stringify(edited));
    expect(loaded.scenario.attrition.turnover.source).toBe('assumption: rewritten for the test');
    expect(loaded.hash).toBe(baselineHash());
  });

  it('changes with a model number, a formula, a switch or the seed', () => {
    const hashes = [
      baselineHash(),
      loadScenario(BASELINE, { overrides: ['attrition.turnover=0.133'] }).hash,
      loadScenario(BASELINE, { overrides: ['demand.growth="0.2 * exp(-t / 9)"'] }).hash,
      loadScenario(BASELINE, { overrides: ['tools.enabled=false'] }).hash,
      loadScenario(BASELINE, { overrides: ['seed=1'] }).hash,
      loadScenario(BASELINE, { overrides: ['tools.productivityGain.mode=0.21'] }).hash,
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('changes with a firm segment, constant or programme even when it is named "source" or "description"', () => {
    const withConstant = (value: number) => loadScenario(BASELINE, { overrides: [`constants.source=${value}`] }).hash;
    expect(withConstant(1)).not.toBe(withConstant(2));
    const withConstantD = (value: number) => loadScenario(BASELINE, { overrides: [`constants.description=${value}`] }).hash;
    expect(withConstantD(1)).not.toBe(withConstantD(2));
    expect(scenarioHash({ firms: { source: { count: 1 } } })).not.toBe(scenarioHash({ firms: { source: { count: 2 } } }));
    expect(scenarioHash({ firms: { description: { count: 1 } } })).not.toBe(scenarioHash({ firms: { description: { count: 2 } } }));
  });

  it('canonicalJson sorts keys at every level and keeps lists in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ p: { value: 1, source: 'x' } })).toBe('{"p":{"value":1}}');
  });

  it('is the same for a JSON copy of the baseline', () => {
    const json = JSON.stringify(parse(BASELINE_TEXT), null, 2);
    const loaded = loadText('baseline.json', json);
    expect(loaded.hash).toBe(baselineHash());
    expect(loaded.input).toEqual(loadScenario(BASELINE).input);
    // One-line JSON too.
    expect(loadText('baseline-compact.json', JSON.stringify(parse(BASELINE_TEXT))).hash).toBe(baselineHash());
  });
});

describe('--set overrides', () => {
  const set = (...overrides: string[]) => loadScenario(BASELINE, { overrides }).scenario;

  it('reads a number', () => {
    const p = set('demand.growth=0.1').demand.growth;
    expect(p.spec).toEqual({ kind: 'number', value: 0.1 });
    expect(p.source).toBeUndefined();
    expect(set('replications=7').replications).toBe(7);
    expect(set('attrition.turnover.value=0.25').attrition.turnover.spec).toEqual({ kind: 'number', value: 0.25 });
  });

  it('reads a quoted formula (and an unquoted one)', () => {
    const p = set('demand.growth="0.2 * exp(-t/5)"').demand.growth;
    expect(p.spec).toEqual({ kind: 'formula', text: '0.2 * exp(-t/5)' });
    expect(p.formula?.evaluate({ t: 0, year: 2025 })).toBeCloseTo(0.2, 12);
    expect(set('demand.growth=0.1 + 0 * t').demand.growth.spec).toEqual({ kind: 'formula', text: '0.1 + 0 * t' });
  });

  it('reads a flow-mapping distribution', () => {
    expect(set('tools.productivityGain={dist: uniform, min: 0, max: 0.5}').tools.productivityGain.spec).toEqual({
      kind: 'distribution',
      distribution: { dist: 'uniform', min: 0, max: 0.5 },
    });
  });

  it('edits one field of a distribution', () => {
    const p = set('demand.growth={dist: normal, mean: 0.2, sd: 0.02, source: bain2025}', 'demand.growth.mean=0.3').demand.growth;
    expect(p.spec).toEqual({ kind: 'distribution', distribution: { dist: 'normal', mean: 0.3, sd: 0.02, source: 'bain2025' } });
    expect(p.source).toBe('bain2025');
    const gain = loadScenario(BASELINE).scenario.tools.productivityGain.spec;
    expect(gain.kind).toBe('distribution');
    const edited = set('tools.productivityGain.mode=0.25').tools.productivityGain.spec;
    expect(edited).toEqual(gain.kind === 'distribution' ? { kind: 'distribution', distribution: { ...gain.distribution, mode: 0.25 } } : undefined);
  });

  it('reads booleans, text and string seeds, and applies overrides in order', () => {
    expect(set('tools.enabled=false').tools.enabled).toBe(false);
    expect(set('name=other').name).toBe('other');
    expect(set('seed=abc').seed).toBe('abc');
    expect(set('attrition.turnover=0.1', 'attrition.turnover=0.2').attrition.turnover.spec).toEqual({ kind: 'number', value: 0.2 });
    expect(Object.keys(set('firms.startups=null').firms)).not.toContain('startups');
  });

  it('reports a constant written as a formula once, not again in each formula that reads it', () => {
    expect(issuesOf(() => set('constants.growth0="t"'))).toEqual([
      { file: '--set #1', line: 1, column: 19, path: 'constants.growth0', expected: 'a number or a distribution (constants are not formulas)', found: 'formula "t"' },
    ]);
  });

  it('positions problems in the override that caused them', () => {
    expect(issuesOf(() => set('demand.growth=0.1', 'attrition.turnover="t * "'))).toMatchObject([
      { file: '--set #2', line: 1, path: 'attrition.turnover', expected: 'a well-formed formula' },
    ]);
    expect(issuesOf(() => set('attrition.turnover={dist: uniform, min: 0.5, max: 0.1}'))).toMatchObject([
      { file: '--set #1', line: 1, column: 20, path: 'attrition.turnover.max', expected: 'max greater than min (0.5)' },
    ]);
    // All bad overrides are reported together.
    const issues = issuesOf(() => set('nonsense', 'a..b=1', 'attrition.turnover='));
    expect(issues.map((i) => `${i.file}:${i.line}:${i.column}`)).toEqual(['--set #1:1:1', '--set #2:1:1', '--set #3:1:20']);
  });
});
