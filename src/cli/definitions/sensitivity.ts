/** `hiresim sensitivity <file>`: Morris elementary effects or Sobol' indices. */
import { checkCounts, checkRunList, checkSamples, checkYear, paramOption, parseShard, scenarioFile, simulationArgs, simulationOptions } from '../options.js';
import { UsageError } from '../usage-error.js';
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
  'Examples:',
  '  hiresim sensitivity scenarios/baseline.yaml --method morris --param demand.payElasticity=0.2:1 --param upskilling.selfStudyRate=0.02:0.2',
  '  hiresim sensitivity scenarios/baseline.yaml --method sobol --samples 128 --reps 10 --param … --json > sobol.json',
  '  hiresim sensitivity scenarios/baseline.yaml --method sobol --param … --results points.jsonl --resume   keep (and reuse) every point',
  '',
  'Runs a Morris design (--samples trajectories, chosen for spread from a larger random set, after',
  'Campolongo et al. 2007) or a Saltelli (Sobol\') design over the --param ranges, every point on',
  'the same replication seeds, and reports Morris μ*, μ and σ, or first-order and total Sobol\'',
  'indices with 95% bootstrap intervals, for the median closing year (the year after the horizon',
  'when not closed: stated in the output) and the median gap in --year; tornado bars in the terminal.',
  'Morris effects are over each parameter\'s whole range: in years for the closing year (μ\'s sign',
  'as earlier or later) and in percentage points (pp) for the gap.',
  '',
  'Sobol\' estimates from few base rows are noise: when a first-order index lies above its total',
  'index\'s interval, an interval reaches outside [0, 1] (by more than 0.05) or a total is negative,',
  'the output warns (under the table, and in the JSON as "warnings") with the base rows that would',
  'narrow the intervals to 0.1 (widths shrink as 1/√N; a power of two) and the command to rerun.',
  '',
  'With --results FILE.jsonl every finished point is appended to FILE (the format of hiresim sweep), so',
  'a killed study continues with --resume, and --shard I/N runs one share of the design on a cluster',
  'node (hiresim slurm sensitivity writes the job scripts). After hiresim merge, the same command with',
  '--results MERGED --resume runs nothing and prints the same indices as the study on one machine.',
  '',
  'Usage: hiresim sensitivity <file> --method morris|sobol --param path=LO:HI[:log] … [options]',
]);

export const sensitivity = defineCommand({
  command: 'sensitivity <file>',
  describe: 'Which inputs matter: Morris elementary effects or Sobol\' indices on the closing year and the gap',
  builder: (y) =>
    simulationOptions(
      paramOption(scenarioFile(y.usage(USAGE)).option('method', { choices: ['morris', 'sobol'] as const, demandOption: true, description: 'morris: elementary effects; sobol: variance-based indices' }))
        .option('samples', { type: 'string', requiresArg: true, description: 'Trajectories (morris, default 10) or base rows (sobol, default 64; a power of two keeps the design balanced)' })
        .option('year', { type: 'string', requiresArg: true, description: 'Year of the gap output (default: base year + 5)' }),
      { reps: 'Replications per point (overrides the scenario\'s)', seed: 'Master seed (overrides the scenario\'s)', threads: 'Worker threads, one point each (default: all cores)' },
    )
      .option('json', { type: 'boolean', description: 'Print the indices as one JSON object (provenance first, warnings last)' })
      .option('out', { type: 'string', requiresArg: true, description: 'Also write sensitivity.json to this directory' })
      .option('results', { type: 'string', requiresArg: true, description: 'Keep every point\'s result in this file (JSON lines, as hiresim sweep writes)' })
      .option('resume', { type: 'boolean', description: 'Continue the --results file: points already there are not run again' })
      .option('shard', { type: 'string', requiresArg: true, description: 'I/N: run only the points with index ≡ I (mod N) into --results (no indices)' })
      .check((args) => {
        checkCounts(args);
        parseShard(args.shard);
        if (args.results === undefined && (args.shard !== undefined || args.resume === true)) throw new UsageError(`--${args.shard !== undefined ? 'shard' : 'resume'}`, '--results FILE.jsonl beside it (the file the runs go into)', 'no --results');
        checkSamples(args.samples);
        // Sobol' runs samples × (d + 2) points, Morris trajectories × (d + 1).
        checkRunList(Number(args.samples ?? (args.method === 'sobol' ? 64 : 10)) * ((args.param ?? []).length + (args.method === 'sobol' ? 2 : 1)));
        checkYear('--year', args.year);
        return true;
      }),
  run: async (args) => {
    const { sensitivityCommand } = await import('../commands/sensitivity.js');
    return sensitivityCommand({
      file: args.file,
      method: args.method,
      params: args.param,
      samples: args.samples === undefined ? undefined : Number(args.samples),
      year: args.year === undefined ? undefined : Number(args.year),
      results: args.results,
      resume: args.resume === true,
      shard: parseShard(args.shard),
      ...simulationArgs(args),
      json: args.json === true,
      out: args.out,
    });
  },
});
