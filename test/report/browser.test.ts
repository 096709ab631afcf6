/**
 * The report in a real browser: Debian's headless Chromium opens the HTML file from disk, driven
 * over the DevTools protocol. Checks that every chart's SVG is rendered with marks of non-zero
 * size, that the page made no request but for the file itself, and that there were no console
 * errors, failed loads or exceptions.
 *
 * Skipped, with a warning, when /usr/bin/chromium is missing (`apt-get install chromium`; .ci/run
 * installs it). `UPDATE_SCREENSHOT=1` also writes docs/report.png (1200 × 2400).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { hiresimAsync } from '../helpers/problems.js';
import { Browser, CHROMIUM, type CdpEvent } from './cdp.js';
import { makeReportInputs, type ReportInputs } from './fixture.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test/report/browser.test.ts: SKIPPED — ${CHROMIUM} not found (apt-get install chromium); the report was not checked in a browser`);

const CHARTS = ['gap-fan', 'closing-year', 'paired-differences', 'attribution-closing', 'attribution-gap', 'entrants', 'pay', 'premium'];

/** Runs in the page: each chart's SVGs and its mark groups with their rendered size. */
const INSPECT = `JSON.stringify([...document.querySelectorAll('figure.chart')].map((f) => ({
  id: f.dataset.chart,
  svgs: [...f.querySelectorAll('svg')].filter((s) => s instanceof SVGSVGElement && s.getAttribute('viewBox')).length,
  marks: [...f.querySelectorAll('svg [aria-label]')].filter((g) => !/axis|grid/.test(g.getAttribute('aria-label'))).map((g) => {
    const box = g.getBBox();
    return { mark: g.getAttribute('aria-label'), elements: g.querySelectorAll('path, rect, circle, line, text').length, width: box.width, height: box.height };
  }),
})))`;

describe.skipIf(!hasChromium)('the report in headless Chromium', () => {
  let inputs: ReportInputs;
  let file: string;
  let browser: Browser;
  let events: CdpEvent[];
  let sessionId: string;
  let charts: { id: string; svgs: number; marks: { mark: string; elements: number; width: number; height: number }[] }[];

  beforeAll(async () => {
    inputs = await makeReportInputs();
    file = join(inputs.dir, 'report.html');
    const r = await hiresimAsync(['report', inputs.run, inputs.compare, inputs.attribute, '--html', file]);
    expect(r.status, r.stderr).toBe(0);

    browser = Browser.launch();
    const { targetId } = (await browser.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    sessionId = ((await browser.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string }).sessionId;
    for (const domain of ['Page', 'Runtime', 'Log', 'Network']) await browser.send(`${domain}.enable`, {}, sessionId);
    await browser.send('Emulation.setDeviceMetricsOverride', { width: 1200, height: 2400, deviceScaleFactor: 1, mobile: false }, sessionId);
    const loaded = browser.waitFor('Page.loadEventFired', sessionId);
    await browser.send('Page.navigate', { url: pathToFileURL(file).href }, sessionId);
    await loaded;
    // Let anything late (a lazy request, a deferred error) show up before judging.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const result = (await browser.send('Runtime.evaluate', { expression: INSPECT, returnByValue: true }, sessionId)) as { result: { value: string } };
    charts = JSON.parse(result.result.value);
    events = browser.events.filter((e) => e.sessionId === sessionId);
    if (process.env.UPDATE_SCREENSHOT === '1') {
      const shot = (await browser.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width: 1200, height: 2400, scale: 1 } }, sessionId)) as { data: string };
      writeFileSync(join(ROOT, 'docs', 'report.png'), Buffer.from(shot.data, 'base64'));
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (inputs) rmSync(inputs.dir, { recursive: true, force: true });
  });

  it('renders every chart as SVG with marks of non-zero size', () => {
    expect(charts.map((c) => c.id)).toEqual(CHARTS);
    for (const c of charts) {
      expect(c.svgs, c.id).toBeGreaterThan(0);
      expect(c.marks.length, c.id).toBeGreaterThan(0);
      for (const m of c.marks) {
        expect(m.elements, `${c.id} ${m.mark}`).toBeGreaterThan(0);
        expect(m.width + m.height, `${c.id} ${m.mark}`).toBeGreaterThan(0);
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

