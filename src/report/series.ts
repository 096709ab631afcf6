/**
 * The data a report draws, gathered from every loaded result into tidy rows: one yearly series per
 * distinct scenario run (from run summaries and from each scenario of a comparison), the paired
 * differences of comparisons and the lever attributions.
 */
import type { ClosureSummary } from '../analysis/closure.js';
import type { Band } from '../analysis/quantiles.js';
import type { ScenarioDifference } from '../studies/compare.js';
import type { AttributionSummary } from '../studies/attribute.js';
import type { LoadedResult } from './load-results.js';

/** One scenario's yearly bands (the metrics a run summary has; a comparison carries a subset). */
export interface ScenarioSeries {
  /** Unique within the report: the scenario's name, made distinct if two different runs share it. */
  readonly label: string;
  readonly name: string;
  readonly hash: string;
  readonly file: string;
  readonly seed: number | string;
  readonly replications: number;
  /** First simulated year: years before baseYear are history (results written before history existed: baseYear). */
  readonly startYear: number;
  readonly baseYear: number;
  readonly horizon: number;
  readonly scale?: number;
  readonly closure: ClosureSummary;
  readonly years: readonly ({ readonly year: number; readonly history?: boolean } & { readonly [metric: string]: Band | number | boolean | undefined })[];
  /** Which kind of result it came from. */
  readonly from: 'run' | 'compare';
}

export interface ReportData {
  readonly series: readonly ScenarioSeries[];
  readonly differences: readonly ScenarioDifference[];
  readonly attributions: readonly AttributionSummary[];
  readonly results: readonly LoadedResult[];
}

/**
 * Gathers the series. A scenario that appears in several inputs with the same hash, seed and
 * replications is the same run (results are deterministic): it is kept once, from the input that
 * carries the most metrics (a run summary over a comparison).
 */
export function gatherReportData(results: readonly LoadedResult[]): ReportData {
  const candidates: Omit<ScenarioSeries, 'label'>[] = [];
  for (const result of results) {
    if (result.kind === 'run') {
      const s = result.summary;
      candidates.push({ ...s.scenario, seed: s.seed, replications: s.replications, startYear: s.startYear ?? s.baseYear, baseYear: s.baseYear, horizon: s.horizon, scale: s.scale, closure: s.closure, years: s.years, from: 'run' });
    } else if (result.kind === 'compare') {
      const c = result.summary;
      for (const s of c.scenarios) {
        candidates.push({ name: s.name, hash: s.hash, file: s.file, seed: c.seed, replications: c.replications, startYear: c.startYear ?? c.baseYear, baseYear: c.baseYear, horizon: c.horizon, closure: s.closure, years: s.years ?? [], from: 'compare' });
      }
    }
  }
  const key = (s: Omit<ScenarioSeries, 'label'>) => `${s.hash}|${String(s.seed)}|${s.replications}|${s.baseYear}|${s.horizon}`;
  const kept = new Map<string, Omit<ScenarioSeries, 'label'>>();
  for (const candidate of candidates) {
    const existing = kept.get(key(candidate));
    if (!existing) kept.set(key(candidate), candidate);
    else if (existing.from === 'compare' && candidate.from === 'run') kept.set(key(candidate), { ...candidate });
  }
  const used = new Map<string, number>();
  const series = [...kept.values()].map((s) => {
    const n = (used.get(s.name) ?? 0) + 1;
    used.set(s.name, n);
    return { ...s, label: n === 1 ? s.name : `${s.name} (${n})` };
  });
  return {
    series,
    differences: results.flatMap((r) => (r.kind === 'compare' ? r.summary.differences : [])),
    attributions: results.flatMap((r) => (r.kind === 'attribute' ? [r.summary] : [])),
    results,
  };
}

/** The band of `metric` in a year row, if the row has it. */
export function bandOf(row: { readonly [metric: string]: Band | number | boolean | undefined }, metric: string): Band | undefined {
  const value = row[metric];
  return value !== undefined && typeof value === 'object' ? value : undefined;
}

/**
 * The headline measure, qualified candidates per 100 open positions, of a year row: recorded
 * (`candidatesPer100`), or derived from the gap for results that lack it. The metrics define
 * gap = 1 − candidates ÷ positions and candidatesPer100 = 100 × candidates ÷ positions, so the one
 * is 100 × (1 − gap) exactly, quantile for quantile (the map is decreasing: the gap's p90 gives
 * the p10).
 */
export function candidatesBand(row: { readonly [metric: string]: Band | number | boolean | undefined }): { readonly p10: number; readonly p50: number; readonly p90: number; readonly derived: boolean } | undefined {
  const recorded = bandOf(row, 'candidatesPer100');
  if (recorded) return { p10: recorded.p10, p50: recorded.p50, p90: recorded.p90, derived: false };
  const gap = bandOf(row, 'gap');
  return gap ? { p10: 100 * (1 - gap.p90), p50: 100 * (1 - gap.p50), p90: 100 * (1 - gap.p10), derived: true } : undefined;
}

/** Entrants by source (metric and label), as the model declares them. */
export { ENTRANT_SOURCES } from '../model/entrants.js';
