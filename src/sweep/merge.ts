/**
 * Merging the shards of a sweep (`--shard I/N` files, e.g. from a Slurm job
 * array) into one file identical to the same sweep run on one machine: the
 * lines of every shard, sorted by run-list index. The shards must belong to
 * one run list (same scenario, design, seed, replications and size), and
 * together hold every run exactly once.
 */
import { readFileSync } from 'node:fs';
import { InputError, type InputIssue } from '../scenario/issues.js';

interface Line {
  readonly runId: string;
  readonly index: number;
  readonly runs: number;
  readonly scenario: string;
  readonly design: string;
  readonly seed: number | string;
  readonly replications: number;
}

/** The merged text, or an InputError naming every problem (missing shards, duplicates, foreign lines). */
export function mergeShards(files: readonly string[], shards?: number): string {
  const issues: InputIssue[] = [];
  const lines: { text: string; line: Line; file: string; at: number }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      issues.push({ file, line: 1, column: 1, path: '(root)', expected: 'a readable shard results file', found: 'no such file' });
      continue;
    }
    if (text.length > 0 && !text.endsWith('\n')) {
      issues.push({ file, line: text.split('\n').length, column: 1, path: '(root)', expected: 'complete lines (finish the shard with --resume)', found: 'a half-written last line' });
      continue;
    }
    text.split('\n').slice(0, -1).forEach((raw, k) => {
      try {
        const line = JSON.parse(raw) as Line;
        if (typeof line.runId !== 'string' || !Number.isInteger(line.index) || !Number.isInteger(line.runs)) throw new Error('fields');
        lines.push({ text: raw, line, file, at: k + 1 });
      } catch {
        issues.push({ file, line: k + 1, column: 1, path: '(root)', expected: 'a sweep result line (JSON with runId, index and runs)', found: JSON.stringify(raw.slice(0, 50)) });
      }
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  if (lines.length === 0) throw new InputError([{ file: files[0] ?? '(none)', line: 1, column: 1, path: '(root)', expected: 'shards with results', found: 'no result lines' }]);

  // One run list: the first line's identity is the reference.
  const [first] = lines;
  const identity = (l: Line) => JSON.stringify([l.scenario, l.design, l.seed, l.replications, l.runs]);
  for (const l of lines) {
    if (identity(l.line) !== identity(first.line)) {
      issues.push({ file: l.file, line: l.at, column: 1, path: 'scenario, design, seed, replications, runs', expected: `the sweep of ${first.file} (${identity(first.line)})`, found: identity(l.line) });
    }
  }
  const byIndex = new Map<number, (typeof lines)[number]>();
  for (const l of lines) {
    const seen = byIndex.get(l.line.index);
    if (seen) issues.push({ file: l.file, line: l.at, column: 1, path: 'index', expected: `each run once (run ${l.line.index} is also at ${seen.file}:${seen.at})`, found: 'a duplicate' });
    else byIndex.set(l.line.index, l);
  }
  const total = first.line.runs;
  const missing = Array.from({ length: total }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
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
  return `${[...byIndex.values()].sort((a, b) => a.line.index - b.line.index).map((l) => l.text).join('\n')}\n`;
}
