/**
 * The controls of the explore page and what they change: every lever's `enabled` switch, and a
 * slider for each entry of the scenario's `explore:` section. A view (the page's state) becomes
 * `--set` overrides, the same strings `hiresim run … --set` takes, so a value the page sends is
 * checked by the same loader and a bad one gets the same positioned message.
 *
 * A slider changes its parameter after the base year and leaves the years up to it as the scenario
 * has them, as the shipped variants write their changes: `P="year <= 2025 ? BASE : v"`, where BASE
 * is the scenario's number or formula. The base year stays too: it is the seed's year (the fitted
 * 53% gap), and the year some effects are measured from (tools act through their maturity's
 * distance from the base year's), so changing it would move history as well. A constant (read only
 * by formulas, which decide the years) and a distribution (drawn once per replication, so it cannot
 * change at a year) are replaced whole.
 */
import * as z from 'zod';
import { LIMITS } from '../limits.js';
import { explainScenario } from '../scenario/explain.js';
import { baseValueOf, parameterAt } from '../scenario/explore.js';
import { InputError } from '../scenario/issues.js';
import { formatNumber } from '../scenario/param.js';
import { LEVERS, type Lever } from '../scenario/levers.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { Unit } from '../scenario/units.js';

/** What each lever's switch is called on the page. */
const LEVER_LABELS: Readonly<Record<Lever, string>> = {
  education: 'Universities: graduates enter GenAI work',
  upskilling: 'Upskilling: programmes and self-study',
  tools: 'Tools improve (maturity, breakthroughs)',
  acquihires: 'Acqui-hires',
  migration: 'Immigration of qualified engineers',
};

export interface LeverControl {
  readonly lever: Lever;
  readonly path: string;
  readonly label: string;
  /** The scenario's setting. */
  readonly base: boolean;
}

export interface SliderControl {
  readonly path: string;
  readonly label: string;
  /** The range as the scenario's `explore:` entry gives it, widened to hold the scenario's value when that lies outside (`note` says so). */
  readonly min: number;
  readonly max: number;
  readonly scale: 'linear' | 'log';
  readonly step: number;
  /** Where the slider starts: the parameter's value in the base year (a distribution's central value). */
  readonly base: number;
  /** The scenario's value as `explain` shows it, in its unit ("15.1317%", "= 0.2 + 0.6 * …", "triangular(…)"). */
  readonly baseText: string;
  readonly unit: Unit;
  /** The parameter's source as written (a key of `sources`, or words) and the key's citation. */
  readonly source?: string;
  readonly citation?: string;
  /** How a changed value is written: after the base year (history and base year kept), or replacing the parameter whole. */
  readonly from: 'baseYear' | 'whole';
  /** The scenario's value as a formula can hold it (a number, or a formula in brackets); undefined when replaced whole. */
  readonly before?: string;
  /** Set when the scenario's value lies outside the entry's range (an override or a calibration moved it). */
  readonly note?: string;
}

export interface Controls {
  readonly baseYear: number;
  readonly levers: readonly LeverControl[];
  readonly sliders: readonly SliderControl[];
  /** Why an `explore:` entry has no slider: its parameter is not in this scenario (a variant dropped its programme or segment). */
  readonly left: readonly string[];
}

/** The controls of a loaded scenario (its `explore:` entries already checked by the loader). */
export function exploreControls(loaded: LoadedScenario): Controls {
  const { scenario } = loaded;
  const explained = new Map(explainScenario(loaded).parameters.map((p) => [p.path, p]));
  const scope: Record<string, number> = {};
  for (const [name, constant] of Object.entries(scenario.constants)) scope[name] = baseValueOf(constant, scenario.baseYear, scenario.baseYear, {});
  const left: string[] = [];
  const sliders = (scenario.explore ?? []).flatMap((entry): SliderControl[] => {
    const found = parameterAt(scenario, entry.path);
    // The loader lets only a parameter of the language through that this scenario lacks.
    if (!('param' in found)) {
      left.push(`"${entry.label}" has no slider: ${entry.path} is not in this scenario`);
      return [];
    }
    const { spec } = found.param;
    const whole = entry.path.startsWith('constants.') || spec.kind === 'distribution';
    const e = explained.get(entry.path);
    const base = baseValueOf(found.param, scenario.baseYear, scenario.baseYear, scope);
    // The slider starts at the scenario's value: one outside the range widens it, and the page says so.
    const outside = Number.isFinite(base) && (base < entry.min || base > entry.max);
    const min = outside ? Math.min(entry.min, base) : entry.min;
    const max = outside ? Math.max(entry.max, base) : entry.max;
    const scale = entry.scale === 'log' && min > 0 ? 'log' : 'linear';
    const what = spec.kind === 'number' ? 'value' : spec.kind === 'formula' ? `value in ${scenario.baseYear}` : 'central value';
    return [{
      path: entry.path,
      label: entry.label,
      min,
      max,
      scale,
      step: entry.step ?? (scale === 'log' ? 0 : (max - min) / 100),
      base,
      ...(outside ? { note: `the scenario's ${what} of ${entry.path}, ${formatNumber(base)}, lies outside the range its explore: entry gives (${formatNumber(entry.min)} to ${formatNumber(entry.max)}): the slider is widened to hold it` } : {}),
      baseText: e?.display ?? found.param.describe(),
      unit: e?.unit ?? { label: '' },
      ...(e?.source !== undefined ? { source: e.source } : {}),
      ...(e?.citation !== undefined ? { citation: e.citation } : {}),
      from: whole ? 'whole' : 'baseYear',
      ...(whole ? {} : { before: spec.kind === 'number' ? String(spec.value) : `(${(spec as { text: string }).text})` }),
    }];
  });
  const levers = LEVERS.map((lever) => ({ lever, path: `${lever}.enabled`, label: LEVER_LABELS[lever], base: scenario[lever].enabled }));
  return { baseYear: scenario.baseYear, levers, sliders, left };
}

