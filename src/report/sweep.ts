/**
 * Sweep results in a report: the JSON lines of `hiresim sweep --out FILE.jsonl`, checked line by
 * line (a bad line is `FILE:LINE:1`), and what the lines allow to be recovered of the sweep that
 * wrote them.
 *
 * The lines record each point's parameter values, the design, seed, replications and the scenario
 * hash, but not the `--param` ranges, `--samples`, the scenario file or `--set` overrides. The
 * ranges and samples are recovered by rebuilding the design's unit points (the same functions the
 * sweep uses) and solving each parameter's values for its range, then checked by expanding the run
 * list again and comparing every run id. The scenario file and overrides are searched for among
 * the files and settings the report knows; when none gives the recorded hash, the command is shown
 * as not checked.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gridDesign, latinHypercube, scaleToRange, sobolSequence } from '../analysis/design/index.js';
import { streamRng } from '../random/seed-tree.js';
import { describeValue, type InputIssue } from '../scenario/issues.js';
import { loadScenario } from '../scenario/load.js';
import type { ParamRange } from '../sweep/param-spec.js';
import { readResultLines, type SweepLine } from '../sweep/result-lines.js';
import { DESIGNS, expandRunList, type DesignName } from '../sweep/run-list.js';

/** A line of a sweep the report can redraw: laid out by a design `hiresim sweep --design` takes. */
export type SweepDesignLine = SweepLine & { readonly design: DesignName };

/**
 * Parses and checks every line of a sweep file (result-lines.ts); every problem is one issue at
 * FILE:LINE:1. Lines are returned in run-list order.
 */
export function parseSweepLines(file: string, text: string): { lines: SweepDesignLine[]; issues: InputIssue[] } {
  const { lines, issues } = readResultLines(file, text, { halfWrittenLastLine: 'report', emptyFile: 'report' });
  const [first] = lines;
  // Every line has the first one's design (or is an issue already).
  if (first && !(DESIGNS as readonly string[]).includes(first.value.design)) {
    // A sensitivity study's points (hiresim sensitivity --results) are reported through their indices.
    const study = first.value.design === 'saltelli' || first.value.design === 'morris' ? ': these are the points of a sensitivity study; report its sensitivity.json (hiresim sensitivity … --results FILE --resume --out DIR writes it)' : '';
    return { lines: [], issues: [...issues, { file, line: first.line, column: 1, path: 'design', expected: `a design of hiresim sweep (${DESIGNS.join(', ')})${study}`, found: describeValue(first.value.design) }] };
  }
  return { lines: lines.map((l) => l.value as SweepDesignLine).sort((a, b) => a.index - b.index), issues: [...issues] };
}

/** What the lines say about their sweep, and what could be recovered. */
export interface SweepInfo {
  readonly file: string;
  readonly label: string;
  readonly lines: readonly SweepDesignLine[];
  readonly params: readonly string[];
  /** The recorded years, ascending. */
  readonly years: readonly number[];
  readonly design: DesignName;
  readonly seed: number | string;
  readonly replications: number;
  readonly scenarioHash: string;
  /** Run-list entries (max index + 1); more than the lines when the file holds part of the sweep. */
  readonly runListLength: number;
  /** The --param ranges and --samples, when recovered and checked against every run id. */
  readonly ranges?: readonly ParamRange[];
  readonly samples?: number;
  /** The scenario file and --set overrides that load to the recorded hash, when found. */
  readonly scenarioFile?: string;
  readonly sets: readonly string[];
  /** The horizon: recorded, or from the scenario found; else undefined. */
  readonly horizon?: number;
  readonly command: string;
  readonly verified: boolean;
  readonly notes: readonly string[];
}

export interface KnownSettings {
  /** Scenario files named by the other results of the report. */
  readonly files: readonly string[];
  readonly scale: readonly number[];
  readonly horizon: readonly number[];
  readonly baseYear: readonly number[];
}

/** Shell quoting as the other reproduction commands use it. */
type Quote = (argument: string) => string;
type FindOverrides = (files: readonly { file: string; hash: string }[], candidates: { scale: readonly number[]; horizon: readonly number[]; baseYear: readonly number[] }, always: readonly string[]) => { sets: string[]; verified: boolean };

