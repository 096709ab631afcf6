/**
 * `hiresim report` on sweep results (JSON lines) and sensitivity results (sensitivity.json):
 * response charts per swept parameter (a log-scale parameter on a log axis with plain decimal
 * ticks, its range read from the lines' provenance record), Sobol' tornados and Morris μ*–σ
 * scatters per sensitivity output, the recorded commands (or "not recorded by this version"),
 * byte-identical output, and a malformed line as FILE:LINE:1, exit 2.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provenance } from '../../src/output/provenance.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ROOT } from '../helpers/cli.js';
import { hiresimAsync, STACK_TRACE } from '../helpers/problems.js';
import { chartMarks, externalReferences } from './marks.js';

const SETTINGS = ['--reps', '2', '--threads', '1', '--set', 'scale=50', '--set', 'horizon=2034'];
const PARAMS = ['--param', 'demand.payElasticity=0.2:1', '--param', 'upskilling.selfStudyRate=0.02:0.3'];
/** The sweep's: the second parameter on a log scale. */
const SWEEP_PARAMS = ['--param', 'demand.payElasticity=0.2:1', '--param', 'upskilling.selfStudyRate=0.02:0.3:log'];

describe('hiresim report on sweeps and sensitivity analyses', () => {
  let dir: string;
  let sweep: string;
  let html: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hiresim-report-sweep-'));
    sweep = join(dir, 'sweep.jsonl');
    const made = await Promise.all([
      hiresimAsync(['sweep', 'scenarios/baseline.yaml', ...SWEEP_PARAMS, '--design', 'lhs', '--samples', '8', '--years', '2029,2032', ...SETTINGS, '--out', sweep]),
      hiresimAsync(['sensitivity', 'scenarios/baseline.yaml', '--method', 'sobol', '--samples', '4', ...PARAMS, ...SETTINGS, '--out', join(dir, 'sobol')]),
      hiresimAsync(['sensitivity', 'scenarios/baseline.yaml', '--method', 'morris', '--samples', '2', ...PARAMS, ...SETTINGS, '--out', join(dir, 'morris')]),
    ]);
    for (const r of made) expect(r.status, r.stderr).toBe(0);
    const r = await hiresimAsync(['report', sweep, join(dir, 'sobol'), join(dir, 'morris', 'sensitivity.json'), '--html', join(dir, 'report.html')]);
    expect(r.status, r.stderr).toBe(0);
    html = readFileSync(join(dir, 'report.html'), 'utf8');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws a response chart per parameter and a tornado per sensitivity output, each with marks', () => {
    const charts = chartMarks(html);
    const ids = charts.map((c) => c.id);
    expect(ids.filter((id) => id.startsWith('sweep-'))).toEqual(['sweep-demand-payelasticity', 'sweep-upskilling-selfstudyrate']);
    // An output that did not vary is named among the omitted charts instead of drawn.
    const constant = (html.match(/did not vary over the design, so no index can be computed/g) ?? []).length;
    expect(ids.filter((id) => id.startsWith('sensitivity')).length + constant).toBe(4);
    expect(ids.filter((id) => id.startsWith('sensitivity')).length).toBeGreaterThanOrEqual(2);
    for (const c of charts) {
      expect(c.marks.length, c.id).toBeGreaterThan(0);
      expect(c.drawn, c.id).toBeGreaterThan(0);
    }
    // The sweep's charts have two panels (closing year, gap), the dots of every point among them.
    const { points, censored } = sweepCounts(readFileSync(sweep, 'utf8'));
    const { document } = parseHTML(html);
    for (const id of ['sweep-demand-payelasticity', 'sweep-upskilling-selfstudyrate']) {
      const figure = document.querySelector(`figure.chart[data-chart="${id}"]`)!;
      const panels = [...figure.querySelectorAll('svg')].filter((svg) => svg.getAttribute('viewBox'));
      expect(panels.length, id).toBe(2);
      // Dots (closed points) and × symbols (censored points) of both panels.
      const drawn = panels.flatMap((svg) => [...svg.querySelectorAll('g[aria-label="dot"] > *')]).length;
      expect(drawn, id).toBe(2 * points);
      expect(figure.querySelector(':scope > figcaption')!.textContent).toContain(`Censored: ${censored} of ${points} points`);
      expect(figure.textContent).toContain('candidates per 100 positions in 2029 (median)');
    }
  });

  it('sorts the Sobol\' tornado bars largest first and states the method', () => {
    const sobol = JSON.parse(readFileSync(join(dir, 'sobol', 'sensitivity.json'), 'utf8'));
    expect(html).toContain(sobol.note.replace(/'/g, '&#39;'));
    for (const o of sobol.outputs.filter((x: { sobol?: unknown }) => x.sobol)) {
      const order = [...o.sobol].sort((a, b) => b.total.index - a.total.index).map((p: { path: string }) => p.path);
      const id = `sensitivity-${o.output === 'closingYear' ? 'closing' : 'gap'}`;
      const figure = html.slice(html.indexOf(`data-chart="${id}"`), html.indexOf('<figcaption>', html.indexOf(`data-chart="${id}"`)));
      const positions = order.map((path: string) => figure.indexOf(`>${path}<`));
      expect(positions.every((p: number) => p > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
    const morris = JSON.parse(readFileSync(join(dir, 'morris', 'sensitivity.json'), 'utf8'));
    expect(html).toContain(morris.note.replace(/'/g, '&#39;'));
  });

  it('draws Morris as the μ*–σ scatter, each point labelled with its parameter, nothing below zero', () => {
    const morris = JSON.parse(readFileSync(join(dir, 'morris', 'sensitivity.json'), 'utf8')) as { outputs: { output: string; morris?: { path: string; muStar: number; sigma: number }[] }[] };
    const { document } = parseHTML(html);
    const drawn = morris.outputs.filter((o) => o.morris);
    expect(drawn.length).toBeGreaterThan(0);
    for (const o of drawn) {
      const id = `sensitivity-2-${o.output === 'closingYear' ? 'closing' : 'gap'}`;
      const svg = [...document.querySelectorAll(`[data-chart="${id}"] svg`)].find((x) => x.getAttribute('viewBox'));
      expect(svg, id).toBeDefined();
      expect(svg!.querySelector('[aria-label="bar"]'), id).toBe(null);
      expect(svg!.querySelector('[aria-label="x-axis label"]')!.textContent).toContain('μ*, mean absolute effect');
      expect(svg!.querySelector('[aria-label="y-axis label"]')!.textContent).toContain('σ of the effects');
      const circles = [...svg!.querySelectorAll('[aria-description="parameter"] circle')];
      expect(circles.length).toBe(o.morris!.length);
      const labels = [...svg!.querySelectorAll('[aria-description="parameter label"] text')].map((t) => t.textContent);
      expect([...labels].sort()).toEqual(o.morris!.map((p) => p.path).sort());
      for (const tick of svg!.querySelectorAll('[aria-label="y-axis tick label"] text, [aria-label="x-axis tick label"] text')) expect(tick.textContent).not.toMatch(/^[-−]/);
      // Each point at (μ*, σ): drawn largest μ* first, so never further right than the one before.
      const xs = circles.map((c) => Number(c.getAttribute('cx')));
      for (let k = 1; k < xs.length; k++) expect(xs[k]).toBeLessThanOrEqual(xs[k - 1] + 1e-9);
    }
  });

  it('shows each result\'s recorded command, or says that its version did not record one', () => {
    const lines = readFileSync(sweep, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { provenance?: { command: string } });
    const results = [lines[0], ...['sobol', 'morris'].map((d) => JSON.parse(readFileSync(join(dir, d, 'sensitivity.json'), 'utf8')) as { provenance?: { command: string } })];
    const { document } = parseHTML(html);
    expect([...document.querySelectorAll('pre.command')].map((pre) => pre.textContent)).toEqual(results.flatMap((r) => (r.provenance ? [r.provenance.command] : [])));
    expect((html.match(/Command not recorded by this version/g) ?? []).length).toBe(results.filter((r) => !r.provenance).length);
    expect(html).toMatch(/<th>points<\/th><th>design<\/th>/);
    // Nothing guessed: no SCENARIO placeholder, no reconstructed command.
    expect(html).not.toContain('SCENARIO');
  });

  it('reads the --param ranges from the lines\' record: a log-scale parameter on a log axis with plain decimal ticks', async () => {
    // The record the sweep writes, put on every line (whatever the lines already carry).
    const overrides = ['scale=50', 'horizon=2034', 'replications=2'];
    const argv = ['sweep', 'scenarios/baseline.yaml', ...SWEEP_PARAMS, '--design', 'lhs', '--samples', '8', '--years', '2029,2032', '--reps', '2', '--set', 'scale=50', '--set', 'horizon=2034'];
    const record = provenance('sweep', [loadScenario('scenarios/baseline.yaml', { overrides, cwd: ROOT })], overrides, { argv });
    const lines = readFileSync(sweep, 'utf8').trimEnd().split('\n').map((line) => JSON.stringify({ ...JSON.parse(line), provenance: record }));
    writeFileSync(join(dir, 'recorded.jsonl'), `${lines.join('\n')}\n`);
    const out = join(dir, 'recorded.html');
    const r = await hiresimAsync(['report', join(dir, 'recorded.jsonl'), '--html', out]);
    expect(r.status, r.stderr).toBe(0);
    const recorded = readFileSync(out, 'utf8');
    expect(recorded).toContain(`<pre class="command">${record.command}</pre>`);
    expect(recorded).toContain('Checked: scenarios/baseline.yaml has the recorded sha-256');
    const { document } = parseHTML(recorded);
    const panels = [...document.querySelectorAll('[data-chart="sweep-upskilling-selfstudyrate"] svg')].filter((svg) => svg.getAttribute('viewBox'));
    expect(panels).toHaveLength(2);
    for (const svg of panels) {
      const texts = [...svg.querySelectorAll('[aria-label="x-axis tick label"] text')];
      expect(texts.map((t) => t.textContent)).toEqual(['0.02', '0.05', '0.1', '0.2']);
      // A log axis: the distance 0.02 → 0.1 is log10(5) of the distance 0.02 → 0.2.
      const x = texts.map((t) => Number(/translate\(([\d.]+)/.exec(t.getAttribute('transform') ?? '')![1]));
      expect((x[2] - x[0]) / (x[3] - x[0])).toBeCloseTo(Math.log10(5), 6);
    }
    expect(document.querySelector('[data-chart="sweep-upskilling-selfstudyrate"] figcaption')!.textContent).toContain('swept over 0.02 to 0.3 on a log scale');
  });

  it('loads nothing and is byte-identical when generated again, from the lines in any order', async () => {
    expect(html).not.toMatch(/<script/i);
    expect(externalReferences(html)).toEqual([]);
    mkdirSync(join(dir, 'shuffled'));
    const lines = readFileSync(sweep, 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'shuffled', 'sweep.jsonl'), `${[...lines].reverse().join('\n')}\n`);
    const out = join(dir, 'again.html');
    const r = await hiresimAsync(['report', join(dir, 'shuffled', 'sweep.jsonl'), join(dir, 'sobol', 'sensitivity.json'), join(dir, 'morris'), '--html', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8') === html).toBe(true);
  });

  it('reports a malformed sweep line as FILE:LINE:1, exit 2, and writes nothing', async () => {
    const lines = readFileSync(sweep, 'utf8').trimEnd().split('\n');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${lines[0]}\n${lines[1]}\n{"runId": "x", "index": 2, "poi\n${lines.slice(3).join('\n')}\n`);
    const other = join(dir, 'mixed.jsonl');
    writeFileSync(other, `${lines[0]}\n${lines[1].replace('"seed":20250101', '"seed":7')}\n`);
    const out = join(dir, 'never.html');
    const r = await hiresimAsync(['report', bad, other, '--html', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toContain(`${bad}:3:1 (root): expected a sweep result line (JSON), found text that is not JSON`);
    expect(r.stderr).toContain(`${other}:2:1 seed: expected the same sweep as line 1 (seed 20250101), found 7`);
    expect(r.stderr).toContain('2 problems found.');
    expect(existsSync(out)).toBe(false);
  });
});

function sweepCounts(text: string): { points: number; censored: number } {
  const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as { closure: { medianYear: number | null } });
  return { points: lines.length, censored: lines.filter((l) => l.closure.medianYear === null).length };
}
