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
import type { Band } from '../analysis/quantiles.js';
import { streamRng } from '../random/seed-tree.js';
import { describeValue, type InputIssue } from '../scenario/issues.js';
import { loadScenario } from '../scenario/load.js';
import type { ParamRange } from '../sweep/param-spec.js';
import { expandRunList, type DesignName } from '../sweep/run-list.js';

export type PointValue = number | string | boolean;

/** One checked line of a sweep results file. */
export interface SweepLine {
  readonly runId: string;
  readonly index: number;
  readonly scenario: string;
  readonly design: DesignName;
  readonly seed: number | string;
  readonly replications: number;
  readonly point: Readonly<Record<string, PointValue>>;
  readonly closure: { readonly medianYear: number | null; readonly p10Year?: number | null; readonly p90Year?: number | null; readonly censoredShare: number };
  readonly gap: Readonly<Record<string, Band>>;
  readonly payMedian?: Readonly<Record<string, Band>>;
  /** Recorded by newer sweeps only. */
  readonly baseYear?: number;
  readonly horizon?: number;
}

const DESIGN_NAMES: readonly string[] = ['grid', 'lhs', 'sobol'];
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isYearOrNull = (v: unknown) => v === null || Number.isInteger(v);

/** A sweep line's shape, as far as the report reads it: undefined when fine, else [path, expected]. */
function lineProblem(o: unknown): [string, string] | undefined {
  if (!isRecord(o)) return ['(root)', 'a sweep result line (a JSON object with runId, index, point, closure and gap)'];
  if (typeof o.runId !== 'string') return ['runId', 'a run id (string)'];
  if (!Number.isInteger(o.index) || (o.index as number) < 0) return ['index', 'a run-list index (integer ≥ 0)'];
  if (typeof o.scenario !== 'string') return ['scenario', 'the scenario hash (string)'];
  if (typeof o.design !== 'string' || !DESIGN_NAMES.includes(o.design)) return ['design', 'grid, lhs or sobol'];
  if (typeof o.seed !== 'number' && typeof o.seed !== 'string') return ['seed', 'a seed (number or string)'];
  if (!Number.isInteger(o.replications) || (o.replications as number) < 1) return ['replications', 'a number of replications (integer ≥ 1)'];
  if (!isRecord(o.point) || Object.keys(o.point).length === 0) return ['point', 'parameter values by path (a non-empty object)'];
  for (const [path, value] of Object.entries(o.point)) if (!['number', 'string', 'boolean'].includes(typeof value)) return [`point.${path}`, 'a number, string or boolean'];
  const c = o.closure;
  if (!isRecord(c) || !isYearOrNull(c.medianYear) || typeof c.censoredShare !== 'number') return ['closure', 'closing-year results {medianYear: year or null, censoredShare: number}'];
  if (!isRecord(o.gap) || Object.keys(o.gap).length === 0) return ['gap', 'gap bands by year (a non-empty object)'];
  for (const [year, b] of Object.entries(o.gap)) if (!/^\d{4}$/.test(year) || !isRecord(b) || typeof b.p50 !== 'number') return [`gap.${year}`, 'a year (YYYY) with a band {p10, p50, p90, mean}'];
  return undefined;
}

/** Does this one JSON value look like a sweep line (a sweep of one point read as one JSON document)? */
export function isSweepLine(data: unknown): boolean {
  return isRecord(data) && typeof data.runId === 'string' && isRecord(data.point) && isRecord(data.closure);
}

/** Parses and checks every line of a sweep file; every problem is one issue at FILE:LINE:1. Lines are returned in run-list order. */
export function parseSweepLines(file: string, text: string): { lines: SweepLine[]; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const lines: SweepLine[] = [];
  const lineNumbers = new Map<SweepLine, number>();
  const raw = text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  raw.forEach((line, k) => {
    const problem = (path: string, expected: string, found: string) => issues.push({ file, line: k + 1, column: 1, path, expected, found });
    if (line.trim() === '') return problem('(root)', 'a sweep result line (JSON)', 'an empty line');
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return problem('(root)', 'a sweep result line (JSON)', `text that is not JSON (${(error as Error).message})`);
    }
    const bad = lineProblem(value);
    if (bad) {
      const [path, expected] = bad;
      const found = path === '(root)' ? value : path.split('.').reduce<unknown>((v, key) => (isRecord(v) ? v[key] : undefined), value);
      return problem(path, expected, describeValue(found));
    }
    const parsed = value as SweepLine;
    const first = lines[0];
    if (first) {
      const same = (key: 'scenario' | 'design' | 'seed' | 'replications') => parsed[key] === first[key];
      const keys = (o: object) => Object.keys(o).join(',');
      const other = (['scenario', 'design', 'seed', 'replications'] as const).find((key) => !same(key));
      if (other) return problem(other, `a line of the same sweep as line ${lineNumbers.get(first)} (${other} ${JSON.stringify(first[other])})`, JSON.stringify(parsed[other]));
      if (keys(parsed.point) !== keys(first.point)) return problem('point', `the parameters of line ${lineNumbers.get(first)} (${keys(first.point)})`, keys(parsed.point));
      if (keys(parsed.gap) !== keys(first.gap)) return problem('gap', `the years of line ${lineNumbers.get(first)} (${keys(first.gap)})`, keys(parsed.gap));
      const twin = lines.find((l) => l.runId === parsed.runId || l.index === parsed.index);
      if (twin) return problem(twin.runId === parsed.runId ? 'runId' : 'index', `each run once (line ${lineNumbers.get(twin)} has it)`, twin.runId === parsed.runId ? parsed.runId : String(parsed.index));
    }
    lines.push(parsed);
    lineNumbers.set(parsed, k + 1);
  });
  if (raw.length === 0) issues.push({ file, line: 1, column: 1, path: '(root)', expected: 'sweep result lines (JSON lines from hiresim sweep --out)', found: 'an empty file' });
  return { lines: [...lines].sort((a, b) => a.index - b.index), issues };
}

/** What the lines say about their sweep, and what could be recovered. */
export interface SweepInfo {
  readonly file: string;
  readonly label: string;
  readonly lines: readonly SweepLine[];
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

export function sweepInfo(file: string, lines: readonly SweepLine[], known: KnownSettings, quote: Quote, findOverrides: FindOverrides): SweepInfo {
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
function recoverRanges(lines: readonly SweepLine[], params: readonly string[], runListLength: number): { ranges: ParamRange[]; samples: number } | undefined {
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
