import { mergeShards } from '../../studies/sweep/merge.js';
import { writeFileAtomic } from '../../output/files.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { say } from '../io.js';

/** `hiresim merge SHARD… --out FILE.jsonl`: one results file, identical to a single-machine sweep. */
export async function mergeCommand(options: { files: readonly string[]; out: string; shards?: number }): Promise<ExitCode> {
  const text = mergeShards(options.files, options.shards);
  writeFileAtomic(options.out, text);
  say(`merged ${text.split('\n').length - 1} runs from ${options.files.length} file(s) into ${options.out}`);
  return EXIT.ok;
}
