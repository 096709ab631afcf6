import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { InputError } from '../../scenario/issues.js';
import { analyseSensitivity, defaultSensitivitySamples, planSensitivity, runSensitivity, sensitivityArgs, type Method, type SensitivityPlan, type SensitivitySummary } from '../../studies/sensitivity.js';
import { runIntoFile } from '../../studies/sweep/run-into-file.js';
import { shardOf } from '../../studies/sweep/run-list.js';
import { formatSensitivity, rerunAdvice } from '../../output/sensitivity-terminal.js';
import { provenance, withProvenance } from '../../output/provenance.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, say, useColor, writeOut } from '../io.js';
import { planProgress } from '../progress.js';
import { checkYears, loadWithRanges, type SimulationOptions } from '../simulation-options.js';

export interface SensitivityCommandOptions extends SimulationOptions {
  readonly file: string;
  readonly method: Method;
  readonly params: readonly string[];
  readonly samples?: number;
  readonly year?: number;
  /** Keep each point's result in this JSON-lines file (the sweep format). */
  readonly results?: string;
  readonly resume: boolean;
  /** Run only this shard of the design into --results; the indices come after merging. */
  readonly shard?: { readonly index: number; readonly of: number };
  readonly json: boolean;
}

/**
 * `hiresim sensitivity SCENARIO --method morris|sobol --param …`. With --results FILE, the points'
 * results go to FILE as they finish, so a killed study resumes (--resume) and a cluster runs the
 * design in shards (--shard I/N) whose merged file gives the indices without running anything.
 */
export async function sensitivityCommand(options: SensitivityCommandOptions): Promise<ExitCode> {
  const { overrides, loaded, ranges } = loadWithRanges(options.file, options.params, options);
  const { scenario } = loaded;
  const year = options.year ?? Math.min(scenario.horizon, scenario.baseYear + 5);
  checkYears(scenario, [year], '--year', { projection: true });
  const samples = options.samples ?? defaultSensitivitySamples(options.method);
  const plan = planSensitivity(loaded, ranges, options.method, samples, year);
  if (options.results === undefined) {
    const progress = announce(plan, plan.runs.length, options.threads);
    const summary = await runSensitivity({ loaded, overrides, ranges, method: options.method, samples, year, threads: options.threads, onProgress: (d, t) => progress.update(d, t) }).finally(() => progress.finish());
    return report(summary, plan, overrides, options);
  }
  const mine = options.shard ? shardOf(plan.runs, options.shard.index, options.shard.of) : plan.runs;
  // runIntoFile refuses this too, but only after the plan line would have said the study runs.
  if (!options.resume && existsSync(options.results) && statSync(options.results).size > 0) {
    throw new InputError([{ file: options.results, line: 1, column: 1, path: '(root)', expected: 'a new results file (or --resume to continue this one)', found: 'an existing file with results' }]);
  }
  const progress = announce(plan, mine.length, options.threads, options.shard);
  const result = await runIntoFile({
    list: { runs: plan.runs, design: plan.design, scenarioHash: loaded.hash, baseYear: scenario.baseYear, horizon: scenario.horizon },
    mine,
    out: options.results,
    resume: options.resume,
    scenarioFile: options.file,
    overrides,
    years: [year],
    threads: options.threads,
    // The lines record the same canonical command as sensitivity.json, however the options were ordered.
    provenance: provenance('sensitivity', [plan.loaded], overrides, { argv: sensitivityArgs(plan, overrides) }),
    onProgress: (d, t) => progress.update(d, t),
  }).finally(() => progress.finish());
  if (result.resumed > 0) say(`resumed: ${result.resumed} point(s) were already in ${options.results}`);
  if (options.shard) {
    say(`${result.ran} point(s) written to ${options.results} (${mine.length} in shard ${options.shard.index}/${options.shard.of} of ${plan.runs.length})`);
    say('the indices need every point: merge the shards (hiresim merge), then run this command again with --results MERGED --resume and without --shard');
    return EXIT.ok;
  }
  return report(analyseSensitivity(plan, result.lines, { overrides }), plan, overrides, options);
}

/**
 * The plan line: the design's points × replications, on how many threads (one point a thread);
 * progress is counted in points. With --results, points already in the file are skipped, so the
 * estimate may end early ("done in").
 */
function announce(plan: SensitivityPlan, points: number, threads: number | undefined, shard?: { readonly index: number; readonly of: number }) {
  const { scenario } = plan.loaded;
  const d = plan.ranges.length;
  const design = plan.method === 'sobol' ? `${plan.samples} base rows × (${d} + 2)` : `${plan.samples} trajectories × (${d} + 1)`;
  const on = Math.max(1, Math.min(threads ?? availableParallelism(), points));
  const part = shard ? `, shard ${shard.index}/${shard.of}: ${points} of them` : '';
  const text = `sensitivity: ${plan.method}, ${design} = ${plan.runs.length} points${part} × ${scenario.replications} replication${scenario.replications === 1 ? '' : 's'} of "${scenario.name}" at 1 agent = ${scenario.scale} person${scenario.scale === 1 ? '' : 's'} on ${on} thread${on === 1 ? '' : 's'}`;
  return planProgress(text, { parallel: on, unit: 'points' });
}

/**
 * Prints the indices (table or JSON) and writes sensitivity.json with --out; both start with the
 * provenance, whose command is the study's canonical one (the same however its options were ordered).
 */
async function report(summary: SensitivitySummary, plan: SensitivityPlan, overrides: readonly string[], options: SensitivityCommandOptions): Promise<ExitCode> {
  const record = provenance('sensitivity', [plan.loaded], overrides, { argv: sensitivityArgs(plan, overrides) });
  const json = `${JSON.stringify(withProvenance(summary, record), null, 2)}\n`;
  writeOut(options.out, { 'sensitivity.json': json });
  // The table shows the warnings; JSON holds them too, but a script's user reads stderr.
  if (options.json && summary.warnings.length > 0) say(rerunAdvice(summary.warnings, summary).replace('marked ! above', 'listed under "warnings" in the JSON'));
  await out(options.json ? json : formatSensitivity(summary, { color: useColor() }));
  return EXIT.ok;
}
