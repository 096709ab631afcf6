/**
 * The controls and what the page hands over: the baseline's sliders (each with its source), how a
 * view becomes overrides (after the base year, or whole), values typed as "53%" or "0.53", the
 * copy command, and the saved scenario's round trip: loaded with loadScenario, it is the explored
 * file plus the view's overrides (a property over random views), its values marked as set in
 * explore. And the `explore:` section's own checks, positioned in the file; a value outside a
 * slider's range and a parameter a variant dropped are said, not refused.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exploreControls, parseViewState, readValue, viewOverrides, type ViewState } from '../../src/explore/controls.js';
import { copyCommand, savedFileName, savedScenarioText, writeSavedScenario } from '../../src/explore/save.js';
import { InputError, formatIssue } from '../../src/scenario/issues.js';
import { loadScenario, scenarioLoader } from '../../src/scenario/load.js';
import { BASELINE } from '../helpers/problems.js';

const baseline = loadScenario(BASELINE);
const controls = exploreControls(baseline);
const DRAFT = { scale: 50, replications: 8, seed: 20250101 };
const view = (values: ViewState['values'], levers: ViewState['levers'] = {}): ViewState => ({ levers, values, draft: DRAFT });

describe('the baseline\'s controls', () => {
  it('has a switch per lever and 8–12 sliders, tool maturity and university intake among them, each starting inside its range with its source', () => {
    expect(controls.levers.map((l) => l.path)).toEqual(['education.enabled', 'upskilling.enabled', 'tools.enabled', 'acquihires.enabled', 'migration.enabled']);
    expect(controls.sliders.length).toBeGreaterThanOrEqual(8);
    expect(controls.sliders.length).toBeLessThanOrEqual(12);
    expect(controls.sliders.map((s) => s.path)).toEqual(expect.arrayContaining(['tools.maturity', 'education.programmes.master.intake']));
    for (const s of controls.sliders) {
      expect(s.base, s.path).toBeGreaterThanOrEqual(s.min);
      expect(s.base, s.path).toBeLessThanOrEqual(s.max);
      expect(s.source, s.path).toBeTruthy();
    }
    const maturity = controls.sliders.find((s) => s.path === 'tools.maturity')!;
    expect(maturity).toMatchObject({ from: 'baseYear', before: '(0.2 + 0.6 * logistic((t - 6) / 2.5))' });
    expect(maturity.base).toBeCloseTo(0.2 + 0.6 / (1 + Math.exp(6 / 2.5)), 12);
    expect(controls.sliders.find((s) => s.path === 'tools.productivityGain')).toMatchObject({ from: 'whole', base: 0.2, citation: expect.stringContaining('Cui, Demirer') });
  });

  it('turns a view into overrides: switches, then sliders after the base year (history kept), constants and distributions whole', () => {
    const changes = viewOverrides(controls, view({ 'upskilling.selfStudyRate': 0.2, 'constants.growthDecay': 6, 'tools.productivityGain': '30%', 'demand.shockSd': 0.05 }, { tools: false, education: true }));
    expect(changes.map((c) => c.override)).toEqual([
      'tools.enabled=false',
      'constants.growthDecay=6',
      'upskilling.selfStudyRate="year <= 2025 ? 0.151317 : 0.2"',
      'tools.productivityGain=0.3',
    ]);
    expect(viewOverrides(controls, view({}))).toEqual([]);
  });

  it('reads a share typed as 53% or 0.53 alike, and leaves anything else for the loader to report', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        expect(readValue(`${x * 100}%`)).toBeCloseTo(x, 9);
        // `${-0}` is "0": equal as numbers, so compared with ===, not Object.is.
        expect(readValue(` ${x} `) === x).toBe(true);
      }),
    );
    expect(readValue('53%')).toBe(0.53);
    expect(readValue('0.53')).toBe(0.53);
    expect(readValue('t / 10')).toBe('t / 10');
  });

  it('refuses a view it cannot read, naming the field', () => {
    const problem = (body: unknown) => {
      try {
        parseViewState(body, controls);
      } catch (error) {
        return formatIssue((error as InputError).issues[0]);
      }
      return 'accepted';
    };
    expect(problem({ levers: {}, values: { 'tools.nothing': 1 }, draft: DRAFT })).toMatch(/^<request> values\.tools\.nothing: expected one of the sliders constants\.growthDecay, /);
    expect(problem({ levers: {}, values: {}, draft: { ...DRAFT, replications: 0 } })).toMatch(/^<request> draft\.replications: expected a view/);
    expect(problem({ levers: {}, values: {}, draft: DRAFT })).toBe('accepted');
  });

  it('writes the copy command with the draft last, quoted for a shell', () => {
    const changes = viewOverrides(controls, view({ 'upskilling.selfStudyRate': 0.2 }, { migration: false }));
    expect(copyCommand('scenarios/baseline.yaml', ['horizon=2030'], changes, DRAFT)).toBe(
      `hiresim run scenarios/baseline.yaml --set horizon=2030 --set migration.enabled=false --set 'upskilling.selfStudyRate="year <= 2025 ? 0.151317 : 0.2"' --set scale=50 --seed 20250101 --reps 8`,
    );
  });
});

describe('save as scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hiresim-explore-save-'));
  copyFileSync(BASELINE, join(dir, 'baseline.yaml'));
  const base = join(dir, 'baseline.yaml');
  const apply = scenarioLoader(base);
  const baseInput = apply([]).input;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const leverStates = fc.record(Object.fromEntries(controls.levers.map((l) => [l.lever, fc.boolean()])) as Record<string, fc.Arbitrary<boolean>>, { requiredKeys: [] });
  const sliderValues = fc.record(
    Object.fromEntries(controls.sliders.map((s) => [s.path, fc.integer({ min: 0, max: 20 }).map((k) => Number((s.min + ((s.max - s.min) * k) / 20).toPrecision(6)))])) as Record<string, fc.Arbitrary<number>>,
    { requiredKeys: [] },
  );

  it('loads to the explored file plus the view\'s overrides, and marks every value it sets', () => {
    let k = 0;
    fc.assert(
      fc.property(leverStates, sliderValues, fc.constantFrom([], ['horizon=2040'], ['demand.shockSd=0.08', 'scale=50']), (levers, values, cli) => {
        const changes = viewOverrides(controls, view(values as Record<string, number>, levers));
        const name = `what-if-${k++}.yaml`;
        const text = savedScenarioText({ baseFile: 'baseline.yaml', baseAbsolute: base, baseName: 'baseline', version: '0.1.0', cliOverrides: cli, changes, draft: DRAFT }, name);
        writeSavedScenario(base, name, text);
        const saved = loadScenario(join(dir, name));
        const direct = apply([...cli, ...changes.map((c) => c.override)]);
        expect(saved.hash).toBe(direct.hash);
        const { name: _n, description: _d, extends: _e, ...rest } = saved.input;
        const { name: _n2, description: _d2, extends: _e2, ...expected } = direct.input;
        expect(rest).toEqual(expected);
        expect(text).toMatch(/^extends: baseline\.yaml$/m);
        expect(text.match(/# set in hiresim explore/g)?.length ?? 0).toBe(new Set([...cli, ...changes.map((c) => c.override)].map((o) => o.split('=')[0])).size);
        void baseInput;
      }),
      { numRuns: 12 },
    );
  });

  it('accepts plain file names only, and never writes over a file', () => {
    expect(savedFileName('faster-tools')).toBe('faster-tools.yaml');
    expect(savedFileName('v2.yml')).toBe('v2.yml');
    for (const bad of ['', '../x', 'a/b', '.x', 'a..b', 'faster tools', 'x'.repeat(120)]) expect(() => savedFileName(bad), bad).toThrow(InputError);
    writeFileSync(join(dir, 'taken.yaml'), 'keep me\n');
    expect(() => writeSavedScenario(base, 'taken.yaml', 'name: other\n')).toThrow(/which exists/);
  });
});

describe('the explore: section of a scenario file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hiresim-explore-section-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes a scenario extending the baseline with these `explore:` entries; its problems as printed (none when it loads). */
  function problemsOf(file: string, entries: readonly string[]): string[] {
    writeFileSync(file, ['name: bad', 'description: sliders that cannot be', `extends: ${BASELINE}`, 'explore:', ...entries.map((e) => `  - ${e}`), ''].join('\n'));
    try {
      loadScenario(file);
      return [];
    } catch (error) {
      return (error as InputError).issues.map(formatIssue);
    }
  }

  it('reports each problem at its line and column', () => {
    const file = join(dir, 'bad.yaml');
    const entries = [
      '{ path: tools.enabled, label: a switch, min: 0, max: 1 }',
      '{ path: demand.nothing, label: nothing, min: 0, max: 1 }',
      '{ path: upskilling.selfStudyRate, label: outside, min: 0.2, max: 0.3 }',
      '{ path: tools.maturity, label: beyond a share, min: 0.1, max: 2 }',
    ];
    // Schema problems first (the log scale from 0), then the checks that need the scenario.
    expect(problemsOf(file, [...entries, '{ path: migration.immigrants, label: log from 0, min: 0, max: 9000, scale: log }'])).toEqual([`${file}:9:59 explore.4.min: expected a number > 0 on a log scale, found 0`]);
    expect(problemsOf(file, entries)).toEqual([
      `${file}:5:13 explore.0.path: expected the path of a numeric parameter of this scenario (upskilling.selfStudyRate), found "tools.enabled", a switch (every lever's enabled switch has its own control)`,
      `${file}:6:13 explore.1.path: expected the path of a numeric parameter of this scenario (upskilling.selfStudyRate), found "demand.nothing", which this scenario does not have`,
      `${file}:8:67 explore.3.max: expected a value the parameter tools.maturity may take (a share in [0, 1]), found 2`,
    ]);
  });

  it('says, rather than refuses, a scenario value outside a range (an override moved it) and a parameter this scenario lacks', () => {
    const file = join(dir, 'moved.yaml');
    writeFileSync(
      file,
      [
        'name: moved',
        'description: values the sliders did not expect',
        `extends: ${BASELINE}`,
        'upskilling:',
        '  selfStudyRate: 0.35',
        'education:',
        '  programmes:',
        '    master: null',
        '',
      ].join('\n'),
    );
    const moved = exploreControls(loadScenario(file));
    const selfStudy = moved.sliders.find((s) => s.path === 'upskilling.selfStudyRate')!;
    expect(selfStudy).toMatchObject({ min: 0.05, max: 0.35, base: 0.35 });
    expect(selfStudy.note).toBe("the scenario's value of upskilling.selfStudyRate, 0.35, lies outside the range its explore: entry gives (0.05 to 0.3): the slider is widened to hold it");
    expect(moved.sliders.map((s) => s.path)).not.toContain('education.programmes.master.intake');
    expect(moved.left).toEqual([`"University intake: master's students a year" has no slider: education.programmes.master.intake is not in this scenario`]);
  });

  it('leaves the scenario hash alone: it is not a model input', () => {
    const file = join(dir, 'no-sliders.yaml');
    writeFileSync(file, `name: no-sliders\ndescription: the baseline without sliders\nextends: ${BASELINE}\nexplore: []\n`);
    expect(loadScenario(file).hash).toBe(baseline.hash);
    expect(exploreControls(loadScenario(file)).sliders).toEqual([]);
  });
});
