/**
 * The report in a real browser: Debian's headless Chromium opens the HTML file from disk, driven
 * over the DevTools protocol. The report holds every kind of chart: a run, a comparison and an
 * attribution (the headline chart, P(closed by year), paired differences, attribution bars,
 * entrants, pay, premium), a sweep's response charts, a Sobol' tornado, a Morris scatter and a
 * backtest's series. Checks that every chart's SVG is rendered with marks of non-zero size and with
 * its axis labels, that the page made no request but for the file itself, and that there were no
 * console errors, failed loads or exceptions.
 *
 * Skipped, with a warning, when /usr/bin/chromium is missing (`apt-get install chromium`; .ci/run
 * installs it). `UPDATE_SCREENSHOT=1` also writes docs/report.png: the top 1,600 px (1200 wide) of
 * the report of a full baseline run (`hiresim run scenarios/baseline.yaml`, about 30 s more).
 */
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { hiresimAsync } from '../helpers/problems.js';
import { Browser, CHROMIUM, type CdpEvent } from './cdp.js';
import { makeReportInputs, type ReportInputs } from './fixture.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test/report/browser.test.ts: SKIPPED — ${CHROMIUM} not found (apt-get install chromium); the report was not checked in a browser`);

/** Small and short: no history (startYear = baseYear), to 2029. */
const QUICK = ['--reps', '2', '--seed', '7', '--threads', '1', '--set', 'scale=50', '--set', 'startYear=2025', '--set', 'horizon=2029'];
const PARAMS = ['--param', 'demand.payElasticity=0.2:1', '--param', 'upskilling.selfStudyRate=0.02:0.3:log'];

/** The charts of the run, comparison and attribution; the others are matched by their id's start. */
const SCENARIO_CHARTS = ['candidates', 'closing-year', 'paired-differences', 'attribution-closing', 'attribution-gap', 'entrants', 'pay', 'premium'];
/** Charts whose y axis is a list of names (levers, parameters) and so has no axis label. */
const NAMED_ROWS = /^(attribution-|sensitivity-(closing|gap))/;

interface InspectedChart {
  id: string;
  svgs: number;
  marks: { mark: string; elements: number; width: number; height: number }[];
  labels: { axis: string; text: string; width: number; height: number }[];
}

/** Runs in the page: each chart's SVGs, its mark groups and its axis labels, with their rendered size. */
const INSPECT = `JSON.stringify([...document.querySelectorAll('figure.chart')].map((f) => ({
  id: f.dataset.chart,
  svgs: [...f.querySelectorAll('svg')].filter((s) => s instanceof SVGSVGElement && s.getAttribute('viewBox')).length,
  marks: [...f.querySelectorAll('svg [aria-label]')].filter((g) => !/axis|grid/.test(g.getAttribute('aria-label'))).map((g) => {
    const box = g.getBBox();
    return { mark: g.getAttribute('aria-label'), elements: g.querySelectorAll('path, rect, circle, line, text').length, width: box.width, height: box.height };
  }),
  labels: [...f.querySelectorAll('svg [aria-label$="-axis label"]')].map((g) => {
    const box = g.getBBox();
    return { axis: g.getAttribute('aria-label'), text: g.textContent, width: box.width, height: box.height };
  }),
})))`;

