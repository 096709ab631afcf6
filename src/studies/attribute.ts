/**
 * Which lever closes the gap, and by how much: the scenario is run with every
 * subset of the chosen levers switched on (their `enabled` switches), all on
 * the same replication seeds, and each lever's Shapley value is computed per
 * replication and then summarised across replications.
 */
import { closingYearOrAfter } from '../analysis/closure.js';
import { describeDifferences, logPer100, ratioOfLogDifferences, type PairedDifference, type PairedRatio } from '../analysis/paired.js';
import { MAX_EXACT_LEVERS, shapleyValues, shapleyWeight } from '../analysis/shapley.js';
import { METRIC_INDEX, METRICS } from '../model/metrics.js';
import { scenarioLoader, type LoadedScenario } from '../scenario/load.js';
import { firstYear, yearIndexOf } from '../scenario/calendar.js';
import { InputError } from '../scenario/issues.js';
import { simulateAll, type RunOptions } from './run.js';

import type { Lever } from '../scenario/levers.js';

export { LEVERS, type Lever } from '../scenario/levers.js';

/**
 * How often the compared runs of a closing-year difference do not close by the horizon. A run that
 * does not close counts as closing the year after the horizon, so where both runs stay open the
 * difference is 0 by construction, and where one does it is a bound.
 */
export interface OpenRuns {
  /** Replications (for a Shapley value: the share of its weight, 0–1) where both compared runs stay open. */
  readonly bothOpen: number;
  /** Replications (Shapley: share of weight) where exactly one stays open. */
  readonly oneOpen: number;
  /**
   * false when both runs stay open in more than half of the comparisons: the closing-year value is
   * then mostly zeros by construction, an artefact of the horizon rather than an effect.
   */
  readonly measurable: boolean;
}

/** Differences are lever on minus lever off: closing year in years (negative: earlier), gap as a share (negative: narrower; 0.01 = 1 pp). */
export interface LeverDifference {
  readonly closingYear: PairedDifference;
  readonly gap: PairedDifference;
  /**
   * Qualified candidates per 100 open positions in the attribution's year, lever on ÷ lever off
   * (geometric mean of the paired ratios; ×1.5: half as many candidates again per opening).
   */
  readonly candidatesPer100?: PairedRatio;
  /** Counts of replications. */
  readonly open: OpenRuns;
}

export interface LeverAttribution {
  readonly lever: Lever;
  /** Shapley value on the closing year (years; negative: the lever closes the gap earlier). */
  readonly closingYear: PairedDifference;
  /** Censoring in the comparisons behind the closing-year Shapley value (shares of its weight, averaged over replications). */
  readonly closingYearOpen: OpenRuns;
  /** Shapley value on the gap in the chosen year (share; negative: the lever narrows it; 0.01 = 1 pp). */
  readonly gap: PairedDifference;
  /**
   * Shapley value on the log of qualified candidates per 100 open positions in the chosen year, read
   * as a factor: the levers' factors multiply to all on ÷ all off (×1.4: 40% more candidates per
   * opening). The gap is unbounded below, so its contributions in pp are not comparable across levels.
   */
  readonly candidatesPer100?: PairedRatio;
  /** The lever alone on against all off, and all on against the lever alone off. */
  readonly aloneOn: LeverDifference;
  readonly aloneOff: LeverDifference;
}

export interface AttributionSummary {
  readonly scenario: { readonly name: string; readonly hash: string; readonly file: string };
  readonly seed: number | string;
  readonly replications: number;
  /** Persons per agent of the runs (absent from results written before it was recorded). */
  readonly scale?: number;
  /** First simulated year, base year and horizon (absent from results written before history existed). */
  readonly startYear?: number;
  readonly baseYear?: number;
  readonly horizon?: number;
  readonly levers: readonly Lever[];
  /** The year of the gap contributions: a projection year, from the base year (default: base year + 5). */
  readonly year: number;
  readonly method: string;
  /** Every subset run: which levers were on, the mean closing year (censored as horizon + 1) and mean gap in `year`. */
  readonly subsets: readonly { readonly on: readonly Lever[]; readonly meanClosingYear: number; readonly censoredShare: number; readonly meanGap: number }[];
  readonly attributions: readonly LeverAttribution[];
  /** All levers on minus all off: what the Shapley values add up to. */
  readonly total: LeverDifference;
}

