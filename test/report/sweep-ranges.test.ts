/**
 * A sweep's --param ranges, read from its provenance record's argv as the CLI reads them (the
 * option is an array: `--param A B` as well as `--param A --param B` and `--param=A`), so that a
 * parameter swept on a log scale gets a log axis; a record whose ranges do not parse gives none.
 */
import { describe, expect, it } from 'vitest';
import { recordedRanges } from '../../src/report/sweep.js';
import { sweepLogTicks } from '../../src/report/sweep-charts.js';

describe('recordedRanges', () => {
  it('reads every --param form, in order', () => {
    expect(recordedRanges(['sweep', 'a.yaml', '--param', 'x=0.02:0.2:log', 'y=1,2,3', '--param=z=0:1', '--samples', '8'])).toEqual([
      { path: 'x', kind: 'continuous', low: 0.02, high: 0.2, log: true },
      { path: 'y', kind: 'discrete', values: [1, 2, 3] },
      { path: 'z', kind: 'continuous', low: 0, high: 1, log: false },
    ]);
    expect(recordedRanges(['sweep', 'a.yaml', '--samples', '8'])).toEqual([]);
  });

  it('gives none for ranges that do not parse', () => {
    expect(recordedRanges(['sweep', 'a.yaml', '--param', 'x=0.2:0.02'])).toBeUndefined();
  });
});

describe('sweepLogTicks', () => {
  it('ticks 1–2–5 steps inside the range, and its ends when fewer than three fall inside', () => {
    expect(sweepLogTicks(0.02, 0.2)).toEqual([0.02, 0.05, 0.1, 0.2]);
    expect(sweepLogTicks(0.03, 0.07)).toEqual([0.03, 0.05, 0.07]);
  });
});
