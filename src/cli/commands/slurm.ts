import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeScript, sweepScript, type SlurmSweepPlan } from '../../slurm/sbatch.js';
import { writeFileAtomic } from '../../output/files.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, say } from '../cli.js';
import { loadWithRanges, type SimulationOptions } from '../simulation-options.js';

export interface SlurmSweepOptions extends SimulationOptions, Pick<SlurmSweepPlan, 'tasks' | 'arrayLimit' | 'partition' | 'time' | 'cpusPerTask'> {
  readonly file: string;
  readonly params: readonly string[];
  readonly design: string;
  readonly samples?: number;
  readonly years?: string;
  /** The directory as given (made absolute for the scripts). */
  readonly dir: string;
  readonly dryRun: boolean;
}

/**
 * `hiresim slurm sweep …`: checks the sweep like `hiresim sweep` would, writes DIR/sweep.sbatch and
 * DIR/merge.sbatch, and submits them (the merge after the array) unless --dry-run.
 */
export async function slurmSweepCommand(options: SlurmSweepOptions): Promise<ExitCode> {
  loadWithRanges(options.file, options.params, options);
  const dir = resolve(options.dir);
  const sweepArgs = [
    resolve(options.file),
    ...options.params.flatMap((p) => ['--param', p]),
    '--design', options.design,
    ...(options.samples !== undefined ? ['--samples', String(options.samples)] : []),
    ...(options.years !== undefined ? ['--years', options.years] : []),
    ...(options.reps !== undefined ? ['--reps', String(options.reps)] : []),
    ...(options.seed !== undefined ? ['--seed', options.seed] : []),
    ...options.overrides.flatMap((s) => ['--set', s]),
  ];
  const cli = fileURLToPath(new URL('../main.js', import.meta.url));
  const version = (JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string }).version;
  const plan: SlurmSweepPlan = { hiresim: [process.execPath, cli], sweepArgs, tasks: options.tasks, arrayLimit: options.arrayLimit, partition: options.partition, time: options.time, cpusPerTask: options.cpusPerTask, dir, version };
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const sweepFile = join(dir, 'sweep.sbatch');
  const mergeFile = join(dir, 'merge.sbatch');
  writeFileAtomic(sweepFile, sweepScript(plan));
  writeFileAtomic(mergeFile, mergeScript(plan));
  if (options.dryRun) {
    await out(`# ${sweepFile}\n${sweepScript(plan)}\n# ${mergeFile}\n${mergeScript(plan)}`);
    say(`wrote ${sweepFile} and ${mergeFile}; submit with:\n  jid=$(sbatch --parsable ${sweepFile}) && sbatch --parsable --dependency=afterok:\${jid%%;*} --kill-on-invalid-dep=yes ${mergeFile}`);
    return EXIT.ok;
  }
  // sbatch failing is the system's failure (exit 1), not the user's input.
  const submit = (args: string[]): string | undefined => {
    const r = spawnSync('sbatch', ['--parsable', ...args], { encoding: 'utf8' });
    if (!r.error && r.status === 0) return r.stdout.trim().split(';')[0];
    say(`hiresim: sbatch ${args.join(' ')} failed: ${r.error?.message ?? r.stderr.trim()} (run on a Slurm login node, or use --dry-run)`);
    return undefined;
  };
  const array = submit([sweepFile]);
  if (array === undefined) return EXIT.failure;
  const merge = submit([`--dependency=afterok:${array}`, '--kill-on-invalid-dep=yes', mergeFile]);
  if (merge === undefined) return EXIT.failure;
  await out(`${JSON.stringify({ arrayJob: array, mergeJob: merge, tasks: options.tasks, dir })}\n`);
  say(`submitted array job ${array} (${options.tasks} tasks) and merge job ${merge} (after every task succeeds)`);
  say(`follow: squeue -j ${array},${merge}   logs: ${dir}/logs   result: ${dir}/merged.jsonl`);
  say(`a failed or pre-empted task: re-submit ${sweepFile} (finished points are skipped), then ${mergeFile}`);
  return EXIT.ok;
}
