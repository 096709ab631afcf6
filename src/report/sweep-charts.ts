/**
 * Charts of a sweep: per swept parameter, its response: the point's value against the median
 * closing year, and against the median qualified candidates per 100 open positions in the first
 * recorded year (100 × (1 − the median gap), on a log axis with a rule at 100, as the headline
 * chart). A parameter swept on a log scale gets a log axis with plain decimal ticks (0.02, 0.05,
 * 0.1, 0.2), never SI prefixes ("20m").
 */
import type * as PlotModule from '@observablehq/plot';
import type { Chart } from './charts.js';
import type { SweepInfo } from './sweep.js';
import { logDomain, logTicks, plainNumber } from './words.js';

type Plot = typeof PlotModule;
type Render = (options: PlotModule.PlotOptions) => string;

const CLOSED = 'closes by the horizon';
const CENSORED = 'not closed by the horizon';
const slug = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();

/** One response chart per parameter of a sweep: two panels side by side. */
export function sweepCharts(info: SweepInfo, k: number, Plot: Plot, render: Render): Chart[] {
  const year = info.years[0];
  const lines = info.lines;
  const closedYears = lines.flatMap((l) => (l.closure.medianYear === null ? [] : [l.closure.medianYear]));
  const recordedYears = lines.flatMap((l) => [l.closure.medianYear, l.closure.p10Year, l.closure.p90Year].filter((y): y is number => typeof y === 'number'));
  // The horizon edge: the horizon when known, else the last year the lines mention (a lower bound).
  const edge = info.horizon ?? Math.max(...info.years, ...recordedYears);
  const edgeText = info.horizon !== undefined ? `not closed by ${edge}` : `not closed (horizon ≥ ${edge})`;
  const censoredCount = lines.filter((l) => l.closure.medianYear === null).length;
  const low = Math.min(edge, ...closedYears);
  const yearTicks = Array.from({ length: edge + 1 - low + 1 }, (_, i) => low + i);
  const suffix = k === 0 ? '' : `-${k + 1}`;
  return info.params.map((path) => {
    const range = info.ranges?.find((r) => r.path === path);
    const numeric = lines.every((l) => typeof l.point[path] === 'number');
    const rows = lines.map((l) => ({
      value: numeric ? (l.point[path] as number) : String(l.point[path]),
      closing: l.closure.medianYear ?? edge + 1,
      status: l.closure.medianYear === null ? CENSORED : CLOSED,
      // candidates per 100 = 100 × (1 − gap): the median maps to the median. Below 1 (no candidates) drawn at 1.
      candidates: Math.max(1, 100 * (1 - l.gap[String(year)].p50)),
    }));
    const closed = rows.filter((r) => r.status === CLOSED);
    const censored = rows.filter((r) => r.status === CENSORED);
    const log = range?.kind === 'continuous' && range.log;
    const x: PlotModule.ScaleOptions = {
      label: path,
      ...(numeric
        ? { type: log ? 'log' : 'linear', inset: 10, tickFormat: plainNumber, ...(range?.kind === 'continuous' ? { domain: [range.low, range.high] } : {}), ...(log && range?.kind === 'continuous' ? { ticks: sweepLogTicks(range.low, range.high) } : {}) }
        : { type: 'point', domain: [...new Set(rows.map((r) => r.value as string))], inset: 10 }),
      grid: true,
    };
    const color = { legend: true, domain: [CLOSED, CENSORED], range: ['#4269d0', '#d62728'] };
    const closing = render({
      width: 470,
      height: 300,
      marginLeft: 78,
      marginBottom: 44,
      color,
      x,
      y: { label: 'median closing year', domain: [low - 0.5, edge + 1.5], ticks: yearTicks.length <= 16 ? yearTicks : undefined, tickFormat: (y: number) => (y === edge + 1 ? 'not closed' : String(y)), grid: true },
      marks: [
        Plot.ruleY([edge + 0.5], { stroke: '#888', strokeDasharray: '4,3' }),
        Plot.dot(closed, { x: 'value', y: 'closing', fill: 'status', r: 3.5 }),
        Plot.dot(censored, { x: 'value', y: 'closing', stroke: 'status', symbol: 'times', r: 4.5, strokeWidth: 1.8 }),
      ],
    });
    const candidateDomain = logDomain(Math.min(100, ...rows.map((r) => r.candidates)), Math.max(100, ...rows.map((r) => r.candidates)));
    const gap = render({
      width: 470,
      height: 300,
      marginLeft: 78,
      marginBottom: 44,
      color: { ...color, legend: false },
      x,
      y: { type: 'log', domain: candidateDomain, ticks: logTicks(...candidateDomain), tickFormat: plainNumber, label: `candidates per 100 positions in ${year} (median)`, grid: true },
      marks: [Plot.ruleY([100], { stroke: '#555' }), Plot.dot(closed, { x: 'value', y: 'candidates', fill: 'status', r: 3.5 }), Plot.dot(censored, { x: 'value', y: 'candidates', stroke: 'status', symbol: 'times', r: 4.5, strokeWidth: 1.8 })],
    });
    const rangeText = range ? (range.kind === 'continuous' ? `, swept over ${range.low} to ${range.high}${range.log ? ' on a log scale' : ''}` : `, values ${range.values.map(String).join(', ')}`) : '';
    return {
      id: `sweep${suffix}-${slug(path)}`,
      title: `Response to ${path} — sweep ${info.label}`,
      caption: `Each mark is one point of the sweep (${lines.length} points, design ${info.design}, ${info.replications} replications each, every other parameter varying too): its value of ${path}${rangeText}, against the median closing year over replications (left) and the median qualified candidates per 100 open positions in ${year} (right; log scale, 100 = balance, 100 × (1 − the median gap)). Censored: ${censoredCount} of ${lines.length} points, whose median replication has ${edgeText}, are drawn as red × on the edge above the dashed line (and as × in the right panel).`,
      html: `<div class="panels" style="display: flex; flex-wrap: wrap; gap: 0 16px; align-items: flex-end;"><div style="flex: 0 0 470px;">${closing}</div><div style="flex: 0 0 470px;">${gap}</div></div>`,
    };
  });
}


/**
 * Ticks of a log-scale parameter's axis: 1–2–5 steps inside its range, with both ends added when
 * fewer than three steps fall inside (a narrow range such as 0.03–0.07).
 */
export function sweepLogTicks(low: number, high: number): number[] {
  const inside = logTicks(low, high);
  return inside.length >= 3 ? inside : [...new Set([low, ...inside, high])].sort((a, b) => a - b);
}
