/**
 * `hiresim report`, spawned: one self-contained HTML file from run, compare and attribute results.
 *
 * The golden file test/golden/report.html pins the whole report for small fixed inputs. To
 * regenerate after an intended change (of the model, the scenarios or the report):
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/report/report.test.ts
 *
 * and review the diff (or open the file) before committing it.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { hiresimAsync, STACK_TRACE } from '../helpers/problems.js';
import { makeReportInputs, type ReportInputs } from './fixture.js';
import { chartMarks, externalReferences } from './marks.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = join(ROOT, 'test', 'golden', 'report.html');
const CHARTS = ['gap-fan', 'closing-year', 'paired-differences', 'attribution-closing', 'attribution-gap', 'entrants', 'pay', 'premium'];

describe('hiresim report', () => {
  let inputs: ReportInputs;
  let html: string;

  beforeAll(async () => {
    inputs = await makeReportInputs();
    const r = await hiresimAsync(['report', inputs.run, inputs.compare, inputs.attribute, '--html', join(inputs.dir, 'a', 'report.html')]);
    expect(r.status, r.stderr).toBe(0);
    html = readFileSync(join(inputs.dir, 'a', 'report.html'), 'utf8');
  });
  afterAll(() => rmSync(inputs.dir, { recursive: true, force: true }));

  it('matches test/golden/report.html', () => {
    if (UPDATE) writeFileSync(GOLDEN, html);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run with UPDATE_GOLDEN=1 to create it`).toBe(true);
    expect(html === readFileSync(GOLDEN, 'utf8'), 'report differs from test/golden/report.html (UPDATE_GOLDEN=1 regenerates it)').toBe(true);
  });

  it('is byte-identical when generated again (JSON files named directly, another output path)', async () => {
    const out = join(inputs.dir, 'b', 'again.html');
    const r = await hiresimAsync(['report', join(inputs.run, 'summary.json'), join(inputs.compare, 'comparison.json'), join(inputs.attribute, 'attribution.json'), '--html', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8') === html).toBe(true);
  });

  it('loads nothing: no scripts, no external URLs, no links, no timestamps', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/<img/i);
    expect(externalReferences(html)).toEqual([]);
    expect(html).not.toMatch(/\b20\d\d-\d\d-\d\dT/);
  });

  it('has every chart, each with drawn marks', () => {
    const charts = chartMarks(html);
    expect(charts.map((c) => c.id)).toEqual(CHARTS);
    for (const c of charts) {
      expect(c.marks.length, c.id).toBeGreaterThan(0);
      expect(c.drawn, c.id).toBeGreaterThan(0);
      expect(c.empty, c.id).toEqual([]);
    }
  });

  it('has the parameter table with sources and the reproduction block', () => {
    expect(html).toContain('parameters with value and source');
    expect(html).toMatch(/<td>demand\.[\w.]+<\/td>/);
    for (const command of [
      'hiresim run scenarios/baseline.yaml --seed 7 --reps 4 --set scale=50 --set horizon=2030',
      'hiresim compare scenarios/baseline.yaml scenarios/tool-breakthrough.yaml --seed 7 --reps 4 --set scale=50 --set horizon=2030',
      'hiresim attribute scenarios/tool-breakthrough.yaml --levers upskilling,tools --year 2028 --seed 7 --reps 4 --set scale=50 --set horizon=2030',
    ]) expect(html).toContain(`<pre>${command}</pre>`);
    expect(html.match(/Checked: the scenario files loaded with these options give the recorded hashes/g)).toHaveLength(3);
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(html).toContain(`hiresim version <code>${version}</code>`);
  });

  it('omits the parameters with a note when the scenario file is not readable', async () => {
    const summary = JSON.parse(readFileSync(join(inputs.run, 'summary.json'), 'utf8'));
    summary.scenario.file = 'gone/missing.yaml';
    const file = join(inputs.dir, 'moved.json');
    writeFileSync(file, JSON.stringify(summary));
    const out = join(inputs.dir, 'moved.html');
    const r = await hiresimAsync(['report', file, '--html', out]);
    expect(r.status, r.stderr).toBe(0);
    const moved = readFileSync(out, 'utf8');
    expect(moved).toContain('gone/missing.yaml could not be read here');
    expect(moved).toContain('parameters omitted');
    expect(moved).not.toContain('parameters with value and source');
    expect(chartMarks(moved).map((c) => c.id)).toEqual(['gap-fan', 'closing-year', 'entrants', 'pay', 'premium']);
  });

  it('reports missing and unknown inputs as FILE:1:1 (root) problems, exit 2, and writes nothing', async () => {
    const unknown = join(inputs.dir, 'unknown.json');
    writeFileSync(unknown, '{"hello": "world"}\n');
    const out = join(inputs.dir, 'never.html');
    const r = await hiresimAsync(['report', join(inputs.dir, 'no-such'), unknown, inputs.dir, '--html', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toContain(`${join(inputs.dir, 'no-such')}:1:1 (root): expected an existing results directory (from --out) or result JSON file, found nothing`);
    expect(r.stderr).toContain(`${unknown}:1:1 (root): expected a hiresim result: run's summary.json, compare's comparison.json, attribute's attribution.json, sensitivity's sensitivity.json, backtest's backtest.json or sweep's JSON lines, found a mapping with keys hello`);
    expect(r.stderr).toContain(`${inputs.dir}:1:1 (root): expected a results directory holding summary.json, comparison.json, attribution.json, sensitivity.json or backtest.json, found a directory with none of them`);
    expect(r.stderr).toContain('3 problems found.');
    expect(existsSync(out)).toBe(false);
  });

  it('requires --html (exit 2)', async () => {
    const r = await hiresimAsync(['report', inputs.run]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Missing required argument: html/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});
