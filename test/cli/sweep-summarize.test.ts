/**
 * `hiresim sweep summarize`, spawned on a small sweep made here: the response table, the --json shape,
 * the PRIM sentence and pasting, bad input as exit 2, and `sweep` still working as a command group.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { hiresim } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hiresim-summarize-'));
const results = join(dir, 'sweep.jsonl');
const PARAMS = ['demand.payElasticity', 'upskilling.selfStudyRate'];
const sweep = hiresim(['sweep', 'scenarios/baseline.yaml', '--param', 'demand.payElasticity=0.2:1', '--param', 'upskilling.selfStudyRate=0.02:0.3', '--design', 'lhs', '--samples', '24', '--reps', '2', '--set', 'scale=50', '--set', 'horizon=2034', '--years', '2030,2032', '--out', results]);

describe('hiresim sweep summarize', () => {
  it('runs the sweep it summarises (sweep is still a command with its options), recording base year and horizon', () => {
    expect(sweep.status, sweep.stderr).toBe(0);
    const first = JSON.parse(readFileSync(results, 'utf8').split('\n')[0]);
    expect(first).toMatchObject({ baseYear: 2025, horizon: 2034 });
  });

  it('prints both parameters with a correlation in [−1, 1] and a bar; more self-study closes the gap earlier', () => {
    const r = hiresim(['sweep', 'summarize', results]);
    expect(r.status, r.stderr).toBe(0);
    const closingTable = r.stdout.split('Qualified candidates per 100 open positions in')[0];
    for (const path of PARAMS) {
      const row = closingTable.split('\n').find((l) => l.startsWith(path));
      expect(row, path).toBeDefined();
      const rho = Number((row as string).slice(path.length).trim().split(/\s+/)[0].replace('−', '-'));
      expect(rho).toBeGreaterThanOrEqual(-1);
      expect(rho).toBeLessThanOrEqual(1);
    }
    expect(closingTable).toMatch(/upskilling\.selfStudyRate\s+−0\.\d\d\s+█/);
    // The second table is of the headline measure, median per bin (whole numbers per 100), with ρ of the opposite sign to the gap's.
    expect(r.stdout).toContain('Qualified candidates per 100 open positions in 2030 (median over replications; 100 = balance)');
    expect(r.stdout).not.toContain('Median gap in');
    expect(r.stdout).toContain('Censoring: a run whose median closing year is censored');
    expect(r.stdout).toMatch(/The gap closes by 2033 in \d+% of runs \(density\) when .+; the box holds \d+% of all such runs \(coverage\)|no case of interest|Every run's gap closes by 2033|No box does better/);
  });

  it('gives the same data as one JSON object with the documented shape', () => {
    const r = hiresim(['sweep', 'summarize', results, '--json', '--year', '2032', '--by', '2031']);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ runs: 24, design: 'lhs', replications: 2, baseYear: 2025, horizon: 2034, year: 2032 });
    expect(s.parameters.map((p: { path: string }) => p.path)).toEqual(PARAMS);
    const lines = readFileSync(results, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    for (const p of s.parameters) {
      expect(p.kind).toBe('numeric');
      expect(p.spearman.candidatesPer100).toBeCloseTo(-p.spearman.gap, 12);
      for (const rho of [p.spearman.closingYear, p.spearman.gap]) {
        expect(rho).toBeGreaterThanOrEqual(-1);
        expect(rho).toBeLessThanOrEqual(1);
      }
      expect(p.bins).toHaveLength(4);
      expect(p.bins.reduce((n: number, b: { runs: number }) => n + b.runs, 0)).toBe(24);
      for (const b of p.bins) expect(Object.keys(b).sort()).toEqual(['candidatesPer100Median', 'censoredShare', 'closingYearMeanClosed', 'gapMean', 'high', 'low', 'runs', 'value']);
      // Each bin's median candidates per 100, from its lines' median gaps in 2032.
      const inBin = (b: { low: number; high: number }) => lines.filter((l) => l.point[p.path] >= b.low && l.point[p.path] <= b.high).map((l) => 100 * (1 - l.gap['2032'].p50)).sort((x, y) => x - y);
      for (const b of p.bins) {
        const xs = inBin(b);
        const h = (xs.length - 1) / 2;
        expect(b.candidatesPer100Median).toBeCloseTo(xs[Math.floor(h)] + (h - Math.floor(h)) * (xs[Math.ceil(h)] - xs[Math.floor(h)]), 9);
      }
    }
    expect(s.parameters[1].spearman.closingYear).toBeLessThan(0);
    expect(s.prim).toMatchObject({ by: 2031, alpha: 0.05, minCoverage: 0.5 });
    expect(typeof s.prim.sentence).toBe('string');
    expect(s.prim.trajectory[0]).toMatchObject({ runs: 24, mass: 1, restrictions: [] });
    expect(s.prim.cases).toBe(lines.filter((l) => l.closure.medianYear !== null && l.closure.medianYear <= 2031).length);
    if (s.prim.chosen !== null) {
      // The chosen peeled box, then pasting from it; the box reported is the pasted one.
      expect(s.prim.peeled).toEqual(s.prim.trajectory[s.prim.chosen]);
      expect(s.prim.pasting[0]).toEqual(s.prim.peeled);
      expect(s.prim.box).toEqual(s.prim.pasting[s.prim.pasting.length - 1]);
      expect(s.prim.box.coverage).toBeGreaterThanOrEqual(s.prim.peeled.coverage);
      expect(s.prim.box.density).toBeGreaterThanOrEqual(s.prim.peeled.density);
      expect(s.prim.box.coverage).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('says plainly when no run is a case of interest', () => {
    const r = hiresim(['sweep', 'summarize', results, '--by', '2025']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('there is no case of interest');
    const j = JSON.parse(hiresim(['sweep', 'summarize', results, '--by', '2025', '--json']).stdout);
    expect(j.prim).toMatchObject({ cases: 0, chosen: null, peeled: null, pasting: [], box: null });
  });

  it('says what pasting did on this sweep (at the time of writing its chosen box is pure, so nothing)', () => {
    const r = hiresim(['sweep', 'summarize', results, '--by', '2033']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(hiresim(['sweep', 'summarize', results, '--by', '2033', '--json']).stdout);
    if (j.prim.chosen === null || j.prim.cases === j.runs) return;
    if (j.prim.peeled.density === 1) {
      expect(j.prim.pasting).toHaveLength(1);
      expect(r.stdout).toContain(`Pasting changed nothing: step ${j.prim.chosen}'s box is pure (density 100%)`);
    } else if (j.prim.pasting.length === 1) expect(r.stdout).toContain(`Pasting changed nothing: no widening of step ${j.prim.chosen}'s box`);
    else expect(r.stdout).toContain(`Pasting (from step ${j.prim.chosen}'s box`);
  });

  it('reports the pasted box, and how pasting changed coverage and density, when peeling overshot (noisy results made here)', () => {
    // 60 points on this sweep's two parameters; a run closes by 2030 with probability 0.85 where payElasticity > 0.3 and
    // selfStudyRate > 0.4, else 0.1 (otherwise it is censored). Peeling cuts payElasticity at ≈ 0.58; pasting takes it back to ≈ 0.32.
    const template = JSON.parse(readFileSync(results, 'utf8').split('\n')[0]);
    const rng = seedrandom('s3');
    const points = Array.from({ length: 60 }, () => [rng(), rng()]);
    const lines = points.map(([a, b], index) => {
      const closes = rng() < (a > 0.3 && b > 0.4 ? 0.85 : 0.1);
      const closure = { medianYear: closes ? 2030 : null, p10Year: closes ? 2030 : null, p90Year: closes ? 2030 : null, censoredShare: closes ? 0 : 1 };
      return JSON.stringify({ ...template, runId: index.toString(16).padStart(16, '0'), index, runs: 60, point: { [PARAMS[0]]: a, [PARAMS[1]]: b }, closure });
    });
    const noisy = join(dir, 'noisy.jsonl');
    writeFileSync(noisy, `${lines.join('\n')}\n`);
    const j = JSON.parse(hiresim(['sweep', 'summarize', noisy, '--by', '2030', '--json']).stdout);
    expect(j.prim.pasting.length).toBeGreaterThan(1);
    expect(j.prim.peeled).toMatchObject({ cases: 15, runs: 18 });
    expect(j.prim.box).toMatchObject({ cases: 21, runs: 24 });
    const low = (box: { restrictions: { path: string; low?: number }[] }) => box.restrictions.find((x) => x.path === PARAMS[0])?.low as number;
    expect(low(j.prim.peeled)).toBeGreaterThan(0.55);
    expect(low(j.prim.box)).toBeLessThan(0.35);
    expect(j.prim.sentence).toContain(`in 88% of runs (density) when ${PARAMS[0]} ≥ ${Number(low(j.prim.box).toPrecision(3))}`);
    const r = hiresim(['sweep', 'summarize', noisy, '--by', '2030']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Pasting (from step ${j.prim.chosen}'s box, one face at a time while the density rises; ◀ the box reported): coverage 62.5% → 87.5%, density 83.3% → 87.5%`);
    const pastingTable = r.stdout.split('Pasting (from step')[1].split('Censoring:')[0];
    expect(pastingTable.trim().split('\n').filter((l) => /^\s+\d+\s/.test(l))).toHaveLength(j.prim.pasting.length);
    expect(pastingTable).toMatch(/\s+24\s+.+◀/);
  });

  it('rejects a malformed line, mixed sweeps, a year not in the file and a bad --by with exit 2', () => {
    const text = readFileSync(results, 'utf8').trimEnd().split('\n');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${text[0]}\n${text[1]}\nnot json\n`);
    const r1 = hiresim(['sweep', 'summarize', bad]);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toContain(`${bad}:3:1 (root): expected a sweep result line`);
    const shape = join(dir, 'shape.jsonl');
    writeFileSync(shape, `${text[0]}\n${text[1].replace('"closure":{"medianYear"', '"closure":{"medianYr"')}\n`);
    const r2 = hiresim(['sweep', 'summarize', shape]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain(`${shape}:2:1 closure.medianYear: expected a year or null (censored)`);
    const mixed = join(dir, 'mixed.jsonl');
    const other = JSON.parse(text[1]);
    writeFileSync(mixed, `${text[0]}\n${JSON.stringify({ ...other, runId: 'ffffffffffffffff', scenario: '0123456789abcdef' })}\n`);
    const r3 = hiresim(['sweep', 'summarize', mixed]);
    expect(r3.status).toBe(2);
    expect(r3.stderr).toContain(`${mixed}:2:1 scenario: expected the same sweep as line 1`);
    const r4 = hiresim(['sweep', 'summarize', results, '--year', '2031']);
    expect(r4.status).toBe(2);
    expect(r4.stderr).toContain('expected one of the years in');
    expect(hiresim(['sweep', 'summarize', results, '--by', 'soon']).status).toBe(2);
    expect(hiresim(['sweep', 'summarize', join(dir, 'missing.jsonl')]).status).toBe(2);
  });

  it('shows examples first in both sweep --help and sweep summarize --help', () => {
    const group = hiresim(['sweep', '--help']);
    expect(group.status).toBe(0);
    expect(group.stdout.trimStart().startsWith('Examples:')).toBe(true);
    expect(group.stdout).toContain('--param');
    expect(group.stdout).toContain('hiresim sweep summarize');
    const sub = hiresim(['sweep', 'summarize', '--help']);
    expect(sub.status).toBe(0);
    expect(sub.stdout.trimStart().startsWith('Examples:')).toBe(true);
    expect(sub.stdout).toContain('--by');
    expect(sub.stdout).not.toContain('--param');
  });
});
