/** `hiresim compare <reference> <scenario..>`: paired differences on common random numbers. */
import { checkCounts, simulationArgs, simulationOptions } from '../options.js';
import { UsageError } from '../usage-error.js';
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
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
]);

export const compare = defineCommand({
  command: 'compare <files..>',
  describe: 'Compare scenarios on the same random numbers: paired differences against the first, and which closes the gap fastest',
  builder: (y) =>
    simulationOptions(
      y.usage(USAGE).positional('files', { type: 'string', array: true, demandOption: true, description: 'Scenario files; the first is the reference' }),
      {
        reps: 'Replications for every scenario (default: the reference\'s)',
        seed: 'Master seed for every scenario (default: the reference\'s)',
        set: 'Override a field in every scenario: path=value (repeatable)',
      },
    )
      .option('json', { type: 'boolean', description: 'Print the comparison as one JSON object' })
      .option('csv', { type: 'boolean', description: 'Print tidy CSV: scenario,against,year,history,metric,statistic,value' })
      .option('out', { type: 'string', requiresArg: true, description: 'Also write comparison.json and differences.csv to this directory' })
      .conflicts('json', 'csv')
      .check((args) => {
        if ((args.files as string[]).length < 2) throw new UsageError('<scenario..>', 'at least one scenario file after the reference', 'none');
        checkCounts(args);
        return true;
      }),
  run: async (args) => {
    const { compareCommand } = await import('../commands/compare.js');
    return compareCommand({ files: args.files as string[], ...simulationArgs(args), json: args.json === true, csv: args.csv === true, out: args.out });
  },
});
