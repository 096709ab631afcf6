/**
 * The parameter section: one collapsed table shared by the scenarios (a column of values per
 * scenario), not a 180-row table per scenario, with the rows that differ marked and listed, open,
 * above it.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { explainScenario } from '../../src/scenario/explain.js';
import { loadScenario } from '../../src/scenario/load.js';
import { parameterSection } from '../../src/report/parameters.js';
import type { ExplainedScenario } from '../../src/report/reproduce.js';
import { ROOT } from '../helpers/cli.js';

type LinkedDocument = ReturnType<typeof parseHTML>['document'];
type LinkedElement = NonNullable<ReturnType<LinkedDocument['querySelector']>>;

function explained(file: string, overrides: string[] = []): ExplainedScenario {
  const loaded = loadScenario(file, { overrides, cwd: ROOT });
  return { name: loaded.scenario.name, file, hash: loaded.hash, explanation: explainScenario(loaded) };
}

const cells = (row: LinkedElement) => [...row.querySelectorAll('td, th')].map((c) => c.textContent ?? '');

describe('the parameter section', () => {
  const base = explained(`${ROOT}scenarios/baseline.yaml`);
  const tools = explained(`${ROOT}scenarios/tool-breakthrough.yaml`);
  const { document } = parseHTML(`<main>${parameterSection([base, tools], [])}</main>`);

  it('has one table of every parameter, collapsed in <details>, with a column per scenario', () => {
    const details = [...document.querySelectorAll('details')];
    expect(details.map((d) => d.getAttribute('class'))).toEqual(['parameters', 'settings']);
    for (const d of details) expect(d.hasAttribute('open')).toBe(false);
    const full = details[0].querySelector('table')!;
    expect(cells(full.querySelector('tr')!)).toEqual(['parameter', 'baseline', 'tool-breakthrough', 'domain', 'source']);
    const paths = new Set([...base.explanation.parameters, ...tools.explanation.parameters].map((p) => p.path));
    expect(full.querySelectorAll('tr').length - 1).toBe(paths.size);
    expect(document.querySelectorAll('details.parameters table').length).toBe(1);
  });

  it('marks the rows that differ and lists exactly those, open, above the table', () => {
    const value = (s: ExplainedScenario, path: string) => s.explanation.parameters.find((p) => p.path === path)?.shown ?? '—';
    const differing = [...new Set([...base.explanation.parameters, ...tools.explanation.parameters].map((p) => p.path))].filter((path) => value(base, path) !== value(tools, path));
    expect(differing.length).toBeGreaterThan(0);
    const marked = [...document.querySelectorAll('details.parameters tr.differs')].map((tr) => cells(tr)[0]);
    expect(marked).toEqual(differing);
    const open = [...document.querySelectorAll('main > table')];
    expect(open).toHaveLength(1);
    expect([...open[0].querySelectorAll('tr')].slice(1).map((tr) => cells(tr)[0])).toEqual(differing);
    for (const tr of [...open[0].querySelectorAll('tr')].slice(1)) {
      const [path, a, b] = cells(tr);
      expect([a, b]).toEqual([value(base, path), value(tools, path)]);
    }
  });

  it('has a single value column for one scenario, and names scenarios that share a name by their hash', () => {
    const one = parseHTML(`<main>${parameterSection([base], [])}</main>`).document;
    expect(cells(one.querySelector('details.parameters tr')!)).toEqual(['parameter', 'value', 'domain', 'source']);
    expect(one.querySelector('details.parameters summary')!.textContent).toMatch(/^\d+ parameters with value and source$/);
    expect(one.querySelectorAll('main > table').length).toBe(0);
    const small = explained(`${ROOT}scenarios/baseline.yaml`, ['scale=50']);
    const twice = parseHTML(`<main>${parameterSection([base, small], ['x (y.json): not recorded by this version, so its parameters are not shown'])}</main>`).document;
    expect(cells(twice.querySelector('details.parameters tr')!)).toEqual(['parameter', `baseline (${base.hash})`, `baseline (${small.hash})`, 'domain', 'source']);
    expect(twice.querySelector('ul.unexplained')!.textContent).toContain('not recorded by this version');
  });
});
