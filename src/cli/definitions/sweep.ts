/**
 * `hiresim sweep <file>`: a design of parameter points, one result line each; and what reads the
 * results back: `sweep summarize` and `sweep export`.
 */
import { checkCounts, checkSamples, checkSweepRunList, checkYear, checkYearList, paramOption, parseShard, replicationOptions, scenarioFile, setOption, simulationArgs, threadsOption } from '../options.js';
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
  'Examples:',
  '  hiresim sweep scenarios/baseline.yaml --param demand.payElasticity=0.2:1 --param migration.immigrants=1000,3000,6000 --design grid --samples 3 --out sweep.jsonl',
  '  hiresim sweep scenarios/baseline.yaml --param upskilling.selfStudyRate=0.02:0.2:log --design lhs --samples 64 --reps 20 --out lhs.jsonl',
  '  hiresim sweep scenarios/baseline.yaml --param … --out sweep.jsonl --resume          continue a killed sweep',
  '  hiresim sweep scenarios/baseline.yaml --param … --shard 2/8 --out shard-2.jsonl     one share of the run list',
  '  hiresim sweep summarize sweep.jsonl --by 2032                                      which parameters close the gap by 2032',
  '  hiresim sweep export sweep.jsonl --csv --out points.csv                            one tidy table for pandas, R or DuckDB',
  '',
  'The design expands to a list of runs (point, seed, replications; each with a runId) before',
  'anything runs. Each finished point appends one JSON line (closing-year quantiles, censored',
  'share, gap and median pay in the chosen --years; the provenance of the study: the command',
  'that reproduces it), flushed to disk, in run-list order: the file is the same for any --threads,',
  'shards merged with hiresim merge equal it byte for byte, and --resume cuts a half-written last',
  'line and skips the runs already there.',
  '',
  'Cost: points × replications. Every point runs the scenario\'s replications (40 in the shipped',
  'scenarios) unless --reps says otherwise; the plan line on stderr states both, and the time once',
  'the first points are timed. For more points at the same cost, lower --reps and raise --samples',
  '(--reps 10 --samples 64 costs what --reps 40 --samples 16 does): the design covers the ranges',
  'better, each point\'s quantiles are noisier. Summaries across points (rank correlations, PRIM)',
  'usually gain more from points than from replications.',
  '',
  'hiresim sweep summarize FILE.jsonl reads a finished sweep: each parameter\'s rank correlation',
  'with the closing year and the gap, binned responses, and a PRIM box of the parameter values under',
  'which the gap closes by a chosen year (hiresim sweep summarize --help). hiresim sweep export',
  'FILE.jsonl --csv writes every point\'s results as tidy CSV (hiresim sweep export --help).',
  '',
  'Usage: hiresim sweep <file> --param path=LO:HI[:log]|a,b,c … --out FILE.jsonl [options]',
  '       hiresim sweep summarize <results> [--year Y] [--by YEAR] [--json]',
  '       hiresim sweep export <results> --csv [--out FILE.csv]',
]);

const SUMMARIZE_USAGE = usage([
  'Examples:',
  '  hiresim sweep summarize sweep.jsonl',
  '  hiresim sweep summarize sweep.jsonl --year 2033 --by 2031',
  '  hiresim sweep summarize sweep.jsonl --json > summary.json',
  '',
  'Reads the JSON lines of one sweep (shards concatenated are fine; lines from different sweeps or a',
  'malformed line are exit 2 at FILE:LINE). For the median closing year and the median gap in --year,',
  'per parameter: Spearman\'s rank correlation ρ (sign and a |ρ| bar) and the mean per quartile of the',
  'parameter (one bin per value when it has at most four), with the censored share. A censored run',
  '(not closed by the horizon) ranks after every closed one and is left out of bin means. Then PRIM',
  'scenario discovery (Friedman & Fisher 1999; α = 0.05 peeling): a run is a case when its median',
  'closing year is ≤ --by; the densest box still holding ≥ 50% of the cases is chosen, then pasted',
  '(widened one face at a time while its density rises), and the pasted box is reported.',
  '',
  'Usage: hiresim sweep summarize <results> [--year Y] [--by YEAR] [--json]',
]);

const EXPORT_USAGE = usage([
  'Examples:',
  '  hiresim sweep export sweep.jsonl --csv > points.csv',
  '  hiresim sweep export sobol/merged.jsonl --csv --out points.csv',
  '',
  'Reads the JSON lines of hiresim sweep --out or hiresim sensitivity --results (a malformed or',
  'half-written line, or lines of another study, is exit 2 at FILE:LINE) and writes one row per',
  'point, output and statistic, ordered by point:',
  '  run_id,scenario,design,seed,point,<one column per parameter path>,replications,',
  '  year,output,statistic,value,unit,censored',
  'output closingYear (year empty): statistic p10, p50, p90 (a year; empty value and censored',
  'TRUE when after the horizon) and censoredShare; gap, candidatesPer100 and payMedian in each',
  'recorded year: p10, p50, p90 and mean over the point\'s replications. value holds numbers only;',
  'unit says how to read them (share: 0.53 is 53%; USD nominal). Loads without options:',
  '  pandas.read_csv("points.csv")   read.csv("points.csv")   SELECT * FROM \'points.csv\'',
  '',
  'Usage: hiresim sweep export <results> --csv [--out FILE.csv]',
]);

