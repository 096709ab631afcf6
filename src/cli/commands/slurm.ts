import { join, resolve } from 'node:path';
import { cliPath, hiresimVersion } from '../../package-files.js';
import { arrayScript, mergeScript, shellQuote, type SlurmPlan, type SlurmStudy } from '../../slurm/sbatch.js';
import { PLAN_FILE, studyStatus, type StudyPlan } from '../../slurm/status.js';
import { submitArrayAndMerge } from '../../slurm/submit.js';
import { defaultSamples, expandRunList, type DesignName } from '../../studies/sweep/run-list.js';
import { defaultSensitivitySamples, planSensitivity, type Method } from '../../studies/sensitivity.js';
import { formatStudyStatus } from '../../output/slurm-status-terminal.js';
import { makeDirectory, writeFileAtomic } from '../../output/files.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, say } from '../io.js';
import { checkYears, loadWithRanges, type SimulationOptions } from '../simulation-options.js';

/** What `hiresim slurm sweep` and `hiresim slurm sensitivity` share: the Slurm settings and the study's scenario. */
export interface SlurmOptions extends SimulationOptions, Pick<SlurmPlan, 'tasks' | 'arrayLimit' | 'partition' | 'time' | 'account' | 'qos' | 'mem' | 'cpusPerTask' | 'setup'> {
  /** The node executable on the compute nodes (default: the one running this command). */
  readonly node?: string;
  readonly file: string;
  readonly params: readonly string[];
  readonly samples?: number;
  /** The directory as given (made absolute for the scripts). */
  readonly dir: string;
  readonly dryRun: boolean;
}

export interface SlurmSweepOptions extends SlurmOptions {
  readonly design: DesignName;
  readonly years?: string;
}

export interface SlurmSensitivityOptions extends SlurmOptions {
  readonly method: Method;
  readonly year?: number;
}

/** `hiresim slurm sweep …`: DIR/sweep.sbatch (one shard per task) and DIR/merge.sbatch (merged.jsonl). */
export async function slurmSweepCommand(options: SlurmSweepOptions): Promise<ExitCode> {
  const { loaded, ranges } = loadWithRanges(options.file, options.params, options);
  const { scenario } = loaded;
  if (options.years !== undefined) checkYears(scenario, options.years.split(',').map(Number), '--years');
  const samples = options.samples ?? defaultSamples(options.design);
  const runs = expandRunList({ scenarioHash: loaded.hash, ranges, design: options.design, samples, seed: scenario.seed, replications: scenario.replications }).length;
  return submitStudy('sweep', ['--design', options.design, ...(options.years !== undefined ? ['--years', options.years] : [])], runs, options);
}

/** `hiresim slurm sensitivity …`: DIR/sensitivity.sbatch (one shard of the design per task) and DIR/merge.sbatch (merged.jsonl, then sensitivity.json). */
export async function slurmSensitivityCommand(options: SlurmSensitivityOptions): Promise<ExitCode> {
  const { loaded, ranges } = loadWithRanges(options.file, options.params, options);
  const { scenario } = loaded;
  if (options.year !== undefined) checkYears(scenario, [options.year], '--year', { projection: true });
  const samples = options.samples ?? defaultSensitivitySamples(options.method);
  // The design does not depend on the year of the gap output: any year gives the same run list.
  const runs = planSensitivity(loaded, ranges, options.method, samples, scenario.baseYear).runs.length;
  return submitStudy('sensitivity', ['--method', options.method, ...(options.year !== undefined ? ['--year', String(options.year)] : [])], runs, options);
}

/**
 * Writes the array and merge scripts and submits them (the merge after the array) unless --dry-run.
 * The study was checked like `hiresim sweep|sensitivity` would check it, so a task never fails on input.
 */
async function submitStudy(study: SlurmStudy, studyArgs: readonly string[], runs: number, options: SlurmOptions): Promise<ExitCode> {
  const dir = resolve(options.dir);
  const args = [
    // As given: the job scripts cd to this directory, so the scenario path, and the results that
    // record it, read exactly as in the same command run here.
    options.file,
    ...options.params.flatMap((p) => ['--param', p]),
    ...studyArgs,
    ...(options.samples !== undefined ? ['--samples', String(options.samples)] : []),
    ...(options.reps !== undefined ? ['--reps', String(options.reps)] : []),
    ...(options.seed !== undefined ? ['--seed', options.seed] : []),
    ...options.overrides.flatMap((s) => ['--set', s]),
  ];
  const cli = cliPath();
  const version = hiresimVersion();
  const { tasks, arrayLimit, partition, time, account, qos, mem, cpusPerTask, setup } = options;
  const plan: SlurmPlan = { study, hiresim: [options.node ?? process.execPath, cli], args, tasks, arrayLimit, partition, time, account, qos, mem, cpusPerTask, setup, workdir: process.cwd(), dir, version };
  makeDirectory(join(dir, 'logs'));
  const arrayFile = join(dir, `${study}.sbatch`);
  const mergeFile = join(dir, 'merge.sbatch');
  writeFileAtomic(arrayFile, arrayScript(plan));
  writeFileAtomic(mergeFile, mergeScript(plan));
  const recorded: StudyPlan = { study, tasks: options.tasks, runs, args, hiresim: version };
  writeFileAtomic(join(dir, PLAN_FILE), `${JSON.stringify(recorded, null, 2)}\n`);
  // Paths printed for the user to paste into a shell are quoted for it: a directory with a space or
  // a quote would otherwise split into several words (or end the command) when pasted.
  const q = (path: string) => shellQuote(path);
  const result = study === 'sweep' ? q(`${dir}/merged.jsonl`) : `${q(`${dir}/sensitivity.json`)} (points in ${q(`${dir}/merged.jsonl`)})`;
  if (options.dryRun) {
    await out(`# ${arrayFile}\n${arrayScript(plan)}\n# ${mergeFile}\n${mergeScript(plan)}`);
    say(`wrote ${arrayFile} and ${mergeFile}; submit with:\n  jid=$(sbatch --parsable ${q(arrayFile)}) && sbatch --parsable --dependency=afterok:\${jid%%;*} --kill-on-invalid-dep=yes ${q(mergeFile)}`);
    return EXIT.ok;
  }
  // sbatch failing is the system's failure (exit 1), not the user's input.
  const submitted = submitArrayAndMerge(arrayFile, mergeFile);
  if ('failed' in submitted) {
    say(`hiresim: ${submitted.failed} (run on a Slurm login node, or use --dry-run)`);
    return EXIT.failure;
  }
  const { arrayJob: array, mergeJob: merge } = submitted;
  await out(`${JSON.stringify({ arrayJob: array, mergeJob: merge, tasks: options.tasks, dir })}\n`);
  say(`submitted array job ${array} (${options.tasks} tasks) and merge job ${merge} (after every task succeeds)`);
  say(`follow: squeue -j ${array},${merge}   points done: hiresim slurm status ${q(dir)}   logs: ${q(`${dir}/logs`)}   result: ${result}`);
  say(`a failed or pre-empted task: re-submit ${q(arrayFile)} (finished points are skipped), then ${q(mergeFile)}`);
  return EXIT.ok;
}

/** `hiresim slurm status DIR`: points done per task, and what is left, from the study's files. */
export async function slurmStatusCommand(options: { dir: string; json: boolean }): Promise<ExitCode> {
  const status = studyStatus(resolve(options.dir));
  await out(options.json ? `${JSON.stringify(status, null, 2)}\n` : formatStudyStatus(status));
  return EXIT.ok;
}
