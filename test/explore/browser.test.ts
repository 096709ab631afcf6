/**
 * The explore page in a real browser: the server runs in this process (`startExplore`, port 0, a
 * small draft), Debian's headless Chromium opens the printed URL over the DevTools pipe, a slider
 * is moved as a person moves it (its value set, then `input` and `change` dispatched), and the
 * headline chart must change. Every request the page made went to the server; the console stayed
 * clean. "Save as scenario" writes a file that validates, and `hiresim run` on it (the real CLI,
 * with the page's seed, replications and scale) prints the closing years and bands the page
 * showed. The server refuses a request without the token and one from a foreign origin.
 *
 * Skipped, with a warning, when /usr/bin/chromium is missing (as the report's browser test).
 * `UPDATE_SCREENSHOT=1` also writes docs/explore.png: the page on the shipped baseline's default
 * draft after moving "Tool maturity" (about a minute more).
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExplore, type ExploreHandle } from '../../src/explore/explore.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ROOT } from '../helpers/cli.js';
import { hiresimAsync } from '../helpers/problems.js';
import { Browser, CHROMIUM, type CdpEvent } from '../report/cdp.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test/explore/browser.test.ts: SKIPPED — ${CHROMIUM} not found (apt-get install chromium); the explore page was not checked in a browser`);

/** A small session: the draft defaults to the scenario's scale and replications when those are coarse and few. */
const SMALL = ['scale=200', 'replications=3', 'horizon=2031'];

async function evaluate<T>(browser: Browser, sessionId: string, expression: string): Promise<T> {
  const r = (await browser.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId)) as { result: { value: T }; exceptionDetails?: unknown };
  if (r.exceptionDetails) throw new Error(`page: ${JSON.stringify(r.exceptionDetails)}`);
  return r.result.value;
}

