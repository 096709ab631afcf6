import { existsSync, statSync } from 'node:fs';
import { InputError } from '../../scenario/issues.js';
import { expandRunList, shardOf, type DesignName } from '../../sweep/run-list.js';
import { readForResume, ResultsWriter } from '../../sweep/results-file.js';
import { executeRuns } from '../../sweep/execute.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { say } from '../cli.js';
import { progressBar } from '../progress.js';
import { checkYears, loadWithRanges, type SimulationOptions } from '../simulation-options.js';

export interface SweepCommandOptions extends SimulationOptions {
  readonly file: string;
  readonly params: readonly string[];
  readonly design: DesignName;
  readonly samples: number;
  readonly years?: readonly number[];
  readonly shard?: { readonly index: number; readonly of: number };
  readonly resume: boolean;
  readonly out: string;
}

/**
 * `hiresim sweep SCENARIO --param … --out FILE.jsonl`: expands the design into a run list, then runs
 * this shard's entries not already in FILE, appending one line per finished point.
 */
export async function sweepCommand(options: SweepCommandOptions): Promise<ExitCode> {
  const { overrides, loaded, ranges } = loadWithRanges(options.file, options.params, options);
  const { scenario } = loaded;
  const years = options.years ?? [Math.min(scenario.horizon, scenario.baseYear + 5), Math.min(scenario.horizon, scenario.baseYear + 10)];
  checkYears(scenario, years, '--years');

  const all = expandRunList({ scenarioHash: loaded.hash, ranges, design: options.design, samples: options.samples, seed: scenario.seed, replications: scenario.replications });
  const mine = options.shard ? shardOf(all, options.shard.index, options.shard.of) : all;

  if (!options.resume && existsSync(options.out) && statSync(options.out).size > 0) {
    throw new InputError([{ file: options.out, line: 1, column: 1, path: '(root)', expected: 'a new results file (or --resume to continue this one)', found: 'an existing file with results' }]);
  }
  const existing = options.resume ? readForResume(options.out) : [];
  const known = new Set(all.map((r) => r.runId));
  const foreign = existing.filter((line) => !known.has(line.runId));
  if (foreign.length > 0) {
    throw new InputError([{ file: options.out, line: existing.indexOf(foreign[0]) + 1, column: 1, path: 'runId', expected: 'results of this sweep (same scenario, parameters, design, seed and replications)', found: `${foreign.length} line(s) from another sweep, e.g. run ${foreign[0].runId}` }]);
  }
  const finished = new Set(existing.map((line) => line.runId));
  const todo = mine.filter((run) => !finished.has(run.runId));
  if (existing.length > 0) say(`resuming: ${existing.length} of ${mine.length} runs already in ${options.out}`);

  const progress = progressBar('points');
  const writer = new ResultsWriter(options.out);
  let done = mine.length - todo.length;
  try {
    await executeRuns(todo, {
      file: options.file,
      overrides,
      years,
      threads: options.threads,
      onResult: (run, summary) => {
        writer.append({ runId: run.runId, index: run.index, runs: all.length, scenario: loaded.hash, design: options.design, seed: run.seed, replications: run.replications, baseYear: scenario.baseYear, horizon: scenario.horizon, point: run.point, ...summary });
        progress.update(++done, mine.length);
      },
    });
  } finally {
    writer.close();
    progress.finish();
  }
  say(`${todo.length} run(s) written to ${options.out} (${mine.length} in ${options.shard ? `shard ${options.shard.index}/${options.shard.of}` : 'the sweep'})`);
  return EXIT.ok;
}
