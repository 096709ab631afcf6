/**
 * The explore page's script, a browser module (bundled by scripts/bundle.mjs into
 * dist/explore/page/app.js and served as /app.js): it builds the controls from /api/setup, sends
 * the view to /api/run on every change (aborting the previous request, which the server cancels
 * too), reads the server-sent events from the response stream, and draws the three charts with
 * Observable Plot (the global `Plot`, with `d3`, both served by hiresim). It talks to nothing but
 * its own server.
 *
 * The data it reads are typed by the server's own modules (imported as types only, so nothing of
 * the server is bundled): a renamed field of an event fails `npm run typecheck`, not the browser.
 * Checked by src/explore/page/tsconfig.json (the DOM library), not by the root project.
 *
 * The last answer is kept in `window.hiresimExplore` (tests read it; so can a curious user's console).
 */
import type { Markish } from '@observablehq/plot';
import type { Draft, LeverControl, SliderControl, ViewState } from '../controls.js';
import type { ExploreEvent, ExploreSession, ExploreSetup } from '../session.js';
import type { DraftView, ExpectedView } from '../view.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The setup as the page keeps it: each result updates the cost of a replication. */
type PageSetup = Omit<ExploreSetup, 'unitCost'> & { unitCost: number | null };

/** The view the page edits (a writable ViewState): what /api/run and /api/save are sent. */
interface PageView {
  levers: Mutable<ViewState['levers']>;
  values: Mutable<ViewState['values']>;
  draft: Draft;
}

/** An event's data as received: the session's event with the request's id. */
type Received<K extends ExploreEvent['event']> = Extract<ExploreEvent, { event: K }>['data'];

/** /api/save's answer: the saved file, or why not (`messages` for a refused view, `error` for a refused request). */
type Saved = ReturnType<ExploreSession['save']>;
interface SaveRefused {
  readonly messages?: readonly string[];
  readonly error?: string;
}

type Phase = 'starting' | 'sent' | 'failed' | 'problem' | 'accepted' | 'expected' | 'draft' | 'result';

/** `window.hiresimExplore`: the setup, the view, and the last answer of each kind. */
interface ExploreState {
  setup: PageSetup | null;
  state: PageView | null;
  phase: Phase;
  runs: number;
  accepted: Received<'accepted'> | null;
  expected: Received<'expected'> | null;
  draft: Received<'draft'> | null;
  result: Received<'result'> | null;
  problem: Received<'problem'> | null;
  /** The last save's answer; absent before the first save. */
  saved?: Saved | SaveRefused;
}

declare global {
  interface Window {
    hiresimExplore: ExploreState;
  }
}

/** The page's elements by id (html.ts writes every one of them). */
interface PageElements {
  scenario: HTMLElement;
  levers: HTMLElement;
  sliders: HTMLElement;
  'draft-scale': HTMLSelectElement;
  'draft-reps': HTMLInputElement;
  'draft-seed': HTMLInputElement;
  'draft-cost': HTMLElement;
  'copy-command': HTMLButtonElement;
  command: HTMLTextAreaElement;
  'save-name': HTMLInputElement;
  save: HTMLButtonElement;
  saved: HTMLElement;
  yaml: HTMLTextAreaElement;
  status: HTMLElement;
  answer: HTMLElement;
  difference: HTMLElement;
  'expected-answer': HTMLElement;
  'chart-candidates': HTMLElement;
  'chart-closed': HTMLElement;
  'chart-pay': HTMLElement;
}
type ChartId = 'chart-candidates' | 'chart-closed' | 'chart-pay';

const WHAT_IF = '#0b6bcb';
const SCENARIO = '#6e7781';
const explore: ExploreState = { setup: null, state: null, phase: 'starting', runs: 0, accepted: null, expected: null, draft: null, result: null, problem: null };
window.hiresimExplore = explore;
let current: { controller: AbortController; id: number } | null = null;
let debounce: ReturnType<typeof setTimeout> | null = null;