const summarize = defineCommand({
  command: 'summarize <results>',
  describe: 'Summarise a sweep: rank correlations and binned responses per parameter, PRIM boxes where the gap closes by a year',
  builder: (y) =>
    y
      .usage(SUMMARIZE_USAGE)
      .positional('results', { type: 'string', demandOption: true, description: 'Results file of hiresim sweep --out (JSON lines)' })
      .option('year', { type: 'string', requiresArg: true, description: 'Year of the gap output, one of the sweep\'s --years (default: the first from the base year on)' })
      .option('by', { type: 'string', requiresArg: true, description: 'Case of interest: median closing year ≤ this year (default: base year + 8)' })
      .option('json', { type: 'boolean', description: 'Print the summary as one JSON object' })
      .check((args) => {
        checkYear('--year', args.year);
        checkYear('--by', args.by);
        return true;
      }),
  run: async (args) => {
    const { sweepSummarizeCommand } = await import('../commands/sweep-summarize.js');
    return sweepSummarizeCommand({ results: args.results, year: args.year === undefined ? undefined : Number(args.year), by: args.by === undefined ? undefined : Number(args.by), json: args.json === true });
  },
});

const exportCsv = defineCommand({
  command: 'export <results>',
  describe: 'Write the results of a sweep or sensitivity study as tidy CSV: one row per point, output and statistic',
  builder: (y) =>
    y
      .usage(EXPORT_USAGE)
      .positional('results', { type: 'string', demandOption: true, description: 'Results file of hiresim sweep --out or hiresim sensitivity --results (JSON lines)' })
      .option('csv', { type: 'boolean', description: 'Tidy CSV (the default, and for now the only format)' })
      .option('out', { type: 'string', requiresArg: true, description: 'Write the CSV to this file (atomically) instead of stdout' }),
  run: async (args) => {
    const { sweepExportCommand } = await import('../commands/sweep-export.js');
    return sweepExportCommand({ results: args.results, out: args.out });
  },
});

/** The sweep itself: `hiresim sweep <file> …` is the default subcommand of `hiresim sweep`. */
const runSweep = defineCommand({
  command: '$0 <file>',
  describe: 'Run a design of parameter points and append one result line per point',
  builder: (y) => {
    const design = paramOption(scenarioFile(y))
      // The names of studies/sweep/run-list.ts's DESIGNS, written out: importing it would load the design code at start-up.
      .option('design', { choices: ['grid', 'lhs', 'sobol'] as const, default: 'lhs' as const, description: 'grid: every combination; lhs: Latin hypercube; sobol: Sobol\' low-discrepancy sequence' })
      .option('samples', { type: 'string', requiresArg: true, description: 'Points (lhs, sobol; default 16) or levels per continuous parameter (grid; default 3)' })
      .option('years', { type: 'string', requiresArg: true, description: 'Comma-separated years whose gap and pay are recorded (default: base year + 5 and + 10)' });
    const runs = threadsOption(
      replicationOptions(design, { reps: 'Replications per point (default: the scenario\'s, 40 in the shipped ones); fewer buys more --samples at the same cost', seed: 'Master seed (overrides the scenario\'s)' }),
      'Worker threads, one point each (default: all cores)',
    )
      .option('shard', { type: 'string', requiresArg: true, description: 'I/N: run only the entries with index ≡ I (mod N)' })
      .option('resume', { type: 'boolean', description: 'Continue an existing results file: skip runs already written' });
    return setOption(runs)
      .option('out', { type: 'string', requiresArg: true, demandOption: true, description: 'Results file (JSON lines)' })
      .check((args) => {
        checkCounts(args);
        checkSamples(args.samples);
        checkSweepRunList(args.design, args.param, args.samples);
        checkYearList('--years', args.years);
        parseShard(args.shard);
        return true;
      });
  },
  run: async (args) => {
    const { sweepCommand } = await import('../commands/sweep.js');
    return sweepCommand({
      file: args.file,
      params: args.param,
      design: args.design,
      samples: args.samples === undefined ? undefined : Number(args.samples),
      years: args.years?.split(',').map(Number),
      shard: parseShard(args.shard),
      resume: args.resume === true,
      ...simulationArgs(args),
      out: args.out,
    });
  },
});

export const sweep = defineCommand({
  command: 'sweep',
  describe: 'Run a design of parameter points (grid, Latin hypercube, Sobol\') and append one result line per point; sweep summarize: what the results say',
  builder: (y) => y.usage(USAGE),
  subcommands: [summarize, exportCsv, runSweep],
});
