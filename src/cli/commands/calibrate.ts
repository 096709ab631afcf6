import { calibrate, type CalibrationResult } from '../../calibrate/calibrate.js';
import { parseTargets } from '../../calibrate/targets.js';
import { calibratedScenarioText } from '../../calibrate/write-back.js';
import { writeFileAtomic } from '../../output/files.js';
import { table } from '../../output/format.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, say } from '../cli.js';
import { loadWithRanges, type SimulationOptions } from '../simulation-options.js';

export interface CalibrateCommandOptions extends SimulationOptions {
  readonly file: string;
  readonly fit: readonly string[];
  readonly targets: readonly string[];
  readonly maxEvaluations: number;
  readonly write?: string;
  readonly json: boolean;
}

/** `hiresim calibrate SCENARIO --fit path=LO:HI … --target metric@year=value[±tol] … [--write OUT.yaml]`. */
export async function calibrateCommand(options: CalibrateCommandOptions): Promise<ExitCode> {
  const targets = parseTargets(options.targets);
  const { overrides, loaded, ranges } = loadWithRanges(options.file, options.fit, options);
  const result = calibrate({
    loaded,
    overrides,
    ranges,
    targets,
    maxEvaluations: options.maxEvaluations,
    onEvaluation: process.stderr.isTTY ? (n, v) => process.stderr.write(`\revaluation ${n}: objective ${v.toPrecision(4)}   `) : undefined,
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  if (options.write) {
    // The date says when the calibration ran; it is a comment, outside the scenario's hash.
    writeFileAtomic(options.write, calibratedScenarioText(options.file, result, new Date().toISOString().slice(0, 10)));
    say(`wrote the calibrated scenario to ${options.write}`);
  }
  await out(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatCalibration(result));
  return EXIT.ok;
}

export function formatCalibration(r: CalibrationResult): string {
  const n = (x: number) => String(Number(x.toPrecision(5)));
  return [
    `hiresim calibrate: "${r.scenario.name}", ${r.replications} replications (seed ${r.seed}, common random numbers), ${r.evaluations} evaluations`,
    '',
    table(['parameter', 'range', 'start', 'fitted'], r.parameters.map((p) => [p.path, `${n(p.low)}…${n(p.high)}${p.log ? ' (log)' : ''}`, n(p.start), n(p.value)])),
    '',
    table(['target', 'value', '± tolerance', 'simulated (median)', 'residual'], r.targets.map((t) => [`${t.metric}@${t.year}`, n(t.value), n(t.tolerance), n(t.simulated), n(t.residual)])),
    '',
    `Objective Σ residual² = ${n(r.objective)}; ${r.converged ? `converged (${r.reason})` : `NOT converged (${r.reason})`}; ${r.withinTolerance ? 'every target within its tolerance' : 'some targets outside their tolerance'}.`,
    '',
  ].join('\n');
}
