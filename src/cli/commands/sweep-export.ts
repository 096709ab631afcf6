import { writeFileAtomic } from '../../output/files.js';
import { exportIssues, sweepCsv } from '../../output/sweep-export.js';
import { InputError, readInputText } from '../../scenario/issues.js';
import { readResultLines } from '../../studies/sweep/result-lines.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, say } from '../io.js';

export interface SweepExportOptions {
  readonly results: string;
  /** Write here (atomically) instead of stdout. */
  readonly out?: string;
}

/**
 * `hiresim sweep export FILE.jsonl --csv [--out FILE.csv]`: the results of a sweep or sensitivity
 * study as tidy CSV. Every problem of the file (a malformed or half-written line, lines of another
 * study, a band that is not numbers) is exit 2 at FILE:LINE before anything is written.
 */
export async function sweepExportCommand(options: SweepExportOptions): Promise<ExitCode> {
  const text = readInputText(options.results, 'results file (JSON lines written by hiresim sweep --out or hiresim sensitivity --results)');
  if (typeof text !== 'string') throw new InputError([text]);
  const { lines, issues } = readResultLines(options.results, text, { halfWrittenLastLine: 'report', emptyFile: 'report' });
  const all = [...issues, ...exportIssues(lines)];
  if (all.length > 0) throw new InputError(all);
  const csv = sweepCsv(lines);
  if (options.out === undefined) {
    await out(csv);
    return EXIT.ok;
  }
  writeFileAtomic(options.out, csv);
  say(`wrote ${csv.split('\n').length - 2} rows (${lines.length} points) to ${options.out}`);
  return EXIT.ok;
}
