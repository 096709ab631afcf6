/**
 * The resolved scenario as a flat list, for `hiresim explain` and reports:
 * every parameter with its value, formula or distribution, its unit and its
 * source (and what kind of source: a citation, a fit, an assumption), and
 * every structural setting with its unit.
 */
import { firstYear } from './calendar.js';
import { collectParams } from './checks.js';
import { closest, formatPath, InputError, type InputIssue, type PathKey } from './issues.js';
import type { LoadedScenario } from './load.js';
import { formatNumber, Param, type ParamSpec } from './param.js';
import { valueAt } from './schema-issues.js';
import { inUnit, unitOf, type Unit } from './units.js';

/**
 * Where a value comes from, read from its source field: `sourced` (a key of `sources`, or text
 * that starts with one), `derived` ("derived: …", a computation from sourced figures), `fitted`
 * ("calibrated by hiresim calibrate …", "fitted: …", or text about a fit), `assumption`
 * ("assumption: why"), `stated` (other words), `none` (no source).
 */
export type SourceKind = 'sourced' | 'derived' | 'fitted' | 'assumption' | 'stated' | 'none';

export interface ExplainedParameter {
  readonly path: string;
  /** `5,000`, `= 0.2 * t`, `triangular(min 0.1, mode 0.2, max 0.3)`: as written, in the file's own numbers. */
  readonly shown: string;
  /** `shown` in its unit: shares and rates as percentages (`13.2%`, `triangular(min 10%, mode 20%, max 30%)`); formulas as written. */
  readonly display: string;
  readonly unit: Unit;
  readonly spec: ParamSpec;
  readonly domain: string;
  /** The source as written (a key of `sources`, or words); undefined when none is given. */
  readonly source?: string;
  /** The full citation when `source` is a key of `sources`. */
  readonly citation?: string;
  readonly kind: SourceKind;
  /** The source's words without the kind that starts them ("assumption: " and "derived: " dropped); undefined when `source` is a bare key or absent. */
  readonly note?: string;
  /** Keys of `sources` the source names (as a key or within its words). */
  readonly cites: readonly string[];
}

export interface ExplainedSetting {
  readonly path: string;
  readonly value: string | number | boolean;
  /** `value` in its unit (the closure threshold as a percentage), otherwise as written (years and seeds without separators). */
  readonly display: string;
  readonly unit: Unit;
}

export interface Explanation {
  readonly scenario: { readonly name: string; readonly description: string; readonly file: string; readonly files: readonly string[]; readonly hash: string };
  /** The simulated years: startYear to horizon, history before baseYear, after burnInYears unrecorded years (defaults filled in). */
  readonly calendar: { readonly startYear: number; readonly baseYear: number; readonly horizon: number; readonly burnInYears: number };
  readonly settings: readonly ExplainedSetting[];
  readonly parameters: readonly ExplainedParameter[];
  readonly sources: Readonly<Record<string, string>>;
  readonly assumptions: readonly string[];
  /** Parameters with no source: a shipped scenario has none. */
  readonly unsourced: readonly string[];
}

// `explore` holds the sliders of `hiresim explore`: presentation, not settings of the model.
const PROSE = new Set(['$schema', 'name', 'description', 'extends', 'sources', 'assumptions', 'explore']);

export function explainScenario(loaded: LoadedScenario): Explanation {
  const { scenario } = loaded;
  const parameters = collectParams(scenario).map(({ path, param }) => explainParam(path, param, scenario));
  const settings: ExplainedSetting[] = [];
  const walk = (node: unknown, path: PathKey[]) => {
    if (node instanceof Param || (path.length === 1 && PROSE.has(String(path[0])))) return;
    if (path[path.length - 1] === 'source' || path[path.length - 1] === 'description') return;
    if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
    } else if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') {
      const unit = unitFor(formatPath(path));
      settings.push({ path: formatPath(path), value: node, display: typeof node === 'number' && unit.percent ? inUnit(node, unit, plain) : String(node), unit });
    }
  };
  walk(scenario, []);
  return {
    scenario: { name: scenario.name, description: scenario.description, file: loaded.file, files: loaded.files, hash: loaded.hash },
    calendar: { startYear: firstYear(scenario), baseYear: scenario.baseYear, horizon: scenario.horizon, burnInYears: scenario.burnInYears ?? 0 },
    settings,
    parameters,
    sources: scenario.sources,
    assumptions: scenario.assumptions,
    unsourced: parameters.filter((p) => p.source === undefined).map((p) => p.path),
  };
}

