/**
 * The resolved scenario as a flat list, for `hiresim explain` and reports:
 * every parameter with its value, formula or distribution and its source, and
 * every structural setting.
 */
import { firstYear } from './calendar.js';
import { collectParams } from './checks.js';
import { formatPath, type PathKey } from './issues.js';
import type { LoadedScenario } from './load.js';
import { Param, type ParamSpec } from './param.js';
import { valueAt } from './schema-issues.js';

export interface ExplainedParameter {
  readonly path: string;
  /** `5,000`, `= 0.2 * t`, `triangular(min 0.1, mode 0.2, max 0.3)`. */
  readonly shown: string;
  readonly spec: ParamSpec;
  readonly domain: string;
  /** The source as written (a key of `sources`, or words); undefined when none is given. */
  readonly source?: string;
  /** The full citation when `source` is a key of `sources`. */
  readonly citation?: string;
}

export interface ExplainedSetting {
  readonly path: string;
  readonly value: string | number | boolean;
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

const PROSE = new Set(['$schema', 'name', 'description', 'extends', 'sources', 'assumptions']);

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
      settings.push({ path: formatPath(path), value: node });
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
  return {
    path: formatPath(path),
    shown: param.describe(),
    spec: param.spec,
    domain: param.domain.label,
    ...(source !== undefined ? { source } : {}),
    ...(citation !== undefined ? { citation } : {}),
  };
}
