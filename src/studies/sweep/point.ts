/**
 * One point of a sweep: all its replications, summarised into the metrics a
 * sweep records (closing-year quantiles and censored share, and the gap and
 * median pay in chosen years).
 */
import { closingYear, summarizeClosure } from '../../analysis/closure.js';
import { band, type Band } from '../../analysis/quantiles.js';
import { METRIC_INDEX, METRICS } from '../../model/metrics.js';
import type { Scenario } from '../../scenario/schema.js';
import { baseIndex, yearCount, yearIndexOf } from '../../scenario/calendar.js';

export interface PointSummary {
  readonly closure: { readonly medianYear: number | null; readonly p10Year: number | null; readonly p90Year: number | null; readonly censoredShare: number };
  /** Gap bands in the chosen years, keyed by year. */
  readonly gap: Readonly<Record<string, Band>>;
  readonly payMedian: Readonly<Record<string, Band>>;
}

/** A point's summary from the metric values of each of its replications (in replication order). */
export function summarizePoint(scenario: Scenario, values: readonly Float64Array[], years: readonly number[]): PointSummary {
  const m = METRICS.length;
  const from = baseIndex(scenario);
  const count = yearCount(scenario) - from;
  const series = (metric: string, y: number) => values.map((v) => v[y * m + METRIC_INDEX[metric]]);
  const { threshold, sustainYears } = scenario.closure;
  const outcomes = values.map((v) => closingYear(Float64Array.from({ length: count }, (_, y) => v[(from + y) * m + METRIC_INDEX.gap]), scenario.baseYear, threshold, sustainYears));
  const closure = summarizeClosure(outcomes, scenario.baseYear, scenario.horizon, threshold, sustainYears);
  const byYear = (metric: string) => Object.fromEntries(years.map((year) => [String(year), band(series(metric, yearIndexOf(scenario, year)))]));
  return {
    closure: { medianYear: closure.medianYear, p10Year: closure.p10Year, p90Year: closure.p90Year, censoredShare: closure.censoredShare },
    gap: byYear('gap'),
    payMedian: byYear('payMedian'),
  };
}
