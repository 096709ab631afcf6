/**
 * The report's charts, drawn server-side with Observable Plot into a light DOM (linkedom) and
 * serialised as static SVG. Plot and linkedom are passed in (imported by the report command only),
 * so that no other command pays for loading them.
 */
import type * as PlotModule from '@observablehq/plot';
import type { BacktestSummary } from '../studies/backtest/backtest.js';
import type { AttributionSummary, LeverAttribution } from '../studies/attribute.js';
import { backtestCharts } from './backtest-charts.js';
import type { SensitivitySummary } from '../studies/sensitivity.js';
import { bandOf, ENTRANT_SOURCES, type ReportData, type ScenarioSeries } from './series.js';
import { candidatesChart } from './candidates-chart.js';
import { fanLayout, faceted, fanMarks } from './fan-marks.js';
import { intervalBarMarks } from './interval-bars.js';
import { historyCaption, historyMarks, historySpans } from './history-marks.js';
import { sensitivityCharts } from './sensitivity-charts.js';
import { sweepCharts } from './sweep-charts.js';
import type { SweepInfo } from './sweep.js';
import { factorTicks, plainNumber } from './words.js';

type Plot = typeof PlotModule;

export interface Chart {
  /** Stable id, also the figure's `data-chart`. */
  readonly id: string;
  readonly title: string;
  /** What the chart shows and how to read it (plain text). */
  readonly caption: string;
  /** The chart's HTML: Plot's <svg> (or <figure> with a legend). */
  readonly html: string;
  /** A line of figures shown under the chart (plain text), such as a backtest's coverage. */
  readonly note?: string;
}

export interface ChartSet {
  readonly charts: readonly Chart[];
  /** Charts that could not be drawn from these inputs, with why (plain text). */
  readonly omitted: readonly string[];
}

