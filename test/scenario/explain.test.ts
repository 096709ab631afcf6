/**
 * `hiresim explain` as data and as text (src/scenario/explain.ts, units.ts, output/explain-terminal.ts,
 * output/wrap.ts): a unit for every field of the schema, shares and rates as percentages, the kind of
 * every source, the path filter and its closest-path hint, and, as properties, every line of every
 * shipped scenario (whole, or any choice of subtrees, or with any long words put in) at most 100
 * columns with no word lost.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySource, explainScenario, selectPaths, type Explanation } from '../../src/scenario/explain.js';
import { InputError } from '../../src/scenario/issues.js';
import { loadScenario } from '../../src/scenario/load.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { inUnit, unitOf } from '../../src/scenario/units.js';
import { formatExplanation, WIDTH } from '../../src/output/explain-terminal.js';
import { columns, hang, wrapText } from '../../src/output/wrap.js';
import { ROOT } from '../helpers/cli.js';

const SHIPPED = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
const explained = new Map(SHIPPED.map((f) => [f, explainScenario(loadScenario(join(ROOT, 'scenarios', f)))]));
const baseline = explained.get('baseline.yaml') as Explanation;

const widest = (text: string) => Math.max(...text.split('\n').map(columns));
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Dotted paths of the schema's leaves (`*` for a record key), prose and source fields left out. */
function schemaLeaves(node: Record<string, unknown>, path: string[] = []): string[] {
  const props = node.properties as Record<string, Record<string, unknown>> | undefined;
  const extra = node.additionalProperties;
  if (props) {
    return Object.entries(props).flatMap(([key, child]) => {
      if (path.length === 0 && ['$schema', 'name', 'description', 'extends', 'sources', 'assumptions'].includes(key)) return [];
      if (key === 'source' || key === 'description') return [];
      return schemaLeaves(child, [...path, key]);
    });
  }
  if (extra !== null && typeof extra === 'object') return schemaLeaves(extra as Record<string, unknown>, [...path, '*']);
  return [path.join('.')];
}

describe('units', () => {
  it('has a unit for every field of the scenario schema', () => {
    const leaves = schemaLeaves(scenarioJsonSchema());
    expect(leaves.length).toBeGreaterThan(80);
    expect(leaves.filter((leaf) => unitOf(leaf) === undefined)).toEqual([]);
  });

  it.each(SHIPPED)('gives every setting and parameter of %s a unit', (file) => {
    const e = explained.get(file) as Explanation;
    for (const item of [...e.settings, ...e.parameters]) {
      expect(item.unit.label, item.path).not.toMatch(/^$|no unit/);
      expect(unitOf(item.path), item.path).toBe(item.unit);
    }
  });

  it('shows shares and rates as percentages, and everything else as written', () => {
    expect(inUnit(0.132, { label: 'per year', percent: true }, String)).toBe('13.2%');
    expect(inUnit(0.398834, { label: 'per year', percent: true }, String)).toBe('39.8834%');
    expect(inUnit(0.07, { label: 'per year', percent: true }, String)).toBe('7%');
    expect(inUnit(1500, { label: 'persons' }, String)).toBe('1500');
    const turnover = baseline.parameters.find((p) => p.path === 'attrition.turnover');
    const value = loadScenario(join(ROOT, 'scenarios', 'baseline.yaml')).scenario.attrition.turnover.spec;
    expect(value.kind).toBe('number');
    expect(turnover?.display).toBe(`${Number(((value as { value: number }).value * 100).toPrecision(6))}%`);
    expect(turnover?.unit).toEqual({ label: 'per year', percent: true });
    expect(baseline.settings.find((s) => s.path === 'baseYear')?.display).toBe(String(baseline.calendar.baseYear));
    expect(baseline.parameters.find((p) => p.path === 'wages.adjacentPay')?.unit.label).toBe('USD nominal per year');
  });
});

describe('classifySource', () => {
  const sources = { linkedin2018: 'LinkedIn 2018', ipeds: 'IPEDS' };
  it.each([
    [undefined, 'none', undefined],
    ['linkedin2018', 'sourced', undefined],
    ['ipeds: CS degrees ÷ (1 - dropout)', 'sourced', 'ipeds: CS degrees ÷ (1 - dropout)'],
    ['assumption', 'assumption', undefined],
    ['assumption: segments grow alike', 'assumption', 'segments grow alike'],
    ['derived: levels2024 pay ÷ adjacent pay', 'derived', 'levels2024 pay ÷ adjacent pay'],
    ['calibrated by hiresim calibrate to gap@2025=0.53', 'fitted', 'calibrated by hiresim calibrate to gap@2025=0.53'],
    ['fitted: pay growth since 2019', 'fitted', 'pay growth since 2019'],
    ['history fitted to the postings series', 'fitted', 'history fitted to the postings series'],
    ['Bain 2025, slide 4', 'stated', 'Bain 2025, slide 4'],
  ] as const)('%s is %s', (source, kind, note) => {
    expect(classifySource(source, sources)).toEqual(note === undefined ? { kind } : { kind, note });
  });

  it('keeps the kind of every parameter of the baseline visible, and cites what the words name', () => {
    expect(new Set(baseline.parameters.map((p) => p.kind))).toEqual(new Set(['sourced', 'derived', 'fitted', 'assumption']));
    const exit = baseline.parameters.find((p) => p.path === 'attrition.exitRate');
    expect(exit?.cites).toContain('blsSeparations2019');
  });
});

