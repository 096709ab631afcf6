import { readSweepResults, summarizeSweep } from '../../studies/sweep/summarize.js';
import { formatSweepSummary } from '../../output/sweep-summary-terminal.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, useColor } from '../io.js';

export interface SweepSummarizeOptions {
  readonly results: string;
  readonly year?: number;
  readonly by?: number;
  readonly json: boolean;
}

/** `hiresim sweep summarize FILE.jsonl [--year Y] [--by YEAR] [--json]`. */
export async function sweepSummarizeCommand(options: SweepSummarizeOptions): Promise<ExitCode> {
  const summary = summarizeSweep(readSweepResults(options.results), { year: options.year, by: options.by });
  await out(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSweepSummary(summary, { color: useColor() }));
  return EXIT.ok;
}
