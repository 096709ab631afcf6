/**
 * Fitting chosen parameters so that the model reproduces target figures:
 * Nelder–Mead over the parameters' ranges, minimising Σ ((simulated − target)
 * ÷ tolerance)². Every evaluation loads the scenario with the candidate values
 * as overrides and runs the same replication seeds (common random numbers),
 * so the objective does not jump with sampling noise; it stops at the last
 * target year (results of a year do not depend on later years). Replications
 * run on worker threads through `simulate`, whose values do not depend on the
 * thread count, so neither does anything here.
 */
import { loadScenario, type LoadedScenario } from '../../scenario/load.js';
import { InputError } from '../../scenario/issues.js';
import { valueAt } from '../../scenario/schema-issues.js';
import { availableParallelism } from 'node:os';
import { simulate } from '../run.js';
import { createEnginePool, type EnginePool } from '../../engine/pool.js';
import { runExpected } from '../../expected/recursion.js';
import { overrideFor, type ParamRange } from '../sweep/param-spec.js';
import { nelderMead } from './nelder-mead.js';
import { fitTargets, objectiveOf, type TargetFit } from './objective.js';
import { checkTargetYears, targetLabel, type Target, type WrittenTarget } from './targets.js';

type Continuous = Extract<ParamRange, { kind: 'continuous' }>;

/** A target with what the fitted parameters give. */
export type FittedTarget = Target & TargetFit & { readonly target: string };

export interface CalibrationResult {
  readonly scenario: { readonly name: string; readonly hash: string; readonly file: string };
  readonly seed: number | string;
  readonly replications: number;
  /** What each evaluation ran: the agent-based model, or its expected-value recursion (replications and seed unused). */
  readonly engine: 'agents' | 'expected';
  /** The --set overrides applied while fitting (replications and seed are recorded above). */
  readonly overrides: readonly string[];
  /** The --targets files the targets came from, if any. */
  readonly targetFiles: readonly string[];
  readonly parameters: readonly { readonly path: string; readonly low: number; readonly high: number; readonly log: boolean; readonly start: number; readonly value: number }[];
  readonly targets: readonly FittedTarget[];
  /** Σ residual², residual = (simulated − target) ÷ tolerance. */
  readonly objective: number;
  /** Simulations run (each of every replication), at most maxEvaluations; the fitted point is one of them. */
  readonly evaluations: number;
  readonly maxEvaluations: number;
  /** The optimiser stopped on its own (not at the evaluation limit). */
  readonly converged: boolean;
  readonly reason: string;
  /** Every target within its tolerance. */
  readonly withinTolerance: boolean;
  /** The targets outside their tolerance, as `metric@YEAR[/BASE]`. */
  readonly outside: readonly string[];
}

