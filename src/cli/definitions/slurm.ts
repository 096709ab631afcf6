/**
 * `hiresim slurm sweep|sensitivity <file>`: a study as a Slurm job array plus a merge job; and
 * `hiresim slurm status <dir>`: how far it has got.
 */
import type { Argv } from 'yargs';
import { checkCounts, checkSamples, checkSweepRunList, checkWholeNumber, checkYear, checkYearList, paramOption, replicationOptions, scenarioFile, setOption, simulationArgs } from '../options.js';
import { UsageError, quote } from '../usage-error.js';
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
  'Examples:',
  '  hiresim slurm sweep scenarios/baseline.yaml --param … --tasks 8 --out /scratch/sweep1',
  '  hiresim slurm sensitivity scenarios/baseline.yaml --method sobol --param … --tasks 8 --out /scratch/sobol1',
  '  hiresim slurm status /scratch/sweep1',
  '',
  'Usage: hiresim slurm sweep|sensitivity <file> [options]',
  '       hiresim slurm status <dir>',
]);

const SWEEP_USAGE = usage([
  'Examples:',
  '  hiresim slurm sweep scenarios/baseline.yaml --param upskilling.selfStudyRate=0.02:0.3 --design lhs --samples 512 \\',
  '      --reps 40 --tasks 32 --cpus-per-task 4 --time 02:00:00 --partition compute --out /scratch/$USER/sweep1',
  '  hiresim slurm sweep scenarios/baseline.yaml --param … --tasks 4 --out sweep1 --dry-run     print the scripts only',
  '',
  'Writes DIR/sweep.sbatch (--array=0-(N-1)%K; task i runs hiresim sweep … --shard i/N --resume',
  '--out DIR/shard-i.jsonl) and DIR/merge.sbatch (hiresim merge, submitted with',
  '--dependency=afterok:<array> --kill-on-invalid-dep=yes), then submits both with sbatch --parsable',
  'and prints the job ids. Re-submitting sweep.sbatch after a failed or pre-empted task re-runs only',
  'the missing points. The merged file is identical to the same sweep on one machine.',
  '',
  'Usage: hiresim slurm sweep <file> --param … --tasks N --out DIR [options]',
]);

const SENSITIVITY_USAGE = usage([
  'Examples:',
  '  hiresim slurm sensitivity scenarios/baseline.yaml --method sobol --samples 512 --reps 40 \\',
  '      --param upskilling.selfStudyRate=0.02:0.3 --param demand.payElasticity=0.2:1 \\',
  '      --tasks 64 --cpus-per-task 4 --time 04:00:00 --partition compute --out /scratch/$USER/sobol1',
  '  hiresim slurm sensitivity scenarios/baseline.yaml --method morris --param … --tasks 4 --out morris1 --dry-run',
  '',
  'Writes DIR/sensitivity.sbatch (--array=0-(N-1)%K; task i runs hiresim sensitivity … --shard i/N',
  '--resume --results DIR/shard-i.jsonl) and DIR/merge.sbatch (hiresim merge into DIR/merged.jsonl,',
  'then hiresim sensitivity … --results DIR/merged.jsonl --resume --out DIR, which runs nothing and',
  'writes DIR/sensitivity.json), submitted with --dependency=afterok:<array> --kill-on-invalid-dep=yes.',
  'The indices are identical to hiresim sensitivity with the same options on one machine.',
  '',
  'Usage: hiresim slurm sensitivity <file> --method morris|sobol --param … --tasks N --out DIR [options]',
]);

const STATUS_USAGE = usage([
  'Examples:',
  '  hiresim slurm status /scratch/$USER/hiresim/sweep1',
  '  hiresim slurm status sobol1 --json',
  '',
  'Reads DIR/study.json (written by hiresim slurm sweep|sensitivity), counts the complete result lines',
  'in each DIR/shard-i.jsonl against the points of that shard, and says whether the merged file (and,',
  'for sensitivity, sensitivity.json) has been written, and what to re-submit if a task stopped. Files',
  'only: squeue tells which tasks are still running. Nothing is modified.',
  '',
  'Usage: hiresim slurm status <dir> [--json]',
]);