function $<K extends keyof PageElements>(id: K): PageElements[K] {
  return document.getElementById(id) as PageElements[K];
}
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Readonly<Record<string, string>>, children?: readonly Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'text') node.textContent = v;
    else if (k === 'className') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children || []) node.appendChild(c);
  return node;
}
function setPhase(phase: Phase): void {
  explore.phase = phase;
  document.body.setAttribute('data-phase', phase);
}
/** The setup and the view: every control, request and chart comes after /api/setup has answered. */
function ready(): { setup: PageSetup; state: PageView } {
  if (explore.setup === null || explore.state === null) throw new Error('hiresim explore: the page has no setup yet');
  return { setup: explore.setup, state: explore.state };
}

// Numbers as a person reads them: shares as percentages, plain decimals, years in words.
function plain(x: number): string {
  if (x === 0) return '0';
  const r = Number(x.toPrecision(3));
  const digits = Math.max(0, Math.min(12, -Math.floor(Math.log10(Math.abs(r))) + 2));
  const parts = r.toFixed(digits).split('.');
  const whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (parts[1] || '').replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}
function inUnit(control: SliderControl, x: number | string): string {
  if (typeof x !== 'number') return String(x);
  if (control.unit && control.unit.percent) return `${plain(x * 100)}%`;
  return plain(x);
}
// A constant is "as the formulas read it": no unit worth showing.
function unitLabel(control: SliderControl): string {
  return control.unit && control.unit.label && !control.unit.percent && control.path.indexOf('constants.') !== 0 ? ` ${control.unit.label}` : '';
}
function yearRange(p10: number | null, p90: number | null, horizon: number): string {
  if (p10 === null) return `after ${horizon}`;
  if (p90 === null) return `${p10} to after ${horizon}`;
  return p10 === p90 ? String(p10) : `${p10}–${p90}`;
}
function yearText(year: number | null, horizon: number): string {
  return year === null ? `after ${horizon}` : String(year);
}
function duration(seconds: number): string {
  if (seconds < 1) return `${seconds.toFixed(1)} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}

// A slider's position: the value itself on a linear scale, 0…1000 on a log scale.
function toPosition(c: SliderControl, v: number): number {
  if (c.scale !== 'log') return v;
  return Math.round((1000 * Math.log(v / c.min)) / Math.log(c.max / c.min));
}
function fromPosition(c: SliderControl, p: string): number {
  if (c.scale !== 'log') {
    const step = c.step > 0 ? c.step : (c.max - c.min) / 100;
    const decimals = Math.max(0, Math.min(12, Math.ceil(-Math.log10(step)) + 1));
    return Number(Number(p).toFixed(decimals));
  }
  return Number((c.min * Math.pow(c.max / c.min, Number(p) / 1000)).toPrecision(3));
}

function buildControls(setup: PageSetup): void {
  const s = setup.scenario;
  $('scenario').textContent = `"${s.name}" (${s.file}): ${s.description} Every change acts from ${setup.baseYear + 1} on; the history (${setup.startYear}–${setup.baseYear - 1}) and the base year ${setup.baseYear} stay the scenario's.`;
  const levers = $('levers');
  setup.controls.levers.forEach((lever: LeverControl) => {
    const box = el('input', { type: 'checkbox', id: `lever-${lever.lever}` });
    box.checked = lever.base;
    box.addEventListener('change', () => {
      const { state } = ready();
      if (box.checked === lever.base) delete state.levers[lever.lever];
      else state.levers[lever.lever] = box.checked;
      schedule(0);
    });
    levers.appendChild(el('label', { className: 'lever' }, [box, el('span', { text: `${lever.label} (${lever.path})` })]));
  });
  const sliders = $('sliders');
  setup.controls.left.forEach((reason) => {
    sliders.appendChild(el('p', { className: 'cost', text: `${reason}.` }));
  });
  if (setup.controls.sliders.length === 0) sliders.appendChild(el('p', { className: 'cost', text: 'This scenario has no explore: section; only the levers can be changed.' }));
  setup.controls.sliders.forEach((c: SliderControl) => {
    const range = el('input', { type: 'range', 'aria-label': c.label });
    if (c.scale === 'log') {
      range.min = '0';
      range.max = '1000';
      range.step = '1';
    } else {
      range.min = String(c.min);
      range.max = String(c.max);
      range.step = c.step > 0 ? String(c.step) : 'any';
    }
    range.value = String(toPosition(c, c.base));
    const text = el('input', { type: 'text', className: 'value', 'aria-label': `${c.label} (type a value: 53% or 0.53)` });
    text.value = inUnit(c, c.base);
    const shown = el('output', { text: inUnit(c, c.base) + unitLabel(c) });
    const reset = el('button', { type: 'button', text: 'reset', title: "back to the scenario's value" });
    const box = el('div', { className: 'control', 'data-path': c.path }, [
      el('div', { className: 'head' }, [el('span', { text: c.label }), shown]),
      el('div', { className: 'row' }, [range, text, reset]),
      el('p', { className: 'base', text: `scenario: ${c.baseText}${c.from === 'whole' ? ' (replaced whole when changed)' : ` (changed from ${setup.baseYear + 1} on)`}; slider ${inUnit(c, c.min)}–${inUnit(c, c.max)}${c.scale === 'log' ? ', log scale' : ''}; ${c.path}` }),
      el('p', { className: 'source', text: `source: ${c.citation ? `${c.source}: ${c.citation}` : c.source || 'none given'}` }),
      ...(c.note ? [el('p', { className: 'note', text: `Note: ${c.note}.` })] : []),
    ]);
    /** A value (a number, or text as typed), '' for the scenario's; asked for at once or after a pause. */
    function set(value: number | string, immediate: boolean): void {
      const { state } = ready();
      if (value === '') delete state.values[c.path];
      else state.values[c.path] = value;
      const v: number | string | undefined = state.values[c.path];
      box.classList.toggle('changed', v !== undefined);
      shown.textContent = (v === undefined ? inUnit(c, c.base) : inUnit(c, v)) + unitLabel(c);
      schedule(immediate ? 0 : 150);
    }
    range.addEventListener('input', () => {
      const v = fromPosition(c, range.value);
      text.value = inUnit(c, v);
      set(v, false);
    });
    range.addEventListener('change', () => set(fromPosition(c, range.value), true));
    text.addEventListener('change', () => {
      const typed = text.value.trim();
      const percent = /^([-+]?[0-9.]+(e[-+]?[0-9]+)?)\s*%$/i.exec(typed);
      const n = percent ? Number(percent[1]) / 100 : /^[-+]?[0-9.]+(e[-+]?[0-9]+)?$/i.test(typed) ? Number(typed) : NaN;
      if (isFinite(n) && n >= c.min && n <= c.max) range.value = String(toPosition(c, n));
      set(typed, true);
    });
    reset.addEventListener('click', () => {
      range.value = String(toPosition(c, c.base));
      text.value = inUnit(c, c.base);
      set('', true);
    });
    sliders.appendChild(box);
  });
  const scale = $('draft-scale');
  const scales = [setup.draft.scale, 20, 50, 100, 200, 500].filter((v, i, all) => all.indexOf(v) === i && v >= 1).sort((a, b) => a - b);
  scales.forEach((v) => {
    scale.appendChild(el('option', { value: String(v), text: `1 agent = ${v}` }));
  });
  scale.value = String(setup.draft.scale);
  $('draft-reps').value = String(setup.draft.replications);
  $('draft-seed').value = String(setup.draft.seed);
  function draftChanged(): void {
    const reps = Math.round(Number($('draft-reps').value));
    const seed = $('draft-seed').value.trim();
    ready().state.draft = { scale: Number(scale.value), replications: isFinite(reps) && reps >= 1 ? reps : 1, seed: /^[0-9]{1,15}$/.test(seed) ? Number(seed) : seed || setup.draft.seed };
    showCost();
    schedule(0);
  }
  scale.addEventListener('change', draftChanged);
  $('draft-reps').addEventListener('change', draftChanged);
  $('draft-seed').addEventListener('change', draftChanged);
  $('copy-command').addEventListener('click', () => {
    const area = $('command');
    area.select();
    if (navigator.clipboard) navigator.clipboard.writeText(area.value).catch(() => area.select());
  });
  $('save').addEventListener('click', save);
}

