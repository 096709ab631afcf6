/**
 * History years on the report's per-year charts. Years before a scenario's base year are history
 * (simulated from a stationary start to compare with observed data); the answer starts at the base
 * year. Charts shade the history years, draw a vertical dashed rule half a year before the base
 * year (so each year's point is on its side of it) and label both sides; captions say so and name
 * the base year. Fixed colours and no channels, so the scales and the HTML stay the same for the
 * same inputs. Each mark's group is described (aria-description) as `history`, `projection start`,
 * `history label` or `projection label`.
 */
import type * as PlotModule from '@observablehq/plot';

type Plot = typeof PlotModule;

/** The history years of a chart: from `first` to the year before `baseYear`. */
export interface HistorySpan {
  readonly first: number;
  readonly baseYear: number;
}

type YearRow = { readonly year: number; readonly history?: boolean | undefined };

/**
 * The history spans of yearly series, one per base year (the earliest first year of the series
 * sharing it), from the rows marked `history` (results written before history existed have none).
 */
export function historySpans(series: readonly (readonly YearRow[])[]): HistorySpan[] {
  const byBase = new Map<number, number>();
  for (const rows of series) {
    const years = rows.filter((row) => row.history === true).map((row) => row.year);
    if (years.length === 0) continue;
    const first = Math.min(...years);
    const baseYear = Math.max(...years) + 1;
    byBase.set(baseYear, Math.min(first, byBase.get(baseYear) ?? first));
  }
  return [...byBase].sort(([a], [b]) => a - b).map(([baseYear, first]) => ({ first, baseYear }));
}

/**
 * The marks that set history apart (none without history): `under` (the shading and the rule) go
 * before the data, `over` (the labels, with a white halo) after it, so lines never hide them.
 */
export function historyMarks(Plot: Plot, spans: readonly HistorySpan[]): { readonly under: PlotModule.Markish[]; readonly over: PlotModule.Markish[] } {
  if (spans.length === 0) return { under: [], over: [] };
  const data = spans.map((s) => ({ x1: s.first, x2: s.baseYear - 0.5, baseYear: s.baseYear }));
  // As in backtest charts (backtest-charts.ts), which shade history the same way.
  const label = { x: 'x2', frameAnchor: 'top', dy: 8, fill: '#555', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' } as const;
  return {
    under: [
      Plot.rect(data, { x1: 'x1', x2: 'x2', fill: '#000', fillOpacity: 0.06, ariaDescription: 'history' }),
      Plot.ruleX(data, { x: 'x2', stroke: '#888', strokeDasharray: '4,3', ariaDescription: 'projection start' }),
    ],
    over: [
      Plot.text(data, { ...label, text: () => '← history', textAnchor: 'end', dx: -6, ariaDescription: 'history label' }),
      Plot.text(data, { ...label, text: (d: { baseYear: number }) => `projection from ${d.baseYear} →`, textAnchor: 'start', dx: 6, ariaDescription: 'projection label' }),
    ],
  };
}

const years = (from: number, to: number) => (from === to ? String(from) : `${from}–${to}`);

/** For a chart's caption: what the shading is, and the base year (stated with or without history). */
export function historyCaption(spans: readonly HistorySpan[], baseYears: readonly number[]): string {
  const bases = [...new Set(baseYears)].sort((a, b) => a - b);
  const base = `the base year ${bases.join(', ')}`;
  if (spans.length === 0) return `The projection starts at ${base}.`;
  return `Shaded, left of the vertical dashed line: history (${spans.map((s) => years(s.first, s.baseYear - 1)).join('; ')}), years before ${base} simulated from a stationary start to compare with observed data; the projection starts at ${base}.`;
}
