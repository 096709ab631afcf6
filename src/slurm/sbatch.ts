/**
 * Slurm batch scripts for a sharded study: an array job whose task i runs
 * shard i of the run list (`hiresim sweep|sensitivity … --shard i/N --resume`),
 * and a merge job that runs once every task has succeeded (submitted with
 * `--dependency=afterok:<array> --kill-on-invalid-dep=yes`, so that a failed
 * task cancels it instead of leaving it pending forever). For a sensitivity
 * study the merge job then computes the indices from the merged points.
 */

import { InputError, type InputIssue } from '../scenario/issues.js';

export type SlurmStudy = 'sweep' | 'sensitivity';

export interface SlurmPlan {
  /** The hiresim command each task runs. */
  readonly study: SlurmStudy;
  /** The command that runs hiresim on the cluster (absolute paths: node and the CLI). */
  readonly hiresim: readonly string[];
  /** Arguments of `hiresim <study>` without --shard, --threads, --resume and the results file. */
  readonly args: readonly string[];
  readonly tasks: number;
  readonly arrayLimit?: number;
  readonly partition?: string;
  readonly time?: string;
  /** Charged account and quality of service, which many clusters require. */
  readonly account?: string;
  readonly qos?: string;
  /** Memory per array task (Slurm's --mem, e.g. 4G); the merge job needs little. */
  readonly mem?: string;
  readonly cpusPerTask: number;
  /** Shell lines run first in every job (module load nodejs/20, export TMPDIR=…). */
  readonly setup: readonly string[];
  /** Where the jobs run (the submission directory): relative paths in `args` resolve as they did there. */
  readonly workdir: string;
  /** Absolute directory for shards, logs and the merged file. */
  readonly dir: string;
  readonly version: string;
}

/** Single-quotes a word for bash. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Control characters (a newline above all) end a script line: a path holding one would split an
 * `#SBATCH` line or a command and run the rest as a command of its own. Quoting cannot help in an
 * `#SBATCH` line, so such values are refused, each named by where it came from.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Every value written into the scripts that holds a control character (or a quote sbatch cannot take). */
export function scriptValueIssues(plan: SlurmPlan): InputIssue[] {
  const issues: InputIssue[] = [];
  // Positioned like any flag's problem: `--set #2:1:COL` at the first control character.
  const check = (file: string, value: string, expected = 'a value without control characters (it is written into the job scripts)') => {
    const at = value.search(CONTROL);
    if (at >= 0) issues.push({ file, line: 1, column: at + 1, path: file.replace(/ #\d+$/, '').replace(/^--/, '').replace(/^\((.*)\)$/, '$1'), expected, found: JSON.stringify(value) });
  };
  check('--out', plan.dir);
  // sbatch reads #SBATCH values itself: a double quote or backslash in the directory would end its quoting.
  const quote = plan.dir.search(/["\\]/);
  if (quote >= 0) issues.push({ file: '--out', line: 1, column: quote + 1, path: 'out', expected: 'a directory without " or \\ (it is written into #SBATCH lines)', found: JSON.stringify(plan.dir) });
  check('(working directory)', plan.workdir);
  for (const word of plan.hiresim) check('--node', word);
  // Each argument is named by the flag it follows and its count (--set #2); the first is the scenario file.
  const seen = new Map<string, number>();
  plan.args.forEach((word, k) => {
    const flag = plan.args[k - 1];
    if (!flag?.startsWith('--')) return check('(scenario file)', word);
    seen.set(flag, (seen.get(flag) ?? 0) + 1);
    check(`${flag} #${seen.get(flag)}`, word);
  });
  // A tab is harmless inside a setup line; every other control character is not.
  plan.setup.forEach((line, k) => check(`--setup #${k + 1}`, line.replace(/\t/g, ' ')));
  return issues;
}

/** An #SBATCH value: as is when plain, else in double quotes (which sbatch removes). */
const sbatchValue = (value: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `"${value}"`);

function checkPlan(plan: SlurmPlan): void {
  const issues = scriptValueIssues(plan);
  if (issues.length > 0) throw new InputError(issues);
}

/** The option naming a study's results file: a sweep's --out is its results, sensitivity's --out is a directory. */
const resultsOption = (study: SlurmStudy) => (study === 'sweep' ? '--out' : '--results');

const header = (plan: SlurmPlan, name: string, output: string, extra: string[]) =>
  [
    '#!/bin/bash',
    `#SBATCH --job-name=${name}`,
    ...extra,
    ...(plan.partition ? [`#SBATCH --partition=${plan.partition}`] : []),
    ...(plan.time ? [`#SBATCH --time=${plan.time}`] : []),
    ...(plan.account ? [`#SBATCH --account=${plan.account}`] : []),
    ...(plan.qos ? [`#SBATCH --qos=${plan.qos}`] : []),
    `#SBATCH --output=${sbatchValue(`${plan.dir}/logs/${output}`)}`,
    `# Generated by hiresim ${plan.version}. Re-submitting this script re-runs only what is missing (--resume).`,
    // Setup lines (module load …) run before `set -u`: module scripts often read unset variables.
    ...(plan.setup.length > 0 ? ['set -eo pipefail', ...plan.setup, 'set -u'] : ['set -euo pipefail']),
    // The submission directory, also when a script is run by hand: relative paths in the command resolve as there.
    `cd -- ${shellQuote(plan.workdir)}`,
  ].join('\n');

/** The array job: task i runs shard i of N into DIR/shard-i.jsonl. */
export function arrayScript(plan: SlurmPlan): string {
  checkPlan(plan);
  const array = `0-${plan.tasks - 1}${plan.arrayLimit ? `%${plan.arrayLimit}` : ''}`;
  const command = [...plan.hiresim, plan.study, ...plan.args].map(shellQuote).join(' ');
  return `${header(plan, `hiresim-${plan.study}`, `${plan.study}-%A_%a.log`, [`#SBATCH --array=${array}`, `#SBATCH --cpus-per-task=${plan.cpusPerTask}`, ...(plan.mem ? [`#SBATCH --mem=${plan.mem}`] : [])])}
exec ${command} \\
  --threads "\${SLURM_CPUS_PER_TASK:-1}" \\
  --shard "\${SLURM_ARRAY_TASK_ID}/${plan.tasks}" --resume \\
  ${resultsOption(plan.study)} ${shellQuote(`${plan.dir}/shard-`)}"\${SLURM_ARRAY_TASK_ID}".jsonl
`;
}

/** The merge job: the shards into DIR/merged.jsonl; for sensitivity, then the indices into DIR/sensitivity.json. */
export function mergeScript(plan: SlurmPlan): string {
  checkPlan(plan);
  const hiresim = plan.hiresim.map(shellQuote).join(' ');
  const merged = shellQuote(`${plan.dir}/merged.jsonl`);
  const merge = `${hiresim} merge ${shellQuote(plan.dir)}/shard-*.jsonl --shards ${plan.tasks} --out ${merged}`;
  if (plan.study === 'sweep') return `${header(plan, 'hiresim-merge', 'merge-%j.log', [])}\nexec ${merge}\n`;
  // Every point is in the merged file, so this runs nothing: it reads the points and computes the indices.
  const indices = [...plan.hiresim, 'sensitivity', ...plan.args].map(shellQuote).join(' ');
  return `${header(plan, 'hiresim-merge', 'merge-%j.log', [])}
${merge}
exec ${indices} \\
  --results ${merged} --resume --out ${shellQuote(plan.dir)}
`;
}
