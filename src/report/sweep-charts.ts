/**
 * Charts of sweeps and sensitivity analyses: per swept parameter, its response (the point's value
 * against the median closing year and against the median gap); per sensitivity output, a tornado
 * of the parameters' indices, largest first.
 */
import type * as PlotModule from '@observablehq/plot';
import type { SensitivitySummary } from '../sweep/sensitivity.js';
import type { Chart } from './charts.js';
import { intervalBarMarks } from './interval-bars.js';
import type { SweepInfo } from './sweep.js';

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
      gap: l.gap[String(year)].p50,
    }));
    const closed = rows.filter((r) => r.status === CLOSED);
    const censored = rows.filter((r) => r.status === CENSORED);
    const x = {
      label: path,
      ...(numeric ? { type: range?.kind === 'continuous' && range.log ? ('log' as const) : ('linear' as const), inset: 10, ...(range?.kind === 'continuous' ? { domain: [range.low, range.high] } : {}) } : { type: 'point' as const, domain: [...new Set(rows.map((r) => r.value as string))], inset: 10 }),
      grid: true,
    };
    const color = { legend: true, domain: [CLOSED, CENSORED], range: ['#4269d0', '#d62728'] };
    const closing = render({
      width: 470,
      height: 300,
      marginLeft: 78,
      color,
      x,
      y: { label: 'median closing year', domain: [low - 0.5, edge + 1.5], ticks: yearTicks.length <= 16 ? yearTicks : undefined, tickFormat: (y: number) => (y === edge + 1 ? 'not closed' : String(y)), grid: true },
      marks: [
        Plot.ruleY([edge + 0.5], { stroke: '#888', strokeDasharray: '4,3' }),
        Plot.dot(closed, { x: 'value', y: 'closing', fill: 'status', r: 3.5 }),
        Plot.dot(censored, { x: 'value', y: 'closing', stroke: 'status', symbol: 'times', r: 4.5, strokeWidth: 1.8 }),
      ],
    });
    const gap = render({
      width: 470,
      height: 300,
      marginLeft: 78,
      color: { ...color, legend: false },
      x,
      y: { label: `median gap in ${year}`, tickFormat: '.0%', grid: true },
      marks: [Plot.ruleY([0], { stroke: '#888' }), Plot.dot(closed, { x: 'value', y: 'gap', fill: 'status', r: 3.5 }), Plot.dot(censored, { x: 'value', y: 'gap', stroke: 'status', symbol: 'times', r: 4.5, strokeWidth: 1.8 })],
    });
    const rangeText = range ? (range.kind === 'continuous' ? `, swept over ${range.low} to ${range.high}${range.log ? ' on a log scale' : ''}` : `, values ${range.values.map(String).join(', ')}`) : '';
    return {
      id: `sweep${suffix}-${slug(path)}`,
      title: `Response to ${path} — sweep ${info.label}`,
      caption: `Each mark is one point of the sweep (${lines.length} points, design ${info.design}, ${info.replications} replications each, every other parameter varying too): its value of ${path}${rangeText}, against the median closing year over replications (left) and the median gap in ${year} (right). Censored: ${censoredCount} of ${lines.length} points, whose median replication has ${edgeText}, are drawn as red × on the edge above the dashed line (and as × in the gap panel).`,
      html: `<div class="panels" style="display: flex; flex-wrap: wrap; gap: 0 16px; align-items: flex-end;"><div style="flex: 0 0 470px;">${closing}</div><div style="flex: 0 0 470px;">${gap}</div></div>`,
    };
  });
}

const OUTPUT_LABEL = (s: SensitivitySummary, output: 'closingYear' | 'gap') => (output === 'closingYear' ? 'median closing year' : `median gap in ${s.year}`);

