/**
 * `hiresim attribute`, spawned: Shapley values over lever subsets on common random numbers, the
 * JSON's provenance, the plan line on stderr, and the draft defaults that keep it near a minute.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAFT_REPLICATIONS, DRAFT_SCALE } from '../../src/cli/commands/attribute.js';
import { loadScenario } from '../../src/scenario/load.js';
import { hiresim } from '../helpers/cli.js';

const SMALL = ['--reps', '6', '--threads', '2', '--set', 'scale=50', '--set', 'burnInYears=2', '--set', 'horizon=2036', '--year', '2030'];

describe('hiresim attribute', () => {
  const r = hiresim(['attribute', 'scenarios/baseline.yaml', '--levers', 'upskilling,tools,migration', ...SMALL, '--json']);
  const a = JSON.parse(r.stdout);

  it('starts the JSON with its provenance and records the scale', () => {
    expect(r.status, r.stderr).toBe(0);
    expect(Object.keys(a)[0]).toBe('provenance');
    expect(a.provenance.command).toBe('hiresim attribute scenarios/baseline.yaml --levers upskilling,tools,migration --reps 6 --set scale=50 --set burnInYears=2 --set horizon=2036 --year 2030');
    expect(a.provenance.scenarios).toHaveLength(1);
    expect(a.provenance.scenarios[0]).toMatchObject({ file: 'scenarios/baseline.yaml', hash: a.scenario.hash });
    expect(a.provenance.overrides).toEqual(['scale=50', 'burnInYears=2', 'horizon=2036', 'replications=6']);
    expect(a.scale).toBe(50);
  });

  it('states subsets × replications on stderr, without a draft note when --reps and --set scale are given', () => {
    expect(r.stderr).toMatch(/^hiresim: attribute: 8 lever subsets × 6 replications of "baseline" at 1 agent = 50 persons on 2 threads … (about|done in) /m);
    expect(r.stderr).not.toContain('draft');
  });

  it('reports for every closing-year difference how often both compared runs stay open, and not measurable where that is most', () => {
    for (const x of [...a.attributions.flatMap((l: Record<string, { open: { bothOpen: number; measurable: boolean } }>) => [l.aloneOn, l.aloneOff]), a.total]) {
      expect(x.open.measurable).toBe(x.open.bothOpen <= 3);
    }
    for (const x of a.attributions) expect(x.closingYearOpen.measurable).toBe(x.closingYearOpen.bothOpen <= 0.5);
  });

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

  it('is the same with one thread or two (one pool of workers runs every subset)', () => {
    const args = ['attribute', 'scenarios/baseline.yaml', '--levers', 'tools,migration', '--reps', '3', '--set', 'scale=50', '--set', 'startYear=2023', '--set', 'burnInYears=2', '--set', 'horizon=2030', '--json'];
    const one = hiresim([...args, '--threads', '1']);
    const two = hiresim([...args, '--threads', '2']);
    expect(one.status, one.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('rejects an unknown lever or a year outside the horizon with exit 2', () => {
    const bad = hiresim(['attribute', 'scenarios/baseline.yaml', '--levers', 'upskilling,wages']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--levers: expected names from education, upskilling, tools, acquihires, migration, found "wages"');
    const year = hiresim(['attribute', 'scenarios/baseline.yaml', '--levers', 'tools', '--year', '2099', '--reps', '1', '--set', 'scale=50', '--set', 'startYear=2023', '--set', 'horizon=2040']);
    expect(year.status).toBe(2);
    expect(year.stderr).toContain('--year: expected a year from 2025 to 2040 (from the base year: 2023–2024 are history), found 2099');
    expect(year.stderr).not.toMatch(/\n\s+at /);
  });

  it('defaults to a draft (coarser scale, fewer replications) and says so in the plan line, the table, the JSON and --help', () => {
    const own = loadScenario('scenarios/baseline.yaml').scenario;
    expect(own.scale).toBeLessThan(DRAFT_SCALE);
    expect(own.replications).toBeGreaterThan(DRAFT_REPLICATIONS);
    const out = mkdtempSync(join(tmpdir(), 'hiresim-attribute-'));
    const draft = hiresim(['attribute', 'scenarios/baseline.yaml', '--levers', 'tools', '--threads', '2', '--set', 'startYear=2023', '--set', 'burnInYears=2', '--set', 'horizon=2028', '--year', '2028', '--out', out]);
    expect(draft.status, draft.stderr).toBe(0);
    expect(draft.stderr).toContain(
      `hiresim: attribute: 2 lever subsets × ${DRAFT_REPLICATIONS} replications of "baseline" at 1 agent = ${DRAFT_SCALE} persons on 2 threads (draft defaults; the scenario's own 1 agent = ${own.scale} persons and ${own.replications} replications: --set scale=${own.scale} --reps ${own.replications}) …`,
    );
    expect(draft.stdout).toContain(`Draft: 1 agent = ${DRAFT_SCALE} persons and ${DRAFT_REPLICATIONS} replications a subset (attribute's defaults, for a result in about a minute)`);
    const j = JSON.parse(readFileSync(join(out, 'attribution.json'), 'utf8'));
    rmSync(out, { recursive: true, force: true });
    expect([j.scale, j.replications]).toEqual([DRAFT_SCALE, DRAFT_REPLICATIONS]);
    // The drafts are overrides like --set ones, recorded in order before the user's.
    expect(j.provenance.overrides).toEqual([`scale=${DRAFT_SCALE}`, `replications=${DRAFT_REPLICATIONS}`, 'startYear=2023', 'burnInYears=2', 'horizon=2028']);
    const help = hiresim(['attribute', '--help']);
    expect(help.stdout).toContain(`× ${DRAFT_REPLICATIONS} replications at 1 agent = ${DRAFT_SCALE}`);
  });
});
