/**
 * A sweep expands to a plain list of runs before anything runs (Mesa's batch
 * runner, Agents.jl's paramscan): every entry names its point in parameter
 * space and the replication seeds it uses. Parallelism, resumption and
 * sharding only decide who runs which entries, so any split of the list gives
 * the same results.
 */
import { createHash } from 'node:crypto';
import { gridDesign, latinHypercube, scaleToRanges, sobolSequence, type ParameterRange } from '../../analysis/design/index.js';
import { streamRng } from '../../random/seed-tree.js';
import type { ParamRange } from './param-spec.js';

export const DESIGNS = ['grid', 'lhs', 'sobol'] as const;
export type DesignName = (typeof DESIGNS)[number];

export interface Run {
  /** Hash of scenario hash, design, position, point and seeds: the key that --resume matches on. */
  readonly runId: string;
  /** Position in the run list. */
  readonly index: number;
  /** Parameter values by path. */
  readonly point: Readonly<Record<string, number | string | boolean>>;
  /** Master seed; every point runs replications 0 … replications − 1 of it (common random numbers). */
  readonly seed: number | string;
  readonly replications: number;
}

export interface RunListSpec {
  readonly scenarioHash: string;
  readonly ranges: readonly ParamRange[];
  readonly design: DesignName;
  /** Points for lhs and sobol; levels per continuous parameter for grid. */
  readonly samples: number;
  readonly seed: number | string;
  readonly replications: number;
}

/** --samples when not given: 3 levels per continuous parameter for a grid, 16 points otherwise. */
export function defaultSamples(design: DesignName): number {
  return design === 'grid' ? 3 : 16;
}

/** Expands a design into the run list, in a fixed order. */
export function expandRunList(spec: RunListSpec): Run[] {
  const d = spec.ranges.length;
  let unit: number[][];
  switch (spec.design) {
    case 'grid':
      unit = gridDesign(spec.ranges.map((r) => (r.kind === 'discrete' ? r.values.length : spec.samples)));
      break;
    case 'lhs':
      unit = latinHypercube(spec.samples, d, streamRng(spec.seed, 0, 'design:lhs'));
      break;
    case 'sobol':
      unit = sobolSequence(spec.samples, d);
      break;
  }
  return toRuns(unit, spec);
}

/** Runs for points of the unit hypercube (one coordinate per range), in the given order. */
export function toRuns(unit: readonly (readonly number[])[], spec: Pick<RunListSpec, 'scenarioHash' | 'ranges' | 'seed' | 'replications'> & { readonly design: string }): Run[] {
  return unit.map((u, index) => {
    const scaled = scaleToRanges(u, spec.ranges.map(toDesignRange));
    // Discrete ranges are scaled to an index, so that their values may be any YAML scalar (true/false too).
    const point = Object.fromEntries(spec.ranges.map((r, k) => [r.path, r.kind === 'discrete' ? r.values[scaled[k] as number] : scaled[k]]));
    // The position is part of the id: a design may hold the same point twice (only discrete
    // parameters, or a Saltelli column taken from an equal row), and each entry is its own run.
    const runId = createHash('sha256')
      .update(JSON.stringify([spec.scenarioHash, spec.design, index, spec.ranges.map((r) => [r.path, point[r.path]]), spec.seed, spec.replications]))
      .digest('hex')
      .slice(0, 16);
    return { runId, index, point, seed: spec.seed, replications: spec.replications };
  });
}

/** `--shard I/N`: the entries with index ≡ I (mod N). Every entry is in exactly one shard. */
export function shardOf(runs: readonly Run[], shard: number, of: number): Run[] {
  return runs.filter((run) => run.index % of === shard);
}

function toDesignRange(range: ParamRange): ParameterRange {
  return range.kind === 'continuous' ? { kind: 'continuous', low: range.low, high: range.high, log: range.log } : { kind: 'discrete', values: range.values.map((_, i) => i) };
}
