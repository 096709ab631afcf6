/**
 * The command-line parser: one yargs table with a description for every
 * option, examples first in every `--help`, and each command's code imported
 * only when that command runs (start-up stays fast).
 */
import yargs, { type Argv } from 'yargs';
import { InputError, formatIssue } from '../scenario/issues.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { LEVERS as LEVER_NAMES, type Lever } from '../scenario/levers.js';
import type { SimulationOptions } from './simulation-options.js';
import { say } from './io.js';
import { setInvocation } from '../output/provenance.js';
import { LIMITS, runListProblem } from '../sweep/limits.js';
import { UsageError, quote, yargsError } from './usage-error.js';

export { UsageError } from './usage-error.js';

const usage = (lines: string[]) => lines.join('\n');

/** The commands, for messages about a missing or mistyped one. */
const COMMANDS = ['run', 'compare', 'attribute', 'report', 'sweep', 'sensitivity', 'calibrate', 'backtest', 'merge', 'slurm', 'validate', 'explain', 'schema'] as const;

const setOption = {
  type: 'string',
  array: true,
  requiresArg: true,
  description: 'Override a scenario field after extends: path=value (repeatable); value is YAML: 0.2, "t / 10", {dist: normal, mean: 1, sd: 0.1}',
} as const;

/** Builds the parser for `argv`. Exported for tests of argument parsing. */
export function buildParser(argv: readonly string[], setResult: (code: ExitCode) => void): Argv {
  return yargs([...argv])
    .scriptName('hiresim')
    // English whatever the machine's LANG: yargs's own errors are read by yargsError, and messages
    // should not depend on where a study runs.
    .locale('en')
    .usage(
      usage([
        'hiresim: when does the GenAI talent gap close? An agent-based simulation of the hiring market.',
        '',
        'Examples:',
        '  hiresim run scenarios/baseline.yaml            when does the gap close? (Monte Carlo projection)',
        '  hiresim compare scenarios/baseline.yaml scenarios/tool-breakthrough.yaml    which closes it sooner?',
        '  hiresim attribute scenarios/baseline.yaml      which lever contributes most (Shapley values)',
        '  hiresim report results/baseline --html report.html    charts and tables in one HTML file',
        '  hiresim backtest scenarios/baseline.yaml --observed data/observed.csv --set startYear=2019    the model against observed series',
        '  hiresim validate scenarios/baseline.yaml       check a scenario file',
        '  hiresim explain scenarios/baseline.yaml        every parameter with its value and source',
        '  hiresim schema > scenario.schema.json          JSON Schema for editor completion',
        '',
        'Usage: hiresim <command> [options]',
      ]),
    )
    .command(
      'run <file>',
      'Project the market year by year over many replications: when does the gap close?',
      (y) =>
        y
          .usage(
            usage([
              'Examples:',
              '  hiresim run scenarios/baseline.yaml',
              '  hiresim run scenarios/baseline.yaml --reps 200 --threads 2',
              '  hiresim run scenarios/baseline.yaml --set upskilling.enabled=false --json > no-upskilling.json',
              '  hiresim run scenarios/baseline.yaml --out results/baseline',
              '',
              'Prints a per-year table led by qualified candidates per 100 open positions (median and 10–90%',
              'band; 100 = balance), the gap, positions, candidates, pay (nominal US dollars) and entrants by',
              'source; a fan chart of candidates per 100 on a log axis; and the answer: the median of the',
              'replications\' closing years with its 10–90% range, P(closed by Y) with its Monte Carlo error',
              'for the --by years, and whether closing lasts. Before simulating it says on stderr what it',
              'will run and about how long it takes. Results are identical for any --threads.',
              '',
              'Usage: hiresim run <file> [options]',
            ]),
          )
          .positional('file', { type: 'string', demandOption: true, description: 'Scenario file (YAML or JSON)' })
          .option('reps', { type: 'string', requiresArg: true, description: 'Replications (overrides the scenario\'s replications)' })
          .option('seed', { type: 'string', requiresArg: true, description: 'Master seed (overrides the scenario\'s seed)' })
          .option('threads', { type: 'string', requiresArg: true, description: 'Worker threads (default: all cores)' })
          .option('set', setOption)
          .option('json', { type: 'boolean', description: 'Print the summary as one JSON object' })
          .option('csv', { type: 'boolean', description: 'Print every replication\'s yearly values as tidy CSV (replication,year,history,metric,value)' })
          .option('out', { type: 'string', requiresArg: true, description: 'Also write summary.json, years.csv and runs.csv to this directory' })
          .option('by', { type: 'string', requiresArg: true, description: 'Years for P(closed by Y) in the answer, comma-separated (default: 2030,2035, inside the projection)' })
          .conflicts('json', 'csv')
          .check((args) => {
            checkCounts(args);
            if (args.by !== undefined && !/^\d{4}(,\d{4})*$/.test(args.by)) throw new UsageError('--by', 'years such as 2030,2035', quote(args.by));
            return true;
          }),
      async (args) => {
        const { runCommand } = await import('./commands/run.js');
        setResult(
          await runCommand({
            file: args.file as string,
            ...simulationArgs(args),
            json: args.json === true,
            csv: args.csv === true,
            out: args.out,
            by: args.by === undefined ? undefined : args.by.split(',').map(Number),
          }),
        );
      },
    )
    .command(
      'compare <files..>',
      'Compare scenarios on the same random numbers: paired differences against the first, and which closes the gap fastest',
      (y) =>
        y
          .usage(
            usage([
              'Examples:',
              '  hiresim compare scenarios/baseline.yaml scenarios/tool-breakthrough.yaml',
              '  hiresim compare scenarios/baseline.yaml scenarios/*-*.yaml --reps 100',
              '  hiresim compare scenarios/baseline.yaml scenarios/open-immigration.yaml --json > diff.json',
              '',
              'Every scenario runs the reference\'s seed and replications (common random numbers), so each',
              'difference is paired replication by replication. Prints each scenario\'s closing years ("after',
              '2045" when a run does not close by the horizon) and qualified candidates per 100 open positions;',
              'against the first file, the median paired difference in words ("2 years earlier"), P(earlier),',
              'P(later) and P(same or neither), which add up to 1, and the verdict: an exact sign test at the 10%',
              'level over the pairs, where a pair in which only one run closes by the horizon counts for the',
              'one that closes; then the yearly gap differences in percentage points (pp) with 90% intervals,',
              'and the scenario that closes the gap fastest. Within noise, it says about how many',
              'replications would resolve the difference.',
              '',
              'Usage: hiresim compare <reference> <scenario..> [options]',
            ]),
          )
          .positional('files', { type: 'string', array: true, demandOption: true, description: 'Scenario files; the first is the reference' })
          .option('reps', { type: 'string', requiresArg: true, description: 'Replications for every scenario (default: the reference\'s)' })
          .option('seed', { type: 'string', requiresArg: true, description: 'Master seed for every scenario (default: the reference\'s)' })
          .option('threads', { type: 'string', requiresArg: true, description: 'Worker threads (default: all cores)' })
          .option('set', { ...setOption, description: 'Override a field in every scenario: path=value (repeatable)' })
          .option('json', { type: 'boolean', description: 'Print the comparison as one JSON object' })
          .option('csv', { type: 'boolean', description: 'Print tidy CSV: scenario,against,year,history,metric,statistic,value' })
          .option('out', { type: 'string', requiresArg: true, description: 'Also write comparison.json and differences.csv to this directory' })
          .conflicts('json', 'csv')
          .check((args) => {
            if ((args.files as string[]).length < 2) throw new UsageError('<scenario..>', 'at least one scenario file after the reference', 'none');
            checkCounts(args);
            return true;
          }),
      async (args) => {
        const { compareCommand } = await import('./commands/compare.js');
        setResult(
          await compareCommand({
            files: args.files as string[],
            ...simulationArgs(args),
            json: args.json === true,
            csv: args.csv === true,
            out: args.out,
          }),
        );
      },
    )
    .command(
      'attribute <file>',
      'Which lever closes the gap, and by how much: Shapley values over every subset of levers switched off',
      (y) =>
        y
          .usage(
            usage([
              'Examples:',
              '  hiresim attribute scenarios/baseline.yaml',
              '  hiresim attribute scenarios/baseline.yaml --levers upskilling,tools,migration --year 2032',
              '  hiresim attribute scenarios/baseline.yaml --reps 20 --json > levers.json',
              '',
              'Runs the scenario with every subset of the levers on (their enabled switches), all on the same',
              'random numbers, and reports each lever\'s exact Shapley contribution to the closing year (years',
              'earlier or later) and, as a factor, to qualified candidates per 100 open positions in one year',
              '(×1.35: 35% more per opening), with 90% intervals over replications, plus each lever alone on',
              'and alone off. The contributions add up (factors multiply) to all levers on against all off.',
              'A closing-year difference where both compared runs stay open by the horizon in',
              'most replications is reported as not measurable (it would be 0 by construction).',
              '',
              'Defaults are a draft: 2^levers subsets (32 for five levers) × 8 replications at 1 agent = 50',
              'persons, about a minute on two cores (results do not depend on the scale beyond sampling error).',
              'The scenario\'s own, e.g. --reps 40 --set scale=20 for the baseline, takes 10–20 minutes.',
              'The plan line on stderr states subsets × replications, the scale and the expected time.',
              '',
              'Usage: hiresim attribute <file> [options]',
            ]),
          )
          .positional('file', { type: 'string', demandOption: true, description: 'Scenario file (YAML or JSON)' })
          .option('levers', { type: 'string', requiresArg: true, default: LEVER_NAMES.join(','), description: 'Comma-separated levers to attribute' })
          .option('year', { type: 'string', requiresArg: true, description: 'Year for the gap contributions (default: base year + 5)' })
          .option('reps', { type: 'string', requiresArg: true, description: 'Replications of each subset (default: 8, a draft; the scenario\'s own with --reps N)' })
          .option('seed', { type: 'string', requiresArg: true, description: 'Master seed (overrides the scenario\'s seed)' })
          .option('threads', { type: 'string', requiresArg: true, description: 'Worker threads (default: all cores)' })
          .option('set', { ...setOption, description: `${setOption.description}; without --set scale=…, 1 agent = 50 persons (a draft)` })
          .option('json', { type: 'boolean', description: 'Print the attribution as one JSON object' })
          .option('out', { type: 'string', requiresArg: true, description: 'Also write attribution.json to this directory' })
          .check((args) => {
            checkCounts(args);
            const levers = args.levers.split(',').map((l) => l.trim());
            const unknown = levers.filter((l) => !(LEVER_NAMES as readonly string[]).includes(l));
            if (unknown.length > 0) throw new UsageError('--levers', `names from ${LEVER_NAMES.join(', ')}`, quote(unknown.join(', ')));
            if (new Set(levers).size !== levers.length) throw new UsageError('--levers', 'each lever once', quote(args.levers));
            if (args.year !== undefined && !/^\d{4}$/.test(args.year)) throw new UsageError('--year', 'a year such as 2030', quote(args.year));
            return true;
          }),
      async (args) => {
        const { attributeCommand } = await import('./commands/attribute.js');
        setResult(
          await attributeCommand({
            file: args.file as string,
            levers: args.levers.split(',').map((l) => l.trim()) as Lever[],
            year: args.year === undefined ? undefined : Number(args.year),
            ...simulationArgs(args),
            json: args.json === true,
            out: args.out,
          }),
        );
      },
    )
    .command(
      'report <results..>',
      'One self-contained HTML report (static SVG charts, parameters, how to reproduce) from run, compare, attribute, sweep, sensitivity and backtest results',
      (y) =>
        y
          .usage(
            usage([
              'Examples:',
              '  hiresim report results/baseline --html report.html',
              '  hiresim report results/compare results/levers --html report.html',
              '  hiresim report results/compare/comparison.json levers/attribution.json --html out/report.html',
              '  hiresim report sweep.jsonl results/sensitivity --html sweep.html',
              '  hiresim report results/backtest --html backtest.html',
              '',
              'Each RESULTS is an --out directory of run, compare or attribute, or one of their JSON files',
              '(summary.json, comparison.json, attribution.json: recognised by their contents). First the answer:',
              'the median of the replications\' closing years with its 10–90% range, P(closed by a year) with its',
              'Monte Carlo error, and whether closure lasts. Charts: qualified candidates per 100 open positions',
              '(log axis, a panel per scenario), P(closed by year) with the share not closed, paired differences,',
              'lever attribution bars (largest first), entrants by source, pay (nominal US dollars) and the pay',
              'premium. The file opens offline (no scripts, no external resources); the same inputs give the same',
              'bytes.',
              '',
              'Reproduce: each result\'s provenance record gives its command line, checked by loading the recorded',
              'scenario files with the recorded --set overrides (sha-256 of every file, and the scenario hash); a',
              'changed file is named. Results written before records existed are said to have none. Only scenario',
              'YAML files under the current directory are read: run report where the commands were run.',
              'Parameters: one table for all the scenarios, a column each, collapsed; the rows that differ first.',
              '',
              'RESULTS may also be a sweep\'s results file (JSON lines from hiresim sweep --out) or sensitivity.json',
              '(or its --out directory): for a sweep, each parameter\'s response (its value against the median',
              'closing year, censored points marked, and against qualified candidates per 100 open positions); for',
              'a sensitivity analysis, Sobol\' tornados or the Morris μ*–σ scatter, per output. A malformed line is',
              'exit 2 at FILE:LINE.',
              '',
              'RESULTS may also be backtest.json (or its --out directory): one chart per compared series, the',
              'model\'s 10–90% band and median with the observations on top, history years shaded, and coverage.',
              '',
              'Usage: hiresim report <results..> --html FILE',
            ]),
          )
          .positional('results', { type: 'string', array: true, demandOption: true, description: 'Result directories (--out of run, compare, attribute, sensitivity, backtest), their JSON files, or sweep JSON lines' })
          .option('html', { type: 'string', requiresArg: true, demandOption: true, description: 'Write the HTML report to this file (atomically)' }),
      async (args) => {
        const { reportCommand } = await import('./commands/report.js');
        setResult(await reportCommand({ inputs: args.results as string[], html: args.html }));
      },
    )
    .command(
      'sweep',
      'Run a design of parameter points (grid, Latin hypercube, Sobol\') and append one result line per point; sweep summarize: what the results say',
      (y) =>
        y
          .usage(
            usage([
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
            ]),
          )
          .command(
            'summarize <results>',
            'Summarise a sweep: rank correlations and binned responses per parameter, PRIM boxes where the gap closes by a year',
            (z) =>
              z
                .usage(
                  usage([
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
                  ]),
                )
                .positional('results', { type: 'string', demandOption: true, description: 'Results file of hiresim sweep --out (JSON lines)' })
                .option('year', { type: 'string', requiresArg: true, description: 'Year of the gap output, one of the sweep\'s --years (default: the first from the base year on)' })
                .option('by', { type: 'string', requiresArg: true, description: 'Case of interest: median closing year ≤ this year (default: base year + 8)' })
                .option('json', { type: 'boolean', description: 'Print the summary as one JSON object' })
                .check((args) => {
                  for (const name of ['year', 'by'] as const) {
                    const value = args[name];
                    if (value !== undefined && !/^\d{4}$/.test(value)) throw new UsageError(`--${name}`, 'a year such as 2030', quote(value));
                  }
                  return true;
                }),
            async (args) => {
              const { sweepSummarizeCommand } = await import('./commands/sweep-summarize.js');
              setResult(await sweepSummarizeCommand({ results: args.results as string, year: args.year === undefined ? undefined : Number(args.year), by: args.by === undefined ? undefined : Number(args.by), json: args.json === true }));
            },
          )
          .command(
            'export <results>',
            'Write the results of a sweep or sensitivity study as tidy CSV: one row per point, output and statistic',
            (z) =>
              z
                .usage(
                  usage([
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
                  ]),
                )
                .positional('results', { type: 'string', demandOption: true, description: 'Results file of hiresim sweep --out or hiresim sensitivity --results (JSON lines)' })
                .option('csv', { type: 'boolean', description: 'Tidy CSV (the default, and for now the only format)' })
                .option('out', { type: 'string', requiresArg: true, description: 'Write the CSV to this file (atomically) instead of stdout' }),
            async (args) => {
              const { sweepExportCommand } = await import('./commands/sweep-export.js');
              setResult(await sweepExportCommand({ results: args.results as string, out: args.out }));
            },
          )
          .command(
            '$0 <file>',
            'Run a design of parameter points and append one result line per point',
            (z) =>
              z
                .positional('file', { type: 'string', demandOption: true, description: 'Scenario file (YAML or JSON)' })
                .option('param', { type: 'string', array: true, requiresArg: true, demandOption: true, description: 'A parameter range: path=LO:HI, path=LO:HI:log or path=a,b,c (repeatable)' })
                .option('design', { choices: ['grid', 'lhs', 'sobol'] as const, default: 'lhs' as const, description: 'grid: every combination; lhs: Latin hypercube; sobol: Sobol\' low-discrepancy sequence' })
                .option('samples', { type: 'string', requiresArg: true, description: 'Points (lhs, sobol; default 16) or levels per continuous parameter (grid; default 3)' })
                .option('years', { type: 'string', requiresArg: true, description: 'Comma-separated years whose gap and pay are recorded (default: base year + 5 and + 10)' })
                .option('reps', { type: 'string', requiresArg: true, description: 'Replications per point (default: the scenario\'s, 40 in the shipped ones); fewer buys more --samples at the same cost' })
                .option('seed', { type: 'string', requiresArg: true, description: 'Master seed (overrides the scenario\'s)' })
                .option('threads', { type: 'string', requiresArg: true, description: 'Worker threads, one point each (default: all cores)' })
                .option('shard', { type: 'string', requiresArg: true, description: 'I/N: run only the entries with index ≡ I (mod N)' })
                .option('resume', { type: 'boolean', description: 'Continue an existing results file: skip runs already written' })
                .option('set', setOption)
                .option('out', { type: 'string', requiresArg: true, demandOption: true, description: 'Results file (JSON lines)' })
                .check((args) => {
                  checkCounts(args);
                  checkSamples(args.samples);
                  checkRunList(args.design === 'grid' ? gridRuns(args.param ?? [], args.samples) : Number(args.samples ?? 16));
                  if (args.years !== undefined && !/^\d{4}(,\d{4})*$/.test(args.years)) throw new UsageError('--years', 'years such as 2030,2035', quote(args.years));
                  parseShard(args.shard);
                  return true;
                }),
            async (args) => {
              const { sweepCommand } = await import('./commands/sweep.js');
              setResult(
                await sweepCommand({
                  file: args.file as string,
                  params: args.param,
                  design: args.design,
                  samples: args.samples === undefined ? undefined : Number(args.samples),
                  years: args.years?.split(',').map(Number),
                  shard: parseShard(args.shard),
                  resume: args.resume === true,
                  ...simulationArgs(args),
                  out: args.out as string,
                }),
              );
            },
          ),
      () => {},
    )
    .command(
      'sensitivity <file>',
      'Which inputs matter: Morris elementary effects or Sobol\' indices on the closing year and the gap',
      (y) =>
        y
          .usage(
            usage([
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
            ]),
          )
          .positional('file', { type: 'string', demandOption: true, description: 'Scenario file (YAML or JSON)' })
          .option('method', { choices: ['morris', 'sobol'] as const, demandOption: true, description: 'morris: elementary effects; sobol: variance-based indices' })
          .option('param', { type: 'string', array: true, requiresArg: true, demandOption: true, description: 'A parameter range: path=LO:HI, path=LO:HI:log or path=a,b,c (repeatable)' })
          .option('samples', { type: 'string', requiresArg: true, description: 'Trajectories (morris, default 10) or base rows (sobol, default 64; a power of two keeps the design balanced)' })
          .option('year', { type: 'string', requiresArg: true, description: 'Year of the gap output (default: base year + 5)' })
          .option('reps', { type: 'string', requiresArg: true, description: 'Replications per point (overrides the scenario\'s)' })
          .option('seed', { type: 'string', requiresArg: true, description: 'Master seed (overrides the scenario\'s)' })
          .option('threads', { type: 'string', requiresArg: true, description: 'Worker threads, one point each (default: all cores)' })
          .option('set', setOption)
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
            if (args.year !== undefined && !/^\d{4}$/.test(args.year)) throw new UsageError('--year', 'a year such as 2030', quote(args.year));
            return true;
          }),
      async (args) => {
        const { sensitivityCommand } = await import('./commands/sensitivity.js');
        setResult(
          await sensitivityCommand({
            file: args.file as string,
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
          }),
        );
      },
    )
    .command(
      'backtest <file>',
      'Compare the model with observed series: does its 10–90% band cover what happened, in history and projection years?',
      (y) =>
        y
          .usage(
            usage([
              'Examples:',
              '  hiresim backtest scenarios/baseline.yaml --observed data/observed.csv --set startYear=2019',
              '  hiresim backtest scenarios/baseline.yaml --observed data/observed.csv --set startYear=2019 --reps 100 --threads 2',
              '  hiresim backtest history.yaml --observed data/observed.csv --json > backtest.json',
              '  hiresim backtest history.yaml --observed data/observed.csv --out results/backtest',
              '',
              'FILE.csv has the header series,year,value,unit,metric,compare,base,source,label, one observation',
              'a row. A row with a metric (a metric of hiresim run) is compared: compare=level puts the value',
              'against the model\'s value that year; compare=index puts value ÷ value in the base year against',
              'model ÷ model in the base year, computed in each replication. A row without a metric is context:',
              'listed, not compared. Rows whose year or base year is not simulated are listed as outside.',
              '',
              'Prints, per series, each observation against the model\'s 10–50–90% band over replications, whether',
              'it is inside [p10, p90] and whether the year is history (before the base year; set startYear to',
              'simulate it) or projection; then the coverage (share inside) and the median absolute error (of',
              'the index; relative, for levels). An index\'s base year (1 against 1) is shown, not counted. A bad',
              'CSV is exit 2 at FILE:LINE:COL, every problem at once. --out DIR writes backtest.json, which',
              'hiresim report draws (one chart per series), and backtest.csv.',
              '',
              'Usage: hiresim backtest <file> --observed FILE.csv [options]',
            ]),
          )
          .positional('file', { type: 'string', demandOption: true, description: 'Scenario file (YAML or JSON)' })
          .option('observed', { type: 'string', requiresArg: true, demandOption: true, description: 'Observed series (CSV: series,year,value,unit,metric,compare,base,source,label)' })
          .option('reps', { type: 'string', requiresArg: true, description: 'Replications (overrides the scenario\'s replications)' })
          .option('seed', { type: 'string', requiresArg: true, description: 'Master seed (overrides the scenario\'s seed)' })
          .option('threads', { type: 'string', requiresArg: true, description: 'Worker threads (default: all cores); results identical for any' })
          .option('set', setOption)
          .option('json', { type: 'boolean', description: 'Print the backtest as one JSON object' })
          .option('out', { type: 'string', requiresArg: true, description: 'Also write backtest.json and backtest.csv (one row per compared observation) to this directory' })
          .check((args) => {
            checkCounts(args);
            return true;
          }),
      async (args) => {
        const { backtestCommand } = await import('./commands/backtest.js');
        setResult(await backtestCommand({ file: args.file as string, observed: args.observed, ...simulationArgs(args), json: args.json === true, out: args.out }));
      },
    )
    .command(
      'calibrate <file>',
      'Fit parameters so that the model reproduces target figures (Nelder–Mead on common random numbers)',
      (y) =>
        y
          .usage(
            usage([
              'Examples:',
              '  hiresim calibrate scenarios/baseline.yaml --fit population.seekers=8000:18000 --target gap@2025=53%±0.5pp',
              '  hiresim calibrate scenarios/baseline.yaml --fit constants.g2025=0:0.8 --target candidatesPer100@2025=47±2 --strict',
              '  hiresim calibrate scenarios/baseline.yaml --fit matching.screening=0.01:0.05:log --fit population.seekers=8000:18000 \\',
              '      --target gap@2025=0.53±0.005 --target payMedian@2025=406000±20000 --write calibrated.yaml',
              '  hiresim calibrate history.yaml --fit constants.growthDecay=3:12 --targets calibration/targets.txt \\',
              '      --target openPositions@2022/2019=1.11±0.05 --threads 2 --json > fit.json',
              '',
              'A target is metric@YEAR=value (the level in YEAR) or metric@YEAR/BASE=value (the index: the',
              'value in YEAR ÷ the value in BASE, computed in each replication), optionally ±tolerance (or',
              '+-tolerance). Both years must be simulated years (from startYear, history included, to the',
              'horizon). The default tolerance is 5% of the target\'s absolute value, or 0.01 for a target of 0.',
              '(gap@2030=20% is ±1pp: 5% of 0.20).',
              'For share metrics (gap, unemploymentRate, vacancyRate) a value or tolerance may end in % and a',
              'tolerance in pp: both divide by 100, so gap@2025=53%±2pp is 0.53±0.02 (±2% is also ±0.02,',
              'percentage points, not 2% of the value); a value in % needs its tolerance in % or pp. Indexes',
              'are ratios without %. --targets FILE reads one target per line (# comments, blank lines',
              'skipped), before the --target ones; a bad target is exit 2 at FILE:LINE:COL or --target #K:1:COL.',
              '',
              'Each evaluation runs the scenario\'s replications on the same seeds (on --threads worker threads;',
              'the result is identical for any count) up to the last target year; the simulated value of a',
              'target is the median over replications. Minimises Σ ((simulated − target) ÷ tolerance)² with',
              'Nelder–Mead inside the --fit ranges; exactly --max-evaluations simulations at most (the starting',
              'simplex and shrink steps count), the fitted point being the best of them. Prints the fit (shares',
              'in %, their differences in pp), the evaluations, whether it converged, and the verdict: "Targets',
              'met: 2 of 3; missed: …", each missed target with the model\'s figure, the target and its tolerance.',
              'Missing a target exits 0 (the fit is still a result); with --strict it exits 3.',
              '',
              '--write saves the scenario with the fitted values, keeping its comments and layout, each value',
              'noting the targets, residuals, --set overrides and date; its first lines record the provenance',
              '(version, command, overrides, files with sha-256, hash, seed, replications) and the commands that',
              'reproduce the fit\'s figures from the written file: run it with the same --set overrides.',
              '',
              'Exit codes: 0 done, 2 bad input, 3 a target missed with --strict.',
              '',
              'Usage: hiresim calibrate <file> --fit path=LO:HI[:log] … (--target metric@YEAR[/BASE]=value[±tol] … | --targets FILE …) [options]',
            ]),
          )
          .positional('file', { type: 'string', demandOption: true, description: 'Scenario file (YAML or JSON)' })
          .option('fit', { type: 'string', array: true, requiresArg: true, demandOption: true, description: 'A parameter to fit within a range: path=LO:HI or path=LO:HI:log (repeatable)' })
          .option('target', { type: 'string', array: true, requiresArg: true, description: 'A figure to reproduce: metric@YEAR=value or metric@YEAR/BASE=value (an index), optionally ±tolerance; shares as 20% or 0.20; default tolerance ±5% of the target\'s absolute value (±1pp for 20%), or 0.01 for a target of 0 (repeatable)' })
          .option('targets', { type: 'string', array: true, requiresArg: true, description: 'A file of targets, one per line as for --target; # comments and blank lines skipped (repeatable)' })
          .option('max-evaluations', { type: 'string', requiresArg: true, default: '60', description: 'Most simulations of the scenario to run, exactly: the starting simplex, shrink steps and the fitted point all count' })
          .option('strict', { type: 'boolean', description: 'Exit 3 when any target is outside its tolerance (after printing and writing the fit)' })
          .option('reps', { type: 'string', requiresArg: true, description: 'Replications per evaluation (overrides the scenario\'s)' })
          .option('seed', { type: 'string', requiresArg: true, description: 'Master seed (overrides the scenario\'s)' })
          .option('threads', { type: 'string', requiresArg: true, description: 'Worker threads per evaluation (default: all cores); results identical for any' })
          .option('set', setOption)
          .option('write', { type: 'string', requiresArg: true, description: 'Write the calibrated scenario (YAML, comments kept) to this file' })
          .option('engine', { choices: ['agents', 'expected'] as const, default: 'agents' as const, description: 'What each evaluation runs: the agent-based model (median over replications) or its expected-value recursion (deterministic, milliseconds; a fast first fit)' })
          .option('json', { type: 'boolean', description: 'Print the result as one JSON object' })
          .check((args) => {
            checkCounts(args);
            if (!/^[1-9][0-9]{0,5}$/.test(args['max-evaluations'])) throw new UsageError('--max-evaluations', 'a whole number ≥ 1', quote(args['max-evaluations']));
            if ((args.target ?? []).length === 0 && (args.targets ?? []).length === 0) throw new UsageError('--target', 'a target: --target metric@YEAR=value or --targets FILE', 'none');
            return true;
          }),
      async (args) => {
        const { calibrateCommand } = await import('./commands/calibrate.js');
        setResult(
          await calibrateCommand({
            file: args.file as string,
            fit: args.fit,
            targets: args.target ?? [],
            targetFiles: args.targets ?? [],
            maxEvaluations: Number(args['max-evaluations']),
            engine: args.engine,
            ...simulationArgs(args),
            write: args.write,
            strict: args.strict === true,
            json: args.json === true,
          }),
        );
      },
    )
    .command(
      'merge <files..>',
      'Merge the shards of a sweep into one results file, identical to the sweep run on one machine',
      (y) =>
        y
          .usage(
            usage([
              'Examples:',
              '  hiresim merge results/shard-*.jsonl --shards 8 --out results/merged.jsonl',
              '',
              'Checks that the shards belong to one run list (scenario hash, design, seed, replications and',
              'size), that no run is missing (naming the missing shard ids when --shards is given) or',
              'duplicated, then writes the lines sorted by run index, atomically.',
              '',
              'Usage: hiresim merge <files..> --out FILE.jsonl [--shards N]',
            ]),
          )
          .positional('files', { type: 'string', array: true, demandOption: true, description: 'Shard results files (JSON lines)' })
          .option('out', { type: 'string', requiresArg: true, demandOption: true, description: 'The merged results file' })
          .option('shards', { type: 'string', requiresArg: true, description: 'How many shards the sweep was split into (to name missing shards)' })
          .check((args) => {
            if (args.shards !== undefined && !/^[1-9][0-9]{0,5}$/.test(args.shards)) throw new UsageError('--shards', 'a whole number ≥ 1', quote(args.shards));
            return true;
          }),
      async (args) => {
        const { mergeCommand } = await import('./commands/merge.js');
        setResult(await mergeCommand({ files: args.files as string[], out: args.out, shards: args.shards === undefined ? undefined : Number(args.shards) }));
      },
    )
    .command('slurm', 'Run a sweep or a sensitivity study on a Slurm cluster as a job array plus a merge job', (y) =>
      y
        .usage(
          usage([
            'Examples:',
            '  hiresim slurm sweep scenarios/baseline.yaml --param … --tasks 8 --out /scratch/sweep1',
            '  hiresim slurm sensitivity scenarios/baseline.yaml --method sobol --param … --tasks 8 --out /scratch/sobol1',
            '  hiresim slurm status /scratch/sweep1',
            '',
            'Usage: hiresim slurm sweep|sensitivity <file> [options]',
            '       hiresim slurm status <dir>',
          ]),
        )
        .command(
          'sweep <file>',
          'Write (and submit) an sbatch array job running one shard per task, and a dependent merge job',
          (z) =>
            slurmOptions(
              z
                .usage(
                  usage([
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
                  ]),
                )
                .option('design', { choices: ['grid', 'lhs', 'sobol'] as const, default: 'lhs' as const, description: 'As for hiresim sweep' })
                .option('samples', { type: 'string', requiresArg: true, description: 'As for hiresim sweep' })
                .option('years', { type: 'string', requiresArg: true, description: 'As for hiresim sweep' })
                .option('out', { type: 'string', requiresArg: true, demandOption: true, description: 'Directory for the scripts, shards, logs and merged.jsonl' })
                .check((args) => {
                  if (args.years !== undefined && !/^\d{4}(,\d{4})*$/.test(args.years)) throw new UsageError('--years', 'years such as 2030,2035', quote(args.years));
                  checkSamples(args.samples);
                  checkRunList(args.design === 'grid' ? gridRuns((args as { param?: string[] }).param ?? [], args.samples) : Number(args.samples ?? 16));
                  return true;
                }),
            ),
          async (args) => {
            const { slurmSweepCommand } = await import('./commands/slurm.js');
            setResult(await slurmSweepCommand({ ...slurmArgs(args), design: args.design, years: args.years }));
          },
        )
        .command(
          'sensitivity <file>',
          'Write (and submit) an sbatch array job running one share of a Morris or Saltelli design per task, and a merge job that computes the indices',
          (z) =>
            slurmOptions(
              z
                .usage(
                  usage([
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
                  ]),
                )
                .option('method', { choices: ['morris', 'sobol'] as const, demandOption: true, description: 'As for hiresim sensitivity' })
                .option('samples', { type: 'string', requiresArg: true, description: 'As for hiresim sensitivity' })
                .option('year', { type: 'string', requiresArg: true, description: 'As for hiresim sensitivity' })
                .option('out', { type: 'string', requiresArg: true, demandOption: true, description: 'Directory for the scripts, shards, logs, merged.jsonl and sensitivity.json' })
                .check((args) => {
                  if (args.year !== undefined && !/^\d{4}$/.test(args.year)) throw new UsageError('--year', 'a year such as 2030', quote(args.year));
                  return true;
                }),
            ),
          async (args) => {
            const { slurmSensitivityCommand } = await import('./commands/slurm.js');
            setResult(await slurmSensitivityCommand({ ...slurmArgs(args), method: args.method, year: args.year === undefined ? undefined : Number(args.year) }));
          },
        )
        .command(
          'status <dir>',
          'How far a submitted study has got: points done per task, the merged file, what to do next',
          (z) =>
            z
              .usage(
                usage([
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
                ]),
              )
              .positional('dir', { type: 'string', demandOption: true, description: 'The --out directory of hiresim slurm sweep|sensitivity' })
              .option('json', { type: 'boolean', description: 'Print the status as one JSON object' }),
          async (args) => {
            const { slurmStatusCommand } = await import('./commands/slurm.js');
            setResult(await slurmStatusCommand({ dir: args.dir as string, json: args.json === true }));
          },
        )
        .demandCommand(1, 'Name a slurm command: sweep, sensitivity or status.'),
    )
    .command(
      'validate <files..>',
      'Check scenario files and report every problem at once',
      (y) =>
        y
          .usage(
            usage([
              'Examples:',
              '  hiresim validate scenarios/baseline.yaml',
              '  hiresim validate scenarios/*.yaml',
              '  hiresim validate my.yaml --set demand.growth=0.1',
              '',
              'Checks each file (and what it extends) against the scenario schema. Every problem is printed',
              'as FILE:LINE:COL path: expected …, found …. Exit 0 when all are valid, 2 when any is not.',
              '',
              'Usage: hiresim validate <files..> [--set path=value]…',
            ]),
          )
          .positional('files', { type: 'string', array: true, demandOption: true, description: 'Scenario files (YAML or JSON)' })
          .option('set', setOption),
      async (args) => {
        const { validateCommand } = await import('./commands/validate.js');
        setResult(await validateCommand({ files: args.files as string[], overrides: args.set ?? [] }));
      },
    )
    .command(
      'explain <file> [paths..]',
      'Print the resolved scenario: every parameter with its value, unit and source, or only the parts named',
      (y) =>
        y
          .usage(
            usage([
              'Examples:',
              '  hiresim explain scenarios/baseline.yaml',
              '  hiresim explain scenarios/baseline.yaml wages demand.growth      only these subtrees',
              '  hiresim explain scenarios/tool-breakthrough.yaml tools --set tools.learningBoost=0.5',
              '  hiresim explain scenarios/baseline.yaml --json | jq ".parameters[0]"',
              '',
              'Resolves extends and --set overrides, validates, then lists each setting and parameter with its',
              'value in its unit (shares and rates as percentages: 13.2% per year; pay and money in nominal US',
              'dollars), the kind of its source (sourced: a key of the bibliography; derived; fitted: by',
              'hiresim calibrate or a fit; assumption) and the source\'s words; then the bibliography and the',
              'assumptions. Lines are at most 100 columns: long formulas and notes continue on indented lines.',
              'PATH… narrows the listing to those subtrees (a section such as wages, or a field such as',
              'demand.growth) and the sources they cite; a path the scenario lacks is exit 2 naming the',
              'closest one. --json gives the same data, units included.',
              '',
              'Usage: hiresim explain <file> [PATH…] [--set path=value]… [--json]',
            ]),
          )
          .positional('file', { type: 'string', demandOption: true, description: 'Scenario file (YAML or JSON)' })
          .positional('paths', { type: 'string', array: true, description: 'Show only these subtrees: a section (wages) or a dotted path (demand.growth)' })
          .option('set', setOption)
          .option('json', { type: 'boolean', default: false, description: 'Print one JSON object instead of the table' }),
      async (args) => {
        const { explainCommand } = await import('./commands/explain.js');
        setResult(await explainCommand({ file: args.file as string, paths: (args.paths as string[] | undefined) ?? [], overrides: args.set ?? [], json: args.json }));
      },
    )
    .command(
      'schema',
      'Print the JSON Schema (draft-07) of scenario files',
      (y) =>
        y.usage(
          usage([
            'Examples:',
            '  hiresim schema > scenario.schema.json',
            '',
            'Editors that read a "# yaml-language-server: $schema=…" first line (VS Code with the YAML',
            'extension, among others) then complete and check scenario files as you type.',
            '',
            'Usage: hiresim schema',
          ]),
        ),
      async () => {
        const { schemaCommand } = await import('./commands/schema.js');
        setResult(await schemaCommand());
      },
    )
    .demandCommand(1, `Name a command: ${COMMANDS.join(', ')}.`)
    .strict()
    .help()
    .alias('help', 'h')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs reports its own argument errors (requiresArg: `--out` with no value) as a YError with the
      // message; they are the user's, so a usage line, not a stack trace. Anything else is ours.
      if (error && error.name !== 'YError') throw error;
      throw yargsError(message ?? error?.message ?? 'bad arguments', argv, COMMANDS);
    });
}

