/**
 * Horizontal bars with their interval as whiskers (a rule between two ticks)
 * and the zero line: the shape of the lever attribution and the sensitivity
 * tornado charts.
 */
import type * as PlotModule from '@observablehq/plot';

/**
 * @param rows one per bar, with `value` (bar end), `low`/`high` (whiskers), the `y` field and `fill`.
 */
export function intervalBarMarks(Plot: typeof PlotModule, rows: readonly object[], fields: { readonly x: string; readonly y: string }): PlotModule.Markish[] {
  const { x, y } = fields;
  return [
    Plot.barX(rows, { x, y, fill: 'kind', insetTop: 8, insetBottom: 8 }),
    Plot.ruleY(rows, { y, x1: 'low', x2: 'high', stroke: '#222', strokeWidth: 1.5 }),
    Plot.tickX(rows, { y, x: 'low', stroke: '#222', insetTop: 12, insetBottom: 12 }),
    Plot.tickX(rows, { y, x: 'high', stroke: '#222', insetTop: 12, insetBottom: 12 }),
    Plot.ruleX([0], { stroke: '#444' }),
  ];
}