export function sweepInfo(file: string, lines: readonly SweepDesignLine[], known: KnownSettings, quote: Quote, findOverrides: FindOverrides): SweepInfo {
  const first = lines[0];
  const params = Object.keys(first.point);
  const years = Object.keys(first.gap).map(Number).sort((a, b) => a - b);
  const runListLength = Math.max(...lines.map((l) => l.index)) + 1;
  const notes: string[] = [];
  const recovered = recoverRanges(lines, params, runListLength);
  if (!recovered) notes.push('the --param ranges could not be recovered from the points (the file may hold part of the sweep, or the ranges are neither linear, log nor a list of values): the command shows each parameter\'s observed span instead');
  if (lines.length < runListLength) notes.push(`the file holds ${lines.length} of at least ${runListLength} runs (a shard or an unfinished sweep)`);

  // The scenario file and --set overrides: files the report names, then scenarios/*.yaml here.
  const seedOption = `seed=${typeof first.seed === 'number' ? first.seed : JSON.stringify(first.seed)}`;
  const always = [`replications=${first.replications}`, seedOption];
  const lineHorizon = first.horizon;
  const candidates = {
    scale: known.scale,
    horizon: [...new Set([...(lineHorizon !== undefined ? [lineHorizon] : []), ...known.horizon, years[years.length - 1]])],
    baseYear: [...new Set([...(first.baseYear !== undefined ? [first.baseYear] : []), ...known.baseYear])],
  };
  let scenarioFile: string | undefined;
  let sets: string[] = [];
  let horizon = lineHorizon;
  for (const candidate of [...new Set([...known.files, ...shippedScenarios()])]) {
    const found = findOverrides([{ file: candidate, hash: first.scenario }], candidates, always);
    if (found.verified) {
      scenarioFile = candidate;
      sets = found.sets;
      try {
        horizon ??= loadScenario(candidate, { overrides: [...sets, ...always] }).scenario.horizon;
      } catch {
        // Loaded a moment ago; cannot fail here.
      }
      break;
    }
  }
  const verified = scenarioFile !== undefined && recovered !== undefined;
  if (scenarioFile === undefined) notes.push(`the lines record the scenario hash ${first.scenario} but neither the scenario file nor the --set overrides, and no scenario file tried here (${[...new Set([...known.files, ...shippedScenarios()])].join(', ') || 'none'}) loads to that hash with the settings the report knows: SCENARIO and any --set overrides are to be filled in`);

  const paramArgs = params.map((path) => {
    const range = recovered?.ranges.find((r) => r.path === path);
    if (range) return `--param ${quote(formatRange(range))}`;
    const values = lines.map((l) => l.point[path]);
    const numbers = values.filter((v): v is number => typeof v === 'number');
    return `--param ${quote(numbers.length === values.length ? `${path}=${Math.min(...numbers)}:${Math.max(...numbers)}` : `${path}=${[...new Set(values.map(String))].join(',')}`)}`;
  });
  const samples = recovered?.samples ?? runListLength;
  const command = [
    `hiresim sweep ${quote(scenarioFile ?? 'SCENARIO')}`,
    ...paramArgs,
    `--design ${first.design}`,
    `--samples ${samples}`,
    `--reps ${first.replications}`,
    `--seed ${quote(String(first.seed))}`,
    `--years ${years.join(',')}`,
    ...sets.map((s) => `--set ${quote(s)}`),
    `--out ${quote(basename(file))}`,
  ].join(' ');
  return {
    file,
    label: basename(file),
    lines,
    params,
    years,
    design: first.design,
    seed: first.seed,
    replications: first.replications,
    scenarioHash: first.scenario,
    runListLength,
    ...(recovered ? { ranges: recovered.ranges, samples: recovered.samples } : {}),
    ...(scenarioFile !== undefined ? { scenarioFile } : {}),
    sets,
    ...(horizon !== undefined ? { horizon } : {}),
    command,
    verified,
    notes,
  };
}

