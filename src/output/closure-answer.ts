/**
 * The answer to "when does the shortage end?" in words a newcomer can read without the manual:
 * what closing means (in qualified candidates per 100 open positions as well as the gap), that the
 * year is the median of the replications' own closing years, how sure it is (P(closed by Y) with
 * its Monte Carlo error), and what happens after (reopening, the surplus, the pay premium).
 */
import type { ClosureAftermath, ClosureSummary } from '../analysis/closure.js';
import type { Band } from '../analysis/quantiles.js';
import { percent } from './format.js';

export interface AnswerInput {
  readonly closure: ClosureSummary & Partial<ClosureAftermath>;
  readonly replications: number;
  readonly baseYear: number;
  readonly horizon: number;
  /** Whether years before the base year were simulated (then closing counts from the base year). */
  readonly history: boolean;
}

/** Candidates per 100 open positions at a gap threshold: gap ≤ t ⇔ candidates per 100 ≥ 100 (1 − t). */
export function candidatesAtThreshold(threshold: number): number {
  return Math.round(100 * (1 - threshold) * 10) / 10;
}

/** Years for P(closed by Y) when the reader names none: 2030 and 2035, kept inside the projection. */
export function defaultProbeYears(baseYear: number, horizon: number): number[] {
  const clamp = (y: number) => Math.min(horizon, Math.max(baseYear, y));
  return [...new Set([clamp(2030), clamp(2035)])];
}

const yearOrAfter = (year: number | null, horizon: number) => (year === null ? `after ${horizon}` : String(year));
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const per100 = (x: number) => String(Math.round(x));

/** "P(closed by 2030) = 0.95 ± 0.03" (± one Monte Carlo standard error), or "= 1.00 (all 40)". */
export function probabilityText(input: AnswerInput, year: number): string {
  const p = input.closure.probabilityClosedBy[String(year)] ?? 0;
  const n = input.replications;
  if (p === 1) return `P(closed by ${year}) = 1.00 (all ${n} replications)`;
  if (p === 0) return `P(closed by ${year}) = 0.00 (none of ${n} replications)`;
  const se = input.closure.probabilityClosedByError?.[String(year)] ?? Math.sqrt((p * (1 - p)) / n);
  return `P(closed by ${year}) = ${p.toFixed(2)} ± ${se.toFixed(2)}`;
}

/**
 * The answer as lines of text: a heading saying what closing means, then the closing year, the
 * probabilities for `probeYears`, and what happens after closing.
 */
export function closureAnswer(input: AnswerInput, probeYears: readonly number[] = defaultProbeYears(input.baseYear, input.horizon)): string[] {
  const { closure, replications: n, horizon } = input;
  const balance = candidatesAtThreshold(closure.threshold);
  const counted = input.history ? `, counted from ${input.baseYear}` : '';
  const lines = [
    `When the shortage ends: the gap closes when there are at least ${balance} qualified candidates per 100 open positions (gap ≤ ${percent(closure.threshold)}) for ${count(closure.sustainYears, 'year')} running${counted}.`,
  ];
  const closedShare = 1 - closure.censoredShare;
  if (closure.medianYear !== null) {
    const range = closure.p10Year === closure.p90Year ? `all of the middle 80% in ${closure.p10Year}` : `10–90%: ${yearOrAfter(closure.p10Year, horizon)} to ${yearOrAfter(closure.p90Year, horizon)}`;
    lines.push(`  Closing year: ${closure.medianYear}, the median of the ${n} replications' own closing years (${range}).`);
  } else {
    lines.push(`  Closing year: after ${horizon} at the median: only ${percent(closedShare)} of the ${n} replications close by ${horizon}${closure.p10Year === null ? '' : ` (the earliest 10% by ${closure.p10Year})`}.`);
  }
  lines.push(`  How sure (± one Monte Carlo standard error): ${probeYears.map((y) => probabilityText(input, y)).join('; ')}.`);
  if (closure.censoredShare > 0 && closure.medianYear !== null) lines.push(`  ${count(Math.round(closure.censoredShare * n), 'replication')} of ${n} do not close by ${horizon}.`);
  const after = closure.afterClosing;
  if (closure.reopenedShare !== undefined && closure.reopenedShare !== null && after) {
    const closedCount = Math.round(closedShare * n);
    const reopened = Math.round(closure.reopenedShare * closedCount);
    const parts = [`${reopened} of the ${count(closedCount, 'replication')} that close (${percent(closure.reopenedShare)}) see the gap open again by ${horizon}`];
    if (after.candidatesPer100) parts.push(`the market then holds typically ${bandText(after.candidatesPer100, per100)} qualified candidates per 100 open positions`);
    if (after.payPremiumAtClosing && after.payPremiumLater) {
      const from = after.payPremiumAtClosing.p50;
      const to = after.payPremiumLater.p50;
      const verb = to < from - 0.005 ? 'falls' : to > from + 0.005 ? 'rises' : 'stays';
      const capped = closure.medianYear === null || closure.medianYear + after.laterYears > horizon ? `, or in ${horizon} if sooner` : '';
      parts.push(`GenAI pay over adjacent software pay ${verb} from ${from.toFixed(2)}× in the closing year to ${to.toFixed(2)}× ${words(after.laterYears)} years later (medians${capped})`);
    }
    lines.push(`  After closing: ${parts.join('; ')}.`);
  } else if (closure.reopenedShare === null) {
    lines.push(`  After closing: no replication closes by ${horizon}.`);
  }
  return lines;
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const words = (n: number) => WORDS[n] ?? String(n);

/** "180 (10–90%: 120–260)". */
function bandText(b: Band, format: (x: number) => string): string {
  return `${format(b.p50)} (10–90%: ${format(b.p10)}–${format(b.p90)})`;
}
