/**
 * What a report needs to be reproduced and explained: for every result, the command line that
 * reproduces it, checked by loading the scenario file with those options and comparing the
 * scenario hash with the one recorded in the result; and each scenario's parameters with value
 * and source (`explainScenario`), when its file is readable.
 *
 * Results do not record `--set` overrides, only their effect on the hash. The scale, horizon and
 * base year that results do record are tried as overrides; when no combination gives the recorded
 * hash the command is still shown, marked as not verified.
 */
import { readFileSync } from 'node:fs';
import { explainScenario, type Explanation } from '../scenario/explain.js';
import { InputError, formatIssue } from '../scenario/issues.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import type { LoadedResult, ScenarioResult } from './load-results.js';
import { formatRange, sweepInfo, type KnownSettings, type SweepInfo } from './sweep.js';
import type { SensitivitySummary } from '../sweep/sensitivity.js';
import type { BacktestSummary } from '../backtest/backtest.js';

export interface Reproduction {
  readonly kind: ScenarioResult['kind'];
  /** The result file's name (summary.json, comparison.json, attribution.json). */
  readonly result: string;
  readonly scenarios: readonly { readonly name: string; readonly file: string; readonly hash: string }[];
  readonly seed: number | string;
  readonly replications: number;
  readonly command: string;
  /** Loading the files with the command's options gives every recorded hash. */
  readonly verified: boolean;
  /** Why not verified (plain text), when not. */
  readonly note?: string;
}

export interface ExplainedScenario {
  readonly name: string;
  readonly file: string;
  readonly hash: string;
  /** The explanation with the overrides the result was made with (when found), else undefined. */
  readonly explanation?: Explanation;
  /** Why the parameters are missing or may differ from the run's. */
  readonly note?: string;
}

/** How a sensitivity result is reproduced. */
export interface SensitivityReproduction {
  readonly result: string;
  readonly summary: SensitivitySummary;
  readonly command: string;
  readonly verified: boolean;
  readonly note?: string;
}

/** How a backtest result is reproduced. */
export interface BacktestReproduction {
  readonly result: string;
  readonly summary: BacktestSummary;
  readonly command: string;
  readonly verified: boolean;
  readonly note?: string;
}

export interface ReproductionInfo {
  readonly version: string;
  readonly reproductions: readonly Reproduction[];
  readonly scenarios: readonly ExplainedScenario[];
  /** Sweeps (JSON lines), with what could be recovered of their command. */
  readonly sweeps: readonly SweepInfo[];
  readonly sensitivities: readonly SensitivityReproduction[];
  readonly backtests: readonly BacktestReproduction[];
}

