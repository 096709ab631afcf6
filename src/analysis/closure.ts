/**
 * When the gap closes (docs/MODEL.md §7.13): the first year the gap is at or below
 * the threshold and stays there for `sustainYears` years. A replication whose
 * gap has not closed (or has closed too late to be confirmed) by the horizon is
 * censored: it is kept, as "after the horizon", never dropped.
 */

import { band, type Band } from './quantiles.js';

/** The outcome of one replication. */
export type ClosureOutcome = { readonly kind: 'closed'; readonly year: number } | { readonly kind: 'censored' };

export interface ClosureSummary {
  readonly threshold: number;
  readonly sustainYears: number;
  /** Median closing year; null when censoring decides it ("after the horizon"). */
  readonly medianYear: number | null;
  readonly p10Year: number | null;
  readonly p90Year: number | null;
  /** P(closed by year Y) for every simulated year Y. */
  readonly probabilityClosedBy: Readonly<Record<string, number>>;
  /** Share of replications not closed by the horizon. */
  readonly censoredShare: number;
}

/** Closing year of one gap series (index 0 = baseYear). */
export function closingYear(gaps: ArrayLike<number>, baseYear: number, threshold: number, sustainYears: number): ClosureOutcome {
  let run = 0;
  for (let y = 0; y < gaps.length; y++) {
    run = gaps[y] <= threshold ? run + 1 : 0;
    if (run === sustainYears) return { kind: 'closed', year: baseYear + y - sustainYears + 1 };
  }
  return { kind: 'censored' };
}

/**
 * A closing year as a number, for the analyses that need one (Shapley values, Sobol' indices, Morris
 * effects, rank correlations, orderings): a censored outcome (`null`, not closed by the horizon)
 * counts as the first year after the horizon, so results that involve censoring are bounds — or as
 * after every year when the horizon is unknown (results files of an older hiresim). This is the one
 * place the `closed | censored` union becomes a number; everything upstream keeps the union and the
 * output layer says "after 2045" in words.
 */
export function closingYearOrAfter(year: number | null, horizon: number | null): number {
  return year ?? (horizon === null ? Infinity : horizon + 1);
}

/**
 * Quantiles of the closing year with censoring: the q-quantile is the first year Y with
 * P(closed by Y) ≥ q, or null ("after the horizon") when no simulated year reaches q.
 */
export function summarizeClosure(outcomes: readonly ClosureOutcome[], baseYear: number, horizon: number, threshold: number, sustainYears: number): ClosureSummary {
  const n = outcomes.length;
  const probabilityClosedBy: Record<string, number> = {};
  const byYear: number[] = [];
  for (let year = baseYear; year <= horizon; year++) {
    const closed = outcomes.filter((o) => o.kind === 'closed' && o.year <= year).length;
    byYear.push(closed / n);
    probabilityClosedBy[String(year)] = closed / n;
  }
  const quantileYear = (q: number): number | null => {
    const k = byYear.findIndex((p) => p >= q - 1e-12);
    return k < 0 ? null : baseYear + k;
  };
  return {
    threshold,
    sustainYears,
    medianYear: quantileYear(0.5),
    p10Year: quantileYear(0.1),
    p90Year: quantileYear(0.9),
    probabilityClosedBy,
    censoredShare: outcomes.filter((o) => o.kind === 'censored').length / n,
  };
}

/** How sure the answer is, and whether closure lasts: what a reader asks after "when". */
export interface ClosureAftermath {
  /** Monte Carlo standard error of P(closed by Y) for every projected year: √(p(1 − p) / n). */
  readonly probabilityClosedByError: Readonly<Record<string, number>>;
  /**
   * Share of the replications that closed whose gap rises above the threshold again later (after
   * the sustained stretch that confirmed closing), by the horizon; null when none closed.
   */
  readonly reopenedShare: number | null;
  readonly afterClosing: {
    /**
     * Over the replications that closed, each one's median of qualified candidates per 100 open
     * positions from its closing year to the horizon: the typical surplus after closing.
     */
    readonly candidatesPer100: Band | null;
    /** GenAI pay ÷ adjacent software pay in the closing year, over the replications that closed. */
    readonly payPremiumAtClosing: Band | null;
    /** The same ratio `laterYears` after the closing year (or at the horizon, if sooner). */
    readonly payPremiumLater: Band | null;
    readonly laterYears: number;
  };
}

/** One replication's projected series (index 0 = base year) that the aftermath reads. */
export interface ProjectedSeries {
  readonly gap: ArrayLike<number>;
  readonly candidatesPer100: ArrayLike<number>;
  readonly payPremium: ArrayLike<number>;
}

const LATER_YEARS = 5;

/**
 * The Monte Carlo error of P(closed by Y), the share of closed replications that reopen, and the
 * market after closing (surplus, pay premium), from each replication's outcome and series.
 */
export function closureAftermath(outcomes: readonly ClosureOutcome[], series: readonly ProjectedSeries[], summary: ClosureSummary, baseYear: number): ClosureAftermath {
  const n = outcomes.length;
  const probabilityClosedByError: Record<string, number> = {};
  for (const [year, p] of Object.entries(summary.probabilityClosedBy)) probabilityClosedByError[year] = Math.sqrt((p * (1 - p)) / n);
  let closed = 0;
  let reopened = 0;
  const surplus: number[] = [];
  const atClosing: number[] = [];
  const later: number[] = [];
  outcomes.forEach((outcome, r) => {
    if (outcome.kind !== 'closed') return;
    closed++;
    const { gap, candidatesPer100, payPremium } = series[r];
    const start = outcome.year - baseYear;
    const confirmed = start + summary.sustainYears;
    for (let y = confirmed; y < gap.length; y++) {
      if (gap[y] > summary.threshold) {
        reopened++;
        break;
      }
    }
    const after = Float64Array.from({ length: candidatesPer100.length - start }, (_, k) => candidatesPer100[start + k]);
    surplus.push(band(after).p50);
    atClosing.push(payPremium[start]);
    later.push(payPremium[Math.min(payPremium.length - 1, start + LATER_YEARS)]);
  });
  const bandOrNull = (values: number[]) => (values.length === 0 ? null : band(values));
  return {
    probabilityClosedByError,
    reopenedShare: closed === 0 ? null : reopened / closed,
    afterClosing: { candidatesPer100: bandOrNull(surplus), payPremiumAtClosing: bandOrNull(atClosing), payPremiumLater: bandOrNull(later), laterYears: LATER_YEARS },
  };
}

/** The closing-year answer in one sentence: "median 2033, 80% between 2030 and after 2045; P(closed by 2030) = 0.24". */
export function describeClosure(summary: ClosureSummary, horizon: number, yearOfInterest?: number): string {
  const show = (year: number | null) => (year === null ? `after ${horizon}` : String(year));
  const probeYear = yearOfInterest ?? Number(Object.keys(summary.probabilityClosedBy)[Math.min(5, Object.keys(summary.probabilityClosedBy).length - 1)]);
  const p = summary.probabilityClosedBy[String(probeYear)] ?? 0;
  const band =
    summary.p10Year === null
      ? `fewer than 10% close by ${horizon}`
      : summary.p10Year === summary.p90Year
        ? `80% in ${show(summary.p10Year)}`
        : `80% between ${show(summary.p10Year)} and ${show(summary.p90Year)}`;
  return `median ${show(summary.medianYear)}, ${band}; P(closed by ${probeYear}) = ${p.toFixed(2)}`;
}
