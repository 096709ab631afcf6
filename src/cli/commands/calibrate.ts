import { availableParallelism } from 'node:os';
import { calibrate, checkCalibration, type CalibrationResult, type FittedTarget } from '../../studies/calibrate/calibrate.js';
import { collectTargets } from '../../studies/calibrate/targets.js';
import { calibratedScenarioText } from '../../studies/calibrate/write-back.js';
import { METRIC_INDEX, METRICS } from '../../model/metrics.js';
import { writeFileAtomic } from '../../output/files.js';
import { table } from '../../output/format.js';
import { provenance, withProvenance } from '../../output/provenance.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, say } from '../io.js';
import { planProgress } from '../progress.js';
import { loadWithRanges, type SimulationOptions } from '../simulation-options.js';

export interface CalibrateCommandOptions extends SimulationOptions {
  readonly file: string;
  readonly fit: readonly string[];
  /** `--target` arguments. */
  readonly targets: readonly string[];
  /** `--targets` files, read before the `--target` arguments. */
  readonly targetFiles: readonly string[];
  readonly maxEvaluations: number;
  readonly engine: 'agents' | 'expected';
  readonly write?: string;
  /** Exit 3 (EXIT.targetsMissed) when any target is outside its tolerance. */
  readonly strict?: boolean;
  readonly json: boolean;
}

/**
 * `hiresim calibrate SCENARIO --fit path=LO:HI … (--target T … | --targets FILE …) [--write OUT.yaml]`.
 * Missing a target is a result: exit 0, the last line says which and by how much; with --strict,
 * exit 3 after printing (and writing) the same.
 */
export async function calibrateCommand(options: CalibrateCommandOptions): Promise<ExitCode> {
  const targets = collectTargets(options.targetFiles, options.targets);
  const { overrides, loaded, ranges } = loadWithRanges(options.file, options.fit, options, '--fit');
  const { scenario } = loaded;
  checkCalibration(ranges, targets, scenario);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), scenario.replications));
  const lastYear = Math.max(scenario.baseYear + 1, ...targets.map(({ target: t }) => Math.max(t.year, t.kind === 'index' ? t.base : t.year)));
  const plan =
    options.engine === 'expected'
      ? `calibrate: at most ${options.maxEvaluations} evaluation${options.maxEvaluations === 1 ? '' : 's'} of "${scenario.name}" on the expected-value recursion, each to ${lastYear}`
      : `calibrate: at most ${options.maxEvaluations} evaluation${options.maxEvaluations === 1 ? '' : 's'} × ${scenario.replications} replication${scenario.replications === 1 ? '' : 's'} of "${scenario.name}" at 1 agent = ${scenario.scale} person${scenario.scale === 1 ? '' : 's'}, each to ${lastYear}, on ${threads} thread${threads === 1 ? '' : 's'}`;
  const progress = planProgress(plan, { parallel: options.engine === 'expected' ? 1 : threads, unit: options.engine === 'expected' ? 'evaluations' : 'replications' });
  const result = await calibrate({
    loaded,
    overrides,
    ranges,
    targets,
    maxEvaluations: options.maxEvaluations,
    engine: options.engine,
    targetFiles: options.targetFiles,
    threads: options.threads,
    onProgress: (done, total) => progress.update(done, total),
  }).finally(() => progress.finish());
  const record = provenance('calibrate', [loaded], overrides);
  if (options.write) {
    // The date says when the calibration ran; it is a comment, outside the scenario's hash.
    writeFileAtomic(options.write, calibratedScenarioText(options.file, result, { date: new Date().toISOString().slice(0, 10), out: options.write, provenance: record }));
    say(`wrote the calibrated scenario to ${options.write} (run it with the same --set overrides to reproduce the fit: see its first lines)`);
  }
  await out(options.json ? `${JSON.stringify(withProvenance(result, record), null, 2)}\n` : formatCalibration(result));
  return options.strict && result.outside.length > 0 ? EXIT.targetsMissed : EXIT.ok;
}