// The draft's cost as the CLI's plan line estimates it: replications × seconds each (timed on this machine) ÷ threads.
function showCost(): void {
  const { setup, state } = ready();
  const d = state.draft;
  const runs = 2 * d.replications;
  let text = `${runs} replications at most (${d.replications} of the what-if and ${d.replications} of the scenario on the same seeds; cached ones are not run again) at 1 agent = ${d.scale} persons on ${setup.threads} thread${setup.threads === 1 ? '' : 's'}`;
  if (setup.unitCost !== null) text += `: about ${duration((runs * setup.unitCost) / d.scale / Math.min(setup.threads, runs))} at most`;
  else text += '; the cost is estimated once the first replications are timed';
  $('draft-cost').textContent = `${text}.`;
}

function schedule(delay: number): void {
  if (debounce !== null) clearTimeout(debounce);
  debounce = setTimeout(() => {
    debounce = null;
    run();
  }, delay);
}

function run(): void {
  if (current) current.controller.abort();
  const me = { controller: new AbortController(), id: ++explore.runs };
  current = me;
  explore.accepted = null;
  explore.draft = null;
  explore.result = null;
  explore.problem = null;
  setPhase('sent');
  $('status').className = '';
  $('status').textContent = 'asking…';
  fetch('/api/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ready().state satisfies ViewState), signal: me.controller.signal, credentials: 'same-origin' })
    .then((response) => {
      if (!response.ok || !response.body) throw new Error(`the server answered ${response.status}`);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      function pump(): Promise<void> {
        return reader.read().then((chunk) => {
          if (chunk.done) return;
          buffer += decoder.decode(chunk.value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.indexOf('event: ') === 0) event = line.slice(7);
              else if (line.indexOf('data: ') === 0) data += line.slice(6);
            }
            if (current === me) handle(event, data ? JSON.parse(data) : null);
          }
          return pump();
        });
      }
      return pump();
    })
    .catch((error: unknown) => {
      const e = error as Error | null | undefined;
      if (e && e.name === 'AbortError') return;
      if (current !== me) return;
      $('status').className = 'problem';
      $('status').textContent = `The connection to hiresim explore failed (${e && e.message}). Is it still running?`;
      setPhase('failed');
    });
}

