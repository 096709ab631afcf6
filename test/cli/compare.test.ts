/**
 * `hiresim compare`, spawned: paired runs on common random numbers, the JSON shape, and common
 * random numbers actually reducing the spread of the differences.
 */
import { describe, expect, it } from 'vitest';
import { hiresim } from '../helpers/cli.js';

const SMALL = ['--reps', '8', '--threads', '2', '--set', 'scale=50', '--set', 'horizon=2034'];

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
    expect(d.years.map((y: { year: number }) => y.year)).toEqual(Array.from({ length: 10 }, (_, k) => 2025 + k));
    for (const key of ['mean', 'meanLow', 'meanHigh', 'p5', 'p50', 'p95', 'withinNoise']) expect(d.years[3].gap).toHaveProperty(key);
    expect(d.closingYear).toHaveProperty('probabilityEarlier');
    expect(c.ranking).toHaveLength(2);
  });

  it('pairs replications: the base year, untouched by the variant, differs by exactly zero in every replication', () => {
    const y0 = c.differences[0].years[0].gap;
    expect([y0.p5, y0.p50, y0.p95, y0.mean]).toEqual([0, 0, 0, 0]);
  });

  it('finds the earlier-maturing tools close the gap sooner (a resolved difference)', () => {
    const gap2030 = c.differences[0].years[5].gap;
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
