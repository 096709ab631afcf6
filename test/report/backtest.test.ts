/**
 * `hiresim report` on backtest results: one chart per compared series (the model's band and median,
 * the observations inside and outside marked apart, history shaded) with its coverage line, the
 * reproduction command, and the same bytes every time.
 *
 * The golden file test/golden/backtest-report.html pins the report of the committed
 * test/fixtures/backtest/backtest.json (written before results recorded their provenance, and
 * naming a scenario file that is deliberately missing, so that the golden depends on the report
 * code only, not on the model or the shipped scenarios; it was written
 * by hiresim backtest with the end-to-end settings below on observed.csv plus one made-up 2024
 * observation inside the band, so that every kind of point is drawn). To regenerate
 * after an intended change of the report:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/report/backtest.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { hiresimAsync, STACK_TRACE, tempDir } from '../helpers/problems.js';
import { chartMarks, externalReferences } from './marks.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = join(ROOT, 'test', 'golden', 'backtest-report.html');
const FIXTURE = 'test/fixtures/backtest/backtest.json';
const SMALL = ['--reps', '4', '--seed', '7', '--threads', '2', '--set', 'scale=50', '--set', 'horizon=2027', '--set', 'startYear=2021'];

interface Row {
  year: number;
  inside: boolean;
  isBase: boolean;
}
interface Series {
  series: string;
  rows: Row[];
  outside: unknown[];
  compared: number;
  inside: number;
}

let dir = '';
let cleanup = () => {};
let fromFixture = '';
let live = '';
let liveJson: { series: Series[]; scenario: { hash: string }; baseYear: number };
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('hiresim-report-backtest-'));
  const [fixture, backtest] = await Promise.all([
    hiresimAsync(['report', FIXTURE, '--html', join(dir, 'fixture.html')]),
    hiresimAsync(['backtest', 'scenarios/baseline.yaml', '--observed', 'test/fixtures/backtest/observed.csv', ...SMALL, '--out', join(dir, 'backtest')]),
  ]);
  expect(fixture.status, fixture.stderr).toBe(0);
  expect(backtest.status, backtest.stderr).toBe(0);
  fromFixture = readFileSync(join(dir, 'fixture.html'), 'utf8');
  const r = await hiresimAsync(['report', join(dir, 'backtest'), '--html', join(dir, 'live.html')]);
  expect(r.status, r.stderr).toBe(0);
  live = readFileSync(join(dir, 'live.html'), 'utf8');
  liveJson = JSON.parse(readFileSync(join(dir, 'backtest', 'backtest.json'), 'utf8'));
}, 120_000);
afterAll(() => cleanup());

describe('hiresim report on a backtest', () => {
  it('matches test/golden/backtest-report.html (from the committed backtest.json)', () => {
    if (UPDATE) writeFileSync(GOLDEN, fromFixture);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run with UPDATE_GOLDEN=1 to create it`).toBe(true);
    expect(fromFixture === readFileSync(GOLDEN, 'utf8'), 'report differs from test/golden/backtest-report.html (UPDATE_GOLDEN=1 regenerates it)').toBe(true);
  });

  it('draws one chart per compared series, names the series with nothing to compare, and loads nothing', () => {
    const fixture = JSON.parse(readFileSync(join(ROOT, FIXTURE), 'utf8')) as { series: Series[] };
    const drawn = fixture.series.filter((s) => s.rows.length > 0);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(fixture.series.length);
    expect(chartMarks(fromFixture).map((c) => c.id)).toEqual(drawn.map((s) => `backtest-${s.series.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`));
    for (const s of fixture.series.filter((x) => x.rows.length === 0)) expect(fromFixture).toContain(`Backtest of ${s.series}`);
    expect(fromFixture).not.toMatch(/<script/i);
    expect(externalReferences(fromFixture)).toEqual([]);
    // No record: nothing guessed, the named scenario file never read.
    expect(fromFixture).toContain('Command not recorded by this version');
    expect(fromFixture).not.toContain('<pre');
  });

  it.each(['the committed fixture', 'a live backtest'])('draws the band, the median, every observation (inside as dots, outside as ×), history shaded, and a coverage line per chart: %s', (which) => {
    const [html, summary] = which === 'a live backtest' ? [live, liveJson] : [fromFixture, JSON.parse(readFileSync(join(ROOT, FIXTURE), 'utf8')) as typeof liveJson];
    const { document } = parseHTML(html);
    const compared = summary.series.filter((s) => s.rows.length > 0);
    expect(compared.length).toBe(2);
    for (const s of compared) {
      const id = `backtest-${s.series.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
      const figure = document.querySelector(`figure.chart[data-chart="${id}"]`);
      expect(figure === null, id).toBe(false);
      const svg = [...figure!.querySelectorAll('svg')].find((x) => x.getAttribute('viewBox'))!;
      const groups = [...svg.querySelectorAll('g[aria-label]')].map((g) => g.getAttribute('aria-label'));
      expect(groups).toEqual(expect.arrayContaining(['rect', 'rule', 'text', 'area', 'line', 'dot']));
      // Filled dots (circles) for the observations inside the band and the base year, × (paths) for those outside.
      const dots = [...svg.querySelectorAll('g[aria-label="dot"]')];
      expect(dots.reduce((n, g) => n + g.querySelectorAll('circle').length, 0)).toBe(s.rows.filter((r) => r.inside || r.isBase).length);
      expect(dots.reduce((n, g) => n + g.querySelectorAll('path').length, 0)).toBe(s.rows.filter((r) => !r.inside && !r.isBase).length);
      // The shaded history years: one rectangle from the first simulated year to the base year.
      expect(svg.querySelectorAll('g[aria-label="rect"] rect').length).toBe(1);
      expect(figure!.textContent).toContain('← history');
      expect(figure!.textContent).toContain(`projection from ${summary.baseYear} →`);
      const note = figure!.querySelector('p.chart-note')!.textContent;
      expect(note).toContain(`Coverage: ${s.inside} of ${s.compared} observations (`);
      expect(note).toMatch(/median absolute (index|relative) error/);
    }
    expect(chartMarks(html).every((c) => c.drawn > 0 && c.empty.length === 0)).toBe(true);
    // The fixture has an observation of each kind: inside the band, outside it, and a base year.
    if (which === 'the committed fixture') {
      const rows = compared.flatMap((s) => s.rows);
      expect([rows.some((r) => r.inside && !r.isBase), rows.some((r) => !r.inside), rows.some((r) => r.isBase)]).toEqual([true, true, true]);
    }
  });

  it('gives the recorded command that reproduces the backtest, checked against the scenario files, or says it was not recorded', () => {
    const record = (liveJson as { provenance?: { command: string } }).provenance;
    if (record) {
      expect(live).toContain(`<pre class="command">${record.command}</pre>`);
      expect(live).toMatch(/<p class="ok verdict">Checked: scenarios\/baseline\.yaml has the recorded sha-256/);
      expect(live).toContain('parameters with value and source');
    } else expect(live).toContain('Command not recorded by this version');
    expect(live).toContain(liveJson.scenario.hash);
    expect(live).toContain('<td>test/fixtures/backtest/observed.csv</td>');
  });

  it('is byte-identical when generated again, from backtest.json named directly', async () => {
    const again = join(dir, 'again', 'report.html');
    const r = await hiresimAsync(['report', join(dir, 'backtest', 'backtest.json'), '--html', again]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(again, 'utf8') === live).toBe(true);
  });

  it('rejects a damaged backtest.json at its position, exit 2, and writes nothing', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, readFileSync(join(ROOT, FIXTURE), 'utf8').slice(0, 200));
    const out = join(dir, 'never.html');
    const r = await hiresimAsync(['report', broken, '--html', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ \\(root\\): expected a hiresim result`, 'm'));
    expect(existsSync(out)).toBe(false);
  });
});
