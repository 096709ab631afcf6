/**
 * Running a run list (or one shard of it) into a results file: the lines
 * already there are kept (`resume`), the missing entries run and each appends
 * its line as it finishes. Sweeps and sensitivity studies share this, so a
 * shard on a cluster node, a resumed run and a single-machine run all write
 * the same lines.
 */
import { existsSync, statSync } from 'node:fs';
import { InputError } from '../scenario/issues.js';
import { executeRuns } from './execute.js';
import type { PointSummary } from './point.js';
import { readForResume, ResultsWriter } from './results-file.js';
import type { SweepLine } from './result-lines.js';
import type { Run } from './run-list.js';

/** What every line of one run list records besides its run and results. */
export interface RunListIdentity {
  /** Every entry of the run list (a shard's lines still record the whole list's size). */
  readonly runs: readonly Run[];
  readonly design: string;
  readonly scenarioHash: string;
  readonly baseYear: number;
  readonly horizon: number;
}

export interface RunIntoFileOptions {
  readonly list: RunListIdentity;
  /** The entries this process is responsible for: the whole list or one shard. */
  readonly mine: readonly Run[];
  /** The results file (JSON lines). */
  readonly out: string;
  /** Continue an existing file; without it, a file that already holds results is an error. */
  readonly resume: boolean;
  /** Scenario file and overrides every run starts from. */
  readonly scenarioFile: string;
  readonly overrides: readonly string[];
  /** Years whose gap and pay each line records. */
  readonly years: readonly number[];
  readonly threads?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface RunIntoFileResult {
  /** Lines that were already in the file. */
  readonly resumed: number;
  /** Runs executed now. */
  readonly ran: number;
  /** Every complete line of the file afterwards, by run-list index. */
  readonly lines: readonly SweepLine[];
}

export async function runIntoFile(options: RunIntoFileOptions): Promise<RunIntoFileResult> {
  const { list, mine, out } = options;
  if (!options.resume && existsSync(out) && statSync(out).size > 0) {
    throw new InputError([{ file: out, line: 1, column: 1, path: '(root)', expected: 'a new results file (or --resume to continue this one)', found: 'an existing file with results' }]);
  }
  // Checked lines of one run list, each run once (result-lines.ts); a half-written last line is cut off.
  const existing = options.resume ? readForResume(out) : [];
  // A line belongs to this run list when its id is the one this list gives its index, and it
  // records the years asked for (the run id covers the inputs, not which years are recorded).
  // (Year keys of a JSON object come back ascending and once each, whatever order they were asked in.)
  const years = [...new Set(options.years)].sort((a, b) => a - b).join(',');
  const finished = new Set<number>();
  existing.forEach((line, k) => {
    const run = list.runs[line.index] as Run | undefined;
    const recorded = Object.keys(line.gap).join(',');
    if (run?.runId !== line.runId) {
      throw new InputError([{ file: out, line: k + 1, column: 1, path: 'runId', expected: 'results of this run list (same scenario, parameters, design, samples, seed and replications)', found: `run ${line.runId} at index ${line.index}, from another run list` }]);
    }
    if (recorded !== years) {
      throw new InputError([{ file: out, line: k + 1, column: 1, path: 'gap', expected: `results recorded for the years ${years}`, found: `the years ${recorded}` }]);
    }
    finished.add(line.index);
  });

  const todo = mine.filter((run) => !finished.has(run.index));
  const written: SweepLine[] = [];
  const writer = new ResultsWriter(out);
  let done = mine.length - todo.length;
  try {
    await executeRuns(todo, {
      file: options.scenarioFile,
      overrides: options.overrides,
      years: options.years,
      threads: options.threads,
      onResult: (run, summary) => {
        const line: SweepLine & PointSummary = {
          runId: run.runId,
          index: run.index,
          runs: list.runs.length,
          scenario: list.scenarioHash,
          design: list.design,
          seed: run.seed,
          replications: run.replications,
          baseYear: list.baseYear,
          horizon: list.horizon,
          point: run.point,
          ...summary,
        };
        writer.append(line);
        written.push(line);
        options.onProgress?.(++done, mine.length);
      },
    });
  } finally {
    writer.close();
  }
  return { resumed: existing.length, ran: todo.length, lines: [...existing, ...written].sort((a, b) => a.index - b.index) };
}
