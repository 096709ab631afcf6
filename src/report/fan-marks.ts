/**
 * Fan charts of several scenarios that stay readable: translucent bands of three scenarios laid over
 * each other blur into one colour, so with more than one scenario each gets its own panel (facet)
 * in its own categorical colour, with the others' medians in grey behind it for comparison; every
 * band is outlined (its 10th and 90th percentile drawn as thin lines) and its median drawn bold.
 */
import type * as PlotModule from '@observablehq/plot';

type Plot = typeof PlotModule;

export interface FanRow {
  readonly scenario: string;
  readonly year: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

/** Whether rows of these scenarios are drawn in panels: more than one scenario. */
export const faceted = (scenarios: readonly string[]) => scenarios.length > 1;

/** Plot options for the panels: one row per scenario, labelled on the right (a margin wide enough for the longest label, at about 7 px a character). */
export function fanLayout(scenarios: readonly string[], height: { single: number; panel: number }): PlotModule.PlotOptions {
  const margin = Math.max(110, 20 + 7 * Math.max(...scenarios.map((s) => s.length)));
  return faceted(scenarios) ? { fy: { label: null, domain: [...scenarios] }, marginRight: margin, height: height.panel * scenarios.length + 70 } : { height: height.single };
}

/**
 * The band, its outline, the median line and dots; with panels, the other scenarios' medians in
 * grey behind. `labels` writes the median's value on the rows it picks (with a white halo).
 */
export function fanMarks(Plot: Plot, rows: readonly FanRow[], scenarios: readonly string[], options: { readonly labels?: { readonly at: (row: FanRow) => boolean; readonly format: (v: number) => string } } = {}): PlotModule.Markish[] {
  const facet = faceted(scenarios);
  const fy = facet ? 'scenario' : undefined;
  const marks: PlotModule.Markish[] = [];
  if (facet) {
    const others = scenarios.flatMap((panel) => rows.filter((r) => r.scenario !== panel).map((r) => ({ ...r, panel })));
    marks.push(Plot.lineY(others, { x: 'year', y: 'p50', z: 'scenario', fy: 'panel', stroke: '#b5b5b5', strokeWidth: 1.2, ariaDescription: 'other scenarios' }));
  }
  marks.push(
    Plot.areaY(rows, { x: 'year', y1: 'p10', y2: 'p90', fill: 'scenario', fillOpacity: 0.16, fy, curve: 'linear', ariaDescription: 'band' }),
    Plot.lineY(rows, { x: 'year', y: 'p10', stroke: 'scenario', strokeWidth: 1, strokeOpacity: 0.8, fy, ariaDescription: 'band outline' }),
    Plot.lineY(rows, { x: 'year', y: 'p90', stroke: 'scenario', strokeWidth: 1, strokeOpacity: 0.8, fy, ariaDescription: 'band outline' }),
    Plot.lineY(rows, { x: 'year', y: 'p50', stroke: 'scenario', strokeWidth: 2.4, fy, ariaDescription: 'median' }),
    Plot.dot(rows, { x: 'year', y: 'p50', fill: 'scenario', r: 2.5, fy, ariaDescription: 'median' }),
  );
  if (options.labels) {
    const { at, format } = options.labels;
    const labelled = rows.filter(at);
    marks.push(Plot.text(labelled, { x: 'year', y: 'p50', fy, text: (r: FanRow) => format(r.p50), dy: -11, fill: 'scenario', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke', fontWeight: 'bold', ariaDescription: 'median value' }));
  }
  return marks;
}
