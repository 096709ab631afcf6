/**
 * The recursion resumed from a base-year checkpoint (`runExpected(s, {from})`, what `hiresim
 * explore` answers a what-if with) gives the same values, to the last bit, as the recursion run
 * from the start, and resumes only when the scenario's history is the checkpoint's.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedCheckpoint, runExpected, type ExpectedCheckpoint } from '../../src/expected/recursion.js';
import { exploreControls, viewOverrides, type Controls } from '../../src/explore/controls.js';
import { scenarioLoader, type LoadedScenario } from '../../src/scenario/load.js';
import type { Lever } from '../../src/scenario/levers.js';

const QUICK = { nodes: 64, steps: 32 } as const;
const DRAFT = { scale: 50, replications: 8, seed: 1 };

let apply: (overrides: readonly string[]) => LoadedScenario;
let base: LoadedScenario;
let controls: Controls;
let checkpoint: ExpectedCheckpoint;

beforeAll(() => {
  apply = scenarioLoader('scenarios/baseline.yaml');
  base = apply([]);
  controls = exploreControls(base);
  checkpoint = expectedCheckpoint(base.scenario, QUICK);
});

/** The bytes of a run's values: equal bytes are equal numbers, -0 and NaN included. */
const bytes = (values: Float64Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

function bothWays(overrides: readonly string[]) {
  const { scenario } = apply(overrides);
  return { resumed: runExpected(scenario, { ...QUICK, from: checkpoint }), fresh: runExpected(scenario, QUICK) };
}

describe('the base-year checkpoint', () => {
  it("holds the history's rows, equal to the run from the start", () => {
    const fresh = runExpected(base.scenario, QUICK);
    expect(checkpoint.history.length).toBeGreaterThan(0);
    expect(bytes(checkpoint.history)).toEqual(bytes(fresh.values.subarray(0, checkpoint.history.length)));
  });

  it('resumes the unchanged scenario at the base year with the same values', () => {
    const { resumed, fresh } = bothWays([]);
    expect(resumed.resumedFrom).toBe(base.scenario.baseYear);
    expect(fresh.resumedFrom).toBeUndefined();
    expect(bytes(resumed.values)).toEqual(bytes(fresh.values));
  });

  it("resumes every what-if the page can make (sliders from the base year, lever switches), to the last bit, and is not changed by use", () => {
    const sliderValue = (k: number) => fc.double({ min: controls.sliders[k].min, max: controls.sliders[k].max, noNaN: true });
    const view = fc.record({
      values: fc.tuple(...controls.sliders.map((_, k) => fc.option(sliderValue(k), { nil: undefined }))),
      levers: fc.tuple(...controls.levers.map(() => fc.option(fc.boolean(), { nil: undefined }))),
    });
    const before = bytes(checkpoint.history).toString('base64');
    fc.assert(
      fc.property(view, ({ values, levers }) => {
        const state = {
          values: Object.fromEntries(controls.sliders.flatMap((s, k) => (values[k] === undefined ? [] : [[s.path, values[k]]]))),
          levers: Object.fromEntries(controls.levers.flatMap((l, k) => (levers[k] === undefined ? [] : [[l.lever, levers[k]]]))) as Partial<Record<Lever, boolean>>,
          draft: DRAFT,
        };
        const changes = viewOverrides(controls, state);
        const { resumed, fresh } = bothWays(changes.map((c) => c.override));
        const fromBaseYear = changes.every((c) => controls.sliders.find((s) => s.path === c.path)?.from !== 'whole');
        if (fromBaseYear) expect(resumed.resumedFrom).toBe(base.scenario.baseYear);
        expect(bytes(resumed.values)).toEqual(bytes(fresh.values));
      }),
      { numRuns: 12, seed: 2026 },
    );
    expect(bytes(checkpoint.history).toString('base64')).toBe(before);
    expect(bytes(runExpected(base.scenario, { ...QUICK, from: checkpoint }).values)).toEqual(bytes(runExpected(base.scenario, QUICK).values));
  });

  it('resumes when a constant changes that only later years use, and not when the history uses it', () => {
    const later = bothWays(['constants.growthDecay=2']);
    expect(later.resumed.resumedFrom).toBe(base.scenario.baseYear);
    expect(bytes(later.resumed.values)).toEqual(bytes(later.fresh.values));
    const history = apply(['constants.growthDecay=2', 'demand.growth="year < 2025 ? 0.01 * growthDecay : 0.2"']);
    const fresh = runExpected(history.scenario, QUICK);
    const resumedOnce = runExpected(history.scenario, { ...QUICK, from: expectedCheckpoint(apply(['demand.growth="year < 2025 ? 0.01 * growthDecay : 0.2"']).scenario, QUICK) });
    expect(resumedOnce.resumedFrom).toBeUndefined();
    expect(bytes(resumedOnce.values)).toEqual(bytes(fresh.values));
  });

  it('runs from the start when the history differs: a value replaced in every year, other nodes or steps', () => {
    const whole = bothWays(['education.programmes.master.intake=120000']);
    expect(whole.resumed.resumedFrom).toBeUndefined();
    expect(bytes(whole.resumed.values)).toEqual(bytes(whole.fresh.values));
    // The base year's own value is part of the history (the tools' effects are measured from it).
    const maturity = controls.sliders.find((s) => s.path === 'tools.maturity')!;
    const after = (op: string) => apply([`tools.maturity="year ${op} ${base.scenario.baseYear} ? ${maturity.before} : 0.9"`]).scenario;
    expect(runExpected(after('<='), { ...QUICK, from: checkpoint }).resumedFrom).toBe(base.scenario.baseYear);
    expect(runExpected(after('<'), { ...QUICK, from: checkpoint }).resumedFrom).toBeUndefined();
    expect(runExpected(base.scenario, { nodes: 32, steps: 32, from: checkpoint }).resumedFrom).toBeUndefined();
    expect(runExpected(base.scenario, { nodes: 64, steps: 16, from: checkpoint }).resumedFrom).toBeUndefined();
  });
});
