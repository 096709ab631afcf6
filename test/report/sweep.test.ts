/**
 * `hiresim report` on sweep results (JSON lines) and sensitivity results (sensitivity.json):
 * response charts per swept parameter, tornado charts per sensitivity output, the reproduction
 * commands, byte-identical output, and a malformed line as FILE:LINE:1, exit 2.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiresimAsync, STACK_TRACE } from '../helpers/problems.js';
import { chartMarks, externalReferences } from './marks.js';

const SETTINGS = ['--reps', '2', '--threads', '1', '--set', 'scale=50', '--set', 'horizon=2034'];
const PARAMS = ['--param', 'demand.payElasticity=0.2:1', '--param', 'upskilling.selfStudyRate=0.02:0.3'];

describe('hiresim report on sweeps and sensitivity analyses', () => {
  let dir: string;
  let sweep: string;
  let html: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hiresim-report-sweep-'));
    sweep = join(dir, 'sweep.jsonl');
    const made = await Promise.all([
      hiresimAsync(['sweep', 'scenarios/baseline.yaml', ...PARAMS, '--design', 'lhs', '--samples', '8', '--years', '2029,2032', ...SETTINGS, '--out', sweep]),
      hiresimAsync(['sensitivity', 'scenarios/baseline.yaml', '--method', 'sobol', '--samples', '4', ...PARAMS, ...SETTINGS, '--out', join(dir, 'sobol')]),
      hiresimAsync(['sensitivity', 'scenarios/baseline.yaml', '--method', 'morris', '--samples', '2', ...PARAMS, ...SETTINGS, '--out', join(dir, 'morris')]),
      hiresimAsync(['run', 'scenarios/baseline.yaml', ...SETTINGS, '--out', join(dir, 'run')]),
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
      expect(figure.textContent).toContain('median gap in 2029');
    }
  });

  it('sorts the tornado bars largest first and states the method', () => {
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

  it('shows the sweep table and its command, not checked when the scenario file and --set overrides cannot be recovered', () => {
    expect(html).toMatch(/<th>points<\/th><th>design<\/th><th>replications<\/th><th>seed<\/th><th>scenario hash<\/th>/);
    expect(html).toContain('<pre>hiresim sweep SCENARIO --param demand.payElasticity=0.2:1 --param upskilling.selfStudyRate=0.02:0.3 --design lhs --samples 8 --reps 2 --seed 20250101 --years 2029,2032 --out sweep.jsonl</pre>');
    expect(html).toMatch(/Not checked: the lines record the scenario hash [0-9a-f]+ but neither the scenario file nor the --set overrides/);
    expect(html).toContain('<pre>hiresim sensitivity scenarios/baseline.yaml --method sobol --param demand.payElasticity=0.2:1 --param upskilling.selfStudyRate=0.02:0.3 --samples 4 --reps 2 --seed 20250101 --year 2030');
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

  it('recovers the scenario file and --set overrides from a run in the same report, and checks the commands', async () => {
    const out = join(dir, 'with-run.html');
    const r = await hiresimAsync(['report', join(dir, 'run'), sweep, join(dir, 'sobol'), '--html', out]);
    expect(r.status, r.stderr).toBe(0);
    const withRun = readFileSync(out, 'utf8');
    expect(withRun).toContain('<pre>hiresim sweep scenarios/baseline.yaml --param demand.payElasticity=0.2:1 --param upskilling.selfStudyRate=0.02:0.3 --design lhs --samples 8 --reps 2 --seed 20250101 --years 2029,2032 --set scale=50 --set horizon=2034 --out sweep.jsonl</pre>');
    expect(withRun).toContain('Checked: these ranges, design and samples give every recorded run id, and scenarios/baseline.yaml loaded with these options gives the recorded scenario hash.');
    expect(withRun).toContain('--year 2030 --set scale=50 --set horizon=2034</pre>');
    expect(withRun).not.toContain('Not checked');
    // The horizon is known: censored points sit on the edge above 2034.
    expect(withRun).toMatch(/has not closed by 2034, are drawn/);
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
