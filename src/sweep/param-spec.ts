/**
 * `--param` ranges for sweeps, sensitivity and calibration:
 *
 *   --param demand.payElasticity=0.2:1        continuous, linear
 *   --param tools.breakthroughJump=0.01:0.3:log   continuous, log scale
 *   --param matching.rounds=6,12,24           discrete values (YAML scalars)
 *
 * A range is checked against the scenario by loading it with the range's ends
 * (or every discrete value) as overrides, so a wrong path or type is the
 * schema's own positioned error, exit 2.
 */
import { parse as parseYaml } from 'yaml';
import { InputError, type InputIssue } from '../scenario/issues.js';
import { loadScenario } from '../scenario/load.js';

export type ParamRange =
  | { readonly path: string; readonly kind: 'continuous'; readonly low: number; readonly high: number; readonly log: boolean }
  | { readonly path: string; readonly kind: 'discrete'; readonly values: readonly (number | string | boolean)[] };

const PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

/** Parses `--param` arguments; every problem is reported at once (file `--param #k`). */
export function parseParamRanges(args: readonly string[]): ParamRange[] {
  const issues: InputIssue[] = [];
  const ranges: ParamRange[] = [];
  args.forEach((arg, k) => {
    const file = `--param #${k + 1}`;
    const bad = (expected: string, found: string, column = 1) => issues.push({ file, line: 1, column, path: arg.split('=')[0] || '(root)', expected, found });
    const eq = arg.indexOf('=');
    if (eq <= 0) return bad('path=LO:HI[:log] or path=a,b,c', `"${arg}"`);
    const path = arg.slice(0, eq);
    const spec = arg.slice(eq + 1);
    if (!PATH.test(path)) return bad('a dotted path of field names (demand.growth)', `"${path}"`);
    if (ranges.some((r) => r.path === path)) return bad('each path once', `"${path}" again`);
    const continuous = /^([^:,]+):([^:,]+)(:log)?$/.exec(spec);
    if (continuous) {
      const low = Number(continuous[1]);
      const high = Number(continuous[2]);
      const log = continuous[3] !== undefined;
      if (!Number.isFinite(low) || !Number.isFinite(high)) return bad('numbers LO:HI', `"${spec}"`, eq + 2);
      if (!(low < high)) return bad('LO below HI', `${low}:${high}`, eq + 2);
      if (log && !(low > 0)) return bad('LO > 0 on a log scale', `${low}`, eq + 2);
      ranges.push({ path, kind: 'continuous', low, high, log });
      return;
    }
    const values = spec.split(',').map((v) => v.trim());
    if (values.length < 2 || values.some((v) => v === '')) return bad('LO:HI[:log] or at least two values a,b', `"${spec}"`, eq + 2);
    ranges.push({ path, kind: 'discrete', values: values.map((v) => parseYaml(v) as number | string | boolean) });
  });
  if (issues.length > 0) throw new InputError(issues);
  return ranges;
}

/** An override string setting `path` to `value`. */
export function overrideFor(path: string, value: number | string | boolean): string {
  return `${path}=${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
}

/** Loads the scenario at each range's extremes (every discrete value) so that bad paths and values fail before any run. */
export function checkRangesAgainst(file: string, ranges: readonly ParamRange[], overrides: readonly string[]): void {
  const issues: InputIssue[] = [];
  // The range's value goes in as the last override; its problems are reported as the --param's.
  const asSet = `--set #${overrides.length + 1}`;
  ranges.forEach((range, k) => {
    const values = range.kind === 'continuous' ? [range.low, range.high] : range.values;
    for (const value of values) {
      try {
        loadScenario(file, { overrides: [...overrides, overrideFor(range.path, value)] });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        for (const found of error.issues) {
          const issue = found.file === asSet ? { ...found, file: `--param #${k + 1}` } : found;
          if (!issues.some((i) => i.file === issue.file && i.path === issue.path && i.found === issue.found)) issues.push(issue);
        }
      }
    }
  });
  if (issues.length > 0) throw new InputError(issues);
}
