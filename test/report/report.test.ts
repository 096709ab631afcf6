/**
 * `hiresim report`, spawned: one self-contained HTML file from run, compare and attribute results:
 * every chart, the attribution sorted by the size of each lever's contribution, the commands from
 * the results' provenance records (or "not recorded by this version" for results without one), and
 * the parameters in one collapsed table.
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
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { hiresimAsync, STACK_TRACE } from '../helpers/problems.js';
import { makeReportInputs, type ReportInputs } from './fixture.js';
import { chartMarks, externalReferences } from './marks.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = join(ROOT, 'test', 'golden', 'report.html');
const CHARTS = ['candidates', 'closing-year', 'paired-differences', 'attribution-closing', 'attribution-gap', 'entrants', 'pay', 'premium'];

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

  it('has the parameters in one collapsed table, and each result\'s recorded command, checked', () => {
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('details.parameters').length).toBe(1);
    expect(document.querySelector('details.parameters')!.hasAttribute('open')).toBe(false);
    expect(document.querySelector('details.parameters summary')!.textContent).toContain('parameters with value and source');
    expect(html).toMatch(/<td>demand\.[\w.]+<\/td>/);
    // Every table of parameters is inside <details>, but for the few rows that differ between scenarios.
    for (const t of document.querySelectorAll('table')) if (t.querySelector('th')?.textContent === 'parameter' && !t.closest('details')) expect(t.previousElementSibling?.textContent).toBe('Parameters that differ between the scenarios');
    const results = [join(inputs.run, 'summary.json'), join(inputs.compare, 'comparison.json'), join(inputs.attribute, 'attribution.json')].map((file) => JSON.parse(readFileSync(file, 'utf8')) as { provenance?: { command: string } });
    // The run records its command (summary.json); a result written without a record says so.
    expect(results[0].provenance?.command).toBe('hiresim run scenarios/baseline.yaml --reps 4 --seed 7 --set scale=50 --set horizon=2030');
    const commands = [...document.querySelectorAll('pre.command')].map((pre) => pre.textContent);
    expect(commands).toEqual(results.flatMap((r) => (r.provenance ? [r.provenance.command] : [])));
    expect(document.querySelectorAll('p.verdict.ok').length).toBe(commands.length);
    expect((html.match(/Command not recorded by this version/g) ?? []).length).toBe(results.filter((r) => !r.provenance).length);
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(html).toContain(`This is hiresim <code>${version}</code>`);
  });

  it('sorts the attribution bars by the size of each lever\'s contribution, the total last, with signs in words', () => {
    type Attribution = { attributions: { lever: string; closingYear: { mean: number }; candidatesPer100: { geometricMean: number } }[] };
    const attribution = JSON.parse(readFileSync(join(inputs.attribute, 'attribution.json'), 'utf8')) as Attribution;
    const { document } = parseHTML(html);
    // Closing year: by the size of the difference; candidates per 100: by the factor's distance from ×1 (log scale).
    const sizes = { 'attribution-closing': (a: Attribution['attributions'][number]) => Math.abs(a.closingYear.mean), 'attribution-gap': (a: Attribution['attributions'][number]) => Math.abs(Math.log(a.candidatesPer100.geometricMean)) };
    for (const id of ['attribution-closing', 'attribution-gap'] as const) {
      const svg = [...document.querySelectorAll(`[data-chart="${id}"] svg`)].find((x) => x.getAttribute('viewBox'))!;
      const levers = [...svg.querySelectorAll('[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
      const bySize = [...attribution.attributions].sort((a, b) => sizes[id](b) - sizes[id](a)).map((a) => a.lever);
      expect(levers, id).toEqual([...bySize, 'all levers (total)']);
      const ticks = [...svg.querySelectorAll('[aria-label="x-axis tick label"] text')].map((t) => t.textContent ?? '');
      for (const tick of ticks) expect(tick, id).toMatch(id === 'attribution-closing' ? /^(0|[\d.]+ (earlier|later))$/ : /^×[\d.]+$/);
    }
    expect(html).not.toMatch(/<td>−[\d.]+<\/td>/);
  });

  it('never reads a file because a result names it as its scenario.file: only its record\'s files', async () => {
    const summary = JSON.parse(readFileSync(join(inputs.run, 'summary.json'), 'utf8'));
    summary.scenario.file = 'README.md';
    const file = join(inputs.dir, 'moved.json');
    writeFileSync(file, JSON.stringify(summary));
    const out = join(inputs.dir, 'moved.html');
    const r = await hiresimAsync(['report', file, '--html', out]);
    expect(r.status, r.stderr).toBe(0);
    const moved = readFileSync(out, 'utf8');
    expect(moved).not.toContain('When does the GenAI talent gap close?**');
    expect(moved).not.toContain('A 2025 analysis of 100 prominent');
    expect(moved).toContain('<code>scenarios/baseline.yaml</code>');
    expect(moved).toContain('parameters with value and source');
    expect(chartMarks(moved).map((c) => c.id)).toEqual(['candidates', 'closing-year', 'entrants', 'pay', 'premium']);
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
    expect(r.stderr).toMatch(/^--html: expected --html \(hiresim report needs it\), found no --html$/m);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});
