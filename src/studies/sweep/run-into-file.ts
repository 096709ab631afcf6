/**
 * Running a run list (or one shard of it) into a results file: the lines
 * already there are kept (`resume`), the missing entries run and each appends
 * its line as it finishes. Sweeps and sensitivity studies share this, so a
 * shard on a cluster node, a resumed run and a single-machine run all write
 * the same lines.
 */
import { existsSync, statSync } from 'node:fs';
import { lockFile } from '../../output/files.js';
import { provenance as provenanceOf, type Provenance } from '../../output/provenance.js';
import { InputError } from '../../scenario/issues.js';
import { loadScenario } from '../../scenario/load.js';
import { commandDifference } from './command-difference.js';
import { executeRuns } from './execute.js';
import type { PointSummary } from './point.js';
import { readForResume, ResultsWriter } from './results-file.js';
import type { SweepLine } from './result-lines.js';
import { DESIGNS, type Run } from './run-list.js';

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
  /**
   * The record every line ends with, so that a reader reproduces the study from any line. It must
   * not depend on the shard, threads or results file (provenance() leaves those options out), so
   * that merged shards equal the study run on one machine. Default: the provenance of this
   * process's command line for the scenario file and overrides.
   */
  readonly provenance?: Provenance;
  /** Called once the existing lines are read, before any run: how many entries of `mine` run now, and how many were already done. */
  readonly onStart?: (toRun: number, resumed: number) => void;
  /** Entries of `mine` finished so far (resumed ones included) of all of `mine`. */
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
  // Held from before the file is first looked at until the last line is written: a second sweep on
  // the same file is refused rather than appending a second copy of every line.
  const release = lockFile(options.out);
  try {
    return await runLocked(options);
  } finally {
    release();
  }
}

async function runLocked(options: RunIntoFileOptions): Promise<RunIntoFileResult> {
  const { list, mine, out } = options;
  if (!options.resume && existsSync(out) && statSync(out).size > 0) {
    throw new InputError([{ file: out, line: 1, column: 1, path: '(root)', expected: 'a new results file (or --resume to continue this one)', found: 'an existing file with results' }]);
  }
  // Checked lines of one run list, each run once (result-lines.ts); a half-written last line is cut off.
  const existing = options.resume ? readForResume(out) : [];
  const record = options.provenance ?? defaultProvenance(options);
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
    // Same runs but another command line (other options, or written before provenance was
    // recorded): appending would leave one file with two reproducing commands.
    if (line.provenance === undefined) {
      throw new InputError([{ file: out, line: k + 1, column: 1, path: 'provenance', expected: `lines that record the command of this study (${record.command})`, found: 'a line without provenance, written by an earlier hiresim: run the study into a new results file' }]);
    }
    if (line.provenance.command !== record.command) {
      // Where the two differ, not the other command whole: cut at the message limit, the whole
      // command would hide a difference near its end. The other command follows, as far as it fits.
      const where = commandDifference(record.argv, line.provenance.argv);
      const expected = where ? `results of this command (${where.expected})` : `results of this command (${record.command})`;
      const found = where ? `results of another command (${where.found}): resume with that command, or write to a new file; it is ${line.provenance.command}` : `results of another command (${line.provenance.command}): resume with that command, or write to a new file`;
      throw new InputError([{ file: out, line: k + 1, column: 1, path: 'provenance.command', expected, found }]);
    }
    finished.add(line.index);
  });

  const todo = mine.filter((run) => !finished.has(run.index));
  options.onStart?.(todo.length, mine.length - todo.length);
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
          // Last: the same on every line, so the fields that tell lines apart stay at their start.
          provenance: record,
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

/**
 * The provenance of a caller that passes none (hiresim sensitivity): the CLI's command line with
 * the scenario as the runs load it. Without a CLI invocation (a library caller), the command is
 * rebuilt from the subcommand, named after the design (sweeps use grid, lhs or sobol).
 */
function defaultProvenance(options: RunIntoFileOptions): Provenance {
  const loaded = loadScenario(options.scenarioFile, { overrides: options.overrides });
  const study = (DESIGNS as readonly string[]).includes(options.list.design) ? 'sweep' : 'sensitivity';
  return provenanceOf(study, [loaded], options.overrides);
}
