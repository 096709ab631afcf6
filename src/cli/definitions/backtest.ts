/** `hiresim backtest <file> --observed FILE.csv`: the model's band against observed series. */
import { checkCounts, scenarioFile, simulationArgs, simulationOptions } from '../options.js';
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
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
]);

export const backtest = defineCommand({
  command: 'backtest <file>',
  describe: 'Compare the model with observed series: does its 10–90% band cover what happened, in history and projection years?',
  builder: (y) =>
    simulationOptions(
      scenarioFile(y.usage(USAGE)).option('observed', { type: 'string', requiresArg: true, demandOption: true, description: 'Observed series (CSV: series,year,value,unit,metric,compare,base,source,label)' }),
      { threads: 'Worker threads (default: all cores); results identical for any' },
    )
      .option('json', { type: 'boolean', description: 'Print the backtest as one JSON object' })
      .option('out', { type: 'string', requiresArg: true, description: 'Also write backtest.json and backtest.csv (one row per compared observation) to this directory' })
      .check((args) => {
        checkCounts(args);
        return true;
      }),
  run: async (args) => {
    const { backtestCommand } = await import('../commands/backtest.js');
    return backtestCommand({ file: args.file, observed: args.observed, ...simulationArgs(args), json: args.json === true, out: args.out });
  },
});
