/**
 * What the page draws, from a run summary (the agent-based draft, as `hiresim run --json` gives
 * it) or from the expected-value recursion: per year, qualified candidates per 100 open positions
 * and median pay (nominal US dollars), and the closing year. Numbers keep full precision, so that
 * the page shows exactly what `hiresim run` prints for the same scenario, seed and replications.
 */
import { closingYear } from '../analysis/closure.js';
import type { Band } from '../analysis/quantiles.js';
import { METRIC_INDEX, METRICS } from '../model/metrics.js';
import type { ExpectedRun } from '../expected/recursion.js';
import { baseIndex, firstYear } from '../scenario/calendar.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunSummary } from '../studies/run.js';

type Quantiles = Pick<Band, 'p10' | 'p50' | 'p90'>;

export interface DraftView {
  readonly replications: number;
  readonly years: readonly number[];
  /** Qualified candidates per 100 open positions: the 10–50–90% band each year. */
  readonly candidatesPer100: readonly Quantiles[];
  /** Median GenAI pay, nominal US dollars: its 10–50–90% band over replications each year. */
  readonly payMedian: readonly Quantiles[];
  /** P(closed by year), from the base year. */
  readonly closedBy: readonly { readonly year: number; readonly p: number }[];
  readonly closure: { readonly medianYear: number | null; readonly p10Year: number | null; readonly p90Year: number | null; readonly censoredShare: number };
}

const quantiles = (b: Band): Quantiles => ({ p10: b.p10, p50: b.p50, p90: b.p90 });

export function draftView(summary: RunSummary): DraftView {
  const { closure } = summary;
  return {
    replications: summary.replications,
    years: summary.years.map((y) => y.year),
    candidatesPer100: summary.years.map((y) => quantiles(y.candidatesPer100 as Band)),
    payMedian: summary.years.map((y) => quantiles(y.payMedian as Band)),
    closedBy: Object.entries(closure.probabilityClosedBy).map(([year, p]) => ({ year: Number(year), p })),
    closure: { medianYear: closure.medianYear, p10Year: closure.p10Year, p90Year: closure.p90Year, censoredShare: closure.censoredShare },
  };
}

export interface ExpectedView {
  readonly years: readonly number[];
  readonly candidatesPer100: readonly number[];
  readonly payMedian: readonly number[];
  /** The expected path's closing year (the gap at or below the threshold for the sustain years); null: after the horizon. */
  readonly closingYear: number | null;
}

export function expectedView(scenario: Scenario, run: ExpectedRun): ExpectedView {
  const m = METRICS.length;
  const column = (name: string) => run.years.map((_, y) => run.values[y * m + METRIC_INDEX[name]]);
  const gap = column('gap').slice(baseIndex(scenario));
  const outcome = closingYear(gap, scenario.baseYear, scenario.closure.threshold, scenario.closure.sustainYears);
  return {
    years: run.years.map((_, y) => firstYear(scenario) + y),
    candidatesPer100: column('candidatesPer100'),
    payMedian: column('payMedian'),
    closingYear: outcome.kind === 'closed' ? outcome.year : null,
  };
}
