import { defaultSamples, expandRunList, shardOf, type DesignName } from '../../sweep/run-list.js';
import { runIntoFile, type RunIntoFileResult } from '../../sweep/run-into-file.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { say } from '../cli.js';
import { progressBar } from '../progress.js';
import { checkYears, loadWithRanges, type SimulationOptions } from '../simulation-options.js';

export interface SweepCommandOptions extends SimulationOptions {
  readonly file: string;
  readonly params: readonly string[];
  readonly design: DesignName;
  /** Default: defaultSamples(design). */
  readonly samples?: number;
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

  const all = expandRunList({ scenarioHash: loaded.hash, ranges, design: options.design, samples: options.samples ?? defaultSamples(options.design), seed: scenario.seed, replications: scenario.replications });
  const mine = options.shard ? shardOf(all, options.shard.index, options.shard.of) : all;
  const progress = progressBar('points');
  let result: RunIntoFileResult;
  try {
    result = await runIntoFile({
      list: { runs: all, design: options.design, scenarioHash: loaded.hash, baseYear: scenario.baseYear, horizon: scenario.horizon },
      mine,
      out: options.out,
      resume: options.resume,
      scenarioFile: options.file,
      overrides,
      years,
      threads: options.threads,
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.finish();
  }
  if (result.resumed > 0) say(`resumed: ${result.resumed} run(s) were already in ${options.out}`);
  say(`${result.ran} run(s) written to ${options.out} (${mine.length} in ${options.shard ? `shard ${options.shard.index}/${options.shard.of}` : 'the sweep'})`);
  return EXIT.ok;
}