function handle(name: string, data: unknown): void {
  // The stream carries the session's events as it built them (ExploreEvent); JSON.parse cannot check that, hence the cast.
  const message = { event: name, data } as ExploreEvent;
  const { setup, state } = ready();
  document.querySelectorAll('.control.bad').forEach((n) => n.classList.remove('bad'));
  switch (message.event) {
    case 'problem': {
      const problem = message.data;
      explore.problem = problem;
      $('status').className = 'problem';
      $('status').textContent = problem.messages.join('\n');
      problem.messages.forEach((m) => {
        setup.controls.sliders.forEach((c) => {
          if (m.indexOf(` ${c.path}:`) >= 0 || m.indexOf(` ${c.path}.`) >= 0) {
            const node = document.querySelector(`.control[data-path="${c.path}"]`);
            if (node) node.classList.add('bad');
          }
        });
      });
      setPhase('problem');
      break;
    }
    case 'accepted': {
      const accepted = message.data;
      explore.accepted = accepted;
      $('command').value = accepted.command;
      $('yaml').value = accepted.yaml;
      $('status').className = '';
      $('status').textContent = `Agent-based draft: ${accepted.plan}.`;
      setPhase('accepted');
      break;
    }
    case 'expected':
      explore.expected = message.data;
      setPhase('expected');
      draw();
      break;
    case 'draft': {
      const draft = message.data;
      explore.draft = draft;
      $('status').textContent = `Agent-based draft: ${draft.done} of ${draft.total} replications done…`;
      setPhase('draft');
      draw();
      break;
    }
    case 'result': {
      const result = message.data;
      explore.result = result;
      if (result.unitCost !== null) {
        setup.unitCost = result.unitCost;
        showCost();
      }
      const d = state.draft;
      $('status').textContent = `Agent-based draft finished: ${d.replications} replication${d.replications === 1 ? '' : 's'} at 1 agent = ${d.scale} persons, seed ${d.seed} (hiresim run gives the same numbers: see the command).`;
      setPhase('result');
      draw();
      break;
    }
    default:
      // `cancelled` (the stream ends after it), or an event this page does not know.
      break;
  }
}

