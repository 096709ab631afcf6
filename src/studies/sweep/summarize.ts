/**
 * `hiresim sweep summarize`: what a finished sweep says about its parameters.
 *
 * 1. Response of the outputs to each parameter: Spearman's rank correlation of
 *    the median closing year and of the median gap in one year with the
 *    parameter, and a binned response (quartiles of the parameter, or one bin
 *    per value when it has at most four).
 * 2. Scenario discovery with PRIM (src/analysis/prim.ts): which box of
 *    parameter values makes the gap close by a chosen year (peeled, chosen,
 *    then pasted; both the peeled and the pasted box are reported).
 *
 * Censoring: a run whose median closing year is null had not closed by the
 * horizon. It ranks after every closed run (ties among the censored) in the
 * correlations; bin means of the closing year are over closed runs only, with
 * the censored share beside them; and it is never a case of interest.
 */
import { closingYearOrAfter } from '../../analysis/closure.js';
import { InputError, readInputText } from '../../scenario/issues.js';
import { spearman } from '../../analysis/correlation.js';
import { quantileOfSorted } from '../../analysis/quantiles.js';
import { prim, type PrimBox, type PrimLimit } from '../../analysis/prim.js';
import { readResultLines, type PointValue as Value, type SweepLine } from './result-lines.js';

export interface SweepResults {
  readonly file: string;
  readonly lines: readonly SweepLine[];
  /** Parameter paths, in the order of the first line's point. */
  readonly params: readonly string[];
  /** Years with a recorded gap, in the order of the first line. */
  readonly years: readonly number[];
  /** From the lines, when the sweep recorded them (hiresim ≥ this command); null otherwise. */
  readonly baseYear: number | null;
  readonly horizon: number | null;
}

/** Reads and checks a sweep's JSON lines (result-lines.ts); every malformed line, and lines from another sweep, are exit 2 at FILE:LINE:1. */
export function readSweepResults(file: string): SweepResults {
  const text = readInputText(file, 'sweep results file (JSON lines written by hiresim sweep --out)');
  if (typeof text !== 'string') throw new InputError([text]);
  const { lines, issues } = readResultLines(file, text, { halfWrittenLastLine: 'report', emptyFile: 'report' });
  if (issues.length > 0) throw new InputError(issues);
  const first = lines[0].value;
  return {
    file,
    lines: lines.map((l) => l.value),
    params: Object.keys(first.point),
    years: Object.keys(first.gap).map(Number),
    baseYear: first.baseYear ?? null,
    horizon: first.horizon ?? null,
  };
}

// ─── Analysis ─────────────────────────────────────────────────────────────────

export interface ResponseBin {
  /** Numeric parameters: the bin's parameter range (inclusive); categorical: the value. */
  readonly low: number | null;
  readonly high: number | null;
  readonly value: Value | null;
  readonly runs: number;
  /** Mean of the median closing year over the bin's closed runs (null: none closed). */
  readonly closingYearMeanClosed: number | null;
  /** Share of the bin's runs with a censored median closing year. */
  readonly censoredShare: number;
  /** Mean over the bin's runs of the median gap in the chosen year. */
  readonly gapMean: number | null;
  /**
   * Median over the bin's runs of their median qualified candidates per 100 open positions in the
   * chosen year, 100 × (1 − the median gap): the headline measure, summarised by a median because it
   * is unbounded above.
   */
  readonly candidatesPer100Median: number | null;
}

export interface ParameterResponse {
  readonly path: string;
  readonly kind: 'numeric' | 'categorical';
  /** Spearman's ρ (null: categorical, or an output or parameter that did not vary). */
  readonly spearman: { readonly closingYear: number | null; readonly gap: number | null; readonly candidatesPer100: number | null };
  readonly bins: readonly ResponseBin[];
}

export type BoxRestriction = { readonly path: string; readonly low?: number; readonly high?: number } | { readonly path: string; readonly values: readonly Value[] };

export interface SummaryBox {
  readonly runs: number;
  readonly cases: number;
  readonly coverage: number;
  readonly density: number;
  readonly mass: number;
  /** The parameters the box limits (the others span their whole sampled range). */
  readonly restrictions: readonly BoxRestriction[];
}

export interface SweepSummary {
  readonly file: string;
  readonly scenario: string;
  readonly design: string;
  readonly seed: number | string;
  readonly replications: number;
  readonly runs: number;
  readonly baseYear: number | null;
  readonly horizon: number | null;
  /** Year of the gap output. */
  readonly year: number;
  readonly censoring: string;
  readonly parameters: readonly ParameterResponse[];
  readonly prim: {
    /** A case of interest: a run whose median closing year is ≤ by. */
    readonly by: number;
    readonly cases: number;
    readonly alpha: number;
    /** Share of the box's runs added back per pasting step. */
    readonly pasteAlpha: number;
    readonly minMass: number;
    readonly minCoverage: number;
    readonly rule: string;
    /** The peeling trajectory, from all runs (index 0) to the last peel. */
    readonly trajectory: readonly SummaryBox[];
    /** Index into `trajectory` of the box chosen from peeling (null: no case of interest). */
    readonly chosen: number | null;
    /** The chosen peeled box, `trajectory[chosen]`: where pasting starts. */
    readonly peeled: SummaryBox | null;
    /** Pasting from the peeled box (index 0) through each widening kept; one entry when pasting changed nothing. */
    readonly pasting: readonly SummaryBox[];
    /** The box reported: the peeled box after pasting. */
    readonly box: SummaryBox | null;
    readonly sentence: string;
  };
}

