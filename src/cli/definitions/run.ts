/** `hiresim run <file>`: a Monte Carlo projection of one scenario. */
import { checkCounts, checkYearList, scenarioFile, simulationArgs, simulationOptions } from '../options.js';
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
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
]);

export const run = defineCommand({
  command: 'run <file>',
  describe: 'Project the market year by year over many replications: when does the gap close?',
  builder: (y) =>
    simulationOptions(scenarioFile(y.usage(USAGE)))
      .option('json', { type: 'boolean', description: 'Print the summary as one JSON object' })
      .option('csv', { type: 'boolean', description: 'Print every replication\'s yearly values as tidy CSV (replication,year,history,metric,value)' })
      .option('out', { type: 'string', requiresArg: true, description: 'Also write summary.json, years.csv and runs.csv to this directory, then manifest.json (which makes them one set)' })
      .option('by', { type: 'string', requiresArg: true, description: 'Years for P(closed by Y) in the answer, comma-separated (default: 2030,2035, inside the projection)' })
      .conflicts('json', 'csv')
      .check((args) => {
        checkCounts(args);
        checkYearList('--by', args.by);
        return true;
      }),
  run: async (args) => {
    const { runCommand } = await import('../commands/run.js');
    return runCommand({
      file: args.file,
      ...simulationArgs(args),
      json: args.json === true,
      csv: args.csv === true,
      out: args.out,
      by: args.by === undefined ? undefined : args.by.split(',').map(Number),
    });
  },
});
