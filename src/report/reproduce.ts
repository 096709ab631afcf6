/**
 * What a report needs to be reproduced and explained, read from each result's provenance record
 * (src/output/provenance.ts): the recorded command line, checked against the files here
 * (provenance-check.ts: which file changed, whether the recorded overrides still give the recorded
 * hash), and the parameters of every scenario the records name, loaded with the recorded overrides.
 *
 * Nothing is guessed: a result written before records existed says the command was not recorded
 * by its version, and its scenarios are not explained (the report never reads a file because a
 * result's `scenario.file` names it).
 */
import type { Provenance } from '../output/provenance.js';
import { explainScenario, type Explanation } from '../scenario/explain.js';
import type { BacktestSummary } from '../studies/backtest/backtest.js';
import type { SensitivitySummary } from '../studies/sensitivity.js';
import { hiresimVersion } from '../package-files.js';
import type { LoadedResult } from './load-results.js';
import { checkRecord, type RecordCheck } from './provenance-check.js';
import { sweepInfo, type SweepInfo } from './sweep.js';

export interface Reproduction {
  readonly kind: LoadedResult['kind'];
  /** The result file's name (summary.json, comparison.json, sweep.jsonl…), never its directory. */
  readonly result: string;
  /** The scenarios as the result states them. */
  readonly scenarios: readonly { readonly name: string; readonly file: string; readonly hash: string }[];
  readonly seed: number | string;
  readonly replications: number;
  /** The provenance record; undefined for results written before records existed. */
  readonly record?: Provenance;
  /** The record checked against the files here. */
  readonly check?: RecordCheck;
  /** Other facts about the record (plain text), such as sweep lines that disagree. */
  readonly notes: readonly string[];
  /** What kind of result, in words ("sensitivity, Sobol'"). */
  readonly what: string;
  /** Further columns of the result's table: its own facts (a sweep's points, a backtest's observed file). */
  readonly more: readonly (readonly [string, string])[];
}

/** A scenario a record names, explained as loaded here with the recorded overrides. */
export interface ExplainedScenario {
  readonly name: string;
  readonly file: string;
  /** The hash the record states. */
  readonly hash: string;
  readonly explanation: Explanation;
  /** Set when the file loads here to another hash: the values are not the result's (plain text). */
  readonly note?: string;
}

export interface ReproductionInfo {
  readonly version: string;
  /** One per result, in the order of the inputs. */
  readonly reproductions: readonly Reproduction[];
  readonly scenarios: readonly ExplainedScenario[];
  /** Scenarios of the results that are not explained, with why (plain text). */
  readonly unexplained: readonly string[];
  readonly sweeps: readonly SweepInfo[];
  readonly sensitivities: readonly { readonly result: string; readonly summary: SensitivitySummary }[];
  readonly backtests: readonly { readonly result: string; readonly summary: BacktestSummary }[];
}

const nameOf = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** The kind of result in words, and the further facts its table shows. */
function described(r: LoadedResult): Pick<Reproduction, 'what' | 'more'> {
  switch (r.kind) {
    case 'sensitivity':
      return { what: `sensitivity, ${r.summary.method === 'sobol' ? 'Sobol\'' : 'Morris'}`, more: [] };
    case 'sweep': {
      const runs = r.lines[0].runs ?? Math.max(...r.lines.map((l) => l.index)) + 1;
      return { what: 'sweep', more: [['points', r.lines.length === runs ? String(runs) : `${r.lines.length} of ${runs}`], ['design', r.lines[0].design]] };
    }
    case 'backtest':
      return { what: 'backtest', more: [['observed', r.summary.observed.file]] };
    default:
      return { what: r.kind, more: [] };
  }
}

/** The scenarios, seed and replications a result states about itself. */
function stated(r: LoadedResult): Pick<Reproduction, 'scenarios' | 'seed' | 'replications'> {
  switch (r.kind) {
    case 'compare':
      return { scenarios: r.summary.scenarios.map((s) => ({ name: s.name, file: s.file, hash: s.hash })), seed: r.summary.seed, replications: r.summary.replications };
    case 'sweep': {
      const first = r.lines[0];
      const file = r.record?.scenarios[0]?.file ?? '';
      return { scenarios: [{ name: '', file, hash: first.scenario }], seed: first.seed, replications: first.replications };
    }
    default:
      return { scenarios: [{ name: r.summary.scenario.name, file: r.summary.scenario.file, hash: r.summary.scenario.hash }], seed: r.summary.seed, replications: r.summary.replications };
  }
}

export function reproductionInfo(results: readonly LoadedResult[]): ReproductionInfo {
  const explained = new Map<string, ExplainedScenario>();
  const unexplained: { hash: string; text: string }[] = [];
  const reproductions = results.map((r): Reproduction => {
    const own = { ...stated(r), ...described(r) };
    const result = nameOf(r.file);
    const notes = r.kind === 'sweep' && r.recordsDiffer ? ['The lines carry different provenance records (lines of several sweeps merged?): the first line\'s is shown.'] : [];
    if (r.record === undefined) {
      for (const s of own.scenarios) unexplained.push({ hash: s.hash, text: `${s.name || s.hash} (${result}): not recorded by this version, so its parameters are not shown` });
      return { kind: r.kind, result, ...own, notes };
    }
    const check = checkRecord(r.record);
    for (const s of check.scenarios) {
      if (s.loaded === undefined) {
        unexplained.push({ hash: s.recordedHash, text: `${s.file} (${result}): ${s.problem ?? 'not loaded'}` });
        continue;
      }
      const key = `${s.file}|${s.recordedHash}|${s.hash}`;
      if (explained.has(key)) continue;
      const note = s.hash === s.recordedHash ? undefined : `${s.file} as it loads here with the recorded overrides (hash ${s.hash}), not as the result was made (hash ${s.recordedHash}): values may differ from the result's`;
      explained.set(key, { name: s.loaded.scenario.name, file: s.file, hash: s.recordedHash, explanation: explainScenario(s.loaded), ...(note ? { note } : {}) });
    }
    const named = own.scenarios.map((x, k) => (x.name === '' ? { ...x, name: check.scenarios[k]?.loaded?.scenario.name ?? x.name } : x));
    return { kind: r.kind, result, ...own, scenarios: named, record: r.record, check, notes };
  });
  return {
    version: hiresimVersion(),
    reproductions,
    scenarios: [...explained.values()],
    // A scenario explained from another result's record (the same hash) needs no note.
    unexplained: [...new Set(unexplained.filter((u) => ![...explained.values()].some((e) => e.hash === u.hash)).map((u) => u.text))],
    sweeps: results.flatMap((r) => (r.kind === 'sweep' ? [sweepInfo(r.file, r.lines, r.record)] : [])),
    sensitivities: results.flatMap((r) => (r.kind === 'sensitivity' ? [{ result: nameOf(r.file), summary: r.summary }] : [])),
    backtests: results.flatMap((r) => (r.kind === 'backtest' ? [{ result: nameOf(r.file), summary: r.summary }] : [])),
  };
}
