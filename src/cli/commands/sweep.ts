import { availableParallelism } from 'node:os';
import { provenance } from '../../output/provenance.js';
import type { ParamRange } from '../../studies/sweep/param-spec.js';
import { defaultSamples, expandRunList, shardOf, type DesignName } from '../../studies/sweep/run-list.js';
import { runIntoFile, type RunIntoFileResult } from '../../studies/sweep/run-into-file.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { say } from '../io.js';
import { planProgress, type Progress } from '../progress.js';
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

  const samples = options.samples ?? defaultSamples(options.design);
  const all = expandRunList({ scenarioHash: loaded.hash, ranges, design: options.design, samples, seed: scenario.seed, replications: scenario.replications });
  const mine = options.shard ? shardOf(all, options.shard.index, options.shard.of) : all;
  // The executor runs whole points on the workers, so progress is counted in points.
  let progress: Progress | undefined;
  let resumed = 0;
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
      provenance: provenance('sweep', [loaded], overrides, { argv: sweepArgs({ file: options.file, ranges, design: options.design, samples, years, overrides }) }),
      onStart: (toRun, already) => {
        resumed = already;
        const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), toRun));
        progress = planProgress(sweepPlan({ toRun, resumed: already, mine: mine.length, all: all.length, design: options.design, replications: scenario.replications, name: scenario.name, scale: scenario.scale, threads, shard: options.shard, repsGiven: options.reps !== undefined }), { parallel: threads, unit: 'points' });
      },
      onProgress: (done, total) => progress?.update(done - resumed, total - resumed),
    });
  } finally {
    progress?.finish();
  }
  if (result.resumed > 0) say(`resumed: ${result.resumed} run(s) were already in ${options.out}`);
  say(`${result.ran} run(s) written to ${options.out} (${mine.length} in ${options.shard ? `shard ${options.shard.index}/${options.shard.of}` : 'the sweep'})`);
  return EXIT.ok;
}

export interface SweepPlan {
  /** Points this process runs now. */
  readonly toRun: number;
  /** Points of this shard already in the results file. */
  readonly resumed: number;
  /** Points of this shard (all of the design without --shard). */
  readonly mine: number;
  readonly all: number;
  readonly design: DesignName;
  readonly replications: number;
  readonly name: string;
  readonly scale: number;
  readonly threads: number;
  readonly shard?: { readonly index: number; readonly of: number };
  /** --reps given: the replications are the user's choice, not the scenario's default. */
  readonly repsGiven: boolean;
}

/**
 * The plan line: what runs, at what cost (points × replications), and where the replications come
 * from, so that a sweep never spends the scenario's 40 replications per point without saying so:
 * `sweep (lhs): 16 points × 40 replications (the scenario's; --reps to change) of "baseline" at
 * 1 agent = 20 persons on 2 threads`; a shard or a resumed file says what part of it is left.
 */
export function sweepPlan(p: SweepPlan): string {
  const points = (n: number) => `${n} point${n === 1 ? '' : 's'}`;
  const already = p.resumed > 0 ? ` (${p.resumed} already in the file)` : '';
  const what = p.shard
    ? `shard ${p.shard.index}/${p.shard.of}, ${p.resumed > 0 ? `${p.toRun} of its ${points(p.mine)} left${already}` : `${p.toRun} of ${points(p.all)}`}`
    : p.resumed > 0
      ? `${p.toRun} of ${points(p.mine)} left${already}`
      : points(p.toRun);
  const reps = `${p.replications} replication${p.replications === 1 ? '' : 's'}${p.repsGiven ? '' : " (the scenario's; --reps to change)"}`;
  return `sweep (${p.design}): ${what} × ${reps} of "${p.name}" at 1 agent = ${p.scale} person${p.scale === 1 ? '' : 's'} on ${p.threads} thread${p.threads === 1 ? '' : 's'}`;
}

/** A range as --param writes it. */
function paramText(r: ParamRange): string {
  return r.kind === 'continuous' ? `${r.path}=${r.low}:${r.high}${r.log ? ':log' : ''}` : `${r.path}=${r.values.join(',')}`;
}

/**
 * The arguments of the command that runs this sweep, in one canonical order and with every choice
 * explicit (--design, --samples, --years ascending; every override as --set, --reps and --seed included), as
 * its lines record them: the same sweep started with its options in another order, by hand or by
 * a Slurm job, records the same command, so its lines are the same bytes and --resume accepts them.
 * Options that only choose threads, shards or where results go are not part of a study.
 */
export function sweepArgs(s: { file: string; ranges: readonly ParamRange[]; design: DesignName; samples: number; years: readonly number[]; overrides: readonly string[] }): string[] {
  return ['sweep', s.file, ...s.ranges.flatMap((r) => ['--param', paramText(r)]), '--design', s.design, '--samples', String(s.samples), '--years', [...new Set(s.years)].sort((a, b) => a - b).join(','), ...s.overrides.flatMap((o) => ['--set', o])];
}
