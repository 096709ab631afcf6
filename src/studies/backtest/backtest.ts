/**
 * The backtest: the model's 10–50–90 % band over replications against observed series, year by year.
 *
 * A `level` series compares the observed value with the model's value of its metric that year. An
 * `index` series compares observed ÷ observed in the base year with model ÷ model in the base year,
 * the ratio taken in each replication before the quantiles (so the band is the spread of growth,
 * not a ratio of quantiles). An observation is inside when p10 ≤ observed ≤ p90; a series's
 * coverage is the share of its compared observations inside (the base year of an index, 1 = 1 by
 * construction, is shown but not counted). Years before the scenario's base year
 * are history (simulated from startYear), the rest projection.
 */
import { band, quantileOfSorted } from '../../analysis/quantiles.js';
import type { MetricDefinition } from '../../model/metrics.js';
import { InputError, type InputIssue } from '../../scenario/issues.js';
import type { LoadedScenario } from '../../scenario/load.js';
import { simulate, type RunOptions, type RunSummary } from '../run.js';
import type { ContextSeries, ObservedData } from './observed.js';

/** The model's 10th, 50th and 90th percentiles over replications. */
export interface ModelBand {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

/** One observation compared with the model. */
export interface ComparedRow {
  readonly year: number;
  /** Before the scenario's base year (history) rather than from it on (projection). */
  readonly history: boolean;
  /** The value as written in the file. */
  readonly value: number;
  /** The compared quantity: the value (level) or value ÷ value in the base year (index). */
  readonly observed: number;
  /** The model's band of the same quantity. */
  readonly model: ModelBand;
  /** p10 ≤ observed ≤ p90. */
  readonly inside: boolean;
  /**
   * The base year of an index series: both indexes are 1 by construction, so the row is shown but
   * not counted in `compared`, `inside`, the coverage or the error.
   */
  readonly isBase: boolean;
  readonly label: string;
}

/** An observation not compared: its year (or the series's base year) was not simulated. */
export interface OutsideRow {
  readonly year: number;
  readonly value: number;
  readonly label: string;
  /** `year`: the row's year is outside the simulated years; `base`: the base year is. */
  readonly reason: 'year' | 'base';
}

interface SeriesResultCommon {
  readonly series: string;
  readonly metric: string;
  readonly unit: string;
  readonly source: string;
  /** Compared observations, in year order. */
  readonly rows: readonly ComparedRow[];
  /** Observations outside the simulated years: listed, not counted. */
  readonly outside: readonly OutsideRow[];
  /** Number of compared rows (the base year of an index left out) and of those inside the band. */
  readonly compared: number;
  readonly inside: number;
  /** inside ÷ compared; null when no row could be compared. */
  readonly coverage: number | null;
  /** The model's band of the compared quantity in every simulated year (for charts). */
  readonly modelYears: readonly ({ readonly year: number; readonly history: boolean } & ModelBand)[];
}

export interface LevelSeriesResult extends SeriesResultCommon {
  readonly compare: 'level';
  /** Median over compared rows of |model p50 ÷ observed − 1|; rows observed as 0 are left out; null when none is left. */
  readonly medianAbsoluteRelativeError: number | null;
}

export interface IndexSeriesResult extends SeriesResultCommon {
  readonly compare: 'index';
  readonly base: number;
  /** Median over compared rows (the base year left out) of |model p50 index − observed index|; null when no row is compared. */
  readonly medianAbsoluteIndexError: number | null;
  /** Replications left out of the bands because the model's value in the base year was 0 (no index). */
  readonly zeroBaseReplications: number;
}

export type SeriesResult = LevelSeriesResult | IndexSeriesResult;

/** What `hiresim backtest --json` prints and `backtest` returns. */
export interface BacktestSummary {
  readonly scenario: { readonly name: string; readonly hash: string; readonly file: string };
  readonly seed: number | string;
  readonly replications: number;
  readonly startYear: number;
  readonly baseYear: number;
  readonly horizon: number;
  readonly scale: number;
  readonly observed: { readonly file: string; readonly rows: number };
  /** Every compared row of every series. */
  readonly total: { readonly compared: number; readonly inside: number; readonly coverage: number | null };
  readonly series: readonly SeriesResult[];
  /** Series without a metric: listed with their years, not compared. */
  readonly context: readonly { readonly series: string; readonly years: readonly number[]; readonly unit: string; readonly source: string }[];
}

/** The part of a simulation the comparison reads. */
export interface SimulatedValues {
  readonly summary: Pick<RunSummary, 'scenario' | 'seed' | 'replications' | 'startYear' | 'baseYear' | 'horizon' | 'scale'> & { readonly metrics: readonly Pick<MetricDefinition, 'name'>[] };
  /** values[r][yearIndex * metrics.length + metricIndex], yearIndex counted from startYear. */
  readonly values: readonly ArrayLike<number>[];
}

/** Runs the scenario and compares it with the observed series. Throws InputError as `compareWithObserved`. */
export async function backtest(loaded: LoadedScenario, observed: ObservedData, options: RunOptions = {}): Promise<BacktestSummary> {
  return compareWithObserved(observed, await simulate(loaded, options));
}

/**
 * Compares a simulation with observed series. Throws InputError (at the series's base field) when
 * an index series's base-year value is 0 in every replication, so no index exists.
 */
export function compareWithObserved(observed: ObservedData, simulation: SimulatedValues): BacktestSummary {
  const { summary, values } = simulation;
  const stride = summary.metrics.length;
  const years = summary.horizon - summary.startYear + 1;
  const simulated = (year: number) => year >= summary.startYear && year <= summary.horizon;
  const issues: InputIssue[] = [];

  const series = observed.series.map((s): SeriesResult => {
    const k = summary.metrics.findIndex((m) => m.name === s.metric);
    if (k < 0) throw new Error(`backtest: metric "${s.metric}" is not among the simulation's metrics`);
    const at = (r: number, year: number) => values[r][(year - summary.startYear) * stride + k];
    // Each replication's compared quantity in a year: the level, or the ratio to its base year.
    let replications = values.map((_, r) => r);
    let quantity = (r: number, year: number) => at(r, year);
    if (s.compare === 'index' && simulated(s.base)) {
      replications = replications.filter((r) => at(r, s.base) !== 0);
      if (replications.length === 0) {
        issues.push({ file: observed.file, ...s.baseAt, path: 'base', expected: `a base year in which the model's ${s.metric} is not 0 (series ${s.series})`, found: `${s.base}, where it is 0 in all ${values.length} replications` });
      }
      quantity = (r, year) => at(r, year) / at(r, s.base);
    }
    const bandIn = (year: number): ModelBand => {
      const { p10, p50, p90 } = band(replications.map((r) => quantity(r, year)));
      return { p10, p50, p90 };
    };
    const baseValue = s.compare === 'index' ? s.points.find((p) => p.year === s.base)?.value : undefined;
    const comparable = replications.length > 0 && (s.compare === 'level' || simulated(s.base));
    const rows: ComparedRow[] = [];
    const outside: OutsideRow[] = [];
    for (const p of s.points) {
      if (!simulated(p.year) || !comparable) {
        outside.push({ year: p.year, value: p.value, label: p.label, reason: simulated(p.year) ? 'base' : 'year' });
        continue;
      }
      const observedQuantity = s.compare === 'index' ? p.value / baseValue! : p.value;
      const model = bandIn(p.year);
      const isBase = s.compare === 'index' && p.year === s.base;
      rows.push({ year: p.year, history: p.year < summary.baseYear, value: p.value, observed: observedQuantity, model, inside: model.p10 <= observedQuantity && observedQuantity <= model.p90, isBase, label: p.label });
    }
    const counted = rows.filter((r) => !r.isBase);
    const inside = counted.filter((r) => r.inside).length;
    const common = {
      series: s.series,
      metric: s.metric,
      unit: s.unit,
      source: s.source,
      rows,
      outside,
      compared: counted.length,
      inside,
      coverage: counted.length > 0 ? inside / counted.length : null,
      modelYears: comparable ? Array.from({ length: years }, (_, y) => ({ year: summary.startYear + y, history: summary.startYear + y < summary.baseYear, ...bandIn(summary.startYear + y) })) : [],
    };
    if (s.compare === 'level') {
      return { ...common, compare: 'level', medianAbsoluteRelativeError: median(counted.filter((r) => r.observed !== 0).map((r) => Math.abs(r.model.p50 / r.observed - 1))) };
    }
    return { ...common, compare: 'index', base: s.base, medianAbsoluteIndexError: median(counted.map((r) => Math.abs(r.model.p50 - r.observed))), zeroBaseReplications: values.length - replications.length };
  });
  if (issues.length > 0) throw new InputError(issues);

  const compared = series.reduce((n, s) => n + s.compared, 0);
  const inside = series.reduce((n, s) => n + s.inside, 0);
  return {
    scenario: summary.scenario,
    seed: summary.seed,
    replications: summary.replications,
    startYear: summary.startYear,
    baseYear: summary.baseYear,
    horizon: summary.horizon,
    scale: summary.scale,
    observed: { file: observed.file, rows: observed.rows },
    total: { compared, inside, coverage: compared > 0 ? inside / compared : null },
    series,
    context: observed.context.map(contextEntry),
  };
}

function contextEntry(c: ContextSeries) {
  return { series: c.series, years: c.points.map((p) => p.year), unit: c.unit, source: c.source };
}

/** The median (type 7: the mean of the middle two for an even count); null for no values. */
function median(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : quantileOfSorted(Float64Array.from(xs).sort(), 0.5);
}
