/**
 * Checks that need the whole validated scenario: formulas (which may read the
 * scenario's constants) are compiled once here and evaluated over every year
 * of the horizon against their parameter's domain; constants must be numbers
 * or distributions; a one-word source must name an entry of `sources`.
 */
import { centralValue } from './distributions.js';
import { BUILTIN_VARIABLES, compileFormula } from './formula.js';
import { formatNumber, inDomain, Param, PARAM_SCHEMAS } from './param.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { firstYear } from './calendar.js';
import type { PathKey } from './issues.js';
import { paramLocations, type PathIssue } from './schema-issues.js';
import { exploreIssues } from './explore.js';

/** Every parameter of a scenario with its path, in document order. */
export function collectParams(scenario: Scenario): { path: PathKey[]; param: Param }[] {
  const found: { path: PathKey[]; param: Param }[] = [];
  const walk = (node: unknown, path: PathKey[]) => {
    if (node instanceof Param) found.push({ path, param: node });
    else if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else if (node !== null && typeof node === 'object') for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
  };
  walk(scenario, []);
  return found;
}

/**
 * Unknown names in formulas, found on the raw input: run when the schema has failed elsewhere, so
 * that these problems are reported with the schema's in one go.
 */
export function formulaNameIssues(input: Record<string, unknown>): PathIssue[] {
  const constants = input.constants !== null && typeof input.constants === 'object' ? Object.keys(input.constants) : [];
  const variables = [...BUILTIN_VARIABLES, ...constants];
  const issues: PathIssue[] = [];
  for (const { path, value } of paramLocations(scenarioSchema, input, (s) => PARAM_SCHEMAS.has(s))) {
    const inValue = value !== null && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'string';
    const text = typeof value === 'string' ? value : inValue ? (value as { value: string }).value : undefined;
    if (text === undefined || path[0] === 'constants') continue;
    const result = compileFormula(text, variables);
    if (!result.ok && result.problem.found.startsWith('unknown name')) {
      issues.push({ path: inValue ? [...path, 'value'] : path, expected: result.problem.expected, found: result.problem.found, offset: result.problem.offset });
    }
  }
  return issues;
}

/** Compiles every formula (stored on its Param) and returns the problems found. */
export function checkScenario(scenario: Scenario): PathIssue[] {
  const issues: PathIssue[] = [];
  const params = collectParams(scenario);
  const constantNames = Object.keys(scenario.constants);
  const reserved = new Set<string>([...BUILTIN_VARIABLES, 'pi', 'e']);
  const scope: Record<string, number> = {};
  /** Constants already reported: formulas reading them are not evaluated (they would only give NaN). */
  const badConstants = new Set<string>();

  for (const name of constantNames) {
    const constant = scenario.constants[name];
    if (reserved.has(name)) {
      issues.push({ path: ['constants', name], expected: `a name other than ${[...reserved].join(', ')}`, found: `"${name}"`, atKey: true });
    }
    if (constant.spec.kind === 'formula') {
      badConstants.add(name);
      issues.push({ path: ['constants', name, ...constant.valuePath], expected: 'a number or a distribution (constants are not formulas)', found: `formula "${constant.spec.text}"` });
    } else {
      scope[name] = constant.spec.kind === 'number' ? constant.spec.value : centralValue(constant.spec.distribution);
    }
  }

  const variables = [...BUILTIN_VARIABLES, ...constantNames];
  const sourceKeys = new Set(Object.keys(scenario.sources));
  for (const { path, param } of params) {
    if (param.source !== undefined && /^[A-Za-z][A-Za-z0-9_-]*$/.test(param.source) && !sourceKeys.has(param.source) && !/^assumption/i.test(param.source)) {
      issues.push({ path: [...path, 'source'], expected: `a key of sources (${[...sourceKeys].join(', ') || 'none defined'}) or a citation in words`, found: `"${param.source}"` });
    }
    if (param.spec.kind !== 'formula' || path[0] === 'constants') continue;
    const result = compileFormula(param.spec.text, variables);
    const valuePath = [...path, ...param.valuePath];
    if (!result.ok) {
      issues.push({ path: valuePath, expected: result.problem.expected, found: result.problem.found, offset: result.problem.offset });
      continue;
    }
    param.formula = result.formula;
    if (result.formula.variables.some((name) => badConstants.has(name))) continue;
    // Check the formula over the whole horizon with constants at their central values;
    // runs check the sampled values again, year by year.
    for (let year = firstYear(scenario); year <= scenario.horizon; year++) {
      const x = result.formula.evaluate({ ...scope, year, t: year - scenario.baseYear });
      if (!inDomain(x, param.domain)) {
        issues.push({ path: valuePath, expected: `a formula giving ${param.domain.label} in every year`, found: `${Number.isNaN(x) ? 'NaN' : formatNumber(x)} in ${year}` });
        break;
      }
    }
  }
  if (issues.length === 0) issues.push(...turnoverIssues(scenario, scope));
  if (issues.length === 0) issues.push(...exploreIssues(scenario, scenarioSchema));
  return issues;
}

/**
 * Turnover is every separation of a GenAI worker: quits into search are what is left once exits from
 * the field, retirement (1 / careerYears) and emigration are counted, so they must not exceed it
 * (checked with the constants at their central values, in every simulated year).
 */
function turnoverIssues(scenario: Scenario, scope: Readonly<Record<string, number>>): PathIssue[] {
  const at = (param: Param, year: number) =>
    param.spec.kind === 'number' ? param.spec.value : param.spec.kind === 'distribution' ? centralValue(param.spec.distribution) : (param.formula?.evaluate({ ...scope, year, t: year - scenario.baseYear }) ?? NaN);
  for (let year = firstYear(scenario); year <= scenario.horizon; year++) {
    const turnover = at(scenario.attrition.turnover, year);
    const others = at(scenario.attrition.exitRate, year) + 1 / at(scenario.population.careerYears, year) + at(scenario.migration.emigrationRate, year);
    if (turnover < others - 1e-12) {
      return [
        {
          path: ['attrition', 'turnover', ...scenario.attrition.turnover.valuePath],
          expected: 'a turnover at least exitRate + 1 / careerYears + emigrationRate (quits to search are the rest)',
          found: `${formatNumber(turnover)} < ${formatNumber(others)} in ${year}`,
        },
      ];
    }
  }
  return [];
}

