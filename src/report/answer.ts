/**
 * The report's answer, one paragraph per scenario, that explains itself: what "closed" means (in
 * qualified candidates per 100 open positions and as the gap), the median of the replications'
 * closing years with its 10–90% range, P(closed by a year) with its Monte Carlo standard error, and
 * whether closure lasts (how many closed replications reopen, and where they stand after closing).
 *
 * What "closed" means is said once for the scenarios that share its definition.
 *
 * The standard error, the reopened share and the after-closing band are read from the closure
 * summary when the result records them; a result written before they were recorded gets the
 * binomial standard error √(p(1−p)/n) (what a share of n independent replications has; at 0 or 1,
 * where it is 0, the count of replications instead), and says
 * that whether closure lasts was not recorded by its version.
 */
import type { ClosureSummary } from '../analysis/closure.js';
import { candidatesAtThreshold } from '../output/closure-answer.js';
import { candidatesBand, type ScenarioSeries } from './series.js';
import { percentText, yearRange } from './words.js';

/** The closure summary with the fields newer results add (optional: older files lack them). */
export type RecordedClosure = ClosureSummary & {
  /** Monte Carlo standard error of probabilityClosedBy, by year. */
  readonly probabilityClosedByError?: Readonly<Record<string, number>>;
  /** Share of the closed replications whose gap goes above the threshold again; null if none closed. */
  readonly reopenedShare?: number | null;
  readonly afterClosing?: { readonly candidatesPer100: { readonly p10: number; readonly p50: number; readonly p90: number } | null };
};

/** The year P(closed by Y) is quoted for: 2030, within the projection. */
export function probeYear(s: Pick<ScenarioSeries, 'baseYear' | 'horizon'>): number {
  return Math.min(s.horizon, Math.max(s.baseYear, 2030));
}

const per100 = (x: number) => String(Math.round(x));

/** What "closed" means for a scenario, in one sentence (the same for scenarios that share threshold, years and base year). */
export function closureMeaning(s: ScenarioSeries): string {
  const c = s.closure;
  const target = candidatesAtThreshold(c.threshold);
  return `Closed means at least ${target} qualified candidates per 100 open positions (a gap of at most ${percentText(c.threshold)}) for ${c.sustainYears} year${c.sustainYears === 1 ? '' : 's'} in a row, counted from the base year ${s.baseYear}${s.startYear < s.baseYear ? ` (${s.startYear}–${s.baseYear - 1} are history)` : ''}; a replication's closing year is the first of those years.`;
}

/** The answer for one scenario, in plain text sentences: when, how likely by a year, whether it lasts, the headline figures. */
export function answerText(s: ScenarioSeries): string {
  const c = s.closure as RecordedClosure;
  const n = s.replications;
  const when =
    c.medianYear === null
      ? `The gap does not close by ${s.horizon} in at least half of the ${n} replications: the median of their closing years is after the horizon (10–90%: ${yearRange(c.p10Year, c.p90Year, s.horizon)}).`
      : `The gap closes in ${c.medianYear}, the median of the ${n} replications' closing years (10–90%: ${yearRange(c.p10Year, c.p90Year, s.horizon)}).`;
  const year = probeYear(s);
  const p = c.probabilityClosedBy[String(year)] ?? 0;
  const recordedError = c.probabilityClosedByError?.[String(year)];
  // A share of 0 or 1 has a binomial standard error of 0, which would claim certainty: say what was counted instead.
  const error =
    p === 0 || p === 1
      ? ` (${p === 1 ? 'all' : 'none'} of the ${n} replications)`
      : recordedError !== undefined
        ? ` ± ${percentText(recordedError)} (Monte Carlo standard error over ${n} replications)`
        : ` ± ${percentText(Math.sqrt((p * (1 - p)) / n))} (Monte Carlo standard error over ${n} replications, √(p(1−p)/n))`;
  const probability = `P(closed by ${year}) = ${percentText(p)}${error}.`;
  return [when, probability, lasting(c, n, s.horizon), headline(s)].filter((x) => x !== '').join(' ');
}

function lasting(c: RecordedClosure, n: number, horizon: number): string {
  if (c.reopenedShare === undefined) return 'Whether closure lasts (replications reopening after closing): not recorded by this version of the result.';
  if (c.reopenedShare === null) return `Whether closure lasts does not arise: no replication closed by ${horizon}.`;
  const closed = Math.round(n * (1 - c.censoredShare));
  const reopen = c.reopenedShare === 0 ? `It lasts: none of the ${closed} replications that closed sees the gap above the threshold again by ${horizon}` : `It does not always last: in ${percentText(c.reopenedShare)} of the ${closed} replications that closed, the gap goes above the threshold again by ${horizon}`;
  const band = c.afterClosing?.candidatesPer100;
  const after = band ? `; after closing, ${per100(band.p50)} qualified candidates per 100 open positions (median; 10–90%: ${per100(band.p10)}–${per100(band.p90)})` : '';
  return `${reopen}${after}.`;
}

/** "Qualified candidates per 100 open positions (median over replications): 53 in 2025, 180 in 2030 and 222 in 2045." */
function headline(s: ScenarioSeries): string {
  const years = [...new Set([s.baseYear, probeYear(s), s.horizon])];
  const figures = years.flatMap((year) => {
    const row = s.years.find((r) => r.year === year);
    const band = row ? candidatesBand(row) : undefined;
    return band ? [`${per100(band.p50)} in ${year}`] : [];
  });
  if (figures.length === 0) return '';
  const list = figures.length === 1 ? figures[0] : `${figures.slice(0, -1).join(', ')} and ${figures[figures.length - 1]}`;
  return `Qualified candidates per 100 open positions (median over replications): ${list}.`;
}
