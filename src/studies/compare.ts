/**
 * Comparing scenarios under common random numbers: every scenario runs the
 * same replications (same master seed, same replication indices, so each
 * mechanism draws from the same streams), and each one is compared with the
 * first, the reference, replication by replication.
 */
import { closingYearDifference, pairedDifference, pairedRatio, type ClosingYearDifference, type PairedDifference, type PairedRatio } from '../analysis/paired.js';
import { closingYearOrAfter, type ClosureSummary } from '../analysis/closure.js';
import type { Band } from '../analysis/quantiles.js';
import { METRIC_INDEX, METRICS } from '../model/metrics.js';
import type { LoadedScenario } from '../scenario/load.js';
import { firstYear, isHistoryYear, yearCount } from '../scenario/calendar.js';
import { InputError } from '../scenario/issues.js';
import { simulateAll, type RunOptions, type Simulation } from './run.js';

/** The metrics whose paired differences a comparison reports each year. */
export const COMPARED_METRICS = ['gap', 'openPositions', 'qualifiedCandidates', 'employed', 'payMedian', 'upskillingSpend', 'acquihireSpend'] as const;

/** The metrics whose yearly 10–50–90 % bands each compared scenario carries (for charts and reports). */
export const BANDED_METRICS = ['gap', 'candidatesPer100', 'payMedian', 'payP90', 'payPremium', 'entrantsGraduates', 'entrantsUpskilled', 'entrantsSwitchers', 'entrantsImmigrants'] as const;

export interface ScenarioDifference {
  readonly scenario: string;
  readonly against: string;
  /**
   * Every simulated year; `history` is true before the base year. Each metric's difference is this
   * scenario minus the reference, replication by replication, in the metric's unit (the gap as a
   * share: −0.085 is 8.5 percentage points narrower).
   */
  readonly years: readonly ({
    readonly year: number;
    readonly history: boolean;
    /**
     * Qualified candidates per 100 open positions, this scenario ÷ the reference, replication by
     * replication (geometric mean; ×1.5 is half as many candidates again per opening): the
     * headline measure compared on the scale where it is bounded below and symmetric.
     */
    readonly candidatesPer100Ratio: PairedRatio;
  } & Readonly<Record<(typeof COMPARED_METRICS)[number], PairedDifference>>)[];
  /** Counted from the base year, like every closing year; the verdict is `closingYear.signTest`. */
  readonly closingYear: ClosingYearDifference;
}

/** What `hiresim compare --json` prints. */
export interface ComparisonSummary {
  readonly seed: number | string;
  readonly replications: number;
  /** First simulated year; years before baseYear are history (marked in each `years` row). */
  readonly startYear: number;
  readonly baseYear: number;
  readonly horizon: number;
  readonly scenarios: readonly {
    readonly name: string;
    readonly hash: string;
    readonly file: string;
    readonly closure: ClosureSummary;
    /** Each year's bands over replications for BANDED_METRICS, as in `run`'s summary. */
    readonly years: readonly ({ readonly year: number; readonly history: boolean } & Readonly<Record<(typeof BANDED_METRICS)[number], Band>>)[];
  }[];
  /** One entry per scenario after the first, against the first. */
  readonly differences: readonly ScenarioDifference[];
  /** Scenarios from earliest to latest median closing year (ties: higher P(closed by rankingYear) first). */
  readonly ranking: readonly { readonly scenario: string; readonly medianYear: number | null; readonly probabilityClosedByMidYear: number }[];
}

/**
 * The year a comparison's ranking breaks ties by, P(closed by it): halfway from the base year to the
 * horizon. History years (before the base year) never close the gap, so they do not count.
 */
export function rankingYear(calendar: { readonly baseYear: number; readonly horizon: number }): number {
  return Math.round((calendar.baseYear + calendar.horizon) / 2);
}

export interface Comparison {
  readonly summary: ComparisonSummary;
  readonly simulations: readonly Simulation[];
}

/**
 * Runs every scenario and compares each with the first. The scenarios must already share seed and
 * replications (the CLI sets them from the reference) and the simulated years.
 */
export async function compareScenarios(loaded: readonly LoadedScenario[], options: RunOptions = {}): Promise<Comparison> {
  const [reference] = loaded;
  const mismatch = loaded.filter((l) => l.scenario.baseYear !== reference.scenario.baseYear || firstYear(l.scenario) !== firstYear(reference.scenario) || l.scenario.horizon !== reference.scenario.horizon || l.scenario.seed !== reference.scenario.seed || l.scenario.replications !== reference.scenario.replications);
  if (mismatch.length > 0) {
    throw new InputError(
      mismatch.map((l) => ({
        file: l.file,
        line: 0,
        column: 0,
        path: 'startYear, baseYear, horizon, seed, replications',
        expected: `the reference's (${firstYear(reference.scenario)}–${reference.scenario.baseYear}–${reference.scenario.horizon}, seed ${reference.scenario.seed}, ${reference.scenario.replications} replications) for a paired comparison`,
        found: `${firstYear(l.scenario)}–${l.scenario.baseYear}–${l.scenario.horizon}, seed ${l.scenario.seed}, ${l.scenario.replications} replications`,
      })),
    );
  }
  // One run list for every scenario, on one pool: progress counts replications over them all.
  const simulations: Simulation[] = await simulateAll(loaded, options);
  const m = METRICS.length;
  const years = yearCount(reference.scenario);
  const column = (sim: Simulation, metric: string, y: number) => sim.values.map((v) => v[y * m + METRIC_INDEX[metric]]);
  const [base] = simulations;
  const differences = simulations.slice(1).map((sim): ScenarioDifference => ({
    scenario: sim.summary.scenario.name,
    against: base.summary.scenario.name,
    years: Array.from({ length: years }, (_, y) => {
      const year = firstYear(reference.scenario) + y;
      const row: Record<string, unknown> = { year, history: isHistoryYear(reference.scenario, year) };
      row.candidatesPer100Ratio = pairedRatio(column(base, 'candidatesPer100', y), column(sim, 'candidatesPer100', y));
      for (const metric of COMPARED_METRICS) row[metric] = pairedDifference(column(base, metric, y), column(sim, metric, y));
      return row as ScenarioDifference['years'][number];
    }),
    closingYear: closingYearDifference(
      base.summary.runs.map((r) => r.closure),
      sim.summary.runs.map((r) => r.closure),
    ),
  }));
  const midYear = String(rankingYear(reference.scenario));
  const ranking = simulations
    .map((sim) => ({ scenario: sim.summary.scenario.name, medianYear: sim.summary.closure.medianYear, probabilityClosedByMidYear: sim.summary.closure.probabilityClosedBy[midYear] ?? 0 }))
    .sort((a, b) => closingYearOrAfter(a.medianYear, null) - closingYearOrAfter(b.medianYear, null) || b.probabilityClosedByMidYear - a.probabilityClosedByMidYear);
  return {
    simulations,
    summary: {
      seed: reference.scenario.seed,
      replications: reference.scenario.replications,
      startYear: firstYear(reference.scenario),
      baseYear: reference.scenario.baseYear,
      horizon: reference.scenario.horizon,
      scenarios: simulations.map((sim) => ({
        ...sim.summary.scenario,
        closure: sim.summary.closure,
        years: sim.summary.years.map((row) => {
          const banded: Record<string, unknown> = { year: row.year, history: row.history };
          for (const metric of BANDED_METRICS) banded[metric] = row[metric];
          return banded as ComparisonSummary['scenarios'][number]['years'][number];
        }),
      })),
      differences,
      ranking,
    },
  };
}