/** The options `slurm sweep` and `slurm sensitivity` share: the study's scenario and the Slurm settings. */
function slurmOptions<T>(y: Argv<T>) {
  return y
    .positional('file', { type: 'string', demandOption: true, description: 'Scenario file (YAML or JSON)' })
    .option('param', { type: 'string', array: true, requiresArg: true, demandOption: true, description: 'A parameter range: path=LO:HI, path=LO:HI:log or path=a,b,c (repeatable)' })
    .option('reps', { type: 'string', requiresArg: true, description: 'Replications per point' })
    .option('seed', { type: 'string', requiresArg: true, description: 'Master seed' })
    .option('set', setOption)
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
      for (const name of ['tasks', 'array-limit', 'cpus-per-task', 'samples'] as const) {
        const value = (args as { [key: string]: unknown })[name];
        if (value !== undefined && !/^[1-9][0-9]{0,5}$/.test(String(value))) throw new UsageError(`--${name}`, 'a whole number ≥ 1', quote(value));
      }
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
  file?: unknown;
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
    file: args.file as string,
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

/** The options every simulating command shares, from parsed arguments (counts already checked by checkCounts). */
function simulationArgs(args: { set?: string[]; reps?: string; seed?: string; threads?: string }): Omit<SimulationOptions, 'out'> {
  return {
    overrides: args.set ?? [],
    reps: args.reps === undefined ? undefined : Number(args.reps),
    seed: args.seed,
    threads: args.threads === undefined ? undefined : Number(args.threads),
  };
}

/** `--shard I/N` with 0 ≤ I < N, or undefined without the option. */
function parseShard(shard: string | undefined): { index: number; of: number } | undefined {
  if (shard === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(shard);
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new UsageError('--shard', 'I/N with 0 ≤ I < N', quote(shard));
  return { index: Number(m[1]), of: Number(m[2]) };
}

/** --reps and --threads: whole numbers ≥ 1 (read as text so that "x" is reported as written); --reps within its limit. */
function checkCounts(args: { reps?: string; threads?: string }): void {
  for (const name of ['reps', 'threads'] as const) {
    const value = args[name];
    if (value !== undefined && !/^[1-9][0-9]{0,5}$/.test(value)) throw new UsageError(`--${name}`, 'a whole number ≥ 1', quote(value));
  }
  if (args.reps !== undefined && Number(args.reps) > LIMITS.replications) {
    throw new UsageError('--reps', `at most ${LIMITS.replications.toLocaleString('en-US')} replications (the limit; more cannot change a printed digit)`, quote(args.reps));
  }
}

/** --samples: a whole number ≥ 1 and at most LIMITS.samples (see src/sweep/limits.ts for why). */
function checkSamples(samples: string | undefined): void {
  if (samples === undefined) return;
  if (!/^[1-9][0-9]*$/.test(samples)) throw new UsageError('--samples', 'a whole number ≥ 1', quote(samples));
  if (Number(samples) > LIMITS.samples) throw new UsageError('--samples', `at most ${LIMITS.samples.toLocaleString('en-US')} (the limit)`, quote(samples));
}

/**
 * Points of a grid before the scenario is read: discrete values count themselves, a continuous
 * range LO:HI takes --samples levels (3 by default). A malformed --param counts 1; it is reported later.
 */
function gridRuns(params: readonly string[], samples: string | undefined): number {
  return params.reduce((n, p) => {
    const spec = p.slice(p.indexOf('=') + 1);
    return n * (/^[^:,]+:[^:,]+(:log)?$/.test(spec) ? Number(samples ?? 3) : Math.max(1, spec.split(',').length));
  }, 1);
}

/** A design whose run list would pass LIMITS.runs is refused before it is expanded. */
function checkRunList(runs: number): void {
  const problem = runListProblem(runs);
  if (problem) throw new UsageError('--samples/--param', problem.expected, problem.found);
}

/** File-system errors that mean the path is not usable as given (rather than the disk failing). */
const PATH_PROBLEMS = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'EEXIST', 'ENAMETOOLONG', 'ELOOP']);

