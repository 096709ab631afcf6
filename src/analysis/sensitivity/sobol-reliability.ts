/**
 * When Sobol' estimates are too noisy to read, and how many base rows would fix them.
 *
 * In theory 0 ≤ S_i ≤ ST_i ≤ 1. Estimates from few base rows break this (sobol-indices.ts reports
 * them unclipped so the noise stays visible), and a reader who sees first order 0.894 above a total
 * of 0.800, or an interval ending at 1.68, should be told the numbers are noise rather than left to
 * notice. An input is flagged when
 *
 *   - its first-order index lies above its total index's interval (S_i > ST_i beyond the noise the
 *     total's interval allows: the two estimates contradict each other),
 *   - an interval reaches outside [0, 1] by more than MARGIN (half the target width: an index of 0
 *     known to ±0.05 is as precise as asked, and the estimators straddle 0 for an input that does
 *     nothing on its own, so a small excursion is expected at any N),
 *   - its total index is negative (impossible for Jansen's estimator, a mean of squares, but a
 *     check on whatever estimator produced the numbers).
 *
 * The remedy is more base rows. Interval widths shrink as 1/√N (the estimators are means over
 * the N rows), so the widest interval involved, of width w at N rows, needs about N · (w / 0.1)²
 * rows for a width of TARGET_WIDTH = 0.1; rounded up to a power of two, which keeps the Sobol'
 * sequence of the Saltelli design balanced, and at least double the current N (a warning about
 * intervals already narrow enough is about their position, and only more rows move it). This is a
 * rough guide: the percentile bootstrap's widths follow 1/√N only approximately at small N.
 */
import type { IndexEstimate } from './sobol-indices.js';

/** The interval width a rerun should reach. */
export const TARGET_WIDTH = 0.1;
/** How far outside [0, 1] an interval may reach before it is flagged. */
export const MARGIN = TARGET_WIDTH / 2;

export interface SobolWarning {
  /** The input whose estimates are unreliable. */
  readonly parameter: string;
  /** What is wrong, one phrase each, in words. */
  readonly problems: readonly string[];
  /** Base rows that would narrow the intervals involved to TARGET_WIDTH (a power of two > N). */
  readonly samples: number;
}

export interface SobolEstimate {
  readonly path: string;
  readonly first: IndexEstimate;
  readonly total: IndexEstimate;
}

const f = (x: number) => (x < 0 ? `−${(-x).toFixed(3)}` : x.toFixed(3));
const range = (e: IndexEstimate) => `${f(e.low)}–${f(e.high)}`;
const width = (e: IndexEstimate) => (Number.isFinite(e.high - e.low) ? e.high - e.low : 0);
const outside = (e: IndexEstimate) => e.low < -MARGIN || e.high > 1 + MARGIN;

/** The smallest power of two ≥ x. */
function powerOfTwoAtLeast(x: number): number {
  let p = 1;
  while (p < x) p *= 2;
  return p;
}

/** Base rows for intervals of `widest` to narrow to TARGET_WIDTH, from `n` rows now (see the module comment). */
export function samplesForWidth(n: number, widest: number): number {
  return powerOfTwoAtLeast(Math.max(2 * n, Math.ceil(n * (widest / TARGET_WIDTH) ** 2)));
}

/** One warning per input whose estimates break the checks above, in input order; none when all pass. */
export function sobolWarnings(estimates: readonly SobolEstimate[], n: number): SobolWarning[] {
  const warnings: SobolWarning[] = [];
  for (const { path, first, total } of estimates) {
    const problems: string[] = [];
    let widest = 0;
    if (first.index > total.high) {
      problems.push(`first-order index ${f(first.index)} above its total index ${f(total.index)} and the total's interval ${range(total)} (in theory first order ≤ total)`);
      widest = Math.max(widest, width(first), width(total));
    }
    for (const [name, e] of [['first-order', first], ['total', total]] as const) {
      if (outside(e)) {
        problems.push(`${name} interval ${range(e)} reaches outside [0, 1]`);
        widest = Math.max(widest, width(e));
      }
    }
    if (total.index < 0) {
      problems.push(`total index ${f(total.index)} is negative`);
      widest = Math.max(widest, width(total));
    }
    if (problems.length > 0) warnings.push({ parameter: path, problems, samples: samplesForWidth(n, widest) });
  }
  return warnings;
}
