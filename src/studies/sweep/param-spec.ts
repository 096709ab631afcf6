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
import { parseDocument } from 'yaml';
import { InputError, type InputIssue } from '../../scenario/issues.js';
import { loadScenario } from '../../scenario/load.js';

export type ParamRange =
  | { readonly path: string; readonly kind: 'continuous'; readonly low: number; readonly high: number; readonly log: boolean }
  | { readonly path: string; readonly kind: 'discrete'; readonly values: readonly (number | string | boolean)[] };

const PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

/** Parses `--param` (or `--fit`: `flag`) arguments; every problem is reported at once (file `--param #k`). */
export function parseParamRanges(args: readonly string[], flag = '--param'): ParamRange[] {
  const issues: InputIssue[] = [];
  const ranges: ParamRange[] = [];
  args.forEach((arg, k) => {
    const file = `${flag} #${k + 1}`;
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
    // Each value is a YAML scalar; a syntax error (`[`), an alias (`*a`) or a collection is the flag's
    // mistake, reported here rather than thrown by the YAML reader.
    const parsed: (number | string | boolean)[] = [];
    for (const v of values) {
      const doc = parseDocument(v, { prettyErrors: false, strict: true, version: '1.2' });
      let value: unknown;
      try {
        value = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 0 }) : undefined;
      } catch {
        value = undefined;
      }
      if (!['number', 'string', 'boolean'].includes(typeof value) || (typeof value === 'number' && !Number.isFinite(value))) {
        return bad('values that are numbers, words or true/false (a,b,c)', `"${v}"`, eq + 2);
      }
      parsed.push(value as number | string | boolean);
    }
    ranges.push({ path, kind: 'discrete', values: parsed });
  });
  if (issues.length > 0) throw new InputError(issues);
  return ranges;
}

/** An override string setting `path` to `value`. */
export function overrideFor(path: string, value: number | string | boolean): string {
  return `${path}=${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
}

/**
 * Puts the blame for a scenario problem on the flag that caused it. The loader places a problem in
 * the layer that holds its path; a path an override invents below an unknown key (`--set x.y.z=1`
 * reports the unknown key `x`) is held by no layer, so the loader falls back to the scenario file's
 * first line, and --reps/--seed are reported as the `--set #k` overrides they become.
 */
export function blameFlags(error: InputError, overrides: readonly string[], flags: readonly string[]): InputError {
  const paths = overrides.map((o) => o.slice(0, Math.max(0, o.indexOf('='))));
  const issues = error.issues.map((issue): InputIssue => {
    const set = /^--set #(\d+)$/.exec(issue.file);
    if (set) {
      const flag = flags[Number(set[1]) - 1];
      return flag === undefined || flag === issue.file ? issue : { ...issue, file: flag };
    }
    // The last override whose path lies strictly below the issue's path invented that path; for a
    // missing key, the last one that wrote beside it made it required (`--set x.dist=normal` on a
    // `{value: …}` asks for x.mean and x.sd, which the file never had to write).
    const parent = issue.path.includes('.') ? issue.path.slice(0, issue.path.lastIndexOf('.')) : undefined;
    const missing = /^nothing\b/.test(issue.found);
    const k = paths.findLastIndex((p) => p.startsWith(`${issue.path}.`) || (missing && parent !== undefined && p.startsWith(`${parent}.`)));
    if (k < 0 || issue.file.startsWith('--')) return issue;
    return { ...issue, file: flags[k] ?? `--set #${k + 1}`, line: 0, column: 0 };
  });
  return new InputError(issues);
}

/**
 * Loads the scenario at each range's extremes (every discrete value) so that bad paths and values fail
 * before any run. `flags` names the flag of each of `overrides` (see overrideFlags); problems with the
 * range's own value are blamed on `flag #k`.
 */
export function checkRangesAgainst(file: string, ranges: readonly ParamRange[], overrides: readonly string[], flag = '--param', flags: readonly string[] = overrides.map((_, k) => `--set #${k + 1}`)): void {
  const issues: InputIssue[] = [];
  ranges.forEach((range, k) => {
    const values = range.kind === 'continuous' ? [range.low, range.high] : range.values;
    const own = `${flag} #${k + 1}`;
    for (const value of values) {
      const all = [...overrides, overrideFor(range.path, value)];
      try {
        loadScenario(file, { overrides: all });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        for (const found of blameFlags(error, all, [...flags, own]).issues) {
          if (!issues.some((i) => i.file === found.file && i.path === found.path && i.found === found.found)) issues.push(found);
        }
      }
    }
  });
  if (issues.length > 0) throw new InputError(issues);
}