export interface SummarizeOptions {
  /** Year of the gap output; default: the first year in the file from the base year on (a sweep may also record history years). */
  readonly year?: number;
  /** Cases of interest close by this year; default: base year + 8. */
  readonly by?: number;
}

/** Summarises validated sweep results. Throws InputError for a --year not in the file or a --by that cannot be defaulted. */
export function summarizeSweep(results: SweepResults, options: SummarizeOptions = {}): SweepSummary {
  const year = options.year ?? results.years.find((y) => results.baseYear === null || y >= results.baseYear) ?? results.years[0];
  if (!results.years.includes(year)) throw new InputError([{ file: '--year', line: 0, column: 0, path: '', expected: `one of the years in ${results.file}: ${results.years.join(', ')}`, found: String(year) }]);
  if (options.by === undefined && results.baseYear === null) {
    throw new InputError([{ file: '--by', line: 0, column: 0, path: '', expected: `a year (this results file does not record its base year, so the default, base year + 8, is unknown)`, found: 'nothing' }]);
  }
  const by = options.by ?? (results.baseYear as number) + 8;
  const lines = results.lines;
  const after = results.horizon === null ? 'after the horizon' : `after ${results.horizon}`;
  const censoring = `a run whose median closing year is censored (not closed by the horizon) counts as closing ${after}: it ranks after every closed run in ρ, bin means of the closing year are over closed runs only (the censored share is shown beside them), and it never counts as closing by ${by}`;

  const closing = lines.map((l) => closingYearOrAfter(l.closure.medianYear, results.horizon));
  const gaps = lines.map((l) => l.gap[String(year)].p50);

  const parameters: ParameterResponse[] = results.params.map((path) => {
    const values = lines.map((l) => l.point[path]);
    const numeric = values.every((v) => typeof v === 'number');
    if (!numeric) {
      const distinct = [...new Set(values)];
      return { path, kind: 'categorical', spearman: { closingYear: null, gap: null, candidatesPer100: null }, bins: distinct.map((value) => binOf(lines, closing, gaps, values.map((v) => v === value), { low: null, high: null, value })) };
    }
    const x = values as number[];
    const rhoGap = spearman(x, gaps);
    // Candidates per 100 fall as the gap rises, one for one in rank: ρ changes sign.
    return { path, kind: 'numeric', spearman: { closingYear: spearman(x, closing), gap: rhoGap, candidatesPer100: rhoGap === null ? null : rhoGap === 0 ? 0 : -rhoGap }, bins: numericBins(x).map(({ low, high }) => binOf(lines, closing, gaps, x.map((v) => v >= low && v <= high), { low, high, value: null })) };
  });

  // PRIM: numeric parameters peel from either end, categorical ones drop a value at a time.
  const codes = parameters.map((p) => (p.kind === 'categorical' ? p.bins.map((b) => b.value as Value) : []));
  const points = lines.map((l) => parameters.map((p, k) => (p.kind === 'numeric' ? (l.point[p.path] as number) : codes[k].indexOf(l.point[p.path]))));
  const outcome = lines.map((l) => l.closure.medianYear !== null && l.closure.medianYear <= by);
  const result = prim(points, outcome, { dimensions: parameters.map((p) => ({ kind: p.kind === 'numeric' ? 'continuous' : 'categorical' })) });
  const full = result.trajectory[0].limits;
  const toBox = (b: PrimBox): SummaryBox => {
    const restrictions = b.limits.flatMap((limit, k): BoxRestriction[] => restrictionOf(parameters[k].path, limit, full[k], codes[k]));
    return { runs: b.n, cases: b.cases, coverage: b.coverage, density: b.density, mass: b.mass, restrictions };
  };
  const trajectory = result.trajectory.map(toBox);
  const peeled = result.chosen === null ? null : trajectory[result.chosen];
  const pasting = result.pasting === null ? [] : result.pasting.trajectory.map(toBox);
  const box = pasting.length === 0 ? null : pasting[pasting.length - 1];
  return {
    file: results.file,
    scenario: lines[0].scenario,
    design: lines[0].design,
    seed: lines[0].seed,
    replications: lines[0].replications,
    runs: lines.length,
    baseYear: results.baseYear,
    horizon: results.horizon,
    year,
    censoring,
    parameters,
    prim: {
      by,
      cases: result.cases,
      alpha: result.alpha,
      pasteAlpha: result.pasteAlpha,
      minMass: result.minMass,
      minCoverage: result.minCoverage,
      rule: `peel ${result.alpha * 100}% of the box's runs at a parameter's low or high end (a categorical parameter: one value) where the density rises most per run removed, down to ${result.minMass * 100}% of the runs; choose the box with the highest density among those holding at least ${result.minCoverage * 100}% of the cases (coverage ≥ ${result.minCoverage}); then paste: widen it by the ${result.pasteAlpha * 100}% of its runs just outside one face (a categorical parameter: taking back one dropped value) where the density rises most, until no widening raises the density, and report that box`,
      trajectory,
      chosen: result.chosen,
      peeled,
      pasting,
      box,
      sentence: sentenceOf(box, by, result.cases, lines.length),
    },
  };
}

