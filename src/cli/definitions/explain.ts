/** `hiresim explain <file> [paths..]`: the resolved scenario, every parameter with its source. */
import { scenarioFile, setOption } from '../options.js';
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
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
]);

export const explain = defineCommand({
  command: 'explain <file> [paths..]',
  describe: 'Print the resolved scenario: every parameter with its value, unit and source, or only the parts named',
  builder: (y) =>
    setOption(scenarioFile(y.usage(USAGE)).positional('paths', { type: 'string', array: true, description: 'Show only these subtrees: a section (wages) or a dotted path (demand.growth)' }))
      .option('json', { type: 'boolean', default: false, description: 'Print one JSON object instead of the table' }),
  run: async (args) => {
    const { explainCommand } = await import('../commands/explain.js');
    return explainCommand({ file: args.file, paths: (args.paths as string[] | undefined) ?? [], overrides: args.set ?? [], json: args.json });
  },
});