const WIDTH = 960;
const FACET_HEIGHT = 210;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Every chart the inputs allow, in reading order. */
export function renderCharts(data: ReportData, Plot: Plot, document: NonNullable<PlotModule.PlotOptions['document']>, extra: { readonly sweeps: readonly SweepInfo[]; readonly sensitivities: readonly SensitivitySummary[]; readonly backtests?: readonly BacktestSummary[] } = { sweeps: [], sensitivities: [] }): ChartSet {
  const charts: Chart[] = [];
  const omitted: string[] = [];
  const render = (options: PlotModule.PlotOptions) => (Plot.plot({ width: WIDTH, marginLeft: 64, style: { fontSize: '12px', background: 'white', color: '#222' }, ...options, document }) as unknown as { outerHTML: string }).outerHTML;
  // Panels in the order of the scenarios (as on the headline chart), not alphabetical.
  const facets = (series: readonly ScenarioSeries[]) => (series.length > 1 ? { fy: { label: null, domain: series.map((s) => s.label) }, marginRight: 140, height: FACET_HEIGHT * series.length + 60 } : { height: 320 });

  const { series } = data;
  const backtests = extra.backtests ?? [];
  // Only sweeps, sensitivity analyses or backtests among the inputs: the scenario charts are not missed.
  const scenarioResults = data.results.some((r) => r.kind === 'run' || r.kind === 'compare' || r.kind === 'attribute') || (extra.sweeps.length === 0 && extra.sensitivities.length === 0 && backtests.length === 0);
  const allYears = [...new Set([...series.flatMap((s) => s.years.map((row) => row.year)), ...data.differences.flatMap((d) => d.years.map((y) => y.year))])].sort((a, b) => a - b);
  const yearAxis = { label: 'year', tickFormat: 'd', ticks: allYears.length <= 26 ? allYears : undefined } as const;
  // History years (before the base year) shaded on every per-year chart; captions name the base year.
  const history = (rows: readonly (readonly { readonly year: number; readonly history?: boolean }[])[], baseYears: readonly number[]) => {
    const spans = historySpans(rows);
    const { under, over } = historyMarks(Plot, spans);
    return { marks: under, labels: over, caption: ` ${historyCaption(spans, baseYears)}` };
  };
  const historyOf = (list: readonly ScenarioSeries[]) => history(list.map((s) => s.years), list.map((s) => s.baseYear));
  if (series.length === 0) {
    if (scenarioResults) omitted.push('Qualified candidates per 100 open positions, closing years, entrants and pay: no yearly results among the inputs (give a run or compare result).');
  } else {
    const labels = series.map((s) => s.label);
    // 1. Qualified candidates per 100 open positions, median and 10–90 % band, per scenario, on a log axis.
    charts.push(candidatesChart(series, Plot, render, { x: yearAxis, history: historyOf(series) }));

    // 2. Closing year: P(closed by year), the share not closed by the horizon marked past it.
    const closeRows = series.flatMap((s) => Object.entries(s.closure.probabilityClosedBy).map(([year, p]) => ({ scenario: s.label, year: Number(year), p })));
    const horizon = Math.max(...series.map((s) => s.horizon));
    const baseYear = Math.min(...series.map((s) => s.baseYear));
    const censored = series.map((s, k) => ({ scenario: s.label, x: horizon + 1 + (0.3 * (k - (series.length - 1) / 2)) / Math.max(1, series.length - 1), y1: 1 - s.closure.censoredShare, y2: 1, share: s.closure.censoredShare }));
    const censoredLabels = notClosedLabels(series.map((s) => ({ scenario: s.label, share: s.closure.censoredShare, horizon: s.horizon })), series.length > 1);
    charts.push({
      id: 'closing-year',
      title: 'When the gap closes',
      caption: `Share of replications in which the gap has closed (at least ${series.map((s) => Math.round(100 * (1 - s.closure.threshold))).filter((v, k, all) => all.indexOf(v) === k).join(', ')} qualified candidates per 100 open positions for the required years) by each year, counted from the base year ${[...new Set(series.map((s) => s.baseYear))].sort((a, b) => a - b).join(', ')}${series.some((s) => s.startYear < s.baseYear) ? ' (history years, before it, never close the gap)' : ''}. Thick bars at "after ${horizon}", from where each line ends to 100%: the share not closed by the horizon (censored) — ${censored.map((c) => `${c.scenario} ${percent(c.share)}`).join(', ')}.`,
      html: render({
        height: 320,
        marginRight: 190,
        color: { legend: true, domain: labels },
        // Ticks from the base year only: P(closed by year) has no history years; the last tick is "after the horizon".
        x: { ...yearAxis, ticks: [...closingTicks(baseYear, horizon), horizon + 1], tickFormat: (year: number) => (year === horizon + 1 ? `after ${horizon}` : String(year)), domain: [baseYear, horizon + 1] },
        y: { label: 'P(closed by year)', domain: [0, 1], tickFormat: '.0%', grid: true },
        marks: [
          Plot.lineY(closeRows, { x: 'year', y: 'p', stroke: 'scenario', strokeWidth: 2, curve: 'step-after' }),
          Plot.dot(closeRows, { x: 'year', y: 'p', fill: 'scenario', r: 2.5 }),
          Plot.ruleX(censored, { x: 'x', y1: 'y1', y2: 'y2', stroke: 'scenario', strokeWidth: 6, strokeOpacity: 0.75 }),
          Plot.text(censoredLabels, { x: () => horizon + 1, y: 'y', text: 'text', textAnchor: 'start', lineAnchor: 'top', lineWidth: 15, dx: 10, dy: -6, fill: '#333', ariaDescription: 'not closed label' }),
        ],
      }),
    });
  }

  // 3. Paired differences against the reference: qualified candidates per 100 open positions as a
  // paired ratio on a log axis (the measure is unbounded above, so differences of it or of the gap
  // are not comparable across levels); results written before the ratio was recorded fall back to
  // the difference of the gap, in candidates per 100 positions.
  if (data.differences.length > 0) {
    const names = data.differences.map((d) => `${d.scenario} ÷ ${d.against}`);
    const ratios = data.differences.every((d) => d.years.every((y) => y.candidatesPer100Ratio !== undefined));
    const differenceHistory = history(data.differences.map((d) => d.years), data.results.flatMap((r) => (r.kind === 'compare' ? [r.summary.baseYear] : [])));
    const facets = faceted(names) ? ' One panel per scenario; grey: the other scenarios.' : '';
    if (ratios) {
      const rows = data.differences.flatMap((d, k) => d.years.map((y) => ({ scenario: names[k], year: y.year, p50: y.candidatesPer100Ratio.geometricMean, p10: y.candidatesPer100Ratio.low, p90: y.candidatesPer100Ratio.high })));
      const values = rows.flatMap((r) => [r.p10, r.p90, 1]);
      const domain = [Math.min(...values) / 1.1, Math.max(...values) * 1.1];
      charts.push({
        id: 'paired-differences',
        title: 'Against the reference (paired ratio)',
        caption: `Qualified candidates per 100 open positions, each scenario ÷ the reference, replication by replication on common random numbers (log scale: ×2 and ×½ equally far from ×1). Bold line: geometric mean of the paired ratios; band, outlined: its 90% interval. Above ×1: more candidates per open position than the reference (a narrower gap).${facets}${differenceHistory.caption}`,
        html: render({
          ...fanLayout(names, { single: 320, panel: 220 }),
          color: { legend: true, domain: names },
          x: yearAxis,
          y: { type: 'log', domain, label: 'ratio of qualified candidates per 100 open positions', ticks: factorTicks(domain[0], domain[1]), tickFormat: (d: number) => `×${plainNumber(d)}`, grid: true },
          marks: [...differenceHistory.marks, Plot.ruleY([1], { stroke: '#888' }), ...fanMarks(Plot, rows, names), ...differenceHistory.labels],
        }),
      });
    } else {
      // candidates per 100 = 100 × (1 − gap): a difference of the gap of g is one of −100 g candidates per 100 positions.
      const rows = data.differences.flatMap((d, k) => d.years.map((y) => ({ scenario: names[k], year: y.year, p50: -100 * y.gap.mean, p10: -100 * y.gap.meanHigh, p90: -100 * y.gap.meanLow })));
      const signed = (d: number) => (d > 0 ? `+${plainNumber(d)}` : d < 0 ? `−${plainNumber(-d)}` : '0');
      charts.push({
        id: 'paired-differences',
        title: 'Difference against the reference (paired)',
        caption: `Each scenario minus the reference, replication by replication on common random numbers, in qualified candidates per 100 open positions (100 × the gap's difference, sign reversed; this result does not record the paired ratio). Bold line: mean difference; band, outlined: its 90% interval. Above zero: more candidates per open position than the reference (a narrower gap).${facets}${differenceHistory.caption}`,
        html: render({
          ...fanLayout(names, { single: 320, panel: 220 }),
          color: { legend: true, domain: names },
          x: yearAxis,
          y: { label: 'difference in qualified candidates per 100 open positions', tickFormat: signed, grid: true },
          marks: [...differenceHistory.marks, Plot.ruleY([0], { stroke: '#888' }), ...fanMarks(Plot, rows, names), ...differenceHistory.labels],
        }),
      });
    }
  } else if (scenarioResults) omitted.push('Paired differences: no comparison among the inputs.');

  // 4. Lever attributions (Shapley values with 90 % intervals), on the closing year and on the gap.
  data.attributions.forEach((a, k) => charts.push(...attributionCharts(a, k, Plot, (o) => render({ marginLeft: 130, ...o }))));
  if (data.attributions.length === 0 && scenarioResults) omitted.push('Lever attribution: no attribution among the inputs.');

  // 5. Entrants by source and 6. pay, for the scenarios whose results carry them.
  const withEntrants = series.filter((s) => s.years.some((row) => bandOf(row, ENTRANT_SOURCES[0].metric)));
  if (withEntrants.length > 0) {
    const rows = withEntrants.flatMap((s) => s.years.flatMap((row) => ENTRANT_SOURCES.map(({ metric, label }) => ({ scenario: s.label, year: row.year, source: label, value: bandOf(row, metric)?.mean ?? 0 }))));
    const entrantsHistory = historyOf(withEntrants);
    charts.push({
      id: 'entrants',
      title: 'New qualified entrants by source',
      caption: `People becoming qualified GenAI candidates each year, stacked by where they come from: university graduates, upskilling programmes, self-taught switchers from adjacent software work and immigrants (means over replications, which add up).${entrantsHistory.caption}`,
      html: render({
        ...facets(withEntrants),
        color: { legend: true, domain: ENTRANT_SOURCES.map((e) => e.label) },
        x: yearAxis,
        y: { label: 'entrants per year', tickFormat: '~s', grid: true },
        marks: [...entrantsHistory.marks, Plot.areaY(rows, { x: 'year', y: 'value', fill: 'source', fy: withEntrants.length > 1 ? 'scenario' : undefined, order: ENTRANT_SOURCES.map((e) => e.label) }), Plot.ruleY([0]), ...entrantsHistory.labels],
      }),
    });
  }
  const withPay = series.filter((s) => s.years.some((row) => bandOf(row, 'payMedian') && bandOf(row, 'payP90')));
  if (withPay.length > 0) {
    const measures = [['payMedian', 'median pay'], ['payP90', '90th percentile pay']] as const;
    const rows = withPay.flatMap((s) => s.years.flatMap((row) => measures.map(([metric, measure]) => ({ scenario: s.label, year: row.year, measure, ...bandOf(row, metric)! }))));
    const payHistory = historyOf(withPay);
    charts.push({
      id: 'pay',
      title: 'GenAI pay (nominal US dollars)',
      caption: `Annual pay of employed GenAI workers in nominal US dollars (not adjusted for inflation): the median and the 90th percentile. Line: median over replications; band: 10th–90th percentile across replications.${payHistory.caption}`,
      html: render({
        ...facets(withPay),
        color: { legend: true, domain: measures.map(([, m]) => m), range: ['#4269d0', '#ff725c'] },
        x: yearAxis,
        y: { label: 'pay (nominal US dollars a year)', tickFormat: '$~s', grid: true },
        marks: [
          ...payHistory.marks,
          Plot.areaY(rows, { x: 'year', y1: 'p10', y2: 'p90', fill: 'measure', fillOpacity: 0.18, fy: withPay.length > 1 ? 'scenario' : undefined }),
          Plot.lineY(rows, { x: 'year', y: 'p50', stroke: 'measure', strokeWidth: 2, fy: withPay.length > 1 ? 'scenario' : undefined }),
          ...payHistory.labels,
        ],
      }),
    });
  }
  const withPremium = series.filter((s) => s.years.some((row) => bandOf(row, 'payPremium')));
  if (withPremium.length > 0) {
    const rows = withPremium.flatMap((s) => s.years.flatMap((row) => ({ scenario: s.label, year: row.year, ...bandOf(row, 'payPremium')! })));
    const premiumHistory = historyOf(withPremium);
    const names = withPremium.map((s) => s.label);
    charts.push({
      id: 'premium',
      title: 'GenAI pay premium',
      caption: `Median GenAI pay divided by adjacent software pay (both nominal; 2× = twice the pay). Bold line: median over replications; band, outlined: 10th–90th percentile.${faceted(names) ? ' One panel per scenario; grey: the other scenarios\' medians.' : ''}${premiumHistory.caption}`,
      html: render({
        ...fanLayout(names, { single: 300, panel: 200 }),
        color: { legend: true, domain: names },
        x: yearAxis,
        y: { label: 'GenAI pay ÷ adjacent software pay', tickFormat: (d: number) => `${plainNumber(d)}×`, grid: true },
        marks: [...premiumHistory.marks, ...fanMarks(Plot, rows, names), ...premiumHistory.labels],
      }),
    });
  }
  if (series.length > 0 && (withEntrants.length < series.length || withPay.length < series.length)) {
    const missing = series.filter((s) => !withEntrants.includes(s) || !withPay.includes(s)).map((s) => s.label);
    omitted.push(`Entrants and pay for ${missing.join(', ')}: not in these results (a comparison written before per-scenario bands were added carries only the gap).`);
  }

  // 8. Sweeps: each parameter's response; 9. sensitivity: Sobol' tornados, Morris μ*–σ scatters.
  extra.sweeps.forEach((info, k) => charts.push(...sweepCharts(info, k, Plot, (o) => render(o))));
  extra.sensitivities.forEach((s, k) => {
    const drawn = sensitivityCharts(s, k, Plot, (o) => render(o));
    charts.push(...drawn.charts);
    omitted.push(...drawn.omitted);
  });
  // 10. Backtests: each compared series against the model's band.
  backtests.forEach((b, k) => {
    const drawn = backtestCharts(b, k, Plot, (o) => render(o));
    charts.push(...drawn.charts);
    omitted.push(...drawn.omitted);
  });
  return { charts, omitted };
}

