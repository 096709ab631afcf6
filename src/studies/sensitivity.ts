/**
 * Sensitivity analysis of the model: Morris elementary effects or Sobol'
 * indices of chosen parameters, on two outputs — the median closing year
 * (a replication-median; when censoring decides it, the year after the
 * horizon, so indices involving censored points are bounds) and the median gap
 * in a chosen year. Every point runs the same replication seeds (common random
 * numbers), so the indices measure the parameters and not the noise.
 */
import { closingYearOrAfter } from '../analysis/closure.js';
import { morrisCandidates, optimisedMorrisTrajectories, saltelliDesign, type MorrisDesign } from '../analysis/design/index.js';
import { morrisEffects, sobolIndices, sobolWarnings, TARGET_WIDTH, type IndexEstimate, type MorrisEffect, type SobolWarning } from '../analysis/sensitivity/index.js';
import { commandLine } from '../output/provenance.js';
import { streamRng } from '../random/seed-tree.js';
import type { LoadedScenario } from '../scenario/load.js';
import { executeRuns } from './sweep/execute.js';
import type { ParamRange } from './sweep/param-spec.js';
import { toRuns, type Run } from './sweep/run-list.js';
import type { PointSummary } from './sweep/point.js';

export const METHODS = ['morris', 'sobol'] as const;
export type Method = (typeof METHODS)[number];

/** --samples when not given: 10 Morris trajectories, or 64 Saltelli base rows. */
export function defaultSensitivitySamples(method: Method): number {
  return method === 'sobol' ? 64 : 10;
}

/** Morris grid levels (p = 4, Δ = 2/3: the usual choice). */
const MORRIS_LEVELS = 4;

export interface OutputSensitivity {
  readonly output: 'closingYear' | 'gap';
  /** The output's unit, which Morris effects share: years, or a share (a fraction: 0.01 is 1 percentage point). */
  readonly unit: 'years' | 'share';
  /** Sobol': first-order and total indices with 95 % bootstrap intervals, per parameter. */
  readonly sobol?: readonly { readonly path: string; readonly first: IndexEstimate; readonly total: IndexEstimate }[];
  /** Morris: μ, μ* and σ per parameter (effects per unit of the parameter's range). */
  readonly morris?: readonly ({ readonly path: string } & Omit<MorrisEffect, 'effects'>)[];
  /** The outputs did not vary over the design: no index can be computed. */
  readonly constant: boolean;
}

export interface SensitivitySummary {
  readonly scenario: { readonly name: string; readonly hash: string; readonly file: string };
  readonly method: Method;
  readonly parameters: readonly ParamRange[];
  /** Base rows (Sobol') or trajectories (Morris). */
  readonly samples: number;
  readonly evaluations: number;
  readonly seed: number | string;
  readonly replications: number;
  readonly year: number;
  readonly note: string;
  readonly outputs: readonly OutputSensitivity[];
  /** Estimates too noisy to read (Sobol' only; see analysis/sensitivity/sobol-reliability.ts), and how to rerun. */
  readonly warnings: readonly SensitivityWarning[];
}

/** An input whose Sobol' estimates for one output are unreliable. */
export interface SensitivityWarning extends SobolWarning {
  readonly output: 'closingYear' | 'gap';
  /** The whole warning in words: output, input, problems, the base rows (and points) that would fix it. */
  readonly message: string;
  /** Points that many base rows take: samples × (d + 2). */
  readonly points: number;
  /** The command that reruns the study with `samples` base rows. */
  readonly command: string;
}

/** A sensitivity study before it runs: its design as a run list, the same on every machine. */
export interface SensitivityPlan {
  readonly loaded: LoadedScenario;
  readonly ranges: readonly ParamRange[];
  readonly method: Method;
  readonly samples: number;
  readonly year: number;
  /** The name its result lines record as their design. */
  readonly design: 'saltelli' | 'morris';
  readonly runs: readonly Run[];
  /** Morris: the trajectories, which the effects are read from. */
  readonly morris?: MorrisDesign;
}

export function planSensitivity(loaded: LoadedScenario, ranges: readonly ParamRange[], method: Method, samples: number, year: number): SensitivityPlan {
  const { scenario } = loaded;
  const d = ranges.length;
  // r trajectories chosen for spread from morrisCandidates(r) random ones (Campolongo et al. 2007).
  const morris = method === 'morris' ? optimisedMorrisTrajectories(samples, d, MORRIS_LEVELS, streamRng(scenario.seed, 0, 'design:morris')) : undefined;
  const design = morris ? 'morris' : 'saltelli';
  const points = morris ? morris.points : saltelliDesign(samples, d).points;
  const runs = toRuns(points, { scenarioHash: loaded.hash, ranges, design, seed: scenario.seed, replications: scenario.replications });
  return { loaded, ranges, method, samples, year, design, runs, morris };
}

/** What a result needs to hold for the analysis (a PointSummary, or a line of a results file): its closing year and its gap in the plan's year. */
export interface PointOutputs {
  readonly closure: { readonly medianYear: number | null };
  readonly gap: Readonly<Record<string, { readonly p50: number }>>;
}

/** The output as the terminal and warnings name it. */
export function outputLabel(output: 'closingYear' | 'gap', year: number): string {
  return output === 'closingYear' ? 'median closing year' : `median gap in ${year}`;
}