function explainParam(path: PathKey[], param: Param, scenario: LoadedScenario['scenario']): ExplainedParameter {
  // A skill vector may cite one source for all five dimensions.
  const parentSource = valueAt(scenario, [...path.slice(0, -1), 'source']);
  const source = param.source ?? (typeof parentSource === 'string' ? parentSource : undefined);
  const citation = source !== undefined ? scenario.sources[source] : undefined;
  const unit = unitFor(formatPath(path));
  const { kind, note } = classifySource(source, scenario.sources);
  return {
    path: formatPath(path),
    shown: param.describe(),
    display: displayInUnit(param.spec, unit, param.describe()),
    unit,
    spec: param.spec,
    domain: param.domain.label,
    ...(source !== undefined ? { source } : {}),
    ...(citation !== undefined ? { citation } : {}),
    kind,
    ...(note !== undefined ? { note } : {}),
    cites: source === undefined ? [] : Object.keys(scenario.sources).filter((key) => new RegExp(`(^|[^\\w])${escapeRegExp(key)}($|[^\\w])`).test(source)),
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole numbers with thousands separators, fractions to six significant digits (as Param.describe). */
const plain = (x: number) => formatNumber(x);

/** Every field has a unit in units.ts (a test walks the schema); a field added without one says so rather than failing. */
function unitFor(path: string): Unit {
  return unitOf(path) ?? { label: '(no unit in src/scenario/units.ts)' };
}

/** Numbers and distribution parameters in the unit (percentages for shares and rates); formulas as written. */
function displayInUnit(spec: ParamSpec, unit: Unit, shown: string): string {
  if (!unit.percent) return shown;
  switch (spec.kind) {
    case 'number':
      return inUnit(spec.value, unit, plain);
    case 'formula':
      return shown;
    case 'distribution': {
      // sigma (of a logarithm) and the beta shape parameters have no unit; the others are values.
      const { dist, source: _source, ...rest } = spec.distribution;
      const args = Object.entries(rest).map(([k, v]) => `${k} ${['sigma', 'alpha', 'beta'].includes(k) ? plain(v as number) : inUnit(v as number, unit, plain)}`);
      return `${dist}(${args.join(', ')})`;
    }
  }
}

const KIND_PREFIX: readonly [RegExp, SourceKind][] = [
  [/^assumption\b[:\s]*/i, 'assumption'],
  [/^derived\b[:\s]*/i, 'derived'],
  [/^fitted\b[:\s]*/i, 'fitted'],
];

/** The kind of a source field and its words without the kind (see SourceKind). */
export function classifySource(source: string | undefined, sources: Readonly<Record<string, string>>): { kind: SourceKind; note?: string } {
  if (source === undefined) return { kind: 'none' };
  if (source in sources) return { kind: 'sourced' };
  for (const [prefix, kind] of KIND_PREFIX) {
    const m = prefix.exec(source);
    if (m) return source.length > m[0].length ? { kind, note: source.slice(m[0].length) } : { kind };
  }
  if (/^calibrated\b/i.test(source) || /\bfitted\b/i.test(source)) return { kind: 'fitted', note: source };
  const first = /^[A-Za-z][A-Za-z0-9_-]*/.exec(source)?.[0];
  if (first !== undefined && first in sources) return { kind: 'sourced', note: source };
  return { kind: 'stated', note: source };
}

/**
 * The explanation narrowed to the subtrees named by `prefixes` (`wages`, `demand.growth`): the
 * parameters and settings at or under each, and the sources they cite. A prefix that names
 * nothing is an issue naming the closest path, reported at `file`.
 */
export function selectPaths(e: Explanation, prefixes: readonly string[]): Explanation {
  if (prefixes.length === 0) return e;
  const paths = [...e.settings.map((s) => s.path), ...e.parameters.map((p) => p.path)];
  const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);
  const issues: InputIssue[] = [];
  for (const prefix of prefixes) {
    if (paths.some((path) => under(path, prefix))) continue;
    // Every path and every section above one, so that "wags" finds "wages" and "wages.adjustmnt" finds "wages.adjustment".
    const candidates = new Set(paths.flatMap((path) => path.split('.').map((_, k, keys) => keys.slice(0, k + 1).join('.'))));
    const byLeaf = paths.find((path) => path.endsWith(`.${prefix}`));
    const suggestion = closest(prefix, candidates) ?? byLeaf;
    issues.push({
      file: e.scenario.file,
      line: 0,
      column: 0,
      path: prefix,
      expected: 'a path of the scenario (a section such as wages, or a field such as demand.growth)',
      found: 'no such path',
      hint: suggestion !== undefined ? `did you mean "${suggestion}"?` : `sections: ${[...new Set(paths.map((path) => path.split('.')[0]))].join(', ')}`,
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  const keep = (path: string) => prefixes.some((prefix) => under(path, prefix));
  const parameters = e.parameters.filter((p) => keep(p.path));
  const cited = new Set(parameters.flatMap((p) => p.cites));
  return {
    ...e,
    settings: e.settings.filter((s) => keep(s.path)),
    parameters,
    sources: Object.fromEntries(Object.entries(e.sources).filter(([key]) => cited.has(key))),
    unsourced: e.unsourced.filter(keep),
  };
}
