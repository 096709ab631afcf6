/**
 * `hiresim compare`, spawned: paired runs on common random numbers, the JSON shape, and common
 * random numbers actually reducing the spread of the differences.
 */
import { describe, expect, it } from 'vitest';
import { firstYear } from '../../src/scenario/calendar.js';
import { loadScenario } from '../../src/scenario/load.js';
import { hiresim } from '../helpers/cli.js';
import { BASELINE } from '../helpers/problems.js';

const SMALL = ['--reps', '8', '--threads', '2', '--set', 'scale=50', '--set', 'burnInYears=2', '--set', 'horizon=2034'];
// The baseline's history (from its start year, read from the file) comes before the base year 2025.
const START = firstYear(loadScenario(BASELINE).scenario);
const YEARS = Array.from({ length: 2034 - START + 1 }, (_, k) => START + k);

describe('hiresim compare', () => {
  const r = hiresim(['compare', 'scenarios/baseline.yaml', 'scenarios/tool-breakthrough.yaml', ...SMALL, '--json']);
  const c = JSON.parse(r.stdout);

  it('prints one JSON object with every scenario, the paired differences and a ranking', () => {
    expect(r.status, r.stderr).toBe(0);
    expect(c.replications).toBe(8);
    expect(c.scenarios.map((s: { name: string }) => s.name)).toEqual(['baseline', 'tool-breakthrough']);
    expect(c.differences).toHaveLength(1);
    const d = c.differences[0];
    expect(d.scenario).toBe('tool-breakthrough');
    expect(d.against).toBe('baseline');
    expect(d.years.map((y: { year: number }) => y.year)).toEqual(YEARS);
    for (const key of ['mean', 'meanLow', 'meanHigh', 'p5', 'p50', 'p95', 'withinNoise']) expect(d.years.at(-1).gap).toHaveProperty(key);
    expect(d.closingYear).toHaveProperty('probabilityEarlier');
    expect(c.ranking).toHaveLength(2);
  });

  it('pairs replications: history years, untouched by the variant (it changes the projection only), differ by exactly zero in every replication', () => {
    const history = c.differences[0].years.filter((y: { year: number }) => y.year < 2025);
    expect(history).toHaveLength(2025 - START);
    expect(history.length).toBeGreaterThan(0);
    for (const { year, gap } of history) expect([gap.p5, gap.p50, gap.p95, gap.mean], String(year)).toEqual([0, 0, 0, 0]);
    // …and the projection does differ.
    expect(c.differences[0].years.filter((y: { year: number; gap: { mean: number } }) => y.year > 2025 && y.gap.mean !== 0).length).toBeGreaterThan(0);
  });

  it('finds the earlier-maturing tools close the gap sooner (a resolved difference)', () => {
    const gap2030 = c.differences[0].years.find((y: { year: number }) => y.year === 2030).gap;
    expect(gap2030.meanHigh).toBeLessThan(0);
    expect(gap2030.withinNoise).toBe(false);
  });

  it('is the same with one thread or two', () => {
    const one = hiresim(['compare', 'scenarios/baseline.yaml', 'scenarios/tool-breakthrough.yaml', ...SMALL.slice(0, 2), '--threads', '1', ...SMALL.slice(4), '--json']);
    expect(one.stdout).toBe(r.stdout);
  });

  it('exits 2 for fewer than two files, and for a bad second file before running anything', () => {
    const lone = hiresim(['compare', 'scenarios/baseline.yaml']);
    expect(lone.status).toBe(2);
    expect(lone.stderr).toContain('at least two');
    const bad = hiresim(['compare', 'scenarios/baseline.yaml', 'scenarios/no-such.yaml', ...SMALL]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/scenarios\/no-such\.yaml:1:1 \(root\): expected an existing scenario file/);
    expect(bad.stdout).toBe('');
  });
});