/**
 * Year ticks of P(closed by year): from the base year, every year up to 16 of them, else every
 * 2nd, 5th or 10th year; none closer than 62 px (of the chart's about 700 px plot width) to the
 * "after HORIZON" tick that follows, so that their labels never run into it.
 */
export function closingTicks(baseYear: number, horizon: number): number[] {
  const span = horizon - baseYear;
  const step = [1, 2, 5, 10].find((s) => span / s < 16) ?? 10;
  const perYear = 700 / (span + 1);
  return Array.from({ length: Math.floor(span / step) + 1 }, (_, k) => baseYear + k * step).filter((year) => year === baseYear || (horizon + 1 - year) * perYear >= 62);
}

/**
 * Labels of the not-closed bars of P(closed by year), beside the bars at the share's midpoint (one
 * label per share, naming the scenarios that have it), pushed apart so that they never overlap.
 */
export function notClosedLabels(shares: readonly { readonly scenario: string; readonly share: number; readonly horizon: number }[], named: boolean): { y: number; text: string }[] {
  const groups = new Map<string, { share: number; horizon: number; scenarios: string[] }>();
  for (const s of shares) {
    const share = Math.round(s.share * 100);
    const key = `${share}|${s.horizon}`;
    groups.set(key, { share, horizon: s.horizon, scenarios: [...(groups.get(key)?.scenarios ?? []), s.scenario] });
  }
  const labels = [...groups.values()]
    .map(({ share, horizon, scenarios }) => ({ y: 1 - share / 200, text: `${share}% not closed by ${horizon}${named ? `: ${scenarios.length === shares.length && shares.length > 2 ? 'every scenario' : scenarios.join(', ')}` : ''}` }))
    .sort((a, b) => b.y - a.y || (a.text < b.text ? -1 : 1));
  // Labels wrap onto up to three lines (about 42 px of the chart's 260 px tall plot area).
  for (let k = 1; k < labels.length; k++) labels[k].y = Math.min(labels[k].y, labels[k - 1].y - 0.16);
  return labels;
}