/** A share metric's level (not an index, which is a ratio): shown in % and its differences in pp. */
function isShare(t: FittedTarget): boolean {
  return t.kind === 'level' && METRICS[METRIC_INDEX[t.metric]]?.unit === 'share';
}

const n = (x: number | null) => (x === null ? '—' : String(Number(x.toPrecision(5))));
/** 0.532 → "53.2%" (four significant digits at most). */
const pct = (x: number) => `${Number((x * 100).toPrecision(4))}%`;
const pp = (x: number) => `${Number((x * 100).toPrecision(3))}pp`;

/** A target's figure in its metric's units: shares in %, others as numbers. */
function figure(t: FittedTarget, x: number | null): string {
  return x === null ? '—' : isShare(t) ? pct(x) : n(x);
}

/** simulated − target: shares in percentage points, others in the metric's units. */
function difference(t: FittedTarget): string {
  if (t.simulated === null) return '—';
  const d = t.simulated - t.value;
  return isShare(t) ? `${d > 0 ? '+' : ''}${pp(d)}` : `${d > 0 ? '+' : ''}${n(d)}`;
}

export function formatCalibration(r: CalibrationResult): string {
  const settings = r.overrides.length > 0 ? `, with --set ${r.overrides.join(' --set ')}` : '';
  return [
    r.engine === 'expected'
      ? `hiresim calibrate: "${r.scenario.name}", on the expected-value recursion (deterministic)${settings}; ${r.evaluations} evaluations of at most ${r.maxEvaluations}`
      : `hiresim calibrate: "${r.scenario.name}", ${r.replications} replications (seed ${r.seed}, common random numbers)${settings}; ${r.evaluations} evaluations of at most ${r.maxEvaluations}`,
    '',
    table(['parameter', 'range', 'start', 'fitted'], r.parameters.map((p) => [p.path, `${n(p.low)}…${n(p.high)}${p.log ? ' (log)' : ''}`, n(p.start), n(p.value)])),
    '',
    table(
      ['target', 'value', '± tolerance', r.engine === 'expected' ? 'model (expected)' : 'model (median)', 'model − target', 'residual (tolerances)', 'within'],
      r.targets.map((t) => [t.target, figure(t, t.value), isShare(t) ? pp(t.tolerance) : n(t.tolerance), figure(t, t.simulated), difference(t), n(t.residual), t.within ? 'yes' : 'NO']),
    ),
    '',
    unitsNote(r),
    `Objective Σ residual² = ${n(r.objective)}; ${r.converged ? `converged (${r.reason})` : `NOT converged (${r.reason})`}.`,
    verdict(r),
    '',
  ].join('\n');
}

/** How to read the table's figures: shares in % and pp, indexes as ratios, pay in nominal US dollars. */
function unitsNote(r: CalibrationResult): string {
  const usd = r.targets.some((t) => t.kind === 'level' && METRICS[METRIC_INDEX[t.metric]]?.unit === 'USD');
  return `Shares are in % and their differences and tolerances in percentage points (pp); indexes are ratios${usd ? '; pay and spend in nominal US dollars' : ''}.`;
}

/** The last line: how many targets are met, and each missed one with the model's figure, the target and its tolerance. */
export function verdict(r: CalibrationResult): string {
  const met = r.targets.length - r.outside.length;
  if (r.outside.length === 0) return `Targets met: ${met} of ${r.targets.length}.`;
  const missed = r.targets
    .filter((t) => !t.within)
    .map((t) => `${t.target} (model ${t.simulated === null ? 'no value' : figure(t, t.simulated)}, target ${figure(t, t.value)} ± ${isShare(t) ? pp(t.tolerance) : n(t.tolerance)})`);
  return `Targets met: ${met} of ${r.targets.length}; missed: ${missed.join(', ')}.`;
}
