/**
 * Results do not depend on how many persons an agent stands for, beyond sampling error: the
 * baseline at scales 5, 10 and 50 against the shipped scale, year by year to 2030, for the gap,
 * open positions, qualified candidates, employment, median pay, and acqui-hire deals, engineers
 * and spend. Different scales are different samples (no common random numbers), so two means may
 * differ by sampling error: the test allows 4 standard errors of the difference, plus 3% of the
 * value for what an agent's granularity may still move (a firm rounds its plan to whole agents).
 * The gap is compared in points (its mean over replications is a mean of ratios near zero).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS, METRIC_INDEX } from '../../src/model/metrics.js';
import { sharedRun, type SharedRun } from '../helpers/runs.js';

const HORIZON = 2030;
const COMPARED = ['gap', 'openPositions', 'qualifiedCandidates', 'employed', 'payMedian', 'acquihires', 'acquihiredEngineers', 'acquihireSpend'] as const;
const runs = new Map<number, SharedRun>();

beforeAll(async () => {
  runs.set(20, await sharedRun([`horizon=${HORIZON}`]));
  runs.set(50, await sharedRun([`horizon=${HORIZON}`, 'scale=50']));
  runs.set(10, await sharedRun([`horizon=${HORIZON}`, 'scale=10', 'replications=16']));
  runs.set(5, await sharedRun([`horizon=${HORIZON}`, 'scale=5', 'replications=8']));
}, 1_200_000);

function stats(run: SharedRun, y: number, metric: string): { mean: number; se: number } {
  const k = METRIC_INDEX[metric];
  const xs = run.values.map((v) => v[y * METRICS.length + k]);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, se: Math.sqrt(variance / xs.length) };
}

describe('scale', () => {
  it.each([5, 10, 50])('the baseline at scale %i agrees with the shipped scale within sampling error, every year to 2030', (scale) => {
    const reference = runs.get(20) as SharedRun;
    const other = runs.get(scale) as SharedRun;
    const years = reference.summary.years.map((row) => row.year);
    const off: string[] = [];
    years.forEach((year, y) => {
      for (const metric of COMPARED) {
        const a = stats(reference, y, metric);
        const b = stats(other, y, metric);
        const allowance = 4 * Math.hypot(a.se, b.se) + (metric === 'gap' ? 0.03 : 0.03 * Math.abs(a.mean));
        if (Math.abs(a.mean - b.mean) > allowance) off.push(`${year} ${metric}: scale 20 ${a.mean.toPrecision(4)} ± ${a.se.toPrecision(2)}, scale ${scale} ${b.mean.toPrecision(4)} ± ${b.se.toPrecision(2)}`);
      }
    });
    expect(off).toEqual([]);
  });

  it('acqui-hires happen at every scale (so the comparison of deals is not of zeros)', () => {
    for (const [scale, run] of runs) {
      const deals = run.values.reduce((n, v) => n + v.filter((_, i) => i % METRICS.length === METRIC_INDEX.acquihires).reduce((a, b) => a + b, 0), 0);
      expect(deals, `scale ${scale}`).toBeGreaterThan(0);
    }
  });
});