function attributionCharts(a: AttributionSummary, k: number, Plot: Plot, render: (options: PlotModule.PlotOptions) => string): Chart[] {
  // Signs in words on the axis: a negative contribution closes the gap earlier / narrows it.
  const words = (d: number, negative: string, positive: string, show: (x: number) => string) => (d === 0 ? '0' : `${show(Math.abs(d))} ${d < 0 ? negative : positive}`);
  const rowsOf = (get: (x: LeverAttribution | AttributionSummary['total']) => { mean: number; low: number; high: number }, ratio = false) => {
    // Largest contribution first (by size, whatever its sign; a factor by its distance from ×1); the total last.
    const size = (x: LeverAttribution) => (ratio ? Math.abs(Math.log(get(x).mean)) : Math.abs(get(x).mean));
    const levers = [...a.attributions].sort((x, y) => size(y) - size(x) || (x.lever < y.lever ? -1 : 1));
    return [
      ...levers.map((l) => ({ lever: l.lever, kind: 'lever (Shapley value)', ...get(l) })),
      { lever: 'all levers (total)', kind: factors ? 'all on ÷ all off' : 'all on − all off', ...get(a.total) },
    ];
  };
  const factors = a.total.candidatesPer100 !== undefined && a.attributions.every((l) => l.candidatesPer100 !== undefined);
  const closing = rowsOf((x) => ({ mean: x.closingYear.mean, low: x.closingYear.meanLow, high: x.closingYear.meanHigh }));
  const measures = [
    { id: 'closing', rows: closing, origin: 0, x: { label: 'contribution to the closing year: years (left: the lever closes the gap earlier)', tickFormat: (d: number) => words(d, 'earlier', 'later', plainNumber), ticks: 6 }, flat: [-1, 1], title: `Levers' contribution to the closing year — ${a.scenario.name}`, caption: `Each lever's exact Shapley contribution to the closing year (in years earlier or later), averaged over ${a.replications} replications on common random numbers, largest first; whiskers: 90% interval of the mean. The lever contributions add up to the total, all levers on minus all off.`, total: 'all on − all off' },
    factors
      ? (() => {
          const rows = rowsOf((x) => ({ mean: x.candidatesPer100!.geometricMean, low: x.candidatesPer100!.low, high: x.candidatesPer100!.high }), true);
          const values = rows.flatMap((r) => [r.low, r.high, 1]);
          const domain: [number, number] = [Math.min(...values) / 1.1, Math.max(...values) * 1.1];
          return { id: 'gap', rows, origin: 1, x: { type: 'log' as const, domain, label: `factor on qualified candidates per 100 open positions in ${a.year} (right: more candidates per opening)`, tickFormat: (d: number) => `×${plainNumber(d)}`, ticks: factorTicks(domain[0], domain[1]) }, flat: [0.9, 1.1], title: `Levers' contribution to candidates per 100 open positions in ${a.year} — ${a.scenario.name}`, caption: `Each lever's exact Shapley contribution to the log of qualified candidates per 100 open positions in ${a.year}, read as a factor (×1.5: half as many candidates again per opening), averaged over ${a.replications} replications on common random numbers, largest first; whiskers: 90% interval. The levers' factors multiply to the total, all levers on ÷ all off.`, total: 'all on ÷ all off' };
        })()
      : { id: 'gap', rows: rowsOf((x) => ({ mean: x.gap.mean, low: x.gap.meanLow, high: x.gap.meanHigh })), origin: 0, x: { label: 'percentage points of the gap (left: the lever narrows it)', tickFormat: (d: number) => words(d, 'narrower', 'wider', (v) => `${plainNumber(v * 100)} pp`), ticks: 5 }, flat: [-0.01, 0.01], title: `Levers' contribution to the gap in ${a.year} — ${a.scenario.name}`, caption: `Each lever's exact Shapley contribution to the gap in ${a.year} (in percentage points, narrower or wider; this result does not record candidates per 100), averaged over ${a.replications} replications on common random numbers, largest first; whiskers: 90% interval of the mean. The lever contributions add up to the total, all levers on minus all off.`, total: 'all on − all off' },
  ];
  return measures.map((m) => {
    // All equal (e.g. every run censored): a symmetric domain instead of a degenerate one.
    const flat = m.rows.every((r) => r.mean === m.rows[0].mean && r.low === r.mean && r.high === r.mean);
    return {
      id: `attribution-${m.id}${k === 0 ? '' : `-${k + 1}`}`,
      title: m.title,
      caption: m.caption,
      html: render({
        height: 80 + 42 * m.rows.length,
        marginBottom: 42,
        color: { legend: true, domain: ['lever (Shapley value)', m.total], range: ['#4269d0', '#9c9c9c'] },
        x: { grid: true, inset: 12, ...m.x, ...(flat ? { domain: m.flat } : {}) },
        y: { label: null, domain: m.rows.map((r) => r.lever) },
        marks: [
          ...intervalBarMarks(Plot, m.rows, { x: 'mean', y: 'lever', origin: m.origin }),
          Plot.dot(m.rows, { x: 'mean', y: 'lever', fill: '#222', r: 3 }),
        ],
      }),
    };
  });
}
