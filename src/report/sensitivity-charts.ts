/**
 * Charts of a sensitivity analysis, per output (median closing year, median gap in a year):
 * Sobol' indices as a tornado (total index bars with 95% whiskers, first-order dots), largest first;
 * Morris elementary effects as the usual μ*–σ scatter (Campolongo et al. 2007; Garcia Sanchez et
 * al. 2014): μ*, the mean absolute effect, across; σ, their standard deviation, up; each point
 * labelled with its parameter, and the line σ = μ* dividing mostly linear, additive effects (below)
 * from non-linear or interacting ones (above). Both are ≥ 0, so nothing is drawn below zero.
 */
import type * as PlotModule from '@observablehq/plot';
import type { SensitivitySummary } from '../studies/sensitivity.js';
import type { Chart } from './charts.js';
import { intervalBarMarks } from './interval-bars.js';
import { plainNumber } from './words.js';

type Plot = typeof PlotModule;
type Render = (options: PlotModule.PlotOptions) => string;

const OUTPUT_LABEL = (s: SensitivitySummary, output: 'closingYear' | 'gap') => (output === 'closingYear' ? 'median closing year' : `median gap in ${s.year}`);

/** The Morris scatter's plot area (pixels), to keep point labels from overlapping. */
const MORRIS = { width: 960, height: 380, marginLeft: 70, marginRight: 230, marginTop: 30, marginBottom: 46 } as const;

/**
 * Label positions for scatter points: each at its point, moved down (in data units) where it would
 * overlap a label above it (closer than 14 px in height and 160 px across).
 */
export function labelPositions(points: readonly { readonly x: number; readonly y: number }[], scale: { readonly x: number; readonly y: number }): number[] {
  const plotWidth = MORRIS.width - MORRIS.marginLeft - MORRIS.marginRight;
  const plotHeight = MORRIS.height - MORRIS.marginTop - MORRIS.marginBottom;
  const px = points.map((p) => ({ x: (p.x / scale.x) * plotWidth, y: plotHeight - (p.y / scale.y) * plotHeight }));
  const order = px.map((_, k) => k).sort((a, b) => px[a].y - px[b].y || px[a].x - px[b].x);
  const placed: { x: number; y: number }[] = [];
  const labelY = new Array<number>(points.length);
  for (const k of order) {
    let y = px[k].y;
    for (let again = true; again; ) {
      again = false;
      for (const q of placed) {
        if (Math.abs(q.y - y) < 14 && Math.abs(q.x - px[k].x) < 160) {
          y = q.y + 14;
          again = true;
        }
      }
    }
    placed.push({ x: px[k].x, y });
    // Unmoved labels keep their point's value exactly (no round trip through pixels).
    labelY[k] = y === px[k].y ? points[k].y : ((plotHeight - y) / plotHeight) * scale.y;
  }
  return labelY;
}

/** The charts of each output of a sensitivity analysis (none for an output that did not vary). */
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
          x: { label: 'Sobol\' index (share of the output\'s variance)', grid: true, inset: 12, tickFormat: plainNumber, domain: [Math.min(0, ...bars.map((b) => b.low), ...dots.map((d) => d.value)), Math.max(1, ...bars.map((b) => b.high), ...dots.map((d) => d.value))] },
          y: { label: null, domain: sorted.map((p) => p.path) },
          marks: [...intervalBarMarks(Plot, bars, { x: 'value', y: 'path' }), Plot.dot(dots, { x: 'value', y: 'path', fill: 'kind', stroke: '#222', r: 5 })],
        }),
      });
    } else if (o.morris) {
      const gap = o.output === 'gap';
      const unit = gap ? 'percentage points of the gap' : 'years';
      const format = gap ? (d: number) => `${plainNumber(d * 100)} pp` : plainNumber;
      const points = [...o.morris].sort((a, b) => b.muStar - a.muStar || (a.path < b.path ? -1 : 1)).map((p) => ({ path: p.path, muStar: p.muStar, sigma: p.sigma, mu: p.mu }));
      // Axes from zero to past the largest value (a small span when every effect is zero).
      const none = gap ? 0.01 : 1;
      const top = Math.max(...points.flatMap((p) => [p.muStar, p.sigma]), 0);
      const xMax = Math.max(...points.map((p) => p.muStar), 0) * 1.12 || none;
      const yMax = Math.max(...points.map((p) => p.sigma), 0) * 1.15 || none;
      const ys = labelPositions(points.map((p) => ({ x: p.muStar, y: p.sigma })), { x: xMax, y: yMax });
      const labels = points.map((p, j) => ({ ...p, labelY: ys[j] }));
      const line = Math.min(xMax, yMax) || top;
      charts.push({
        id,
        title: `Sensitivity of the ${label} — ${s.scenario.name} (Morris)`,
        caption: `Morris elementary effects of each parameter on the ${label} (in ${unit}, per whole range of the parameter). Across: μ*, the mean absolute effect (how much the parameter matters); up: σ, the standard deviation of its effects (how much that depends on the other parameters: non-linear or interacting). Dashed: σ = μ*; points above it act mostly through non-linearity or interactions. ${s.samples} trajectories, ${s.evaluations} points, ${s.replications} replications each.`,
        html: render({
          ...MORRIS,
          color: { legend: false },
          x: { label: `μ*, mean absolute effect (${unit})`, domain: [0, xMax], tickFormat: format, grid: true },
          y: { label: `σ of the effects (${unit})`, domain: [0, yMax], tickFormat: format, grid: true },
          marks: [
            Plot.line([{ x: 0, y: 0 }, { x: line, y: line }], { x: 'x', y: 'y', stroke: '#888', strokeDasharray: '4,3', ariaDescription: 'sigma equals mu-star' }),
            Plot.text([{ x: line, y: line }], { x: 'x', y: 'y', text: () => 'σ = μ*', textAnchor: 'end', dx: -4, dy: -8, fill: '#666', ariaDescription: 'sigma equals mu-star label' }),
            Plot.dot(points, { x: 'muStar', y: 'sigma', fill: '#4269d0', stroke: 'white', r: 5.5, ariaDescription: 'parameter' }),
            Plot.text(labels, { x: 'muStar', y: 'labelY', text: 'path', textAnchor: 'start', dx: 9, fill: '#222', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke', ariaDescription: 'parameter label' }),
          ],
        }),
      });
    }
  }
  return { charts, omitted };
}