/** Every subset of the levers loaded, ready to run. */
export interface AttributionInputs {
  readonly file: string;
  readonly levers: readonly Lever[];
  /** The scenario with the subset `mask` of levers on (bit i: lever i), by mask. */
  readonly subsets: readonly LoadedScenario[];
  /** Every lever on: the scenario whose name, hash, seed and calendar the attribution reports. */
  readonly reference: LoadedScenario;
  readonly year: number;
}

/**
 * Loads every subset before any runs, so that a bad override or year fails at once and the plan
 * (subsets × replications) is known before the time is spent.
 */
export function loadAttribution(file: string, options: { readonly levers: readonly Lever[]; readonly year?: number; readonly overrides?: readonly string[] }): AttributionInputs {
  const { levers } = options;
  const n = levers.length;
  if (n === 0 || n > MAX_EXACT_LEVERS) throw new RangeError(`between 1 and ${MAX_EXACT_LEVERS} levers, got ${n}`);
  const overridesFor = (mask: number) => [...(options.overrides ?? []), ...levers.map((lever, i) => `${lever}.enabled=${(mask & (1 << i)) !== 0}`)];
  const load = scenarioLoader(file);
  const subsets = Array.from({ length: 1 << n }, (_, mask) => load(overridesFor(mask)));
  const reference = subsets[(1 << n) - 1];
  const { scenario } = reference;
  const year = options.year ?? Math.min(scenario.horizon, scenario.baseYear + 5);
  if (year < scenario.baseYear || year > scenario.horizon) {
    const history = firstYear(scenario) < scenario.baseYear ? ` (from the base year: ${firstYear(scenario)}–${scenario.baseYear - 1} are history)` : '';
    throw new InputError([{ file: '--year', line: 0, column: 0, path: '', expected: `a year from ${scenario.baseYear} to ${scenario.horizon}${history}`, found: String(year) }]);
  }
  return { file, levers, subsets, reference, year };
}

/** Runs every subset (one pool of workers for all) and computes each lever's Shapley values per replication. */
export async function attributeLevers(inputs: AttributionInputs, options: RunOptions = {}): Promise<AttributionSummary> {
  const { levers, subsets, reference, year, file } = inputs;
  const n = levers.length;
  const { scenario } = reference;
  const y = yearIndexOf(scenario, year);
  const reps = scenario.replications;
  const count = 1 << n;

  // Every subset in one run list on one pool: progress counts replications over all of them.
  const sims = await simulateAll(subsets, options);
  const closingYears = sims.map((sim) => sim.summary.runs.map((r) => (r.closure.kind === 'closed' ? r.closure.year : null)));
  const gaps = sims.map((sim) => Float64Array.from(sim.values, (v) => v[y * METRICS.length + METRIC_INDEX.gap]));
  const candidates = sims.map((sim) => Float64Array.from(sim.values, (v) => v[y * METRICS.length + METRIC_INDEX.candidatesPer100]));

  return {
    scenario: { name: scenario.name, hash: reference.hash, file },
    seed: scenario.seed,
    replications: reps,
    scale: scenario.scale,
    startYear: firstYear(scenario),
    baseYear: scenario.baseYear,
    horizon: scenario.horizon,
    levers,
    year,
    // The method sentence is also the report's (test/golden/report.html); the signs are documented with the fields.
    method: `exact Shapley values over all ${count} subsets of ${n} levers, per replication on common random numbers; a replication not closed by ${scenario.horizon} counts as closing in ${scenario.horizon + 1}, so contributions that involve censoring are bounds`,
    ...attributionOf(levers, scenario.horizon, { closingYear: closingYears, gap: gaps, candidatesPer100: candidates }),
  };
}

/** Every subset's runs, by subset mask (bit i: lever i on) and then replication. */
export interface SubsetOutcomes {
  /** The closing year, or null for a run that does not close by the horizon. */
  readonly closingYear: readonly (readonly (number | null)[])[];
  /** The gap in the attribution's year. */
  readonly gap: readonly ArrayLike<number>[];
  /** Qualified candidates per 100 open positions in the attribution's year (when recorded). */
  readonly candidatesPer100?: readonly ArrayLike<number>[];
}

