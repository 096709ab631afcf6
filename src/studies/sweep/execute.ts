/**
 * Runs a sweep's points on the engine — every replication of every point is one engine run — and
 * hands each point's summary over in run-list order (points that finish early wait for their
 * predecessors), so the results file is the same for any thread count and a killed sweep leaves a
 * prefix that --resume continues.
 */
import { execute } from '../../engine/execute.js';
import type { ResolvedScenario, Run as EngineRun, RunList } from '../../engine/runs.js';
import { scenarioLoader } from '../../scenario/load.js';
import { summarizePoint, type PointSummary } from './point.js';
import { overrideFor } from './param-spec.js';
import type { Run } from './run-list.js';

export interface ExecuteOptions {
  readonly file: string;
  /** Overrides applied to every point before its parameters. */
  readonly overrides: readonly string[];
  readonly years: readonly number[];
  readonly threads?: number;
  /** Receives each finished point, in run-list order. */
  readonly onResult: (run: Run, summary: PointSummary) => void;
}

/** The scenario of one point: the sweep's overrides, then the point, seed and replications. */
function loadPoint(load: (overrides: readonly string[]) => ResolvedScenario, run: Run, options: ExecuteOptions): ResolvedScenario {
  return load([...options.overrides, ...Object.entries(run.point).map(([path, value]) => overrideFor(path, value)), `seed=${JSON.stringify(run.seed)}`, `replications=${run.replications}`]);
}

export async function executeRuns(runs: readonly Run[], options: ExecuteOptions): Promise<void> {
  // The scenario file is read once; each point is its overrides applied to it and validated.
  const load = scenarioLoader(options.file);
  // Engine run ids: point k's replications are offsets[k] … offsets[k + 1] − 1.
  const offsets = new Float64Array(runs.length + 1);
  runs.forEach((run, k) => (offsets[k + 1] = offsets[k] + run.replications));
  // Points being run: loaded when their first replication is handed out, dropped once summarised.
  const open = new Map<number, { scenario: ResolvedScenario; values: Float64Array[]; left: number }>();
  let point = 0;
  const list: RunList = {
    count: offsets[runs.length],
    run(runId) {
      // Handed out in order: the next point starts when the previous one's replications are out.
      while (runId >= offsets[point + 1]) point++;
      if (!open.has(point)) open.set(point, { scenario: loadPoint(load, runs[point], options), values: new Array(runs[point].replications), left: runs[point].replications });
      const { scenario } = open.get(point)!;
      return { runId, scenarioId: point, scenario, replication: runId - offsets[point], seed: runs[point].seed };
    },
  };
  const done = new Map<number, PointSummary>();
  let written = 0;
  const finished = (run: EngineRun, values: Float64Array) => {
    const entry = open.get(run.scenarioId)!;
    entry.values[run.replication] = values;
    if (--entry.left > 0) return;
    open.delete(run.scenarioId);
    done.set(run.scenarioId, summarizePoint(entry.scenario.scenario, entry.values, options.years));
    while (done.has(written)) {
      options.onResult(runs[written], done.get(written)!);
      done.delete(written++);
    }
  };
  await execute(list, finished, { threads: options.threads });
}