/** Polls `expression` in the page until it is true. */
async function until(browser: Browser, sessionId: string, expression: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await evaluate<boolean>(browser, sessionId, expression))) {
    if (Date.now() > end) throw new Error(`page: not ${expression} within ${timeoutMs} ms (phase ${await evaluate(browser, sessionId, 'window.hiresimExplore && hiresimExplore.phase')})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function open(browser: Browser, url: string, width = 1200, height = 1400): Promise<string> {
  const { targetId } = (await browser.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
  const sessionId = ((await browser.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string }).sessionId;
  for (const domain of ['Page', 'Runtime', 'Log', 'Network']) await browser.send(`${domain}.enable`, {}, sessionId);
  await browser.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
  const loaded = browser.waitFor('Page.loadEventFired', sessionId);
  await browser.send('Page.navigate', { url }, sessionId);
  await loaded;
  return sessionId;
}

/** Moves a slider as a person does: the value, then the events the page listens to. */
const moveSlider = (path: string, value: number) =>
  `(() => { const r = document.querySelector('.control[data-path="${path}"] input[type=range]'); r.value = ${value}; r.dispatchEvent(new Event('input', { bubbles: true })); r.dispatchEvent(new Event('change', { bubbles: true })); return r.value; })()`;

const CHART = `document.querySelector('#chart-candidates svg') ? document.querySelector('#chart-candidates svg').outerHTML : ''`;

/** A raw HTTP request to the server, with the headers given (Host is the served address unless given). */
function raw(url: string, path: string, headers: Record<string, string>, method = 'GET'): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method, headers: { Host: u.host, ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!hasChromium)('hiresim explore in headless Chromium', () => {
  let dir: string;
  let explore: ExploreHandle;
  let browser: Browser;
  let sessionId: string;
  let events: CdpEvent[];
  let before: string;
  let after: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hiresim-explore-'));
    copyFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), join(dir, 'baseline.yaml'));
    explore = await startExplore({ file: 'baseline.yaml', cwd: dir, overrides: SMALL, threads: 2 });
    explore.warmUp();
    browser = Browser.launch();
    sessionId = await open(browser, explore.url);
    await until(browser, sessionId, `window.hiresimExplore && hiresimExplore.phase === 'result'`);
    before = await evaluate<string>(browser, sessionId, CHART);
    await evaluate(browser, sessionId, moveSlider('upskilling.selfStudyRate', 0.3));
    await until(browser, sessionId, `hiresimExplore.phase === 'result' && hiresimExplore.accepted.changes.length === 1`);
    after = await evaluate<string>(browser, sessionId, CHART);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await explore?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers a moved slider: the expected value first, then the draft, and the chart changes', async () => {
    expect(before).toContain('<svg');
    expect(after).toContain('<svg');
    expect(after).not.toBe(before);
    const state = await evaluate<{ accepted: { changes: { path: string; override: string }[] }; expected: { whatIf: { closingYear: number | null } }; result: { same: boolean; whatIf: { replications: number }; difference: { pairs: number; words: string } } }>(browser, sessionId, 'hiresimExplore');
    expect(state.accepted.changes.map((c) => c.override)).toEqual(['upskilling.selfStudyRate="year <= 2025 ? 0.151317 : 0.3"']);
    expect(state.expected.whatIf.closingYear === null || state.expected.whatIf.closingYear >= 2025).toBe(true);
    expect(state.result.same).toBe(false);
    expect(state.result.whatIf.replications).toBe(3);
    expect(state.result.difference.pairs).toBe(3);
    expect(state.result.difference.words).toMatch(/^The what-if closes .* than the scenario/);
    expect(await evaluate<string>(browser, sessionId, `document.getElementById('difference').textContent`)).toBe(state.result.difference.words);
  });

  it('draws all three charts with labelled axes', async () => {
    const labels = await evaluate<Record<string, string[]>>(browser, sessionId, `Object.fromEntries(['candidates', 'closed', 'pay'].map((id) => [id, [...document.querySelectorAll('#chart-' + id + ' svg [aria-label$="-axis label"]')].map((g) => g.textContent)]))`);
    expect(labels.candidates.join(' ')).toContain('qualified candidates per 100 open positions (log scale)');
    expect(labels.closed.join(' ')).toContain('P(closed by year)');
    expect(labels.pay.join(' ')).toContain('nominal US dollars');
  });

  it('makes no request but to its own server', () => {
    events = browser.events.filter((e) => e.sessionId === sessionId);
    const origin = new URL(explore.url).origin;
    const requests = events.filter((e) => e.method === 'Network.requestWillBeSent').map((e) => (e.params.request as { url: string }).url);
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
    expect(events.filter((e) => e.method === 'Network.loadingFailed' && !(e.params as { canceled?: boolean }).canceled).map((e) => e.params)).toEqual([]);
  });

  it('logs no console errors or warnings and throws no exceptions', () => {
    const bad = events.filter(
      (e) =>
        (e.method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(e.params.type as string)) ||
        e.method === 'Runtime.exceptionThrown' ||
        (e.method === 'Log.entryAdded' && ['error', 'warning'].includes((e.params.entry as { level: string }).level)),
    );
    expect(bad.map((e) => JSON.stringify(e.params))).toEqual([]);
  });

  it('saves the view as a scenario that hiresim run turns into the numbers the page showed', async () => {
    await evaluate(browser, sessionId, `(() => { document.getElementById('save-name').value = 'faster-self-study'; document.getElementById('save').click(); })()`);
    await until(browser, sessionId, `hiresimExplore.saved !== undefined`);
    const saved = await evaluate<{ file: string; text: string; command: string }>(browser, sessionId, 'hiresimExplore.saved');
    expect(saved.file).toBe('faster-self-study.yaml');
    const text = readFileSync(join(dir, saved.file), 'utf8');
    expect(text).toBe(saved.text);
    expect(text).toMatch(/^extends: baseline\.yaml$/m);
    expect(text).toMatch(/^# Explored .*baseline\.yaml: sha-256 [0-9a-f]{64}\.$/m);
    expect(text).toContain('selfStudyRate: "year <= 2025 ? 0.151317 : 0.3" # set in hiresim explore');
    expect(saved.command).toBe('hiresim run faster-self-study.yaml --set scale=200 --seed 20250101 --reps 3');
    // It validates (and loads to what the page ran); `hiresim run` below reads it as any scenario.
    expect(loadScenario(join(dir, saved.file)).hash).toBe(loadScenario(join(dir, 'baseline.yaml'), { overrides: [...SMALL, 'upskilling.selfStudyRate="year <= 2025 ? 0.151317 : 0.3"'] }).hash);
    const run = await hiresimAsync(['run', saved.file, '--set', 'scale=200', '--seed', '20250101', '--reps', '3', '--threads', '1', '--json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { closure: { medianYear: number | null; p10Year: number | null; p90Year: number | null }; years: { year: number; candidatesPer100: { p10: number; p50: number; p90: number } }[] };
    const shown = await evaluate<{ closure: { medianYear: number | null; p10Year: number | null; p90Year: number | null }; years: number[]; candidatesPer100: { p10: number; p50: number; p90: number }[] }>(browser, sessionId, 'hiresimExplore.result.whatIf');
    expect({ medianYear: summary.closure.medianYear, p10Year: summary.closure.p10Year, p90Year: summary.closure.p90Year }).toEqual({ medianYear: shown.closure.medianYear, p10Year: shown.closure.p10Year, p90Year: shown.closure.p90Year });
    expect(summary.years.map((y) => y.year)).toEqual(shown.years);
    expect(summary.years.map((y) => ({ p10: y.candidatesPer100.p10, p50: y.candidatesPer100.p50, p90: y.candidatesPer100.p90 }))).toEqual(shown.candidatesPer100);
    // The answer as the page wrote it names the same closing year.
    expect(await evaluate<string>(browser, sessionId, `document.getElementById('answer').textContent`)).toContain(`closes in ${summary.closure.medianYear ?? 'after 2031'}`);
  }, 30_000);

  it('refuses a request without the token, and one from a foreign origin', async () => {
    expect(await raw(explore.url, '/', {})).toBe(403);
    expect(await raw(explore.url, '/api/setup', {})).toBe(403);
    expect(await raw(explore.url, `/api/setup?token=${explore.token}`, {})).toBe(200);
    expect(await raw(explore.url, `/api/setup?token=${explore.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await raw(explore.url, `/?token=${explore.token}`, { Origin: 'http://evil.example' })).toBe(403);
  });

  it.runIf(process.env.UPDATE_SCREENSHOT === '1')('writes docs/explore.png from the shipped baseline', async () => {
    const full = await startExplore({ file: 'scenarios/baseline.yaml', cwd: ROOT, threads: 2 });
    try {
      full.warmUp();
      const page = await open(browser, full.url, 1400, 1500);
      await until(browser, page, `window.hiresimExplore && hiresimExplore.phase === 'result'`, 120_000);
      await evaluate(browser, page, moveSlider('tools.maturity', 0.6));
      await until(browser, page, `hiresimExplore.phase === 'result' && hiresimExplore.accepted.changes.length === 1`, 120_000);
      const shot = (await browser.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width: 1400, height: 1500, scale: 1 } }, page)) as { data: string };
      writeFileSync(join(ROOT, 'docs', 'explore.png'), Buffer.from(shot.data, 'base64'));
    } finally {
      await full.close();
    }
  }, 300_000);
});