/** hiresim's version, from its package.json. */
export function hiresimVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function reproductionInfo(all: readonly LoadedResult[]): ReproductionInfo {
  const results = all.filter((r): r is ScenarioResult => r.kind === 'run' || r.kind === 'compare' || r.kind === 'attribute');
  // What the results record about structural settings, tried as --set overrides.
  const recorded = { scale: new Set<number>(), horizon: new Set<number>(), baseYear: new Set<number>(), startYear: new Set<number>() };
  // A first simulated year before the base year (history) is recorded by results since it existed.
  const startYearOf = (r: ScenarioResult) => (r.summary.startYear !== undefined && r.summary.baseYear !== undefined && r.summary.startYear < r.summary.baseYear ? [r.summary.startYear] : []);
  for (const r of results) {
    if (r.kind === 'run') recorded.scale.add(r.summary.scale);
    // attribute records its scale since its default became a draft scale (1 agent = 50 persons).
    if (r.kind === 'attribute' && r.summary.scale !== undefined) recorded.scale.add(r.summary.scale);
    if (r.kind !== 'attribute') {
      recorded.horizon.add(r.summary.horizon);
      recorded.baseYear.add(r.summary.baseYear);
    }
    for (const year of startYearOf(r)) recorded.startYear.add(year);
  }
  const known: KnownSettings = {
    files: [...new Set(all.flatMap((r) => (r.kind === 'compare' ? r.summary.scenarios.map((x) => x.file) : r.kind === 'sweep' ? [] : [r.summary.scenario.file])))],
    scale: [...recorded.scale],
    horizon: [...recorded.horizon],
    baseYear: [...recorded.baseYear],
  };
  const sweeps = all.flatMap((r) => (r.kind === 'sweep' ? [sweepInfo(r.file, r.lines, known, shellQuote, findOverrides)] : []));
  const sensitivities = all.flatMap((r) => (r.kind === 'sensitivity' ? [sensitivityReproduction(r.file, r.summary, known)] : []));
  const explained = new Map<string, ExplainedScenario>();
  const reproductions = results.map((r): Reproduction => {
    const s = r.summary;
    const files = r.kind === 'compare' ? r.summary.scenarios : [r.summary.scenario];
    const runOptions = [`replications=${s.replications}`, `seed=${typeof s.seed === 'number' ? s.seed : JSON.stringify(s.seed)}`];
    const extra = r.kind === 'attribute' ? r.summary.levers.map((lever) => `${lever}.enabled=true`) : [];
    const own = r.kind === 'run' ? { scale: [r.summary.scale], horizon: [r.summary.horizon], baseYear: [r.summary.baseYear], startYear: startYearOf(r) } : r.kind === 'compare' ? { scale: [...recorded.scale], horizon: [r.summary.horizon], baseYear: [r.summary.baseYear], startYear: startYearOf(r) } : { scale: [...recorded.scale], horizon: [...recorded.horizon], baseYear: [...recorded.baseYear], startYear: startYearOf(r).length > 0 ? startYearOf(r) : [...recorded.startYear] };
    const found = findOverrides(files, own, [...runOptions, ...extra]);
    for (const f of files) {
      const key = `${f.file}|${f.hash}`;
      if (explained.has(key)) continue;
      explained.set(key, explainFile(f, found.sets, [...runOptions, ...extra], found.verified));
    }
    const sets = found.sets.map((o) => ` --set ${shellQuote(o)}`).join('');
    const common = ` --seed ${shellQuote(String(s.seed))} --reps ${s.replications}${sets}`;
    const command =
      r.kind === 'run'
        ? `hiresim run ${shellQuote(r.summary.scenario.file)}${common}`
        : r.kind === 'compare'
          ? `hiresim compare ${r.summary.scenarios.map((x) => shellQuote(x.file)).join(' ')}${common}`
          : `hiresim attribute ${shellQuote(r.summary.scenario.file)} --levers ${r.summary.levers.join(',')} --year ${r.summary.year}${common}`;
    return {
      kind: r.kind,
      result: r.file.split(/[\\/]/).pop() ?? r.file,
      scenarios: files.map((f) => ({ name: f.name, file: f.file, hash: f.hash })),
      seed: s.seed,
      replications: s.replications,
      command,
      verified: found.verified,
      ...(found.verified ? {} : { note: found.note }),
    };
  });
  const backtests = all.flatMap((r) => {
    if (r.kind !== 'backtest') return [];
    const b = r.summary;
    const always = [`replications=${b.replications}`, `seed=${typeof b.seed === 'number' ? b.seed : JSON.stringify(b.seed)}`];
    const found = findOverrides([b.scenario], { scale: [b.scale], horizon: [b.horizon], baseYear: [b.baseYear], startYear: [b.startYear] }, always);
    const key = `${b.scenario.file}|${b.scenario.hash}`;
    if (!explained.has(key)) explained.set(key, explainFile(b.scenario, found.sets, always, found.verified));
    const command = [`hiresim backtest ${shellQuote(b.scenario.file)} --observed ${shellQuote(b.observed.file)} --seed ${shellQuote(String(b.seed))} --reps ${b.replications}`, ...found.sets.map((o) => `--set ${shellQuote(o)}`)].join(' ');
    return [{ result: r.file.split(/[\\/]/).pop() ?? r.file, summary: b, command, verified: found.verified, ...(found.verified ? {} : { note: found.note }) }];
  });
  return { version: hiresimVersion(), reproductions, scenarios: [...explained.values()], sweeps, sensitivities, backtests };
}