/** The page's state: switches, slider values (numbers, or text as typed: "53%", "0.53"), and the draft. */
export interface ViewState {
  readonly levers: Readonly<Partial<Record<Lever, boolean>>>;
  readonly values: Readonly<Record<string, number | string>>;
  readonly draft: Draft;
}

/** The agent-based draft: persons per agent, replications and the master seed (as `--set scale=`, `--reps`, `--seed`). */
export interface Draft {
  readonly scale: number;
  readonly replications: number;
  readonly seed: number | string;
}

/** A draft is interactive: at most this many replications (the CLI takes up to LIMITS.replications). */
export const MAX_DRAFT_REPLICATIONS = 200;

const draftSchema = z.strictObject({
  scale: z.int().min(1).max(1_000_000),
  replications: z.int().min(1).max(MAX_DRAFT_REPLICATIONS),
  seed: z.union([z.int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(100)]),
});

const viewSchema = z.strictObject({
  levers: z.record(z.string(), z.boolean()),
  values: z.record(z.string(), z.union([z.number(), z.string().max(200)])),
  draft: draftSchema,
});

/** A request's state, checked against the controls: unknown switches or sliders are refused, named. */
export function parseViewState(body: unknown, controls: Controls): ViewState {
  const parsed = viewSchema.safeParse(body);
  const problem = (path: string, expected: string, found: string) => new InputError([{ file: '<request>', line: 0, column: 0, path, expected, found }]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw problem(issue.path.join('.') || '(root)', `a view {levers, values, draft: {scale, replications (at most ${MAX_DRAFT_REPLICATIONS}), seed}}`, issue.message);
  }
  const state = parsed.data;
  const levers = new Set<string>(controls.levers.map((l) => l.lever));
  const sliders = new Set(controls.sliders.map((s) => s.path));
  for (const lever of Object.keys(state.levers)) if (!levers.has(lever)) throw problem(`levers.${lever}`, `one of the levers ${[...levers].join(', ')}`, `"${lever}"`);
  for (const path of Object.keys(state.values)) if (!sliders.has(path)) throw problem(`values.${path}`, `one of the sliders ${[...sliders].join(', ') || '(none: the scenario has no explore section)'}`, `"${path}"`);
  return state as ViewState;
}

/** One changed control as an override. */
export interface ControlOverride {
  readonly path: string;
  readonly label: string;
  /** The `--set` argument: `path=value`. */
  readonly override: string;
  /** The value as the saved scenario writes it (YAML). */
  readonly yaml: string;
  /** The scenario's value, for the saved file's comment. */
  readonly baseText: string;
}

/** "0.3", "53%" and "0.53" as numbers; anything else stays text for the loader to report. */
export function readValue(value: number | string): number | string {
  if (typeof value === 'number') return value;
  const percent = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*%\s*$/i.exec(value);
  if (percent) return Number(percent[1]) / 100;
  if (/^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?\s*$/i.test(value)) return Number(value);
  return value.trim();
}

/** A number as the override writes it: the shortest text that reads back as the same number. */
const numberText = (x: number) => String(x);

/**
 * The controls that differ from the scenario, as overrides in the page's order (switches first,
 * then sliders in the scenario's order). A slider at the scenario's value changes nothing.
 */
export function viewOverrides(controls: Controls, state: ViewState): ControlOverride[] {
  const changed: ControlOverride[] = [];
  for (const lever of controls.levers) {
    const on = state.levers[lever.lever];
    if (on === undefined || on === lever.base) continue;
    changed.push({ path: lever.path, label: lever.label, override: `${lever.path}=${on}`, yaml: String(on), baseText: String(lever.base) });
  }
  for (const slider of controls.sliders) {
    const given = state.values[slider.path];
    if (given === undefined) continue;
    const value = readValue(given);
    if (typeof value === 'number' && value === slider.base) continue;
    const text = typeof value === 'number' ? numberText(value) : value;
    // A formula is written in double quotes, which YAML reads as JSON's: any text stays one value.
    const yaml = slider.from === 'whole' ? text : JSON.stringify(`year <= ${controls.baseYear} ? ${slider.before} : ${text}`);
    changed.push({ path: slider.path, label: slider.label, override: `${slider.path}=${yaml}`, yaml, baseText: slider.baseText });
  }
  return changed;
}

/** The draft as the overrides `run` makes of `--set scale=S --reps R --seed S`, in its order. */
export function draftOverrides(draft: Draft): string[] {
  return [`scale=${draft.scale}`, `replications=${draft.replications}`, `seed=${typeof draft.seed === 'number' || /^\d+$/.test(draft.seed) ? draft.seed : JSON.stringify(draft.seed)}`];
}

/** The draft a page starts with: the scenario's seed, a coarse scale and few replications (about 2 s on two cores for the baseline). */
export function defaultDraft(loaded: LoadedScenario): Draft {
  const { scenario } = loaded;
  return { scale: Math.max(scenario.scale, 50), replications: Math.min(scenario.replications, 8, LIMITS.replications), seed: scenario.seed };
}