/** The answer in words: [class, text] parts, the what-if's and the scenario's. */
function answerText(): [string, string][] {
  const horizon = ready().setup.horizon;
  const source = explore.result || explore.draft;
  const parts: [string, string][] = [];
  const describe = (v: DraftView) =>
    `closes in ${yearText(v.closure.medianYear, horizon)} (10–90% of ${v.replications} replication${v.replications === 1 ? '' : 's'}: ${yearRange(v.closure.p10Year, v.closure.p90Year, horizon)})`;
  if (source && source.whatIf) {
    const same = explore.result ? explore.result.same : !source.base;
    if (same) parts.push(['scenario', `The scenario (nothing changed) ${describe(source.whatIf)}.`]);
    else {
      parts.push(['what-if', `The what-if ${describe(source.whatIf)}.`]);
      if (source.base) parts.push(['scenario', ` The scenario ${describe(source.base)}.`]);
    }
  }
  return parts;
}

function draw(): void {
  const horizon = ready().setup.horizon;
  const answer = $('answer');
  answer.textContent = '';
  answerText().forEach(([className, text]) => {
    answer.appendChild(el('span', { className, text }));
  });
  const source = explore.result || explore.draft;
  $('difference').textContent = source && source.difference ? source.difference.words : '';
  const e = explore.expected;
  if (e) {
    const same = e.same;
    $('expected-answer').textContent = `Expected-value recursion (the first answer, at once): ${same ? `the scenario closes in ${yearText(e.base.closingYear, horizon)}` : `the what-if closes in ${yearText(e.whatIf.closingYear, horizon)}, the scenario in ${yearText(e.base.closingYear, horizon)}`}.`;
  }
  drawCandidates();
  drawClosed();
  drawPay();
}

/** The metrics drawn per year. */
type Metric = 'candidatesPer100' | 'payMedian';

function series(view: DraftView, key: Metric): { year: number; p10: number; p50: number; p90: number }[] {
  return view.years.map((year, i) => {
    const b = view[key][i];
    return { year, p10: b.p10, p50: b.p50, p90: b.p90 };
  });
}
function line(view: ExpectedView, key: Metric): { year: number; y: number }[] {
  return view.years.map((year, i) => ({ year, y: view[key][i] }));
}
// Round ends and ticks of a log axis: 1, 2 and 5 times powers of ten.
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) {
    [1, 2, 5].forEach((m) => {
      const t = Number((m * Math.pow(10, e)).toPrecision(1));
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(t);
    });
  }
  return ticks;
}
function logDomain(lo: number, hi: number): [number, number] {
  const steps = (x: number) => [0.5, 1, 2, 5, 10, 20].map((m) => Number((m * Math.pow(10, Math.floor(Math.log10(x)))).toPrecision(1)));
  const below = Math.max(...steps(lo).filter((t) => t <= lo));
  const above = Math.min(...steps(hi).filter((t) => t >= hi && t > below));
  return [below, above];
}
function width(figure: HTMLElement): number {
  return Math.max(420, Math.min(900, figure.clientWidth || 800));
}
function put(id: ChartId, svg: Element, caption: string): void {
  const figure = $(id);
  // html.ts gives every chart's figure a .plot holder and a figcaption.
  const holder = figure.querySelector('.plot')!;
  holder.textContent = '';
  holder.appendChild(svg);
  figure.querySelector('figcaption')!.textContent = caption;
}
/** The draft's bands to draw: the what-if's (none when nothing changed) and the scenario's. */
function views(): { whatIf: DraftView | null; base: DraftView | null } {
  const source = explore.result || explore.draft;
  const out: { whatIf: DraftView | null; base: DraftView | null } = { whatIf: null, base: null };
  if (source) {
    const same = explore.result ? explore.result.same : !source.base;
    out.whatIf = same ? null : (source.whatIf ?? null);
    out.base = (same ? source.whatIf : source.base) ?? null;
  }
  return out;
}
function historyMarks(setup: PageSetup, y1: number, y2: number): Markish[] {
  if (setup.startYear >= setup.baseYear) return [];
  return [
    // From the first year shown (not half a year before it: the shade would cover the axis labels).
    Plot.rect([{ x1: setup.startYear, x2: setup.baseYear - 0.5, y1, y2 }], { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: '#f3f4f6' }),
    Plot.text([{ x: setup.baseYear - 0.5, y: y2 }], { x: 'x', y: 'y', text: () => `← history   projection from ${setup.baseYear} →`, dy: 10, fill: '#59636e' }),
  ];
}