/** A range as --param writes it. */
function paramText(r: ParamRange): string {
  return r.kind === 'continuous' ? `${r.path}=${r.low}:${r.high}${r.log ? ':log' : ''}` : `${r.path}=${r.values.join(',')}`;
}

/**
 * The arguments of the command that runs this study (with `samples` base rows or trajectories), in
 * one canonical order and with every choice explicit (--samples, --year, every override as --set,
 * --reps and --seed included): the same study started with its options in another order — by hand,
 * or by a Slurm merge job with --results — records the same command, so its sensitivity.json is
 * byte-identical. Options that only choose threads or where results go are not part of a study.
 */
export function sensitivityArgs(plan: SensitivityPlan, overrides: readonly string[], samples = plan.samples): string[] {
  return ['sensitivity', plan.loaded.file, '--method', plan.method, ...plan.ranges.flatMap((r) => ['--param', paramText(r)]), '--samples', String(samples), '--year', String(plan.year), ...overrides.flatMap((o) => ['--set', o])];
}

/** The command that reruns the study with `samples` base rows (a new design: its points start afresh). */
export function rerunCommand(plan: SensitivityPlan, overrides: readonly string[], samples: number): string {
  return commandLine(sensitivityArgs(plan, overrides, samples));
}

export interface AnalyseOptions {
  /** The overrides the study ran with (for the rerun command of warnings). */
  readonly overrides?: readonly string[];
}

/** The indices from the results of every run of the plan, in run-list order. */
export function analyseSensitivity(plan: SensitivityPlan, results: readonly PointOutputs[], options: AnalyseOptions = {}): SensitivitySummary {
  const { loaded, ranges, method, samples, year, morris, runs } = plan;
  const { scenario } = loaded;
  const d = ranges.length;
  if (results.length !== runs.length) throw new Error(`analyseSensitivity: ${results.length} results for ${runs.length} runs`);
  const outputs = {
    closingYear: results.map((s) => closingYearOrAfter(s.closure.medianYear, scenario.horizon)),
    gap: results.map((s) => s.gap[String(year)].p50),
  };
  const warnings: SensitivityWarning[] = [];
  const analyse = (output: 'closingYear' | 'gap', values: number[]): OutputSensitivity => {
    const unit = output === 'closingYear' ? 'years' : 'share';
    const constant = values.every((v) => v === values[0]);
    if (constant) return { output, unit, constant };
    if (morris) {
      return { output, unit, constant, morris: morrisEffects(morris, values).map(({ effects: _effects, ...effect }, i) => ({ path: ranges[i].path, ...effect })) };
    }
    const indices = sobolIndices(values, d, { rng: streamRng(scenario.seed, 0, `bootstrap:${output}`) });
    const sobol = ranges.map((r, i) => ({ path: r.path, first: indices.first[i], total: indices.total[i] }));
    for (const w of sobolWarnings(sobol, samples)) {
      const points = w.samples * (d + 2);
      warnings.push({
        output,
        ...w,
        message: `${outputLabel(output, year)}, ${w.parameter}: ${w.problems.join('; ')}. About ${w.samples} base rows (${points} points) would narrow its intervals to ${TARGET_WIDTH}.`,
        points,
        command: rerunCommand(plan, options.overrides ?? [], w.samples),
      });
    }
    return { output, unit, constant, sobol };
  };
  return {
    scenario: { name: scenario.name, hash: loaded.hash, file: loaded.file },
    method,
    parameters: ranges,
    samples,
    evaluations: runs.length,
    seed: scenario.seed,
    replications: scenario.replications,
    year,
    note:
      method === 'sobol'
        ? `Sobol' indices by Saltelli's scheme (${samples} base rows × (${d} + 2) = ${runs.length} points), first order (Saltelli 2010) and total (Jansen), 95% bootstrap intervals; outputs: the median closing year over ${scenario.replications} replications (${scenario.horizon + 1} when not closed by ${scenario.horizon}: indices involving such points are bounds) and the median gap in ${year}`
        : `Morris elementary effects (${samples} trajectories on a ${MORRIS_LEVELS}-level grid chosen from ${morrisCandidates(samples)} candidates for spread (Campolongo et al. 2007), ${runs.length} points); effects are per whole range of each parameter; outputs as for Sobol': the median closing year (${scenario.horizon + 1} when not closed) and the median gap in ${year}`,
    outputs: [analyse('closingYear', outputs.closingYear), analyse('gap', outputs.gap)],
    warnings,
  };
}

export interface SensitivityOptions {
  readonly loaded: LoadedScenario;
  readonly overrides: readonly string[];
  readonly ranges: readonly ParamRange[];
  readonly method: Method;
  readonly samples: number;
  readonly year: number;
  readonly threads?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Plans, runs every point in memory and analyses: one machine, no results file. */
export async function runSensitivity(options: SensitivityOptions): Promise<SensitivitySummary> {
  const plan = planSensitivity(options.loaded, options.ranges, options.method, options.samples, options.year);
  const summaries: PointSummary[] = [];
  await executeRuns(plan.runs, {
    file: options.loaded.file,
    overrides: options.overrides,
    years: [plan.year],
    threads: options.threads,
    onResult: (_, summary) => {
      summaries.push(summary);
      options.onProgress?.(summaries.length, plan.runs.length);
    },
  });
  return analyseSensitivity(plan, summaries, { overrides: options.overrides });
}