export interface CalibrationOptions {
  readonly loaded: LoadedScenario;
  /** Every override the scenario was loaded with (--set, then replications and seed). */
  readonly overrides: readonly string[];
  readonly ranges: readonly ParamRange[];
  readonly targets: readonly WrittenTarget[];
  readonly maxEvaluations: number;
  /** The --targets files the targets were read from (recorded in the written scenario). */
  readonly targetFiles?: readonly string[];
  /** Run the agent-based model (default) or the expected-value recursion for each evaluation. */
  readonly engine?: 'agents' | 'expected';
  /** Worker threads per evaluation (default: the machine's cores); the result is the same for any. */
  readonly threads?: number;
  readonly onEvaluation?: (count: number, objective: number) => void;
  /**
   * Work done so far, in replications over all evaluations (in evaluations with the expected
   * engine), against the most the budget allows; a fit that converges early stops short of it.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

const exactValue = (r: Continuous, u: number) => (r.log ? r.low * Math.pow(r.high / r.low, u) : r.low + u * (r.high - r.low));
/**
 * A parameter's value at unit coordinate u, to 6 significant digits: the value evaluated is then
 * the one printed and written back, so the written scenario reproduces the fit's figures exactly.
 * (Far finer than the search's resolution, xTolerance 1e-3 of the range.) Kept inside the range
 * when its ends are written with more digits.
 */
const toValue = (r: Continuous, u: number) => Math.min(r.high, Math.max(r.low, Number(exactValue(r, u).toPrecision(6))));
const toUnit = (r: Continuous, x: number) => Math.min(1, Math.max(0, r.log ? Math.log(x / r.low) / Math.log(r.high / r.low) : (x - r.low) / (r.high - r.low)));

/**
 * Exit 2 before anything runs (and before a command announces its plan): a --fit range must be
 * continuous, and every target year a simulated year.
 */
export function checkCalibration(ranges: readonly ParamRange[], targets: readonly WrittenTarget[], scenario: LoadedScenario['scenario']): void {
  const discrete = ranges.filter((r) => r.kind === 'discrete');
  if (discrete.length > 0) {
    throw new InputError(discrete.map((r) => ({ file: '--fit', line: 0, column: 0, path: r.path, expected: 'a continuous range LO:HI to fit', found: 'a list of values' })));
  }
  checkTargetYears(targets, scenario);
}

export async function calibrate(options: CalibrationOptions): Promise<CalibrationResult> {
  const { loaded } = options;
  const { scenario } = loaded;
  checkCalibration(options.ranges, options.targets, scenario);
  const targets = options.targets.map((t) => t.target);
  const ranges = options.ranges as Continuous[];
  const lastYear = Math.max(scenario.baseYear + 1, ...targets.map((t) => Math.max(t.year, t.kind === 'index' ? t.base : t.year)));

  // Workers live for the whole fit: starting them for every evaluation cost more than small evaluations.
  const engine = options.engine ?? 'agents';
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), scenario.replications));
  const pool: EnginePool | undefined = engine === 'agents' && threads > 1 ? createEnginePool(threads) : undefined;
  // Each evaluated point's fits, by its unit coordinates (the array itself): the fitted point is one of them.
  const fitsAt = new Map<number[], TargetFit[]>();
  let count = 0;
  const perEvaluation = engine === 'expected' ? 1 : scenario.replications;
  const budget = options.maxEvaluations * perEvaluation;
  const evaluate = async (u: number[]) => {
    const overrides = [...options.overrides, ...ranges.map((r, k) => overrideFor(r.path, toValue(r, u[k]))), `horizon=${lastYear}`];
    const candidate = loadScenario(loaded.file, { overrides });
    const before = count * perEvaluation;
    const report = (done: number) => options.onProgress?.(before + done, budget);
    // The expected-value recursion stands for the replications' median with one deterministic row.
    const values = engine === 'expected' ? [runExpected(candidate.scenario).values] : (await simulate(candidate, { ...(pool ? { pool } : { threads: 1 }), onProgress: (done) => report(done) })).values;
    if (engine === 'expected') report(1);
    const fits = fitTargets(targets, values, candidate.scenario);
    fitsAt.set(u, fits);
    const objective = objectiveOf(fits);
    options.onEvaluation?.(++count, objective);
    return objective;
  };

  const startValues = ranges.map((r) => {
    const current = valueAt(loaded.input, r.path.split('.'));
    const number = typeof current === 'number' ? current : typeof (current as { value?: unknown })?.value === 'number' ? (current as { value: number }).value : undefined;
    return number !== undefined && number >= r.low && number <= r.high ? number : toValue(r, 0.5);
  });
  const result = await nelderMead(evaluate, {
    start: ranges.map((r, k) => toUnit(r, startValues[k])),
    maxEvaluations: options.maxEvaluations,
    step: 0.2,
    xTolerance: 1e-3,
    fTolerance: 1e-4,
  }).finally(() => pool?.close());
  const fits = fitsAt.get(result.x);
  if (fits === undefined) throw new Error('calibrate: the fitted point was never evaluated');
  const fitted = targets.map((t, k): FittedTarget => ({ target: targetLabel(t), ...t, ...fits[k] }));
  return {
    scenario: { name: scenario.name, hash: loaded.hash, file: loaded.file },
    seed: scenario.seed,
    replications: scenario.replications,
    engine,
    overrides: options.overrides.filter((o) => !/^(replications|seed)=/.test(o)),
    targetFiles: options.targetFiles ?? [],
    parameters: ranges.map((r, k) => ({ path: r.path, low: r.low, high: r.high, log: r.log, start: startValues[k], value: toValue(r, result.x[k]) })),
    targets: fitted,
    objective: objectiveOf(fits),
    evaluations: result.evaluations,
    maxEvaluations: options.maxEvaluations,
    converged: result.converged,
    reason: result.reason,
    withinTolerance: fits.every((f) => f.within),
    outside: fitted.filter((t) => !t.within).map((t) => t.target),
  };
}