describe('selectPaths', () => {
  it('keeps the subtrees named, and the sources they cite', () => {
    const e = selectPaths(baseline, ['wages', 'demand.growth']);
    expect(e.parameters.map((p) => p.path)).toEqual(baseline.parameters.map((p) => p.path).filter((p) => p.startsWith('wages.') || p === 'demand.growth'));
    expect(e.settings).toEqual([]);
    const cited = new Set(e.parameters.flatMap((p) => p.cites));
    expect(Object.keys(e.sources).sort()).toEqual([...cited].sort());
    expect(Object.keys(e.sources)).toContain('dickens2007');
  });

  it('matches whole keys only: demand.growth is not demand.growthX, and a setting is a path too', () => {
    expect(selectPaths(baseline, ['closure']).settings.map((s) => s.path)).toEqual(['closure.threshold', 'closure.sustainYears']);
    expect(() => selectPaths(baseline, ['demand.grow'])).toThrow(InputError);
  });

  it.each([
    ['wags', 'did you mean "wages"?'],
    ['wages.adjustmnt', 'did you mean "wages.adjustment"?'],
    ['payElasticity', 'did you mean "demand.payElasticity"?'],
    ['zzzzzzzzzz', 'sections: seed, replications'],
  ])('reports the unknown path %s at the scenario file with a hint', (prefix, hint) => {
    try {
      selectPaths(baseline, ['wages', prefix]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const [issue] = (error as InputError).issues;
      expect(issue).toMatchObject({ file: baseline.scenario.file, path: prefix, found: 'no such path' });
      expect(issue.hint).toContain(hint);
    }
  });
});

describe('wrapping', () => {
  const text = fc.array(fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), fc.string({ minLength: 80, maxLength: 260 }).map((s) => s.replace(/\s/g, 'x'))), { maxLength: 12 }).map((words) => words.join(' '));

  it('fits every line in the width and keeps every character of the text', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 120 }), (t, width, first) => {
        const lines = wrapText(t, width, first);
        lines.forEach((l, k) => expect(columns(l)).toBeLessThanOrEqual(Math.max(1, k === 0 ? first : width)));
        expect(squeeze(lines.join(''))).toBe(squeeze(t));
      }),
    );
  });

  it('hangs text after a lead within the width, continuation lines indented', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }).map((s) => s.replace(/\s/g, '-')), text, fc.integer({ min: 0, max: 60 }), (lead, t, indent) => {
        const lines = hang(`${lead} `, t, indent);
        for (const l of lines) expect(columns(l)).toBeLessThanOrEqual(Math.max(WIDTH, columns(lead)));
        lines.slice(1).forEach((l) => expect(l.startsWith(' '.repeat(indent))).toBe(true));
        expect(squeeze(lines.join(''))).toBe(squeeze(`${lead}${t}`));
      }),
    );
  });
});

describe('formatExplanation', () => {
  it.each(SHIPPED)('fits %s in 100 columns, whole and for any choice of subtrees', (file) => {
    const e = explained.get(file) as Explanation;
    expect(widest(formatExplanation(e))).toBeLessThanOrEqual(WIDTH);
    const prefixes = [...new Set([...e.settings, ...e.parameters].flatMap((p) => p.path.split('.').map((_, k, keys) => keys.slice(0, k + 1).join('.'))))];
    fc.assert(
      fc.property(fc.subarray(prefixes, { minLength: 1, maxLength: 6 }), (chosen) => {
        const text = formatExplanation(selectPaths(e, chosen), { selected: chosen });
        expect(widest(text)).toBeLessThanOrEqual(WIDTH);
        for (const p of selectPaths(e, chosen).parameters) expect(text).toContain(p.path);
      }),
      { numRuns: 40 },
    );
  });

  it('shows every parameter with its value, unit and kind, and loses no word of a value or source', () => {
    const text = formatExplanation(baseline);
    const flat = squeeze(text);
    for (const p of baseline.parameters) {
      expect(flat, p.path).toContain(squeeze(p.display));
      expect(text, p.path).toContain(p.unit.label);
      expect(flat, p.path).toContain(squeeze(`[${p.kind}]`));
      const words = p.note ?? p.source;
      if (words !== undefined) expect(flat.includes(squeeze(words)) || text.includes(`[${p.kind}] as above`), p.path).toBe(true);
    }
    const turnover = baseline.parameters.find((p) => p.path === 'attrition.turnover');
    expect(text).toMatch(new RegExp(`^ {2}attrition\\.turnover +${(turnover?.display as string).replace('.', '\\.')} +per year +\\[sourced\\] ${turnover?.source}$`, 'm'));
  });

  it('fits any long words (a description, sources, notes, formulas, paths) in 100 columns without losing them', () => {
    const long = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }).map((s) => s.replace(/\s+/g, ' ').trim() || 'x');
    fc.assert(
      fc.property(long, long, long, fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 90, maxLength: 160 })).map((s) => s.replace(/[\s.]/g, 'k')), (description, note, formula, key) => {
        const [first, ...rest] = baseline.parameters;
        const e: Explanation = {
          ...baseline,
          scenario: { ...baseline.scenario, description, name: key },
          parameters: [{ ...first, path: `${first.path}.${key}`, display: `= ${formula}`, note, kind: 'stated' }, ...rest],
          sources: { ...baseline.sources, [key]: note },
        };
        const text = formatExplanation(e);
        expect(widest(text)).toBeLessThanOrEqual(WIDTH);
        const flat = squeeze(text);
        for (const part of [description, note, formula, `${first.path}.${key}`]) expect(flat).toContain(squeeze(part));
      }),
      { numRuns: 40 },
    );
  });
});