function drawCandidates(): void {
  const { setup } = ready();
  const v = views();
  const e = explore.expected;
  const same = e?.same ?? false;
  const floor = (x: number) => Math.max(x, 0.5);
  const marks: Markish[] = [];
  const values: number[] = [];
  function band(view: DraftView, color: string, opacity: number): void {
    const s = series(view, 'candidatesPer100').map((r) => ({ year: r.year, p10: floor(r.p10), p50: floor(r.p50), p90: floor(r.p90) }));
    s.forEach((r) => values.push(r.p10, r.p90));
    marks.push(Plot.areaY(s, { x: 'year', y1: 'p10', y2: 'p90', fill: color, fillOpacity: opacity }));
    marks.push(Plot.line(s, { x: 'year', y: 'p50', stroke: color, strokeWidth: 2 }));
  }
  function expected(view: ExpectedView, color: string): void {
    const s = line(view, 'candidatesPer100').map((r) => ({ year: r.year, y: floor(r.y) }));
    s.forEach((r) => values.push(r.y));
    marks.push(Plot.line(s, { x: 'year', y: 'y', stroke: color, strokeDasharray: '5,4', strokeWidth: 1.5 }));
  }
  if (v.base) band(v.base, SCENARIO, 0.18);
  if (v.whatIf) band(v.whatIf, WHAT_IF, 0.22);
  if (e) {
    expected(e.base, SCENARIO);
    if (!same) expected(e.whatIf, WHAT_IF);
  }
  values.push(100);
  const domain = logDomain(Math.min(...values), Math.max(...values));
  const svg = Plot.plot({
    width: width($('chart-candidates')),
    height: 320,
    marginLeft: 56,
    marginTop: 24,
    x: { label: 'year', tickFormat: 'd', domain: [setup.startYear, setup.horizon] },
    y: { type: 'log', domain, ticks: logTicks(domain[0], domain[1]), tickFormat: plain, label: 'qualified candidates per 100 open positions (log scale)', grid: true },
    marks: [...historyMarks(setup, domain[0], domain[1]), Plot.ruleY([100], { stroke: '#1f2328', strokeDasharray: '2,3' }), ...marks],
  });
  put('chart-candidates', svg, 'Blue: the what-if; grey: the scenario, on the same seeds. Bands: 10–90% of the replications, line: their median; dashed: the expected-value recursion. 100 (dotted) is balance: as many qualified candidates as open positions; the gap closes at or above it.');
}

function drawClosed(): void {
  const { setup } = ready();
  const v = views();
  const e = explore.expected;
  const same = e?.same ?? false;
  const marks: Markish[] = [Plot.ruleY([0])];
  function step(view: DraftView, color: string): void {
    marks.push(Plot.line(view.closedBy, { x: 'year', y: 'p', stroke: color, strokeWidth: 2, curve: 'step-after' }));
  }
  if (v.base) step(v.base, SCENARIO);
  if (v.whatIf) step(v.whatIf, WHAT_IF);
  if (e) {
    const rules: { x: number; color: string }[] = [];
    if (e.base.closingYear !== null) rules.push({ x: e.base.closingYear, color: SCENARIO });
    if (!same && e.whatIf.closingYear !== null) rules.push({ x: e.whatIf.closingYear, color: WHAT_IF });
    marks.push(Plot.ruleX(rules, { x: 'x', stroke: 'color', strokeDasharray: '5,4' }));
  }
  const svg = Plot.plot({
    width: width($('chart-closed')),
    height: 220,
    marginLeft: 56,
    x: { label: 'year', tickFormat: 'd', domain: [setup.baseYear, setup.horizon] },
    y: { domain: [0, 1], label: 'P(closed by year)', tickFormat: (p: number) => `${Math.round(p * 100)}%`, grid: true },
    marks,
  });
  const open: string[] = [];
  if (v.whatIf) open.push(`the what-if ${Math.round(v.whatIf.closure.censoredShare * 100)}%`);
  if (v.base) open.push(`the scenario ${Math.round(v.base.closure.censoredShare * 100)}%`);
  put('chart-closed', svg, `Share of replications whose gap has closed (at or below ${Math.round(setup.closure.threshold * 100)}% for ${setup.closure.sustainYears} years) by each year, from ${setup.baseYear}. Not closed by ${setup.horizon}: ${open.join(', ') || '…'}. Dashed: the expected-value recursion's closing year.`);
}

