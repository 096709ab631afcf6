/**
 * Which lever closes the gap, and by how much: the scenario is run with every
 * subset of the chosen levers switched on (their `enabled` switches), all on
 * the same replication seeds, and each lever's Shapley value is computed per
 * replication and then summarised across replications.
 */
import { describeDifferences, type PairedDifference } from '../analysis/paired.js';
import { MAX_EXACT_LEVERS, shapleyValues } from '../analysis/shapley.js';
import { METRIC_INDEX, METRICS } from '../model/metrics.js';
import { loadScenario } from '../scenario/load.js';
import { firstYear, yearIndexOf } from '../scenario/calendar.js';
import { InputError } from '../scenario/issues.js';
import { simulate, type RunOptions } from './simulate.js';

import type { Lever } from '../scenario/levers.js';

export { LEVERS, type Lever } from '../scenario/levers.js';

export interface LeverAttribution {
  readonly lever: Lever;
  /** Shapley value on the closing year (years; negative: the lever closes the gap earlier). */
  readonly closingYear: PairedDifference;
  /** Shapley value on the gap in the chosen year (share; negative: the lever narrows it). */
  readonly gap: PairedDifference;
  /** The lever alone on against all off, and all on against the lever alone off. */
  readonly aloneOn: { readonly closingYear: PairedDifference; readonly gap: PairedDifference };
  readonly aloneOff: { readonly closingYear: PairedDifference; readonly gap: PairedDifference };
}

export interface AttributionSummary {
  readonly scenario: { readonly name: string; readonly hash: string; readonly file: string };
  readonly seed: number | string;
  readonly replications: number;
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
  readonly total: { readonly closingYear: PairedDifference; readonly gap: PairedDifference };
}

export interface AttributeOptions extends RunOptions {
  readonly levers: readonly Lever[];
  /** Year for the gap contributions. */
  readonly year?: number;
  readonly overrides?: readonly string[];
  /** Called before each subset runs. */
  readonly onSubset?: (k: number, total: number) => void;
}

export async function attributeLevers(file: string, options: AttributeOptions): Promise<AttributionSummary> {
  const { levers } = options;
  const n = levers.length;
  if (n === 0 || n > MAX_EXACT_LEVERS) throw new RangeError(`between 1 and ${MAX_EXACT_LEVERS} levers, got ${n}`);
  const overridesFor = (mask: number) => [...(options.overrides ?? []), ...levers.map((lever, i) => `${lever}.enabled=${(mask & (1 << i)) !== 0}`)];
  // Load every subset before running any, so that a bad override fails at once.
  const loaded = Array.from({ length: 1 << n }, (_, mask) => loadScenario(file, { overrides: overridesFor(mask) }));
  const reference = loaded[(1 << n) - 1];
  const { scenario } = reference;
  const year = options.year ?? Math.min(scenario.horizon, scenario.baseYear + 5);
  const y = yearIndexOf(scenario, year);
  if (year < scenario.baseYear || year > scenario.horizon) {
    const history = firstYear(scenario) < scenario.baseYear ? ` (from the base year: ${firstYear(scenario)}–${scenario.baseYear - 1} are history)` : '';
    throw new InputError([{ file: '--year', line: 1, column: 1, path: 'year', expected: `a year from ${scenario.baseYear} to ${scenario.horizon}${history}`, found: String(year) }]);
  }

  const reps = scenario.replications;
  const closing: Float64Array[] = [];
  const gap: Float64Array[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    options.onSubset?.(mask, 1 << n);
    const sim = await simulate(loaded[mask], options);
    closing.push(Float64Array.from(sim.summary.runs, (r) => (r.closure.kind === 'closed' ? r.closure.year : scenario.horizon + 1)));
    gap.push(Float64Array.from(sim.values, (v) => v[y * METRICS.length + METRIC_INDEX.gap]));
  }

  // Shapley values per replication (the value function of replication r), then their spread.
  const perReplication = (values: Float64Array[]) => {
    const phi = levers.map(() => new Float64Array(reps));
    for (let r = 0; r < reps; r++) {
      const v = values.map((byMask) => byMask[r]);
      shapleyValues(n, v).forEach((x, i) => (phi[i][r] = x));
    }
    return phi;
  };
  const phiClosing = perReplication(closing);
  const phiGap = perReplication(gap);
  const all = (1 << n) - 1;
  const diff = (values: Float64Array[], from: number, to: number) => describeDifferences(Float64Array.from({ length: reps }, (_, r) => values[to][r] - values[from][r]));
  const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;

  return {
    scenario: { name: scenario.name, hash: reference.hash, file },
    seed: scenario.seed,
    replications: reps,
    startYear: firstYear(scenario),
    baseYear: scenario.baseYear,
    horizon: scenario.horizon,
    levers,
    year,
    method: `exact Shapley values over all ${1 << n} subsets of ${n} levers, per replication on common random numbers; a replication not closed by ${scenario.horizon} counts as closing in ${scenario.horizon + 1}, so contributions that involve censoring are bounds`,
    subsets: loaded.map((_, mask) => ({
      on: levers.filter((__, i) => mask & (1 << i)),
      meanClosingYear: mean(closing[mask]),
      censoredShare: closing[mask].filter((x) => x > scenario.horizon).length / reps,
      meanGap: mean(gap[mask]),
    })),
    attributions: levers.map((lever, i) => ({
      lever,
      closingYear: describeDifferences(phiClosing[i]),
      gap: describeDifferences(phiGap[i]),
      aloneOn: { closingYear: diff(closing, 0, 1 << i), gap: diff(gap, 0, 1 << i) },
      aloneOff: { closingYear: diff(closing, all & ~(1 << i), all), gap: diff(gap, all & ~(1 << i), all) },
    })),
    total: { closingYear: diff(closing, 0, all), gap: diff(gap, 0, all) },
  };
}
