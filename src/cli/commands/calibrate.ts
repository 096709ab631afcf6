import { calibrate, type CalibrationResult } from '../../calibrate/calibrate.js';
import { collectTargets } from '../../calibrate/targets.js';
import { calibratedScenarioText } from '../../calibrate/write-back.js';
import { writeFileAtomic } from '../../output/files.js';
import { table } from '../../output/format.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, say } from '../cli.js';
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
  readonly json: boolean;
}

/**
 * `hiresim calibrate SCENARIO --fit path=LO:HI … (--target T … | --targets FILE …) [--write OUT.yaml]`.
 * Exit 0 whether or not the targets are met: the last line says which are not.
 */
export async function calibrateCommand(options: CalibrateCommandOptions): Promise<ExitCode> {
  const targets = collectTargets(options.targetFiles, options.targets);
  const { overrides, loaded, ranges } = loadWithRanges(options.file, options.fit, options);
  const progress = process.stderr.isTTY;
  const result = await calibrate({
    loaded,
    overrides,
    ranges,
    targets,
    maxEvaluations: options.maxEvaluations,
    engine: options.engine,
    targetFiles: options.targetFiles,
    threads: options.threads,
    onEvaluation: progress ? (n, v) => process.stderr.write(`\revaluation ${n}/${options.maxEvaluations}: objective ${v.toPrecision(4)}   `) : undefined,
  });
  if (progress) process.stderr.write('\r\x1b[K');
  if (options.write) {
    // The date says when the calibration ran; it is a comment, outside the scenario's hash.
    writeFileAtomic(options.write, calibratedScenarioText(options.file, result, new Date().toISOString().slice(0, 10)));
    say(`wrote the calibrated scenario to ${options.write}`);
  }
  await out(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatCalibration(result));
  return EXIT.ok;
}

export function formatCalibration(r: CalibrationResult): string {
  const n = (x: number | null) => (x === null ? '—' : String(Number(x.toPrecision(5))));
  const settings = r.overrides.length > 0 ? `, with --set ${r.overrides.join(' --set ')}` : '';
  return [
    r.engine === 'expected'
      ? `hiresim calibrate: "${r.scenario.name}", on the expected-value recursion (deterministic)${settings}; ${r.evaluations} evaluations of at most ${r.maxEvaluations}`
      : `hiresim calibrate: "${r.scenario.name}", ${r.replications} replications (seed ${r.seed}, common random numbers)${settings}; ${r.evaluations} evaluations of at most ${r.maxEvaluations}`,
    '',
    table(['parameter', 'range', 'start', 'fitted'], r.parameters.map((p) => [p.path, `${n(p.low)}…${n(p.high)}${p.log ? ' (log)' : ''}`, n(p.start), n(p.value)])),
    '',
    table(['target', 'value', '± tolerance', r.engine === 'expected' ? 'expected value' : 'simulated (median)', 'residual', 'within'], r.targets.map((t) => [t.target, n(t.value), n(t.tolerance), n(t.simulated), n(t.residual), t.within ? 'yes' : 'NO'])),
    '',
    `Objective Σ residual² = ${n(r.objective)}; ${r.converged ? `converged (${r.reason})` : `NOT converged (${r.reason})`}.`,
    toleranceLine(r),
    '',
  ].join('\n');
}

/** The last line: every target met, or which are not (with their residuals). */
function toleranceLine(r: CalibrationResult): string {
  const total = r.targets.length;
  if (r.outside.length === 0) return total === 1 ? 'The target is within its tolerance.' : `All ${total} targets are within their tolerance.`;
  const missed = r.targets.filter((t) => !t.within).map((t) => `${t.target} (residual ${t.residual === null ? 'none: no simulated value' : Number(t.residual.toPrecision(3))})`);
  return `OUTSIDE their tolerance (${r.outside.length} of ${total} target${total === 1 ? '' : 's'}): ${missed.join(', ')}.`;
}
