/**
 * `hiresim compare`, spawned: paired runs on common random numbers, the JSON shape (provenance
 * first), the plan line on stderr, and common random numbers actually reducing the spread of the
 * differences.
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

  it('starts the JSON with its provenance: every scenario in order, the reproducing command without --threads', () => {
    expect(r.status, r.stderr).toBe(0);
    expect(Object.keys(c)[0]).toBe('provenance');
    const p = c.provenance;
    expect(p.scenarios.map((s: { file: string }) => s.file)).toEqual(['scenarios/baseline.yaml', 'scenarios/tool-breakthrough.yaml']);
    expect(p.scenarios.map((s: { hash: string }) => s.hash)).toEqual(c.scenarios.map((s: { hash: string }) => s.hash));
    expect(p.command).toBe('hiresim compare scenarios/baseline.yaml scenarios/tool-breakthrough.yaml --reps 8 --set scale=50 --set burnInYears=2 --set horizon=2034');
    expect(p.overrides).toEqual(['scale=50', 'burnInYears=2', 'horizon=2034', 'replications=8']);
    expect([p.seed, p.replications]).toEqual([c.seed, 8]);
  });

  it('states its plan on stderr before running: scenarios × replications, the scale and the threads', () => {
    expect(r.stderr).toMatch(/^hiresim: compare: 2 scenarios × 8 replications at 1 agent = 50 persons on 2 threads … (about|done in) /m);
  });

  it('gives the closing-year verdict as a sign test whose shares add up to 1', () => {
    const d = c.differences[0].closingYear;
    expect(d.probabilityEarlier + d.probabilityLater + d.probabilitySameOrNeither).toBeCloseTo(1, 12);
    expect(d.signTest.earlier + d.signTest.later).toBeLessThanOrEqual(8);
    expect(d.signTest.earlier).toBe(Math.round(8 * d.probabilityEarlier));
    expect(d.signTest.resolved).toBe(d.signTest.pValue < 0.1);
  });

  it('prints no "censored" and no "–>" in the table, and the closing-year difference in words', () => {
    const table = hiresim(['compare', 'scenarios/baseline.yaml', 'scenarios/tool-breakthrough.yaml', ...SMALL]);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).not.toContain('censored');
    expect(table.stdout).not.toMatch(/–>/);
    expect(table.stdout).toMatch(/^tool-breakthrough +(\d+ years? (earlier|later)|no difference|earlier \("baseline" after 2034\)|later \(after 2034\)|neither closes by 2034) +\d\.\d\d +\d\.\d\d +\d\.\d\d +/m);
    expect(table.stdout).toContain('Verdict: exact two-sided sign test at the 10% level on the 8 pairs.');
  });

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
    expect(lone.stderr).toContain('<scenario..>: expected at least one scenario file after the reference, found none');
    const bad = hiresim(['compare', 'scenarios/baseline.yaml', 'scenarios/no-such.yaml', ...SMALL]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/scenarios\/no-such\.yaml:1:1 \(root\): expected an existing scenario file/);
    expect(bad.stdout).toBe('');
  });
});