/**
 * The sensitivity command line: the summary records the file, method, ranges, samples, seed,
 * replications and year; --set overrides are searched for among the settings the report knows
 * and the horizon its note names.
 */
function sensitivityReproduction(file: string, s: SensitivitySummary, known: KnownSettings): SensitivityReproduction {
  const noted = /\d{4} when not closed by (\d{4})/.exec(s.note);
  const always = [`replications=${s.replications}`, `seed=${typeof s.seed === 'number' ? s.seed : JSON.stringify(s.seed)}`];
  const candidates = { scale: known.scale, horizon: [...new Set([...(noted ? [Number(noted[1])] : []), ...known.horizon])], baseYear: known.baseYear };
  const found = findOverrides([{ file: s.scenario.file, hash: s.scenario.hash }], candidates, always);
  const command = [
    `hiresim sensitivity ${shellQuote(s.scenario.file)} --method ${s.method}`,
    ...s.parameters.map((p) => `--param ${shellQuote(formatRange(p))}`),
    `--samples ${s.samples} --reps ${s.replications} --seed ${shellQuote(String(s.seed))} --year ${s.year}`,
    ...found.sets.map((o) => `--set ${shellQuote(o)}`),
  ].join(' ');
  return { result: file.split(/[\\/]/).pop() ?? file, summary: s, command, verified: found.verified, ...(found.verified ? {} : { note: found.note }) };
}

interface Candidates {
  readonly scale: readonly number[];
  readonly horizon: readonly number[];
  readonly baseYear: readonly number[];
  /** Tried only when given (results that record a first simulated year before the base year). */
  readonly startYear?: readonly number[];
}

/** The --set overrides (from recorded settings) under which every file loads to its recorded hash. */
export function findOverrides(files: readonly { file: string; hash: string }[], candidates: Candidates, always: readonly string[]): { sets: string[]; verified: boolean; note?: string } {
  let plain: LoadedScenario;
  try {
    plain = loadScenario(files[0].file);
  } catch (error) {
    return { sets: [], verified: false, note: `${files[0].file} could not be read here (${describeError(error)}), so the command is not checked` };
  }
  const options = (key: keyof Candidates) => [undefined, ...(candidates[key] ?? []).filter((v) => v !== plain.scenario[key])];
  for (const startYear of options('startYear')) {
    for (const baseYear of options('baseYear')) {
      for (const horizon of options('horizon')) {
        for (const scale of options('scale')) {
          const sets = [...(scale === undefined ? [] : [`scale=${scale}`]), ...(horizon === undefined ? [] : [`horizon=${horizon}`]), ...(baseYear === undefined ? [] : [`baseYear=${baseYear}`]), ...(startYear === undefined ? [] : [`startYear=${startYear}`])];
          try {
            if (files.every((f) => loadScenario(f.file, { overrides: [...sets, ...always] }).hash === f.hash)) return { sets, verified: true };
          } catch {
            // Not this combination (or a file not readable): try the next.
          }
        }
      }
    }
  }
  return { sets: [], verified: false, note: 'the scenario files, loaded with these options, do not give the recorded hashes: the results were made with other --set overrides (not recorded in result files) or the files have changed since' };
}

function explainFile(f: { name: string; file: string; hash: string }, sets: readonly string[], always: readonly string[], verified: boolean): ExplainedScenario {
  const base = { name: f.name, file: f.file, hash: f.hash };
  try {
    const loaded = loadScenario(f.file, { overrides: [...sets, ...always] });
    if (verified && loaded.hash === f.hash) return { ...base, explanation: explainScenario(loaded) };
    return { ...base, explanation: explainScenario(loadScenario(f.file)), note: `${f.file} as it reads now (hash ${loadScenario(f.file).hash}) without the overrides the results were made with, which are not recorded: values may differ from the run's` };
  } catch (error) {
    return { ...base, note: `${f.file} could not be read here (${describeError(error)}): parameters omitted` };
  }
}

function describeError(error: unknown): string {
  if (error instanceof InputError) return error.issues.length > 0 ? formatIssue(error.issues[0]) : 'invalid';
  return (error as Error)?.message ?? String(error);
}

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}