/** `path=LO:HI[:log]` or `path=a,b,c`, as --param takes it. */
export function formatRange(range: ParamRange): string {
  if (range.kind === 'continuous') return `${range.path}=${range.low}:${range.high}${range.log ? ':log' : ''}`;
  return `${range.path}=${range.values.map(String).join(',')}`;
}

/** scenarios/*.yaml under the working directory, sorted (the shipped scenarios, when run from the project). */
function shippedScenarios(): string[] {
  try {
    return readdirSync('scenarios')
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join('scenarios', name));
  } catch {
    return [];
  }
}

/** Rounds away the last bits of a solved bound (ranges are typed with few digits). */
const tidy = (x: number) => Number(x.toPrecision(12));

/**
 * The ranges and samples under which the sweep's design gives exactly these points, checked by
 * expanding the run list again and comparing every run id; undefined when not found.
 */
function recoverRanges(lines: readonly SweepDesignLine[], params: readonly string[], runListLength: number): { ranges: ParamRange[]; samples: number } | undefined {
  const { design, seed, replications, scenario } = lines[0];
  const d = params.length;
  const distinct = params.map((p) => [...new Set(lines.map((l) => l.point[p]))]);
  let unit: number[][];
  try {
    unit = design === 'grid' ? gridDesign(distinct.map((values) => values.length)) : design === 'lhs' ? latinHypercube(runListLength, d, streamRng(seed, 0, 'design:lhs')) : sobolSequence(runListLength, d);
  } catch {
    return undefined;
  }
  if (unit.length < runListLength) return undefined;
  const ranges: ParamRange[] = [];
  for (let k = 0; k < d; k++) {
    const path = params[k];
    const pairs = lines.map((l) => ({ u: unit[l.index][k], v: l.point[path] }));
    const fits = (range: ParamRange) => {
      const designRange = range.kind === 'continuous' ? range : { kind: 'discrete' as const, values: range.values.map((_, i) => i) };
      return pairs.every(({ u, v }) => {
        const scaled = scaleToRange(u, designRange);
        return range.kind === 'continuous' ? scaled === v : range.values[scaled as number] === v;
      });
    };
    const candidates: ParamRange[] = [];
    if (pairs.every((p) => typeof p.v === 'number')) {
      const lo = pairs.reduce((a, b) => (b.u < a.u ? b : a));
      const hi = pairs.reduce((a, b) => (b.u > a.u ? b : a));
      if (hi.u > lo.u) {
        const [v0, v1] = [lo.v as number, hi.v as number];
        const span = (v1 - v0) / (hi.u - lo.u);
        candidates.push({ path, kind: 'continuous', low: tidy(v0 - lo.u * span), high: tidy(v0 + (1 - lo.u) * span), log: false });
        if (v0 > 0 && v1 > 0) {
          const logSpan = (Math.log(v1) - Math.log(v0)) / (hi.u - lo.u);
          candidates.push({ path, kind: 'continuous', low: tidy(Math.exp(Math.log(v0) - lo.u * logSpan)), high: tidy(Math.exp(Math.log(v0) + (1 - lo.u) * logSpan)), log: true });
        }
      }
    }
    const values = distinct[k];
    if (values.length >= 2) {
      candidates.push({ path, kind: 'discrete', values });
      const sorted = [...values].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
      candidates.push({ path, kind: 'discrete', values: sorted });
    }
    const range = candidates.find((c) => (c.kind === 'continuous' ? c.low < c.high : true) && fits(c));
    if (!range) return undefined;
    ranges.push(range);
  }
  // --samples: the points (lhs, sobol) or the levels of every continuous parameter (grid).
  const continuousLevels = [...new Set(ranges.flatMap((r, k) => (r.kind === 'continuous' ? [distinct[k].length] : [])))];
  if (design === 'grid' && continuousLevels.length > 1) return undefined;
  const samples = design === 'grid' ? (continuousLevels[0] ?? 3) : runListLength;
  try {
    const runs = expandRunList({ scenarioHash: scenario, ranges, design, samples, seed, replications });
    if (runs.length !== runListLength && !(design === 'grid' && runs.length >= runListLength)) return undefined;
    if (!lines.every((l) => runs[l.index]?.runId === l.runId)) return undefined;
  } catch {
    return undefined;
  }
  return { ranges, samples };
}
