/** `hiresim validate <files..>`: every problem of scenario files at once. */
import { setOption } from '../options.js';
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
  'Examples:',
  '  hiresim validate scenarios/baseline.yaml',
  '  hiresim validate scenarios/*.yaml',
  '  hiresim validate my.yaml --set demand.growth=0.1',
  '',
  'Checks each file (and what it extends) against the scenario schema. Every problem is printed',
  'as FILE:LINE:COL path: expected …, found …. Exit 0 when all are valid, 2 when any is not.',
  '',
  'Usage: hiresim validate <files..> [--set path=value]…',
]);

export const validate = defineCommand({
  command: 'validate <files..>',
  describe: 'Check scenario files and report every problem at once',
  builder: (y) => setOption(y.usage(USAGE).positional('files', { type: 'string', array: true, demandOption: true, description: 'Scenario files (YAML or JSON)' })),
  run: async (args) => {
    const { validateCommand } = await import('../commands/validate.js');
    return validateCommand({ files: args.files as string[], overrides: args.set ?? [] });
  },
});
