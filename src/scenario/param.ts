/**
 * A numeric model parameter. In a scenario file it may be written as
 *
 *   growth: 0.21                                   # a number
 *   growth: "0.35 * exp(-t / 8)"                   # a formula of year, t and constants
 *   growth: { value: 0.21, source: "Bain 2025" }   # either of the above, with its source
 *   growth: { dist: triangular, min: 0.1, mode: 0.21, max: 0.35, source: "…" }
 *
 * Each parameter has a domain (a probability, a count, …) checked on numbers
 * and distribution supports at validation, and on formulas over every year of
 * the horizon once the constants are known (see checks.ts).
 */
import * as z from 'zod';
import { distributionSchema, distributionProblems, MAX_MAGNITUDE, support, type Distribution } from './distributions.js';
import { compileFormula, type CompiledFormula } from './formula.js';

export interface Domain {
  readonly min: number;
  readonly max: number;
  /** The minimum itself is excluded (strictly positive quantities). */
  readonly minOpen?: boolean;
  readonly label: string;
}

export const DOMAINS = {
  real: { min: -Infinity, max: Infinity, label: 'a number' },
  nonneg: { min: 0, max: Infinity, label: 'a number ≥ 0' },
  positive: { min: 0, max: Infinity, minOpen: true, label: 'a number > 0' },
  probability: { min: 0, max: 1, label: 'a probability in [0, 1]' },
  share: { min: 0, max: 1, label: 'a share in [0, 1]' },
  count: { min: 0, max: Infinity, label: 'a count ≥ 0' },
  year: { min: 1900, max: 2200, label: 'a year' },
} as const satisfies Record<string, Domain>;
export type DomainName = keyof typeof DOMAINS;

export function inDomain(x: number, domain: Domain): boolean {
  return Number.isFinite(x) && (domain.minOpen ? x > domain.min : x >= domain.min) && x <= domain.max;
}

export type ParamSpec =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'formula'; readonly text: string }
  | { readonly kind: 'distribution'; readonly distribution: Distribution };

/** A validated parameter. Its formula is compiled once, by the scenario checks, before any run. */
export class Param {
  /** Set by the scenario checks for formula parameters. */
  formula: CompiledFormula | undefined;

  constructor(
    readonly domain: Domain,
    readonly spec: ParamSpec,
    readonly source: string | undefined,
    /** Path suffix (`['value']` or `[]`) where the number or formula text was written. */
    readonly valuePath: readonly string[],
  ) {}

  /** Human-readable form for `explain`. */
  describe(): string {
    const { spec } = this;
    switch (spec.kind) {
      case 'number':
        return formatNumber(spec.value);
      case 'formula':
        return `= ${spec.text}`;
      case 'distribution': {
        const { dist, source: _source, ...rest } = spec.distribution;
        const args = Object.entries(rest).map(([k, v]) => `${k} ${formatNumber(v as number)}`);
        return `${dist}(${args.join(', ')})`;
      }
    }
  }
}

export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e9) ? x.toExponential(3) : String(Number(x.toPrecision(6)));
}

const finite = z.number().min(-MAX_MAGNITUDE).max(MAX_MAGNITUDE);
const formulaText = z.string().min(1).describe('A formula of year, t (years since baseYear) and constants.');
const sourceText = z.string().min(1).describe('Where the figure comes from (publication, year), or "assumption: why".');

const paramInput = z.union([
  finite,
  formulaText,
  z.strictObject({ value: z.union([finite, formulaText]), source: sourceText.optional() }),
  distributionSchema,
], { error: 'a number, a formula in quotes, {value: …, source: …} or a distribution {dist: …}' }).meta({
  id: 'Param',
  description: 'A number, a formula of year and t, {value, source}, or a distribution {dist, …, source}',
});
type ParamInput = z.input<typeof paramInput>;

/**
 * The schema of one numeric parameter with its domain.
 * @param description shown in the JSON Schema (editor hover) and by `explain`.
 */
export function param(domainName: DomainName, description: string) {
  const domain: Domain = DOMAINS[domainName];
  const schema = paramInput
    .superRefine((raw, ctx) => {
      if (typeof raw === 'number' || (typeof raw === 'object' && 'value' in raw && typeof raw.value === 'number')) {
        const value = typeof raw === 'number' ? raw : (raw as { value: number }).value;
        const path = typeof raw === 'number' ? [] : ['value'];
        if (!inDomain(value, domain)) ctx.addIssue({ code: 'custom', path, message: 'out of range', params: { expected: domain.label, found: `number ${value}` } });
        if (domainName === 'year' && !Number.isInteger(value)) ctx.addIssue({ code: 'custom', path, message: 'not a whole year', params: { expected: 'a whole year', found: `number ${value}` } });
        return;
      }
      if (typeof raw === 'string' || (typeof raw === 'object' && 'value' in raw && typeof raw.value === 'string')) {
        // Syntax and allow-list now, so these errors come with the schema's; names and
        // values are checked once the scenario's constants are known (checks.ts).
        const text = typeof raw === 'string' ? raw : (raw as { value: string }).value;
        const result = compileFormula(text, 'any');
        if (!result.ok) {
          const { expected, found, offset } = result.problem;
          ctx.addIssue({ code: 'custom', path: typeof raw === 'string' ? [] : ['value'], message: expected, params: { expected, found, offset } });
        }
        return;
      }
      if (typeof raw === 'object' && 'dist' in raw) {
        const problems = distributionProblems(raw);
        for (const p of problems) ctx.addIssue({ code: 'custom', path: [p.key], message: p.expected, params: { expected: p.expected, found: p.found } });
        if (problems.length > 0) return;
        const [lo, hi] = support(raw);
        const fits = (domain.minOpen ? lo > domain.min : lo >= domain.min) && hi <= domain.max;
        if (!fits) {
          ctx.addIssue({
            code: 'custom',
            path: ['dist'],
            message: 'support outside domain',
            params: {
              expected: `a distribution whose values stay within ${domain.label}${raw.dist === 'normal' || raw.dist === 'lognormal' ? ' (truncate it with min/max)' : ''}`,
              found: `${raw.dist} with values in [${fmtBound(lo)}, ${fmtBound(hi)}]`,
            },
          });
        }
      }
    })
    .transform((raw: ParamInput) => toParam(raw, domain))
    .describe(description);
  PARAM_SCHEMAS.add(schema);
  return schema;
}

/** The schemas made by `param`, so that a walk over the scenario schema can tell where parameters are. */
export const PARAM_SCHEMAS = new WeakSet<object>();

function fmtBound(x: number): string {
  return x === Infinity ? '∞' : x === -Infinity ? '-∞' : formatNumber(x);
}

function toParam(raw: ParamInput, domain: Domain): Param {
  if (typeof raw === 'number') return new Param(domain, { kind: 'number', value: raw }, undefined, []);
  if (typeof raw === 'string') return new Param(domain, { kind: 'formula', text: raw }, undefined, []);
  if ('dist' in raw) return new Param(domain, { kind: 'distribution', distribution: raw }, raw.source, []);
  const spec: ParamSpec = typeof raw.value === 'number' ? { kind: 'number', value: raw.value } : { kind: 'formula', text: raw.value };
  return new Param(domain, spec, raw.source, ['value']);
}
