import { compareWithObserved } from '../../studies/backtest/backtest.js';
import { readObserved, type ObservedData } from '../../studies/backtest/observed.js';
import { backtestCsv } from '../../output/backtest-csv.js';
import { formatBacktest } from '../../output/backtest-terminal.js';
import { InputError, type InputIssue } from '../../scenario/issues.js';
import type { LoadedScenario } from '../../scenario/load.js';
import { simulate } from '../../studies/run.js';
import { count } from '../../output/format.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, useColor, writeOut } from '../io.js';
import { planProgress } from '../progress.js';
import { provenance, withProvenance } from '../../output/provenance.js';
import { availableParallelism } from 'node:os';
import { checkMemory, loadBlamingFlags, overrideFlags, overridesOf, type SimulationOptions } from '../simulation-options.js';

export interface BacktestCommandOptions extends SimulationOptions {
  readonly file: string;
  /** The observed-series CSV. */
  readonly observed: string;
  readonly json: boolean;
}

/** `hiresim backtest SCENARIO --observed FILE.csv`: the model's bands against observed series. */
export async function backtestCommand(options: BacktestCommandOptions): Promise<ExitCode> {
  // Both inputs are checked before anything runs, and their problems reported together.
  const issues: InputIssue[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  const overrides = overridesOf(options);
  const loaded: LoadedScenario | undefined = attempt(() => loadBlamingFlags(options.file, overrides, overrideFlags(options)));
  const observed: ObservedData | undefined = attempt(() => readObserved(options.observed));
  if (issues.length > 0 || !loaded || !observed) throw new InputError(issues);
  checkMemory(loaded, options.threads);

  const { replications, scale } = loaded.scenario;
  const threads = Math.min(options.threads ?? availableParallelism(), replications);
  const progress = planProgress(`backtest: ${count(replications, 'replication')} of "${loaded.scenario.name}" at 1 agent = ${scale} persons on ${count(threads, 'thread')}`, { parallel: threads, unit: 'replications' });
  const simulation = await simulate(loaded, { threads: options.threads, onProgress: (d, t) => progress.update(d, t) });
  progress.finish();
  const result = compareWithObserved(observed, simulation);

  const record = provenance('backtest', [loaded], overrides, { data: [options.observed] });
  const json = `${JSON.stringify(withProvenance(result, record), null, 2)}\n`;
  writeOut(options.out, { 'backtest.json': json, 'backtest.csv': backtestCsv(result) });
  await out(options.json ? json : formatBacktest(result, { color: useColor() }));
  return EXIT.ok;
}