function drawPay(): void {
  const { setup } = ready();
  const v = views();
  const e = explore.expected;
  const same = e?.same ?? false;
  const marks: Markish[] = [];
  const values: number[] = [];
  function band(view: DraftView, color: string, opacity: number): void {
    const s = series(view, 'payMedian');
    s.forEach((r) => values.push(r.p10, r.p90));
    marks.push(Plot.areaY(s, { x: 'year', y1: 'p10', y2: 'p90', fill: color, fillOpacity: opacity }));
    marks.push(Plot.line(s, { x: 'year', y: 'p50', stroke: color, strokeWidth: 2 }));
  }
  if (v.base) band(v.base, SCENARIO, 0.18);
  if (v.whatIf) band(v.whatIf, WHAT_IF, 0.22);
  if (e) {
    const paths: [ExpectedView, string][] = [[e.base, SCENARIO], ...(same ? [] : [[e.whatIf, WHAT_IF] as [ExpectedView, string]])];
    paths.forEach(([view, color]) => {
      const s = line(view, 'payMedian');
      s.forEach((r) => values.push(r.y));
      marks.push(Plot.line(s, { x: 'year', y: 'y', stroke: color, strokeDasharray: '5,4', strokeWidth: 1.5 }));
    });
  }
  const hi = values.length ? Math.max(...values) : 1;
  const svg = Plot.plot({
    width: width($('chart-pay')),
    height: 240,
    marginLeft: 72,
    x: { label: 'year', tickFormat: 'd', domain: [setup.startYear, setup.horizon] },
    y: { domain: [0, hi * 1.05], label: 'median GenAI pay (nominal US dollars a year)', tickFormat: (x: number) => `$${plain(x)}`, grid: true },
    marks: [...historyMarks(setup, 0, hi * 1.05), ...marks],
  });
  put('chart-pay', svg, "Median pay of GenAI workers in nominal US dollars of each year: blue the what-if, grey the scenario (bands: 10–90% of the replications' medians); dashed: the expected-value recursion.");
}

function save(): void {
  const name = $('save-name').value;
  const out = $('saved');
  out.className = 'saved';
  out.textContent = 'saving…';
  fetch('/api/save', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ view: explore.state, name }), credentials: 'same-origin' })
    // The server answers 200 with the saved file, or an error status with why not (JSON.parse cannot check which, hence the casts).
    .then((response) => response.json().then((body: unknown) => (response.ok ? { ok: true as const, body: body as Saved } : { ok: false as const, body: body as SaveRefused })))
    .then((r) => {
      explore.saved = r.body;
      if (!r.ok) {
        out.className = 'saved problem';
        out.textContent = (r.body.messages || [r.body.error]).join('\n');
        return;
      }
      out.textContent = `Saved ${r.body.file}. The page's draft from it: ${r.body.command}`;
      $('yaml').value = r.body.text;
    })
    .catch((error: unknown) => {
      const e = error as Error | null | undefined;
      out.className = 'saved problem';
      out.textContent = `Saving failed: ${e && e.message}`;
    });
}

function start(): void {
  fetch('/api/setup', { credentials: 'same-origin' })
    .then((r) => {
      if (!r.ok) throw new Error(`the server answered ${r.status}`);
      return r.json() as Promise<ExploreSetup>;
    })
    .then((setup) => {
      explore.setup = setup;
      explore.state = { levers: {}, values: {}, draft: { scale: setup.draft.scale, replications: setup.draft.replications, seed: setup.draft.seed } };
      // The address bar need not show the token once the cookie holds it.
      if (location.search.indexOf('token=') >= 0) history.replaceState(null, '', '/');
      buildControls(setup);
      showCost();
      run();
    })
    .catch((error: unknown) => {
      const e = error as Error | null | undefined;
      $('status').className = 'problem';
      $('status').textContent = `Could not load the scenario from hiresim explore: ${e && e.message}`;
      setPhase('failed');
    });
}
window.addEventListener('resize', () => {
  if (explore.expected) draw();
});
start();
