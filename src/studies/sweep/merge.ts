/**
 * Merging the shards of a sweep (`--shard I/N` files, e.g. from a Slurm job
 * array) into one file identical to the same sweep run on one machine: the
 * lines of every shard, sorted by run-list index. The shards must belong to
 * one run list (same scenario, design, seed, replications and size), and
 * together hold every run exactly once.
 */
import { InputError, readInputText, type InputIssue } from '../../scenario/issues.js';
import { checkOneSweep, parseResultLines, type ParsedLine } from './result-lines.js';

/** The merged text, or an InputError naming every problem (missing shards, duplicates, foreign lines). */
export function mergeShards(files: readonly string[], shards?: number): string {
  const issues: InputIssue[] = [];
  const lines: ParsedLine[] = [];
  for (const file of files) {
    const text = readInputText(file, 'shard results file');
    if (typeof text !== 'string') {
      issues.push(text);
      continue;
    }
    const parsed = parseResultLines(file, text, { halfWrittenLastLine: 'report' });
    issues.push(...parsed.issues);
    lines.push(...parsed.lines);
  }
  if (issues.length > 0) throw new InputError(issues);
  const [first] = lines;
  if (first === undefined) throw new InputError([{ file: files[0] ?? '(none)', line: 1, column: 1, path: '(root)', expected: 'shards with results', found: 'no result lines' }]);

  // One run list: the first line's identity is the reference, across every shard.
  issues.push(...checkOneSweep(lines));
  const total = first.value.runs;
  const indices = new Set(lines.map((l) => l.value.index));
  const missing = Array.from({ length: total ?? 0 }, (_, i) => i).filter((i) => !indices.has(i));
  if (total === undefined) {
    issues.push({ file: first.file, line: first.line, column: 1, path: 'runs', expected: 'the length of the run list (lines written before hiresim merge existed lack it: run the sweep again)', found: 'nothing' });
  } else if (missing.length > 0) {
    const shardIds = shards ? [...new Set(missing.map((i) => i % shards))].sort((a, b) => a - b) : undefined;
    issues.push({
      file: files.join(' '),
      line: 1,
      column: 1,
      path: '(runs)',
      expected: `all ${total} runs of the sweep`,
      found: `${missing.length} missing${shardIds ? ` (shard${shardIds.length > 1 ? 's' : ''} ${shardIds.join(', ')} of ${shards})` : ''}: run ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  return `${[...lines].sort((a, b) => a.value.index - b.value.index).map((l) => l.text).join('\n')}\n`;
}