/**
 * Shapley values per replication (the value function of replication r), their spread, the lever
 * alone on and alone off, and how often censoring decides a closing-year difference.
 */
export function attributionOf(levers: readonly Lever[], horizon: number, outcomes: SubsetOutcomes): Pick<AttributionSummary, 'subsets' | 'attributions' | 'total'> {
  const n = levers.length;
  const count = 1 << n;
  if (outcomes.closingYear.length !== count || outcomes.gap.length !== count) throw new RangeError(`expected ${count} subsets, got ${outcomes.closingYear.length} and ${outcomes.gap.length}`);
  const reps = outcomes.closingYear[0].length;
  // A run that does not close counts as closing the year after the horizon.
  const closing = outcomes.closingYear.map((runs) => Float64Array.from(runs, (year) => closingYearOrAfter(year, horizon)));
  const open = outcomes.closingYear.map((runs) => Uint8Array.from(runs, (year) => (year === null ? 1 : 0)));
  const gap = outcomes.gap;
  const perReplication = (values: readonly ArrayLike<number>[]) => {
    const phi = levers.map(() => new Float64Array(reps));
    for (let r = 0; r < reps; r++) {
      const v = values.map((byMask) => byMask[r]);
      shapleyValues(n, v).forEach((x, i) => (phi[i][r] = x));
    }
    return phi;
  };
  const phiClosing = perReplication(closing);
  const phiGap = perReplication(gap);
  const logs = outcomes.candidatesPer100?.map((byRep) => Float64Array.from(byRep, logPer100));
  const phiLog = logs ? perReplication(logs) : undefined;
  const all = count - 1;
  const mean = (a: ArrayLike<number>) => {
    let sum = 0;
    for (let k = 0; k < a.length; k++) sum += a[k];
    return sum / a.length;
  };
  const openRuns = (bothOpen: number, oneOpen: number, of: number): OpenRuns => ({ bothOpen, oneOpen, measurable: bothOpen <= of / 2 });
  const difference = (from: number, to: number): LeverDifference => {
    let both = 0;
    let one = 0;
    for (let r = 0; r < reps; r++) {
      if (open[from][r] && open[to][r]) both++;
      else if (open[from][r] || open[to][r]) one++;
    }
    return {
      closingYear: describeDifferences(Float64Array.from({ length: reps }, (_, r) => closing[to][r] - closing[from][r])),
      gap: describeDifferences(Float64Array.from({ length: reps }, (_, r) => gap[to][r] - gap[from][r])),
      ...(logs ? { candidatesPer100: ratioOfLogDifferences(describeDifferences(Float64Array.from({ length: reps }, (_, r) => logs[to][r] - logs[from][r]))) } : {}),
      open: openRuns(both, one, reps),
    };
  };
  // The share of a lever's Shapley weight spent on comparisons where both runs stay open (or one does).
  const shapleyOpen = (i: number): OpenRuns => {
    const bit = 1 << i;
    let both = 0;
    let one = 0;
    for (let mask = 0; mask < count; mask++) {
      if (mask & bit) continue;
      const weight = shapleyWeight(n, mask);
      for (let r = 0; r < reps; r++) {
        if (open[mask][r] && open[mask | bit][r]) both += weight;
        else if (open[mask][r] || open[mask | bit][r]) one += weight;
      }
    }
    return openRuns(both / reps, one / reps, 1);
  };
  return {
    subsets: closing.map((_, mask) => ({
      on: levers.filter((__, i) => mask & (1 << i)),
      meanClosingYear: mean(closing[mask]),
      censoredShare: mean(open[mask]),
      meanGap: mean(gap[mask]),
    })),
    attributions: levers.map((lever, i) => ({
      lever,
      closingYear: describeDifferences(phiClosing[i]),
      closingYearOpen: shapleyOpen(i),
      gap: describeDifferences(phiGap[i]),
      ...(phiLog ? { candidatesPer100: ratioOfLogDifferences(describeDifferences(phiLog[i])) } : {}),
      aloneOn: difference(0, 1 << i),
      aloneOff: difference(all & ~(1 << i), all),
    })),
    total: difference(0, all),
  };
}
