/** `hiresim merge <files..> --out FILE.jsonl`: the shards of a sweep as one results file. */
import { checkWholeNumber } from '../options.js';
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
  'Examples:',
  '  hiresim merge results/shard-*.jsonl --shards 8 --out results/merged.jsonl',
  '',
  'Checks that the shards belong to one run list (scenario hash, design, seed, replications and',
  'size), that no run is missing (naming the missing shard ids when --shards is given) or',
  'duplicated, then writes the lines sorted by run index, atomically.',
  '',
  'Usage: hiresim merge <files..> --out FILE.jsonl [--shards N]',
]);

export const merge = defineCommand({
  command: 'merge <files..>',
  describe: 'Merge the shards of a sweep into one results file, identical to the sweep run on one machine',
  builder: (y) =>
    y
      .usage(USAGE)
      .positional('files', { type: 'string', array: true, demandOption: true, description: 'Shard results files (JSON lines)' })
      .option('out', { type: 'string', requiresArg: true, demandOption: true, description: 'The merged results file' })
      .option('shards', { type: 'string', requiresArg: true, description: 'How many shards the sweep was split into (to name missing shards)' })
      .check((args) => {
        checkWholeNumber('--shards', args.shards);
        return true;
      }),
  run: async (args) => {
    const { mergeCommand } = await import('../commands/merge.js');
    return mergeCommand({ files: args.files as string[], out: args.out, shards: args.shards === undefined ? undefined : Number(args.shards) });
  },
});
