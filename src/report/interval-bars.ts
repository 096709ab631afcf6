/**
 * Horizontal bars with their interval as whiskers (a rule between two ticks)
 * and the zero line: the shape of the lever attribution and the sensitivity
 * tornado charts.
 */
import type * as PlotModule from '@observablehq/plot';

/**
 * @param rows one per bar, with `value` (bar end), `low`/`high` (whiskers), the `y` field and `fill`.
 */
export function intervalBarMarks(Plot: typeof PlotModule, rows: readonly object[], fields: { readonly x: string; readonly y: string; readonly origin?: number }): PlotModule.Markish[] {
  const { x, y } = fields;
  // Bars grow from the origin: 0 for differences, 1 for factors on a log axis.
  const origin = fields.origin ?? 0;
  return [
    Plot.barX(rows, { x1: () => origin, x2: x, y, fill: 'kind', insetTop: 8, insetBottom: 8 }),
    Plot.ruleY(rows, { y, x1: 'low', x2: 'high', stroke: '#222', strokeWidth: 1.5 }),
    Plot.tickX(rows, { y, x: 'low', stroke: '#222', insetTop: 12, insetBottom: 12 }),
    Plot.tickX(rows, { y, x: 'high', stroke: '#222', insetTop: 12, insetBottom: 12 }),
    Plot.ruleX([origin], { stroke: '#444' }),
  ];
}
