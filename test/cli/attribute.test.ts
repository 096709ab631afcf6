/** `hiresim attribute`, spawned: Shapley values over lever subsets on common random numbers. */
import { describe, expect, it } from 'vitest';
import { hiresim } from '../helpers/cli.js';

const SMALL = ['--reps', '6', '--threads', '2', '--set', 'scale=50', '--set', 'burnInYears=2', '--set', 'horizon=2036', '--year', '2030'];

describe('hiresim attribute', () => {
  const r = hiresim(['attribute', 'scenarios/baseline.yaml', '--levers', 'upskilling,tools,migration', ...SMALL, '--json']);
  const a = JSON.parse(r.stdout);

  it('runs every subset and reports each lever with alone-on and alone-off effects', () => {
    expect(r.status, r.stderr).toBe(0);
    expect(a.levers).toEqual(['upskilling', 'tools', 'migration']);
    expect(a.subsets).toHaveLength(8);
    expect(a.subsets[0].on).toEqual([]);
    expect(a.subsets[7].on).toEqual(['upskilling', 'tools', 'migration']);
    expect(a.attributions.map((x: { lever: string }) => x.lever)).toEqual(['upskilling', 'tools', 'migration']);
    expect(a.method).toContain('exact Shapley values over all 8 subsets');
  });

  it('has Shapley values that add up exactly to all levers on minus all off (closing year and gap)', () => {
    const sum = (key: 'closingYear' | 'gap') => a.attributions.reduce((s: number, x: Record<string, { mean: number }>) => s + x[key].mean, 0);
    expect(sum('closingYear')).toBeCloseTo(a.total.closingYear.mean, 9);
    expect(sum('gap')).toBeCloseTo(a.total.gap.mean, 9);
    // and the total is the difference of the extreme subsets' means
    expect(a.total.closingYear.mean).toBeCloseTo(a.subsets[7].meanClosingYear - a.subsets[0].meanClosingYear, 9);
  });

  it('finds upskilling narrows the 2030 gap (a resolved contribution)', () => {
    const upskilling = a.attributions[0];
    expect(upskilling.gap.meanHigh).toBeLessThan(0);
  });

  it('rejects an unknown lever or a year outside the horizon with exit 2', () => {
    const bad = hiresim(['attribute', 'scenarios/baseline.yaml', '--levers', 'upskilling,wages']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--levers: expected names from education, upskilling, tools, acquihires, migration, found "wages"');
    const year = hiresim(['attribute', 'scenarios/baseline.yaml', '--levers', 'tools', '--year', '2099', '--reps', '1', '--set', 'scale=50', '--set', 'startYear=2023', '--set', 'horizon=2040']);
    expect(year.status).toBe(2);
    expect(year.stderr).toContain('--year:1:1 year: expected a year from 2025 to 2040 (from the base year: 2023–2024 are history), found 2099');
    expect(year.stderr).not.toMatch(/\n\s+at /);
  });
});
