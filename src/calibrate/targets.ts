/**
 * Calibration targets: `--target metric@year=value[±tolerance]`, e.g.
 * `gap@2025=0.53±0.01` or `payMedian@2025=406000±20000`. The simulated value is
 * the median over replications; the tolerance scales the residual (default: 5 %
 * of the target, or 0.01 for a target of 0).
 */
import { METRIC_INDEX, METRICS } from '../model/metrics.js';
import { closest, InputError, type InputIssue } from '../scenario/issues.js';

export interface Target {
  readonly metric: string;
  readonly year: number;
  readonly value: number;
  readonly tolerance: number;
}

export function parseTargets(args: readonly string[]): Target[] {
  const issues: InputIssue[] = [];
  const targets: Target[] = [];
  args.forEach((arg, k) => {
    const m = /^([A-Za-z0-9]+)@(\d{4})=([^±]+?)(?:±(.+))?$/.exec(arg.replace('+-', '±'));
    const bad = (expected: string, found: string, hint?: string) => issues.push({ file: `--target #${k + 1}`, line: 1, column: 1, path: arg.split('=')[0] || '(root)', expected, found, ...(hint ? { hint } : {}) });
    if (!m) return bad('metric@year=value or metric@year=value±tolerance', `"${arg}"`);
    const [, metric, year, value, tolerance] = m;
    if (!(metric in METRIC_INDEX)) {
      const suggestion = closest(metric, METRICS.map((x) => x.name));
      return bad(`a metric (${METRICS.map((x) => x.name).join(', ')})`, `"${metric}"`, suggestion ? `did you mean "${suggestion}"?` : undefined);
    }
    const v = Number(value);
    const tol = tolerance === undefined ? (v === 0 ? 0.01 : Math.abs(v) * 0.05) : Number(tolerance);
    if (!Number.isFinite(v)) return bad('a number after "="', `"${value}"`);
    if (!(tol > 0)) return bad('a tolerance > 0 after "±"', `"${tolerance}"`);
    targets.push({ metric, year: Number(year), value: v, tolerance: tol });
  });
  if (issues.length > 0) throw new InputError(issues);
  return targets;
}
