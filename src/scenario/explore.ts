/**
 * The scenario's `explore:` section: the inputs `hiresim explore` offers as sliders, each a numeric
 * parameter with a range and a label. It changes no result (the scenario hash leaves it out), so
 * its checks are about the page: the path must name a numeric parameter of the scenario language,
 * once, and the range must be one a slider can cover (min < max, inside the parameter's domain,
 * above 0 on a log scale). A path the language has but this scenario lacks (a programme or firm
 * segment a variant dropped with `null`) is not an error either: the page leaves that slider out.
 * Whether the scenario's own value lies inside the range is not checked here: an override, a sweep
 * or a calibration moves values, and a page control must not make them invalid. `hiresim explore`
 * says so instead, and widens that slider to hold the value (src/explore/controls.ts).
 */
import * as z from 'zod';
import { centralValue } from './distributions.js';
import { formatNumber, inDomain, Param, PARAM_SCHEMAS } from './param.js';
import type { PathKey } from './issues.js';
import { defOf, type AnySchema, type PathIssue } from './schema-issues.js';

/** Sliders per scenario: a page of controls, not a design (the sensitivity commands take many more). */
export const MAX_EXPLORE_ENTRIES = 40;

const finite = z.number().min(-1e15).max(1e15);

export const exploreEntrySchema = z
  .strictObject({
    path: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/, 'a dotted path of a numeric parameter (upskilling.selfStudyRate)')
      .max(200)
      .describe('The numeric parameter the slider sets (a dotted path, as for --set)'),
    label: z.string().min(1).max(80).describe('What the slider is called on the page (at most 80 characters)'),
    min: finite.describe('The slider\'s lowest value'),
    max: finite.describe('The slider\'s highest value'),
    scale: z.enum(['linear', 'log']).optional().describe('How the slider moves between min and max (default linear; log needs min > 0)'),
    step: z.number().positive().max(1e15).optional().describe('The slider\'s step (default: a hundredth of the range on a linear scale, 1% on a log scale)'),
  })
  .superRefine((entry, ctx) => {
    if (!(entry.min < entry.max)) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'max not above min', params: { expected: `a number above min (${formatNumber(entry.min)})`, found: `${formatNumber(entry.max)}` } });
    } else if (entry.scale === 'log' && entry.min <= 0) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'log scale from 0', params: { expected: 'a number > 0 on a log scale', found: `${formatNumber(entry.min)}` } });
    } else if (entry.step !== undefined && entry.scale !== 'log' && entry.step > entry.max - entry.min) {
      ctx.addIssue({ code: 'custom', path: ['step'], message: 'step too large', params: { expected: `a step of at most max − min (${formatNumber(entry.max - entry.min)})`, found: `${formatNumber(entry.step)}` } });
    }
  })
  .describe('One slider of hiresim explore');

export const exploreSchema = z
  .array(exploreEntrySchema)
  .max(MAX_EXPLORE_ENTRIES)
  .describe('The inputs hiresim explore offers as sliders (each lever\'s enabled switch is offered anyway); not part of the model, so it leaves results and the scenario hash alone');

export type ExploreEntry = z.output<typeof exploreEntrySchema>;

/** Whether the scenario language has a parameter at `path` (a record, such as firms or programmes, takes any key). */
export function isParameterPath(schema: AnySchema, path: string): boolean {
  let s = schema;
  for (const key of path.split('.')) {
    for (let def = defOf(s); ; def = defOf(s)) {
      if (PARAM_SCHEMAS.has(s)) return false;
      if (def.innerType && ['optional', 'default', 'nullable', 'readonly'].includes(def.type)) s = def.innerType;
      else if (def.type === 'pipe' && def.in) s = def.in;
      else break;
    }
    const def = defOf(s);
    if (def.type === 'object' && def.shape && Object.hasOwn(def.shape, key)) s = def.shape[key];
    else if (def.type === 'record' && def.valueType) s = def.valueType;
    else return false;
  }
  return PARAM_SCHEMAS.has(s);
}

/** What a path of the scenario holds: a parameter, or a description of what it is instead. */
export function parameterAt(root: unknown, path: string): { param: Param } | { found: string; missing?: true } {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || node instanceof Param || !Object.prototype.hasOwnProperty.call(node, key)) return { found: `"${path}", which this scenario does not have`, missing: true };
    node = (node as Record<string, unknown>)[key];
  }
  if (node instanceof Param) return { param: node };
  if (typeof node === 'boolean') return { found: `"${path}", a switch (every lever's enabled switch has its own control)` };
  if (typeof node === 'number') return { found: `"${path}", a structural setting, not a model parameter` };
  return { found: `"${path}", ${Array.isArray(node) ? 'a list' : node !== null && typeof node === 'object' ? 'a section' : 'text'}` };
}

/**
 * A parameter's value at the base year, where a slider starts: the number, the formula's value in
 * that year, or a distribution's central value (constants at their central values, as the
 * scenario checks evaluate formulas). NaN when a formula is not compiled yet.
 */
export function baseValueOf(param: Param, year: number, baseYear: number, scope: Readonly<Record<string, number>>): number {
  const { spec } = param;
  if (spec.kind === 'number') return spec.value;
  if (spec.kind === 'distribution') return centralValue(spec.distribution);
  return param.formula?.evaluate({ ...scope, year, t: year - baseYear }) ?? NaN;
}

/**
 * The section's checks that need the validated scenario: each path names a numeric parameter
 * (of the scenario, or of the language when the scenario lacks it), once, and the range lies in
 * the parameter's domain. `schema` is the scenario schema (passed in: it holds this section).
 */
export function exploreIssues(scenario: { readonly explore?: readonly ExploreEntry[] }, schema: AnySchema): PathIssue[] {
  const issues: PathIssue[] = [];
  const seen = new Map<string, number>();
  (scenario.explore ?? []).forEach((entry, i) => {
    const at = (key: string): PathKey[] => ['explore', i, key];
    if (entry.path.split('.')[0] === 'explore') {
      issues.push({ path: at('path'), expected: 'the path of a numeric parameter of this scenario (upskilling.selfStudyRate)', found: `"${entry.path}", inside explore itself` });
      return;
    }
    const first = seen.get(entry.path);
    if (first !== undefined) {
      issues.push({ path: at('path'), expected: `each path once (explore entry ${first + 1} already sets it)`, found: `"${entry.path}" again` });
      return;
    }
    seen.set(entry.path, i);
    const found = parameterAt(scenario, entry.path);
    if (!('param' in found)) {
      if (!found.missing || !isParameterPath(schema, entry.path)) issues.push({ path: at('path'), expected: 'the path of a numeric parameter of this scenario (upskilling.selfStudyRate)', found: found.found });
      return;
    }
    const { domain } = found.param;
    for (const bound of ['min', 'max'] as const) {
      if (!inDomain(entry[bound], domain)) {
        issues.push({ path: at(bound), expected: `a value the parameter ${entry.path} may take (${domain.label})`, found: formatNumber(entry[bound]) });
        return;
      }
    }
  });
  return issues;
}
