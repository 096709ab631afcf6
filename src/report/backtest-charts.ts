/**
 * Charts of a backtest: per compared series, the model's 10–90 % band and median over the simulated
 * years, the observations on top (inside the band, outside it, and an index's base year marked
 * apart), history years shaded, and the series's coverage line.
 */
import type * as PlotModule from '@observablehq/plot';
import type { BacktestSummary, SeriesResult } from '../studies/backtest/backtest.js';
import { percent } from '../output/format.js';
import type { Chart } from './charts.js';
import { historyMarks } from './history-marks.js';

type Plot = typeof PlotModule;
type Render = (options: PlotModule.PlotOptions) => string;

const INSIDE = 'inside the 10–90% band';
const OUTSIDE = 'outside the band';
const BASE = 'base year (1 = 1)';
const slug = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();

/** The sentence under a series's chart: coverage and the median error, named for what it measures. */
export function coverageLine(s: SeriesResult): string {
  if (s.compared === 0) return `Coverage: no observation compared (${s.rows.length > 0 ? 'only the base year is simulated' : 'none in the simulated years'}).`;
  const error =
    s.compare === 'index'
      ? `median absolute index error ${s.medianAbsoluteIndexError === null ? 'n/a' : s.medianAbsoluteIndexError.toFixed(2)}`
      : `median absolute relative error ${s.medianAbsoluteRelativeError === null ? 'n/a' : percent(s.medianAbsoluteRelativeError, 1)}`;
  return `Coverage: ${s.inside} of ${s.compared} observations (${percent(s.coverage ?? 0)}) inside the model's 10–90% band; ${error}.`;
}

/** One chart per series with a compared observation; the others are named in `omitted`. */
export function backtestCharts(b: BacktestSummary, k: number, Plot: Plot, render: Render): { charts: Chart[]; omitted: string[] } {
  const charts: Chart[] = [];
  const omitted: string[] = [];
  const suffix = k === 0 ? '' : `-${k + 1}`;
  const history = b.startYear < b.baseYear;
  const years = Array.from({ length: b.horizon - b.startYear + 1 }, (_, y) => b.startYear + y);
  for (const s of b.series) {
    if (s.rows.length === 0) {
      omitted.push(`Backtest of ${s.series} (${s.metric}): no observation in the simulated years ${b.startYear}–${b.horizon}${s.compare === 'index' ? ` with the base year ${s.base}` : ''}.`);
      continue;
    }
    const points = s.rows.map((r) => ({ year: r.year, observed: r.observed, status: r.isBase ? BASE : r.inside ? INSIDE : OUTSIDE }));
    const quantity = s.compare === 'index' ? `${s.metric} ÷ ${s.metric} in ${s.base}` : s.metric;
    // History shaded and labelled as on the report's other per-year charts.
    const shading = historyMarks(Plot, history ? [{ first: b.startYear, baseYear: b.baseYear }] : []);
    const marks: PlotModule.Markish[] = [
      ...shading.under,
      Plot.areaY(s.modelYears, { x: 'year', y1: 'p10', y2: 'p90', fill: '#4269d0', fillOpacity: 0.2, curve: 'linear' }),
      Plot.lineY(s.modelYears, { x: 'year', y: 'p50', stroke: '#4269d0', strokeWidth: 2 }),
      Plot.dot(points.filter((p) => p.status !== OUTSIDE), { x: 'year', y: 'observed', fill: 'status', stroke: 'white', r: 4.5 }),
      Plot.dot(points.filter((p) => p.status === OUTSIDE), { x: 'year', y: 'observed', stroke: 'status', symbol: 'times', r: 5, strokeWidth: 2 }),
      ...shading.over,
    ];
    const notShown = s.outside.length > 0 ? ` Not drawn: ${s.outside.length} observation${s.outside.length === 1 ? '' : 's'} outside the simulated years.` : '';
    charts.push({
      id: `backtest${suffix}-${slug(s.series)}`,
      title: `Backtest: ${s.series} against ${quantity} — ${b.scenario.name}`,
      caption:
        `Band: the model's 10th–90th percentile of ${s.compare === 'index' ? `the index ${quantity}, computed in each replication,` : s.metric} over ${b.replications} replications; line: the median. ` +
        `Points: ${s.series} (${s.unit || 'no unit'}${s.compare === 'index' ? `, as an index to ${s.base}` : ''}; ${s.source}): dots inside the band, × outside${s.compare === 'index' ? ', grey the base year' : ''}. ` +
        (history ? `Shaded: history, the years before ${b.baseYear} (simulated from ${b.startYear}); after the dashed line, projection.` : `Every year shown is projection (no history simulated: startYear = baseYear = ${b.baseYear}).`) +
        notShown,
      html: render({
        height: 300,
        color: { legend: true, domain: s.compare === 'index' ? [INSIDE, OUTSIDE, BASE] : [INSIDE, OUTSIDE], range: s.compare === 'index' ? ['#1b7a1b', '#d62728', '#888'] : ['#1b7a1b', '#d62728'] },
        x: { label: 'year', tickFormat: 'd', ticks: years.length <= 26 ? years : undefined, domain: [b.startYear - 0.5, b.horizon + 0.5] },
        y: { label: s.compare === 'index' ? `index (${s.base} = 1)` : `${s.metric}${s.unit ? ` (observed in ${s.unit})` : ''}`, tickFormat: s.compare === 'index' ? '.2~f' : '~s', grid: true, inset: 8 },
        marks,
      }),
      note: coverageLine(s),
    });
  }
  return { charts, omitted };
}
