/**
 * The headline chart: qualified candidates per 100 open positions, year by year, median and
 * 10–90% band per scenario, on a log axis with round ticks (10, 20, 50, 100, 200, 500…) and a rule
 * at 100, where candidates and positions balance. A log axis because the measure is a ratio: a
 * shortage of 47 per 100 and a surplus of 210 per 100 are both readable, where the gap on a linear
 * axis ran to −900% and squeezed the story into its top tenth.
 *
 * Nothing is clipped: the domain covers every band. A log axis cannot show zero, so a band that
 * reaches below one candidate per 100 positions (no candidates at all) is drawn at 1 and the
 * caption says how many such values there are.
 */
import type * as PlotModule from '@observablehq/plot';
import type { Chart } from './charts.js';
import { fanLayout, faceted, fanMarks, type FanRow } from './fan-marks.js';
import { candidatesBand, type ScenarioSeries } from './series.js';
import { logDomain, logTicks, plainNumber } from './words.js';

type Plot = typeof PlotModule;

/** The lowest value drawn on the log axis: one candidate per 100 open positions. */
export const FLOOR = 1;

export function candidatesChart(series: readonly ScenarioSeries[], Plot: Plot, render: (options: PlotModule.PlotOptions) => string, context: { readonly x: PlotModule.ScaleOptions; readonly history: { readonly marks: PlotModule.Markish[]; readonly labels: PlotModule.Markish[]; readonly caption: string } }): Chart {
  const names = series.map((s) => s.label);
  let floored = 0;
  const floor = (v: number) => {
    if (v >= FLOOR) return v;
    floored++;
    return FLOOR;
  };
  const derived = new Set<string>();
  const rows: FanRow[] = series.flatMap((s) =>
    s.years.flatMap((row) => {
      const band = candidatesBand(row);
      if (!band) return [];
      if (band.derived) derived.add(s.label);
      return [{ scenario: s.label, year: row.year, p10: floor(band.p10), p50: floor(band.p50), p90: floor(band.p90) }];
    }),
  );
  const targets = [...new Set(series.map((s) => 100 * (1 - s.closure.threshold)))].filter((t) => t !== 100 && t >= FLOOR);
  const values = [...rows.flatMap((r) => [r.p10, r.p90]), 100, ...targets];
  const domain = logDomain(Math.min(...values), Math.max(...values));
  // Each scenario's median written at its own base year and horizon.
  const ends = new Map(series.map((s) => [s.label, [s.baseYear, s.horizon]]));
  const labelYears = [...new Set(series.flatMap((s) => [s.baseYear, s.horizon]))];
  const marks: PlotModule.Markish[] = [
    ...context.history.marks,
    Plot.ruleY([100], { stroke: '#333', strokeWidth: 1.3, ariaDescription: 'balance' }),
    ...(targets.length > 0 ? [Plot.ruleY(targets, { stroke: '#333', strokeDasharray: '4,3', ariaDescription: 'closing threshold' })] : []),
    ...fanMarks(Plot, rows, names, { labels: { at: (r) => ends.get(r.scenario)?.includes(r.year) ?? false, format: (v) => String(Math.round(v)) } }),
    Plot.text([100], { y: (d: number) => d, frameAnchor: 'left', textAnchor: 'start', dx: 4, dy: -8, text: () => '100 = balance', fill: '#333', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke', ariaDescription: 'balance label' }),
    ...context.history.labels,
  ];
  const thresholds = targets.length > 0 ? ` Dashed: the closing threshold (${targets.map((t) => `${plainNumber(t)} per 100`).join(', ')}).` : ' The gap closes when the line stays at or above 100 (a gap of 0%) for the required years.';
  return {
    id: 'candidates',
    title: 'Qualified candidates per 100 open positions, year by year',
    caption:
      `The headline measure: qualified candidates seeking GenAI work per 100 open GenAI positions (below 100: a shortage; 100 = balance, as many qualified candidates as open positions; the gap is 1 − this ÷ 100). Log scale: equal steps are equal ratios. Bold line: median over replications (its value written at ${labelYears.sort((a, b) => a - b).join(' and ')}); band, outlined: 10th–90th percentile.` +
      `${faceted(names) ? ' One panel per scenario, in its colour; grey: the other scenarios\' medians.' : ''}${thresholds}` +
      `${derived.size > 0 ? ` For ${[...derived].join(', ')}, computed from the gap as 100 × (1 − gap) (the result${derived.size === 1 ? '' : 's'} do${derived.size === 1 ? 'es' : ''} not record the measure).` : ''}` +
      `${floored > 0 ? ` ${floored} value${floored === 1 ? '' : 's'} below ${FLOOR} per 100 (no qualified candidates) drawn at ${FLOOR}, the bottom of the log axis.` : ''}${context.history.caption}`,
    html: render({
      ...fanLayout(names, { single: 380, panel: 250 }),
      color: { legend: true, domain: names },
      x: context.x,
      y: { type: 'log', domain, ticks: logTicks(domain[0], domain[1]), tickFormat: plainNumber, label: 'qualified candidates per 100 open positions (log scale)', grid: true },
      marks,
    }),
  };
}
