/**
 * Parameters of one replication: every Param of the scenario becomes a
 * Float64Array with one value per simulated year. Distributions are sampled
 * once per replication, each from its own stream named after its path, so
 * adding or changing one uncertain input does not shift the draws of another
 * (common random numbers across scenarios). Formulas are evaluated once per
 * year here and never per agent.
 */
import { centralValue, sample } from '../scenario/distributions.js';
import { InputError, formatPath, type PathKey } from '../scenario/issues.js';
import { formatNumber, inDomain, Param } from '../scenario/param.js';
import type { Scenario } from '../scenario/schema.js';
import { streamRng } from '../random/seed-tree.js';
import { firstYear, yearCount } from '../scenario/calendar.js';

/** The scenario with every Param replaced by its yearly values (index 0 = the first simulated year). */
export type Resolved<T> = T extends Param
  ? Float64Array
  : T extends readonly (infer U)[]
    ? readonly Resolved<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Resolved<T[K]> }
      : T;

export type Parameters = Resolved<Scenario>;

export { yearCount } from '../scenario/calendar.js';

/**
 * Resolves all parameters for one replication.
 * @param central use each distribution's central value instead of sampling (for checks and `explain`).
 */
export function resolveParameters(scenario: Scenario, seed: number | string, replication: number, central = false): Parameters {
  const years = yearCount(scenario);
  const draw = (param: Param, path: readonly PathKey[]): number => {
    if (param.spec.kind !== 'distribution') throw new Error('not a distribution');
    return central ? centralValue(param.spec.distribution) : sample(param.spec.distribution, streamRng(seed, replication, `parameter:${formatPath(path)}`));
  };

  const constants: Record<string, number> = {};
  for (const [name, constant] of Object.entries(scenario.constants)) {
    constants[name] = constant.spec.kind === 'number' ? constant.spec.value : draw(constant, ['constants', name]);
  }

  const resolveParam = (param: Param, path: readonly PathKey[]): Float64Array => {
    const values = new Float64Array(years);
    const spec = param.spec;
    if (spec.kind === 'number') return values.fill(spec.value);
    if (spec.kind === 'distribution') return values.fill(draw(param, path));
    const formula = param.formula;
    if (!formula) throw new Error(`formula at ${formatPath(path)} was not compiled (scenario not checked)`);
    for (let i = 0; i < years; i++) {
      const year = firstYear(scenario) + i;
      const x = formula.evaluate({ ...constants, year, t: year - scenario.baseYear });
      if (!inDomain(x, param.domain)) {
        // Validation checked the formula with central constants; a sampled constant can still push it out.
        throw new InputError([
          {
            file: '(run)',
            line: 0,
            column: 0,
            path: formatPath(path),
            expected: `a formula giving ${param.domain.label} in every year`,
            found: `${formatNumber(x)} in ${year} with the constants sampled in replication ${replication} (${Object.entries(constants).map(([k, v]) => `${k} = ${formatNumber(v)}`).join(', ')})`,
          },
        ]);
      }
      values[i] = x;
    }
    return values;
  };

  const walk = (node: unknown, path: PathKey[]): unknown => {
    if (node instanceof Param) return resolveParam(node, path);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) out[key] = walk(value, [...path, key]);
      return out;
    }
    return node;
  };
  return walk(scenario, []) as Parameters;
}