function binOf(lines: readonly SweepLine[], closing: readonly number[], gaps: readonly number[], member: readonly boolean[], where: { low: number | null; high: number | null; value: Value | null }): ResponseBin {
  const idx = lines.map((_, i) => i).filter((i) => member[i]);
  const closed = idx.filter((i) => lines[i].closure.medianYear !== null);
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  const candidates = Float64Array.from(idx, (i) => 100 * (1 - gaps[i])).sort();
  return {
    ...where,
    runs: idx.length,
    closingYearMeanClosed: mean(closed.map((i) => closing[i])),
    censoredShare: idx.length === 0 ? 0 : (idx.length - closed.length) / idx.length,
    gapMean: mean(idx.map((i) => gaps[i])),
    candidatesPer100Median: idx.length === 0 ? null : quantileOfSorted(candidates, 0.5),
  };
}

/** One bin per value when there are at most four; otherwise quartiles (bins between the 25/50/75% sample quantiles). */
function numericBins(x: readonly number[]): { low: number; high: number }[] {
  const distinct = [...new Set(x)].sort((a, b) => a - b);
  if (distinct.length <= 4) return distinct.map((v) => ({ low: v, high: v }));
  const sorted = [...x].sort((a, b) => a - b);
  // Bin k holds the runs of rank in [k n/4, (k+1) n/4); ties go with the lower bin.
  const edges = [0, 1, 2, 3, 4].map((k) => Math.round((k * sorted.length) / 4));
  const bins: { low: number; high: number }[] = [];
  for (let k = 0; k < 4; k++) {
    const lo = sorted[edges[k]];
    const hi = sorted[edges[k + 1] - 1];
    if (lo === undefined || hi === undefined || hi < lo) continue;
    const previous = bins[bins.length - 1];
    if (previous && lo <= previous.high) {
      // A tie across the edge: the tied runs stay in the previous bin.
      const next = sorted.find((v) => v > previous.high);
      if (next === undefined || next > hi) continue;
      bins.push({ low: next, high: hi });
    } else bins.push({ low: lo, high: hi });
  }
  return bins;
}

function restrictionOf(path: string, limit: PrimLimit, full: PrimLimit, codes: readonly Value[]): BoxRestriction[] {
  if (limit.kind === 'categorical' && full.kind === 'categorical') return limit.values.length < full.values.length ? [{ path, values: limit.values.map((c) => codes[c]) }] : [];
  if (limit.kind !== 'continuous' || full.kind !== 'continuous') return [];
  const low = limit.low > full.low ? limit.low : undefined;
  const high = limit.high < full.high ? limit.high : undefined;
  if (low === undefined && high === undefined) return [];
  return [{ path, ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) }];
}

const num = (x: number) => String(Number(x.toPrecision(3)));
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A restriction in words: "demand.payElasticity ≥ 0.45", "x between 1 and 2", "flag is true or false". */
export function describeRestriction(r: BoxRestriction): string {
  if ('values' in r) return r.values.length === 1 ? `${r.path} = ${String(r.values[0])}` : `${r.path} ∈ {${r.values.map(String).join(', ')}}`;
  if (r.low !== undefined && r.high !== undefined) return r.low === r.high ? `${r.path} = ${num(r.low)}` : `${r.path} between ${num(r.low)} and ${num(r.high)}`;
  return r.low !== undefined ? `${r.path} ≥ ${num(r.low)}` : `${r.path} ≤ ${num(r.high as number)}`;
}

function sentenceOf(box: SummaryBox | null, by: number, cases: number, runs: number): string {
  if (box === null || cases === 0) return `No run's median closing year is ${by} or earlier: there is no case of interest, so no box to find (try a later --by).`;
  if (cases === runs) return `Every run's gap closes by ${by} (median closing year): nothing to tell apart (try an earlier --by).`;
  if (box.restrictions.length === 0) return `No box does better than the whole sweep: the gap closes by ${by} in ${pct(box.density)} of all runs (${cases} of ${runs}), with no simple condition on the parameters.`;
  return `The gap closes by ${by} in ${pct(box.density)} of runs (density) when ${box.restrictions.map(describeRestriction).join(' and ')}; the box holds ${pct(box.coverage)} of all such runs (coverage): ${box.cases} of ${cases}, in ${box.runs} of ${runs} runs.`;
}