async function open(browser: Browser, file: string, height: number): Promise<string> {
  const { targetId } = (await browser.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
  const sessionId = ((await browser.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string }).sessionId;
  for (const domain of ['Page', 'Runtime', 'Log', 'Network']) await browser.send(`${domain}.enable`, {}, sessionId);
  await browser.send('Emulation.setDeviceMetricsOverride', { width: 1200, height, deviceScaleFactor: 1, mobile: false }, sessionId);
  const loaded = browser.waitFor('Page.loadEventFired', sessionId);
  await browser.send('Page.navigate', { url: pathToFileURL(file).href }, sessionId);
  await loaded;
  return sessionId;
}

describe.skipIf(!hasChromium)('the report in headless Chromium', () => {
  let inputs: ReportInputs;
  let file: string;
  let browser: Browser;
  let events: CdpEvent[];
  let sessionId: string;
  let charts: InspectedChart[];

  beforeAll(async () => {
    inputs = await makeReportInputs();
    const d = inputs.dir;
    const made = await Promise.all([
      hiresimAsync(['sweep', 'scenarios/baseline.yaml', ...PARAMS, '--design', 'lhs', '--samples', '4', '--years', '2027', ...QUICK, '--out', join(d, 'sweep.jsonl')]),
      hiresimAsync(['sensitivity', 'scenarios/baseline.yaml', '--method', 'sobol', '--samples', '4', ...PARAMS, '--year', '2027', ...QUICK, '--out', join(d, 'sobol')]),
      hiresimAsync(['sensitivity', 'scenarios/baseline.yaml', '--method', 'morris', '--samples', '2', ...PARAMS, '--year', '2027', ...QUICK, '--out', join(d, 'morris')]),
      hiresimAsync(['backtest', 'scenarios/baseline.yaml', '--observed', 'test/fixtures/backtest/observed.csv', '--reps', '2', '--seed', '7', '--threads', '1', '--set', 'scale=50', '--set', 'startYear=2021', '--set', 'horizon=2026', '--out', join(d, 'backtest')]),
    ]);
    for (const r of made) expect(r.status, r.stderr).toBe(0);
    file = join(d, 'report.html');
    const r = await hiresimAsync(['report', inputs.run, inputs.compare, inputs.attribute, join(d, 'sweep.jsonl'), join(d, 'sobol'), join(d, 'morris'), join(d, 'backtest'), '--html', file]);
    expect(r.status, r.stderr).toBe(0);

    browser = Browser.launch();
    sessionId = await open(browser, file, 2400);
    // Let anything late (a lazy request, a deferred error) show up before judging.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const result = (await browser.send('Runtime.evaluate', { expression: INSPECT, returnByValue: true }, sessionId)) as { result: { value: string } };
    charts = JSON.parse(result.result.value);
    events = browser.events.filter((e) => e.sessionId === sessionId);
    if (process.env.UPDATE_SCREENSHOT === '1') {
      const base = join(d, 'baseline');
      const run = await hiresimAsync(['run', 'scenarios/baseline.yaml', '--out', base]);
      expect(run.status, run.stderr).toBe(0);
      const shown = await hiresimAsync(['report', base, '--html', join(d, 'baseline.html')]);
      expect(shown.status, shown.stderr).toBe(0);
      const page = await open(browser, join(d, 'baseline.html'), 1600);
      const shot = (await browser.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width: 1200, height: 1600, scale: 1 } }, page)) as { data: string };
      writeFileSync(join(ROOT, 'docs', 'report.png'), Buffer.from(shot.data, 'base64'));
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (inputs) rmSync(inputs.dir, { recursive: true, force: true });
  });

  it('has every kind of chart: scenario charts, sweep responses, Sobol\' and Morris, backtest series', () => {
    const ids = charts.map((c) => c.id);
    expect(ids.slice(0, SCENARIO_CHARTS.length)).toEqual(SCENARIO_CHARTS);
    expect(ids.filter((id) => id.startsWith('sweep-'))).toEqual(['sweep-demand-payelasticity', 'sweep-upskilling-selfstudyrate']);
    // Sobol' (the first sensitivity input) and Morris (the second); an output that did not vary has no chart.
    expect(ids.filter((id) => /^sensitivity-(closing|gap)$/.test(id)).length).toBeGreaterThan(0);
    expect(ids.filter((id) => /^sensitivity-2-(closing|gap)$/.test(id)).length).toBeGreaterThan(0);
    expect(ids.filter((id) => id.startsWith('backtest-')).length).toBeGreaterThan(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('(Sobol&#39;)</h3>');
    expect(html).toContain('(Morris)</h3>');
  });

  it('renders every chart as SVG with marks of non-zero size', () => {
    for (const c of charts) {
      expect(c.svgs, c.id).toBeGreaterThan(0);
      expect(c.marks.length, c.id).toBeGreaterThan(0);
      for (const m of c.marks) {
        expect(m.elements, `${c.id} ${m.mark}`).toBeGreaterThan(0);
        expect(m.width + m.height, `${c.id} ${m.mark}`).toBeGreaterThan(0);
      }
    }
  });

  it('labels the axes of every chart, visibly', () => {
    for (const c of charts) {
      const axes = new Set(c.labels.map((l) => l.axis));
      expect(axes.has('x-axis label') || axes.has('y-axis label'), c.id).toBe(true);
      if (!NAMED_ROWS.test(c.id)) expect(axes.has('y-axis label'), `${c.id}: y-axis label`).toBe(true);
      for (const l of c.labels) {
        expect(l.text.trim(), `${c.id} ${l.axis}`).not.toBe('');
        expect(l.width * l.height, `${c.id} ${l.axis}`).toBeGreaterThan(0);
      }
    }
  });

  it('requests nothing but the file itself, and nothing fails', () => {
    const requests = events.filter((e) => e.method === 'Network.requestWillBeSent').map((e) => (e.params.request as { url: string }).url);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(events.filter((e) => e.method === 'Network.loadingFailed').map((e) => e.params)).toEqual([]);
  });

  it('logs no console errors or warnings and throws no exceptions', () => {
    const console = events.filter((e) => e.method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(e.params.type as string));
    const exceptions = events.filter((e) => e.method === 'Runtime.exceptionThrown');
    const logged = events.filter((e) => e.method === 'Log.entryAdded' && ['error', 'warning'].includes((e.params.entry as { level: string }).level));
    expect([...console, ...exceptions, ...logged].map((e) => JSON.stringify(e.params))).toEqual([]);
  });

  it('shows the same document the CLI wrote', async () => {
    const r = (await browser.send('Runtime.evaluate', { expression: 'document.querySelectorAll("table").length', returnByValue: true }, sessionId)) as { result: { value: number } };
    expect(r.result.value).toBeGreaterThan(3);
    expect(readFileSync(file, 'utf8')).toContain('<h2>Reproduce</h2>');
  });
});
