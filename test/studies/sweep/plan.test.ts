/**
 * The plan line of `hiresim sweep` (sweepPlan): the design, the points left (of a shard, of a
 * resumed file), points × replications and where the replications come from, the threads; and the
 * canonical command its lines record (sweepArgs).
 */
import { describe, expect, it } from 'vitest';
import { sweepArgs, sweepPlan, type SweepPlan } from '../../../src/cli/commands/sweep.js';

const base: SweepPlan = { toRun: 16, resumed: 0, mine: 16, all: 16, design: 'lhs', replications: 40, name: 'baseline', scale: 20, threads: 2, repsGiven: false };

describe('sweepPlan', () => {
  it('names the points, the replications (the scenario\'s, unless --reps), the scale and the threads', () => {
    expect(sweepPlan(base)).toBe('sweep (lhs): 16 points × 40 replications (the scenario\'s; --reps to change) of "baseline" at 1 agent = 20 persons on 2 threads');
    expect(sweepPlan({ ...base, replications: 10, repsGiven: true, threads: 1, scale: 1 })).toBe('sweep (lhs): 16 points × 10 replications of "baseline" at 1 agent = 1 person on 1 thread');
  });

  it('says what is left of a resumed file and of a shard', () => {
    expect(sweepPlan({ ...base, toRun: 10, resumed: 6 })).toMatch(/^sweep \(lhs\): 10 of 16 points left \(6 already in the file\) × 40 replications/);
    expect(sweepPlan({ ...base, design: 'grid', toRun: 4, mine: 4, all: 16, shard: { index: 1, of: 4 } })).toMatch(/^sweep \(grid\): shard 1\/4, 4 of 16 points × 40/);
    expect(sweepPlan({ ...base, toRun: 1, resumed: 3, mine: 4, shard: { index: 0, of: 4 } })).toMatch(/^sweep \(lhs\): shard 0\/4, 1 of its 4 points left \(3 already in the file\) × 40/);
  });
});

describe('sweepArgs', () => {
  it('writes every choice explicitly, in one order, years ascending and once', () => {
    const ranges = [
      { path: 'b.x', kind: 'continuous', low: 0.5, high: 2, log: true },
      { path: 'a.y', kind: 'discrete', values: [1, true, 'z'] },
    ] as const;
    expect(sweepArgs({ file: 's.yaml', ranges, design: 'grid', samples: 3, years: [2032, 2028, 2032], overrides: ['scale=50', 'replications=2'] })).toEqual([
      'sweep', 's.yaml', '--param', 'b.x=0.5:2:log', '--param', 'a.y=1,true,z', '--design', 'grid', '--samples', '3', '--years', '2028,2032', '--set', 'scale=50', '--set', 'replications=2',
    ]);
  });
});