/** An error from a file-system call (it names the call and the path). */
function isFileSystemError(error: unknown): error is Error & { code: string; syscall: string; path: string } {
  const e = error as { code?: unknown; syscall?: unknown; path?: unknown } | null;
  return error instanceof Error && typeof e?.code === 'string' && typeof e.syscall === 'string' && typeof e.path === 'string';
}


/** Runs the CLI and returns its exit code. Never throws for a user's mistake. */
export async function runCli(argv: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  setInvocation(argv);
  try {
    await buildParser(argv, (c) => (code = c)).parseAsync();
    return code;
  } catch (error) {
    if (error instanceof InputError) {
      for (const issue of error.issues) say(formatIssue(issue));
      const n = error.issues.length;
      say(`${n} problem${n === 1 ? '' : 's'} found.`);
      if (error instanceof UsageError) say(`Run "hiresim ${argv.find((a) => (COMMANDS as readonly string[]).includes(a)) ?? ''} --help" for the options.`.replace('hiresim  --help', 'hiresim --help'));
      return EXIT.badInput;
    }
    if (isFileSystemError(error)) {
      // A path the user gave (--out, --html, --results, a shard) that cannot be used: no stack trace,
      // and in the format of every input problem. Anything else (a full disk, an I/O error) is a failure.
      const theirs = PATH_PROBLEMS.has(error.code);
      const reason = error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/s, '');
      if (!theirs) {
        say(`hiresim: ${error.message}`);
        return EXIT.failure;
      }
      say(formatIssue({ file: error.path, line: 0, column: 0, path: '', expected: `a path hiresim can ${error.syscall === 'open' || error.syscall === 'mkdir' || error.syscall === 'rename' ? 'write (its directory must exist or be creatable, and be writable)' : 'use'}`, found: `${reason} (${error.code} in ${error.syscall})` }));
      say('1 problem found.');
      return EXIT.badInput;
    }
    say(`hiresim: internal error: ${(error as Error)?.stack ?? String(error)}`);
    say('This is a bug in hiresim; please report it with the command line above.');
    return EXIT.failure;
  }
}
