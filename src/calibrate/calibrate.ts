/**
 * Fitting chosen parameters so that the model reproduces target figures:
 * Nelder–Mead over the parameters' ranges, minimising Σ ((simulated − target)
 * ÷ tolerance)². Every evaluation runs the same replication seeds (common
 * random numbers), so the objective does not jump with sampling noise, and
 * stops at the last target year (results of a year do not depend on later
 * years).
 */
import { quantileOfSorted } from '../analysis/quantiles.js';
import { METRIC_INDEX, METRICS } from '../model/metrics.js';
import { runReplication } from '../model/replication.js';
import { firstYear, yearIndexOf } from '../scenario/calendar.js';
import { InputError } from '../scenario/issues.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import { valueAt } from '../scenario/schema-issues.js';
import { overrideFor, type ParamRange } from '../sweep/param-spec.js';
import { nelderMead } from './nelder-mead.js';
import type { Target } from './targets.js';

type Continuous = Extract<ParamRange, { kind: 'continuous' }>;

export interface CalibrationResult {
  readonly scenario: { readonly name: string; readonly hash: string; readonly file: string };
  readonly seed: number | string;
  readonly replications: number;
  readonly parameters: readonly { readonly path: string; readonly low: number; readonly high: number; readonly log: boolean; readonly start: number; readonly value: number }[];
  readonly targets: readonly (Target & { readonly simulated: number; readonly residual: number })[];
  /** Σ residual², residual = (simulated − target) ÷ tolerance. */
  readonly objective: number;
  readonly evaluations: number;
  /** The optimiser stopped on its own (not at the evaluation limit). */
  readonly converged: boolean;
  readonly reason: string;
  /** Every target within its tolerance. */
  readonly withinTolerance: boolean;
}

export interface CalibrationOptions {
  readonly loaded: LoadedScenario;
  readonly overrides: readonly string[];
  readonly ranges: readonly ParamRange[];
  readonly targets: readonly Target[];
  readonly maxEvaluations: number;
  readonly onEvaluation?: (count: number, objective: number) => void;
}

const toValue = (r: Continuous, u: number) => (r.log ? r.low * Math.pow(r.high / r.low, u) : r.low + u * (r.high - r.low));
const toUnit = (r: Continuous, x: number) => Math.min(1, Math.max(0, r.log ? Math.log(x / r.low) / Math.log(r.high / r.low) : (x - r.low) / (r.high - r.low)));

export function calibrate(options: CalibrationOptions): CalibrationResult {
  const { loaded, targets } = options;
  const { scenario } = loaded;
  const discrete = options.ranges.filter((r) => r.kind === 'discrete');
  if (discrete.length > 0) {
    throw new InputError(discrete.map((r) => ({ file: '--fit', line: 1, column: 1, path: r.path, expected: 'a continuous range LO:HI to fit', found: 'a list of values' })));
  }
  const late = targets.filter((t) => t.year < firstYear(scenario) || t.year > scenario.horizon);
  if (late.length > 0) {
    throw new InputError(late.map((t) => ({ file: '--target', line: 1, column: 1, path: `${t.metric}@${t.year}`, expected: `a year from ${firstYear(scenario)} to ${scenario.horizon}`, found: String(t.year) })));
  }
  const ranges = options.ranges as Continuous[];
  const lastYear = Math.max(scenario.baseYear + 1, ...targets.map((t) => t.year));

  const simulate = (values: number[]) => {
    const overrides = [...options.overrides, ...ranges.map((r, k) => overrideFor(r.path, values[k])), `horizon=${lastYear}`];
    const { scenario: s } = loadScenario(loaded.file, { overrides });
    const runs = Array.from({ length: s.replications }, (_, r) => runReplication(s, s.seed, r).values);
    return targets.map((t) => {
      const column = Float64Array.from(runs, (v) => v[yearIndexOf(s, t.year) * METRICS.length + METRIC_INDEX[t.metric]]).sort();
      return quantileOfSorted(column, 0.5);
    });
  };
  const objectiveOf = (simulated: number[]) => simulated.reduce((sum, x, k) => sum + ((x - targets[k].value) / targets[k].tolerance) ** 2, 0);

  const startValues = ranges.map((r) => {
    const current = valueAt(loaded.input, r.path.split('.'));
    const number = typeof current === 'number' ? current : typeof (current as { value?: unknown })?.value === 'number' ? (current as { value: number }).value : undefined;
    return number !== undefined && number >= r.low && number <= r.high ? number : toValue(r, 0.5);
  });
  let count = 0;
  const result = nelderMead(
    (u) => {
      const objective = objectiveOf(simulate(ranges.map((r, k) => toValue(r, u[k]))));
      options.onEvaluation?.(++count, objective);
      return objective;
    },
    { start: ranges.map((r, k) => toUnit(r, startValues[k])), maxEvaluations: options.maxEvaluations, step: 0.2, xTolerance: 1e-3, fTolerance: 1e-4 },
  );
  const fitted = ranges.map((r, k) => toValue(r, result.x[k]));
  const simulated = simulate(fitted);
  const residuals = simulated.map((x, k) => (x - targets[k].value) / targets[k].tolerance);
  return {
    scenario: { name: scenario.name, hash: loaded.hash, file: loaded.file },
    seed: scenario.seed,
    replications: scenario.replications,
    parameters: ranges.map((r, k) => ({ path: r.path, low: r.low, high: r.high, log: r.log, start: startValues[k], value: fitted[k] })),
    targets: targets.map((t, k) => ({ ...t, simulated: simulated[k], residual: residuals[k] })),
    objective: objectiveOf(simulated),
    evaluations: result.evaluations,
    converged: result.converged,
    reason: result.reason,
    withinTolerance: residuals.every((r) => Math.abs(r) <= 1),
  };
}
