/**
 * Sensitivity analysis of the model: Morris elementary effects or Sobol'
 * indices of chosen parameters, on two outputs — the median closing year
 * (a replication-median; when censoring decides it, the year after the
 * horizon, so indices involving censored points are bounds) and the median gap
 * in a chosen year. Every point runs the same replication seeds (common random
 * numbers), so the indices measure the parameters and not the noise.
 */
import { morrisCandidates, optimisedMorrisTrajectories, saltelliDesign, type MorrisDesign } from '../analysis/design/index.js';
import { morrisEffects, sobolIndices, type IndexEstimate, type MorrisEffect } from '../analysis/sensitivity/index.js';
import { streamRng } from '../random/seed-tree.js';
import type { LoadedScenario } from '../scenario/load.js';
import { executeRuns } from './execute.js';
import type { ParamRange } from './param-spec.js';
import { toRuns, type Run } from './run-list.js';
import type { PointSummary } from './point.js';

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

/** The indices from the results of every run of the plan, in run-list order. */
export function analyseSensitivity(plan: SensitivityPlan, results: readonly PointOutputs[]): SensitivitySummary {
  const { loaded, ranges, method, samples, year, morris, runs } = plan;
  const { scenario } = loaded;
  const d = ranges.length;
  if (results.length !== runs.length) throw new Error(`analyseSensitivity: ${results.length} results for ${runs.length} runs`);
  const outputs = {
    closingYear: results.map((s) => s.closure.medianYear ?? scenario.horizon + 1),
    gap: results.map((s) => s.gap[String(year)].p50),
  };
  const analyse = (output: 'closingYear' | 'gap', values: number[]): OutputSensitivity => {
    const constant = values.every((v) => v === values[0]);
    if (constant) return { output, constant };
    if (morris) {
      return { output, constant, morris: morrisEffects(morris, values).map(({ effects: _effects, ...effect }, i) => ({ path: ranges[i].path, ...effect })) };
    }
    const indices = sobolIndices(values, d, { rng: streamRng(scenario.seed, 0, `bootstrap:${output}`) });
    return { output, constant, sobol: ranges.map((r, i) => ({ path: r.path, first: indices.first[i], total: indices.total[i] })) };
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
  return analyseSensitivity(plan, summaries);
}