/**
 * The options `slurm sweep` and `slurm sensitivity` share: the study's scenario and the Slurm
 * settings, after the study's own options. Every value that goes into the job scripts is checked
 * here, so that a script never breaks on what the user typed.
 */
function slurmOptions<T>(y: Argv<T>) {
  return setOption(replicationOptions(paramOption(scenarioFile(y)), { reps: 'Replications per point', seed: 'Master seed' }))
    .option('tasks', { type: 'string', requiresArg: true, demandOption: true, description: 'Array tasks N (shards of the run list)' })
    .option('array-limit', { type: 'string', requiresArg: true, description: 'At most K tasks at once (--array=…%K)' })
    .option('partition', { type: 'string', requiresArg: true, description: 'Slurm partition' })
    .option('time', { type: 'string', requiresArg: true, description: 'Time limit per task (e.g. 02:00:00)' })
    .option('account', { type: 'string', requiresArg: true, description: 'Slurm account to charge (--account)' })
    .option('qos', { type: 'string', requiresArg: true, description: 'Slurm quality of service (--qos)' })
    .option('mem', { type: 'string', requiresArg: true, description: 'Memory per array task (e.g. 4G)' })
    .option('cpus-per-task', { type: 'string', requiresArg: true, default: '1', description: 'CPUs per task (each task uses as many worker threads)' })
    .option('setup', { type: 'string', array: true, requiresArg: true, description: 'A shell line run first in every job, e.g. "module load nodejs/20" (repeatable)' })
    .option('node', { type: 'string', requiresArg: true, description: 'The node executable on the compute nodes (default: the node running this command), e.g. node after --setup "module load nodejs/20"' })
    .option('dry-run', { type: 'boolean', description: 'Write and print the scripts without submitting them' })
    .check((args) => {
      checkCounts(args);
      checkSamples((args as { samples?: string }).samples);
      for (const name of ['tasks', 'array-limit', 'cpus-per-task', 'samples'] as const) checkWholeNumber(`--${name}`, (args as { [key: string]: unknown })[name]);
      if (args.partition !== undefined && !/^[A-Za-z0-9_.,-]+$/.test(args.partition)) throw new UsageError('--partition', 'a partition name', quote(args.partition));
      if (args.time !== undefined && !/^[0-9:-]+$/.test(args.time)) throw new UsageError('--time', 'a Slurm time such as 02:00:00 or 1-00:00:00', quote(args.time));
      for (const name of ['account', 'qos'] as const) {
        const value = args[name];
        if (value !== undefined && !/^[A-Za-z0-9_.-]+$/.test(value)) throw new UsageError(`--${name}`, `a Slurm ${name === 'qos' ? 'QOS' : 'account'} name`, quote(value));
      }
      if (args.mem !== undefined && !/^[1-9][0-9]*[KMGT]?$/.test(args.mem)) throw new UsageError('--mem', 'a size such as 4G or 500M', quote(args.mem));
      if (args.node !== undefined && !/^[^\s'"\\]+$/.test(args.node)) throw new UsageError('--node', 'a command or path without spaces or quotes', quote(args.node));
      // --out is written into the job scripts (an #SBATCH line among them): a newline would split it.
      const out = String(args.out);
      if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(out)) throw new UsageError('--out', 'a directory without control characters (it is written into the job scripts)', quote(out));
      if (/["\\]/.test(out)) throw new UsageError('--out', 'a directory without " or \\ (it is written into #SBATCH lines)', quote(out));
      const badSetup = (args.setup ?? []).find((line) => /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/.test(line) || line.trim() === '');
      if (badSetup !== undefined) throw new UsageError('--setup', 'one shell line', quote(badSetup));
      return true;
    });
}

/** The shared part of a slurm command's options, from parsed arguments (already checked). */
function slurmArgs(args: {
  file: string;
  param: string[];
  samples?: string;
  set?: string[];
  reps?: string;
  seed?: string;
  tasks: string;
  'array-limit'?: string;
  partition?: string;
  time?: string;
  account?: string;
  qos?: string;
  mem?: string;
  'cpus-per-task': string;
  setup?: string[];
  node?: string;
  out: string;
  'dry-run'?: boolean;
}) {
  return {
    file: args.file,
    params: args.param,
    samples: args.samples === undefined ? undefined : Number(args.samples),
    ...simulationArgs(args),
    tasks: Number(args.tasks),
    arrayLimit: args['array-limit'] === undefined ? undefined : Number(args['array-limit']),
    partition: args.partition,
    time: args.time,
    account: args.account,
    qos: args.qos,
    mem: args.mem,
    cpusPerTask: Number(args['cpus-per-task']),
    setup: args.setup ?? [],
    node: args.node,
    dir: args.out,
    dryRun: args['dry-run'] === true,
  };
}

const sweep = defineCommand({
  command: 'sweep <file>',
  describe: 'Write (and submit) an sbatch array job running one shard per task, and a dependent merge job',
  builder: (y) =>
    slurmOptions(
      y
        .usage(SWEEP_USAGE)
        .option('design', { choices: ['grid', 'lhs', 'sobol'] as const, default: 'lhs' as const, description: 'As for hiresim sweep' })
        .option('samples', { type: 'string', requiresArg: true, description: 'As for hiresim sweep' })
        .option('years', { type: 'string', requiresArg: true, description: 'As for hiresim sweep' })
        .option('out', { type: 'string', requiresArg: true, demandOption: true, description: 'Directory for the scripts, shards, logs and merged.jsonl' })
        .check((args) => {
          checkYearList('--years', args.years);
          checkSamples(args.samples);
          checkSweepRunList(args.design, (args as { param?: string[] }).param, args.samples);
          return true;
        }),
    ),
  run: async (args) => {
    const { slurmSweepCommand } = await import('../commands/slurm.js');
    return slurmSweepCommand({ ...slurmArgs(args), design: args.design, years: args.years });
  },
});

const sensitivity = defineCommand({
  command: 'sensitivity <file>',
  describe: 'Write (and submit) an sbatch array job running one share of a Morris or Saltelli design per task, and a merge job that computes the indices',
  builder: (y) =>
    slurmOptions(
      y
        .usage(SENSITIVITY_USAGE)
        .option('method', { choices: ['morris', 'sobol'] as const, demandOption: true, description: 'As for hiresim sensitivity' })
        .option('samples', { type: 'string', requiresArg: true, description: 'As for hiresim sensitivity' })
        .option('year', { type: 'string', requiresArg: true, description: 'As for hiresim sensitivity' })
        .option('out', { type: 'string', requiresArg: true, demandOption: true, description: 'Directory for the scripts, shards, logs, merged.jsonl and sensitivity.json' })
        .check((args) => {
          checkYear('--year', args.year);
          return true;
        }),
    ),
  run: async (args) => {
    const { slurmSensitivityCommand } = await import('../commands/slurm.js');
    return slurmSensitivityCommand({ ...slurmArgs(args), method: args.method, year: args.year === undefined ? undefined : Number(args.year) });
  },
});

const status = defineCommand({
  command: 'status <dir>',
  describe: 'How far a submitted study has got: points done per task, the merged file, what to do next',
  builder: (y) =>
    y
      .usage(STATUS_USAGE)
      .positional('dir', { type: 'string', demandOption: true, description: 'The --out directory of hiresim slurm sweep|sensitivity' })
      .option('json', { type: 'boolean', description: 'Print the status as one JSON object' }),
  run: async (args) => {
    const { slurmStatusCommand } = await import('../commands/slurm.js');
    return slurmStatusCommand({ dir: args.dir, json: args.json === true });
  },
});

export const slurm = defineCommand({
  command: 'slurm',
  describe: 'Run a sweep or a sensitivity study on a Slurm cluster as a job array plus a merge job',
  builder: (y) => y.usage(USAGE).demandCommand(1, 'Name a slurm command: sweep, sensitivity or status.'),
  subcommands: [sweep, sensitivity, status],
});
