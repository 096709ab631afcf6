/**
 * How far a study submitted with `hiresim slurm sweep|sensitivity` has got, from its directory
 * alone: the plan written at submission (study.json), the points in each shard file, the merged
 * file and, for sensitivity, the indices. Slurm knows which tasks run; only the files know how
 * many points are done. Nothing is modified: a half-written last line (a task still writing, or
 * killed) is counted as not done.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeValue, InputError, jsonErrorPosition, readInputText } from '../scenario/issues.js';
import { parseResultLines } from '../studies/sweep/result-lines.js';
import type { SlurmStudy } from './sbatch.js';

/** What `hiresim slurm …` records in DIR/study.json. */
export interface StudyPlan {
  readonly study: SlurmStudy;
  readonly tasks: number;
  /** Entries in the run list. */
  readonly runs: number;
  /** The study's arguments, as each task passes them to `hiresim <study>`. */
  readonly args: readonly string[];
  readonly hiresim: string;
}

export const PLAN_FILE = 'study.json';

export interface ShardStatus {
  readonly task: number;
  readonly file: string;
  readonly done: number;
  readonly expected: number;
  /** Lines that are not results of this study (hiresim merge names them). */
  readonly badLines: number;
}

export interface StudyStatus {
  readonly dir: string;
  readonly plan: StudyPlan;
  readonly shards: readonly ShardStatus[];
  readonly done: number;
  /** Runs in DIR/merged.jsonl, or null before the merge job has written it. */
  readonly merged: number | null;
  /** Sensitivity only: DIR/sensitivity.json has been written. */
  readonly indices: boolean;
}

/** Entries of a run list of `runs` entries in shard `task` of `tasks` (index ≡ task mod tasks). */
export function shardSize(runs: number, task: number, tasks: number): number {
  return task < runs ? Math.floor((runs - 1 - task) / tasks) + 1 : 0;
}

export function studyStatus(dir: string): StudyStatus {
  const planFile = join(dir, PLAN_FILE);
  if (!existsSync(planFile)) {
    throw new InputError([{ file: dir, line: 0, column: 0, path: '(root)', expected: `a study directory of hiresim slurm sweep|sensitivity (with ${PLAN_FILE})`, found: existsSync(dir) ? `no ${PLAN_FILE}` : 'no such directory' }]);
  }
  const plan = readPlan(planFile);
  const shards = Array.from({ length: plan.tasks }, (_, task): ShardStatus => {
    const file = join(dir, `shard-${task}.jsonl`);
    const expected = shardSize(plan.runs, task, plan.tasks);
    if (!existsSync(file)) return { task, file, done: 0, expected, badLines: 0 };
    const text = readInputText(file, 'shard results file');
    if (typeof text !== 'string') throw new InputError([text]);
    const { lines, issues } = parseResultLines(file, text, { halfWrittenLastLine: 'drop' });
    // A task re-run on a finished shard appends nothing, so a line per index is a line per point.
    const done = new Set(lines.filter((l) => l.value.index % plan.tasks === task && l.value.runs === plan.runs).map((l) => l.value.index)).size;
    return { task, file, done, expected, badLines: issues.length + lines.length - done };
  });
  const mergedFile = join(dir, 'merged.jsonl');
  const merged = existsSync(mergedFile) ? readFileSync(mergedFile, 'utf8').split('\n').length - 1 : null;
  return {
    dir,
    plan,
    shards,
    done: shards.reduce((sum, s) => sum + s.done, 0),
    merged,
    indices: plan.study === 'sensitivity' && existsSync(join(dir, 'sensitivity.json')),
  };
}

/** DIR/study.json, checked: a file edited or cut by hand is exit 2 at its position, not a crash. */
function readPlan(file: string): StudyPlan {
  const text = readInputText(file, `plan of hiresim slurm (${PLAN_FILE})`);
  if (typeof text !== 'string') throw new InputError([text]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const [line, column] = jsonErrorPosition(text, (error as Error).message);
    throw new InputError([{ file, line, column, path: '(root)', expected: 'the JSON plan written by hiresim slurm sweep|sensitivity', found: (error as Error).message }]);
  }
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const wholeAtLeast = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min;
  const problem =
    o.study !== 'sweep' && o.study !== 'sensitivity'
      ? ['study', 'sweep or sensitivity', o.study]
      : !wholeAtLeast(o.tasks, 1)
        ? ['tasks', 'a whole number ≥ 1', o.tasks]
        : !wholeAtLeast(o.runs, 0)
          ? ['runs', 'a whole number ≥ 0', o.runs]
          : undefined;
  if (problem) throw new InputError([{ file, line: 1, column: 1, path: problem[0] as string, expected: problem[1] as string, found: describeValue(problem[2]) }]);
  return value as StudyPlan;
}