/** One tornado per output of a sensitivity analysis (none for an output that did not vary). */
export function sensitivityCharts(s: SensitivitySummary, k: number, Plot: Plot, render: Render): { charts: Chart[]; omitted: string[] } {
  const charts: Chart[] = [];
  const omitted: string[] = [];
  const suffix = k === 0 ? '' : `-${k + 1}`;
  for (const o of s.outputs) {
    const label = OUTPUT_LABEL(s, o.output);
    const id = `sensitivity${suffix}-${o.output === 'closingYear' ? 'closing' : 'gap'}`;
    if (o.constant || (!o.sobol && !o.morris)) {
      omitted.push(`Sensitivity of the ${label} (${s.scenario.name}): the output did not vary over the design, so no index can be computed.`);
      continue;
    }
    if (o.sobol) {
      const sorted = [...o.sobol].sort((a, b) => b.total.index - a.total.index || (a.path < b.path ? -1 : 1));
      const bars = sorted.map((p) => ({ path: p.path, kind: 'total index (Sₜ)', value: p.total.index, low: p.total.low, high: p.total.high }));
      const dots = sorted.map((p) => ({ path: p.path, kind: 'first-order index (S₁)', value: p.first.index }));
      charts.push({
        id,
        title: `Sensitivity of the ${label} — ${s.scenario.name} (Sobol')`,
        caption: `Sobol' indices of each parameter for the ${label}, largest total index first. Bar: total index (the share of the output's variance involving the parameter, interactions included), whiskers: its 95% bootstrap interval; dot: first-order index (the parameter alone). ${s.samples} base rows, ${s.evaluations} points, ${s.replications} replications each; with few samples the estimates can fall outside [0, 1].`,
        html: render({
          height: 80 + 46 * sorted.length,
          marginLeft: 200,
          marginBottom: 42,
          color: { legend: true, domain: ['total index (Sₜ)', 'first-order index (S₁)'], range: ['#4269d0', '#ff725c'] },
          x: { label: 'Sobol\' index', grid: true, inset: 12, domain: [Math.min(0, ...bars.map((b) => b.low), ...dots.map((d) => d.value)), Math.max(1, ...bars.map((b) => b.high), ...dots.map((d) => d.value))] },
          y: { label: null, domain: sorted.map((p) => p.path) },
          marks: [
            ...intervalBarMarks(Plot, bars, { x: 'value', y: 'path' }),
            Plot.dot(dots, { x: 'value', y: 'path', fill: 'kind', stroke: '#222', r: 5 }),
          ],
        }),
      });
    } else if (o.morris) {
      const sorted = [...o.morris].sort((a, b) => b.muStar - a.muStar || (a.path < b.path ? -1 : 1));
      const rows = sorted.map((p) => ({ path: p.path, kind: 'μ* (mean |effect|)', value: p.muStar, low: p.muStar - p.sigma, high: p.muStar + p.sigma, mu: p.mu }));
      const gap = o.output === 'gap';
      charts.push({
        id,
        title: `Sensitivity of the ${label} — ${s.scenario.name} (Morris)`,
        caption: `Morris elementary effects of each parameter on the ${label} (${gap ? 'gap, in percentage points' : 'years'} per whole range of the parameter), largest μ* first. Bar: μ*, the mean absolute effect; whiskers: μ* ± σ, the standard deviation of the effects (large σ: non-linear or interacting). ${s.samples} trajectories, ${s.evaluations} points, ${s.replications} replications each.`,
        html: render({
          height: 80 + 46 * sorted.length,
          marginLeft: 200,
          marginBottom: 42,
          color: { legend: true, domain: ['μ* (mean |effect|)'], range: ['#4269d0'] },
          x: { label: `μ* ± σ (${gap ? 'gap' : 'years'})`, grid: true, inset: 12, ...(gap ? { tickFormat: '.0%' } : {}), ...(rows.every((r) => r.low === 0 && r.high === 0) ? { domain: gap ? [0, 0.01] : [0, 1] } : {}) },
          y: { label: null, domain: sorted.map((p) => p.path) },
          marks: [
            ...intervalBarMarks(Plot, rows, { x: 'value', y: 'path' }),
          ],
        }),
      });
    }
  }
  return { charts, omitted };
}
