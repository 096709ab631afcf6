/** The sweep run list: deterministic expansion, stable run ids, shards that partition it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseParamRanges } from '../../../src/studies/sweep/param-spec.js';
import { expandRunList, shardOf, toRuns } from '../../../src/studies/sweep/run-list.js';
import { InputError } from '../../../src/scenario/issues.js';

const ranges = parseParamRanges(['demand.payElasticity=0.2:1', 'migration.immigrants=1000,3000,6000', 'tools.breakthroughJump=0.01:0.3:log']);
const spec = { scenarioHash: 'abc', ranges, design: 'grid' as const, samples: 3, seed: 1, replications: 4 };

describe('parseParamRanges', () => {
  it('reads continuous, log and discrete ranges', () => {
    expect(ranges).toEqual([
      { path: 'demand.payElasticity', kind: 'continuous', low: 0.2, high: 1, log: false },
      { path: 'migration.immigrants', kind: 'discrete', values: [1000, 3000, 6000] },
      { path: 'tools.breakthroughJump', kind: 'continuous', low: 0.01, high: 0.3, log: true },
    ]);
  });

  it('reports every bad range at once', () => {
    try {
      parseParamRanges(['x', 'a.b=2:1', 'a.c=0:1:log', 'a.d=1', 'a.e=0:1', 'a.e=2:3']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues.map((i) => i.expected)).toEqual([
        'path=LO:HI[:log] or path=a,b,c',
        'LO below HI',
        'LO > 0 on a log scale',
        'LO:HI[:log] or at least two values a,b',
        'each path once',
      ]);
    }
  });
});

describe('expandRunList', () => {
  it('expands a grid to every combination, with values inside the ranges, the same every time', () => {
    const runs = expandRunList(spec);
    expect(runs).toHaveLength(3 * 3 * 3);
    expect(expandRunList(spec)).toEqual(runs);
    expect(new Set(runs.map((r) => r.runId)).size).toBe(runs.length);
    for (const run of runs) {
      expect(run.point['demand.payElasticity']).toBeGreaterThanOrEqual(0.2);
      expect(run.point['demand.payElasticity']).toBeLessThanOrEqual(1);
      expect([1000, 3000, 6000]).toContain(run.point['migration.immigrants']);
    }
  });

  it('gives other run ids for another scenario hash or seed (results of one sweep never pass for another)', () => {
    const a = expandRunList(spec).map((r) => r.runId);
    expect(expandRunList({ ...spec, scenarioHash: 'abd' }).map((r) => r.runId).some((id) => a.includes(id))).toBe(false);
    expect(expandRunList({ ...spec, seed: 2 }).map((r) => r.runId).some((id) => a.includes(id))).toBe(false);
  });
  it('gives every entry its own run id, also when a design repeats a point (only discrete parameters)', () => {
    const discrete = parseParamRanges(['matching.rounds=6,12', 'acquihires.enabled=true,false']);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.constantFrom('lhs' as const, 'sobol' as const, 'grid' as const), (samples, design) => {
        const runs = expandRunList({ ...spec, ranges: discrete, design, samples });
        expect(new Set(runs.map((r) => r.runId)).size).toBe(runs.length);
      }),
    );
    const lhs = expandRunList({ ...spec, ranges: discrete, design: 'lhs', samples: 8 });
    expect(new Set(lhs.map((r) => JSON.stringify(r.point))).size).toBeLessThan(lhs.length);
  });

  it('gives another design other run ids for the same point at the same position', () => {
    const grid = expandRunList({ ...spec, design: 'grid' }).map((r) => r.runId);
    const [first] = toRuns([[0, 0, 0]], { ...spec, design: 'grid' });
    const [other] = toRuns([[0, 0, 0]], { ...spec, design: 'saltelli' });
    expect(first.runId).toBe(grid[0]);
    expect(other.runId).not.toBe(first.runId);
  });
});

describe('shardOf', () => {
  it('puts every run in exactly one shard, for any number of shards (property)', () => {
    const runs = expandRunList({ ...spec, design: 'lhs', samples: 37 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
        const seen = Array.from({ length: n }, (_, i) => shardOf(runs, i, n)).flat().map((r) => r.index).sort((x, y) => x - y);
        expect(seen).toEqual(runs.map((r) => r.index));
      }),
    );
  });
});
