/**
 * When the gap closes (docs/MODEL.md §7.13): the first year the gap is at or below
 * the threshold and stays there for `sustainYears` years. A replication whose
 * gap has not closed (or has closed too late to be confirmed) by the horizon is
 * censored: it is kept, as "after the horizon", never dropped.
 */

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
