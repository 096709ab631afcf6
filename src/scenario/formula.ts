/**
 * Formulas in scenario files: `"0.35 * exp(-t / 8)"`, `"year < 2030 ? 0.2 : 0.1"`.
 *
 * mathjs only parses. The parse tree is then checked against an allow-list
 * (numbers, arithmetic, comparisons, logic, the ternary, a fixed list of pure
 * functions, declared variables) and compiled here into a plain closure, so no
 * user text ever reaches mathjs's evaluator: its past sandbox escapes (property
 * access, `import`, `evaluate`, function definitions) are rejected by the walk
 * and could not run anyway.
 */
import { LIMITS } from '../limits.js';
import { createMathParser, type MathNode, type MathParser } from './mathjs-parser.js';

let mathjs: MathParser | undefined;
/** Built on the first formula: a scenario without formulas never loads mathjs. */
function parser(): MathParser {
  return (mathjs ??= createMathParser());
}

/** A compiled formula: reads variables by name from `scope`. */
export type FormulaFn = (scope: Readonly<Record<string, number>>) => number;

export interface CompiledFormula {
  readonly text: string;
  readonly evaluate: FormulaFn;
  /** The variables the formula reads. */
  readonly variables: readonly string[];
}

/** Why a formula was rejected; `offset` is the 0-based character position in its text. */
export interface FormulaProblem {
  readonly offset: number;
  readonly expected: string;
  readonly found: string;
}

export type FormulaResult = { ok: true; formula: CompiledFormula } | { ok: false; problem: FormulaProblem };

/** Variables every formula may read, besides the scenario's `constants`. */
export const BUILTIN_VARIABLES = ['year', 't'] as const;

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };

type Fn = (...args: number[]) => number;
const FUNCTIONS: Record<string, { arity: [number, number]; fn: Fn }> = {
  exp: { arity: [1, 1], fn: Math.exp },
  log: { arity: [1, 2], fn: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)) },
  log10: { arity: [1, 1], fn: Math.log10 },
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  abs: { arity: [1, 1], fn: Math.abs },
  pow: { arity: [2, 2], fn: Math.pow },
  min: { arity: [1, Infinity], fn: Math.min },
  max: { arity: [1, Infinity], fn: Math.max },
  floor: { arity: [1, 1], fn: Math.floor },
  ceil: { arity: [1, 1], fn: Math.ceil },
  round: { arity: [1, 1], fn: Math.round },
  sin: { arity: [1, 1], fn: Math.sin },
  cos: { arity: [1, 1], fn: Math.cos },
  /** The standard logistic 1 / (1 + e^-x); S-curves for adoption and tool maturity. */
  logistic: { arity: [1, 1], fn: (x) => 1 / (1 + Math.exp(-x)) },
  clamp: { arity: [3, 3], fn: (x, lo, hi) => Math.min(hi, Math.max(lo, x)) },
  /**
   * interp(x, x1, y1, x2, y2, …): linear interpolation through the points (x1, y1), (x2, y2), …
   * (x1 < x2 < …), constant beyond the first and last: dated drivers from observed series.
   */
  interp: { arity: [3, Infinity], fn: interpolate },
};

function interpolate(x: number, ...points: number[]): number {
  const n = points.length / 2;
  if (x <= points[0]) return points[1];
  for (let k = 1; k < n; k++) {
    const x1 = points[2 * k];
    if (x <= x1) {
      const x0 = points[2 * k - 2];
      const y0 = points[2 * k - 1];
      return y0 + ((x - x0) / (x1 - x0)) * (points[2 * k + 1] - y0);
    }
  }
  return points[2 * n - 1];
}

export const ALLOWED_FUNCTIONS = Object.keys(FUNCTIONS);

const BINARY: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
  mod: (a, b) => a - b * Math.floor(a / b),
  larger: (a, b) => +(a > b),
  smaller: (a, b) => +(a < b),
  largerEq: (a, b) => +(a >= b),
  smallerEq: (a, b) => +(a <= b),
  equal: (a, b) => +(a === b),
  unequal: (a, b) => +(a !== b),
  and: (a, b) => +(a !== 0 && b !== 0),
  or: (a, b) => +(a !== 0 || b !== 0),
};
const UNARY: Record<string, (a: number) => number> = {
  unaryMinus: (a) => -a,
  unaryPlus: (a) => a,
  not: (a) => +(a === 0),
};

class Rejected extends Error {
  constructor(readonly problem: FormulaProblem) {
    super(problem.found);
  }
}

/**
 * Parses, checks and compiles one formula.
 * @param variables the names the formula may read (`year`, `t` and the scenario's constants);
 *   `'any'` accepts every name, to check syntax and the allow-list before the constants are known.
 */
export function compileFormula(text: string, variables: readonly string[] | 'any'): FormulaResult {
  const limit = limitProblem(text);
  if (limit) return { ok: false, problem: limit };
  let root: MathNode;
  try {
    root = parser().parse(text);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, problem: depthProblem(0) };
    const message = (error as Error).message;
    const char = (error as { char?: number }).char ?? Number(/char (\d+)/.exec(message)?.[1] ?? 1);
    return { ok: false, problem: { offset: Math.max(0, char - 1), expected: 'a well-formed formula', found: `a syntax error: ${message}` } };
  }
  const anyName = variables === 'any';
  const allowed = new Set(anyName ? [] : variables);
  const used = new Set<string>();
  const locate = (word: string) => Math.max(0, text.search(new RegExp(`(?<![\\p{L}\\p{N}_$])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_$])`, 'u')));
  const reject = (offset: number, expected: string, found: string): never => {
    throw new Rejected({ offset, expected, found });
  };

  const build = (node: MathNode): FormulaFn => {
    switch (node.type) {
      case 'ConstantNode': {
        if (typeof node.value !== 'number') return reject(0, 'numbers only', `${typeof node.value} constant ${JSON.stringify(node.value)}`);
        const value = node.value;
        return () => value;
      }
      case 'ParenthesisNode':
        return build(node.content as MathNode);
      case 'SymbolNode': {
        const name = node.name as string;
        if (Object.hasOwn(CONSTANTS, name)) {
          const value = CONSTANTS[name];
          return () => value;
        }
        if (!anyName && !allowed.has(name)) {
          const known = [...allowed, ...Object.keys(CONSTANTS)].join(', ');
          return reject(locate(name), `a declared variable (${known})`, `unknown name "${name}"`);
        }
        used.add(name);
        return (scope) => scope[name];
      }
      case 'OperatorNode': {
        const op = node.fn as string;
        const args = (node.args ?? []).map(build);
        if (args.length === 2 && op in BINARY) {
          const f = BINARY[op];
          const [a, b] = args;
          return (scope) => f(a(scope), b(scope));
        }
        if (args.length === 1 && op in UNARY) {
          const f = UNARY[op];
          const [a] = args;
          return (scope) => f(a(scope));
        }
        return reject(Math.max(0, text.indexOf(node.op ?? op)), 'arithmetic, comparison or logic operators', `operator "${node.op ?? op}"`);
      }
      case 'ConditionalNode': {
        const condition = build(node.condition as MathNode);
        const whenTrue = build(node.trueExpr as MathNode);
        const whenFalse = build(node.falseExpr as MathNode);
        return (scope) => (condition(scope) !== 0 ? whenTrue(scope) : whenFalse(scope));
      }
      case 'FunctionNode': {
        const callee = node.fn as MathNode;
        const name = callee.type === 'SymbolNode' ? (callee.name as string) : undefined;
        const spec = name !== undefined && Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
        if (!spec || !name) {
          return reject(name ? locate(name) : 0, `one of the functions ${ALLOWED_FUNCTIONS.join(', ')}`, name ? `function "${name}"` : 'a computed function call');
        }
        if ((node.args ?? []).length > LIMITS.formulaArguments) {
          return reject(locate(name), `at most ${LIMITS.formulaArguments} arguments (the argument limit)`, `${node.args!.length} arguments to ${name}()`);
        }
        const args = (node.args ?? []).map(build);
        const [lo, hi] = spec.arity;
        if (args.length < lo || args.length > hi) {
          const count = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} to ${hi}`;
          return reject(locate(name), `${name}() with ${count} argument(s)`, `${args.length}`);
        }
        if (name === 'interp') {
          const knots = (node.args ?? []).slice(1).filter((_, k) => k % 2 === 0);
          if (args.length % 2 === 0) return reject(locate(name), 'interp(x, x1, y1, x2, y2, …) with pairs of points', `${args.length - 1} numbers after x`);
          const xs = knots.map((k) => (k.type === 'ConstantNode' && typeof k.value === 'number' ? k.value : k.type === 'OperatorNode' && k.fn === 'unaryMinus' && k.args?.[0]?.type === 'ConstantNode' ? -(k.args[0].value as number) : NaN));
          if (xs.some((v, k) => !Number.isFinite(v) || (k > 0 && v <= xs[k - 1]))) return reject(locate(name), 'interp() points with increasing numbers x1 < x2 < …', `x values ${knots.map((k) => (k.type === 'ConstantNode' ? String(k.value) : 'an expression')).join(', ')}`);
        }
        const fn = spec.fn;
        if (args.length === 1) {
          const [a] = args;
          return (scope) => fn(a(scope));
        }
        return (scope) => fn(...args.map((a) => a(scope)));
      }
      default:
        return reject(0, 'numbers, variables, arithmetic, comparisons, ?: and the allowed functions', describeNode(node.type));
    }
  };

  try {
    const evaluate = build(root);
    return { ok: true, formula: { text, evaluate, variables: [...used] } };
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, problem: error.problem };
    // A safety net behind the checks of `limitProblem`: a tree too deep for the walk is the same mistake.
    if (error instanceof RangeError) return { ok: false, problem: depthProblem(0) };
    throw error;
  }
}

/**
 * Length, name length and nesting checked on the text, before mathjs sees it: its parser recurses
 * once per level (parentheses, unary signs, `not`, `?:`, `^`), so a deep formula would overflow the
 * stack, and a 100,000-character name would make the error path build a huge regular expression.
 */
function limitProblem(text: string): FormulaProblem | undefined {
  if (text.length > LIMITS.formulaLength) {
    return { offset: 0, expected: `a formula of at most ${LIMITS.formulaLength} characters (the formula length limit)`, found: `${text.length} characters` };
  }
  for (const match of text.matchAll(/[\p{L}_$][\p{L}\p{N}_$]*/gu)) {
    if (match[0].length > LIMITS.identifierLength) {
      return { offset: match.index, expected: `names of at most ${LIMITS.identifierLength} characters (the name length limit)`, found: `a name of ${match[0].length} characters` };
    }
  }
  // An upper bound on the parser's recursion, in levels: open brackets, plus the current run of
  // unary operators, plus the current chain of `^` (right-associative: each nests the next), plus
  // the `?` seen in each open bracket (a ternary nests in its branches). Operators that the parser
  // loops over (`+`, `*`, `,`, comparisons…) end a `^` chain and add nothing.
  const ternaries: number[] = [0];
  let run = 0;
  let powers = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (c === '(' || c === '[' || c === '{') ternaries.push(0);
    else if (c === ')' || c === ']' || c === '}') {
      if (ternaries.length > 1) ternaries.pop();
    } else if (c === '?') ternaries[ternaries.length - 1]++;
    if (c === '^') powers++;
    else if (!/[\p{L}\p{N}_$.)\]}]/u.test(c)) powers = 0;
    if (c === '-' || c === '+' || c === '!') run++;
    else if (text.startsWith('not', i) && !/[\p{L}\p{N}_$]/u.test(text[i + 3] ?? '') && !/[\p{L}\p{N}_$]/u.test(text[i - 1] ?? '')) {
      run++;
      i += 2;
    } else run = 0;
    const depth = ternaries.length - 1 + ternaries.reduce((a, b) => a + b, 0) + run + powers;
    if (depth > LIMITS.formulaDepth) return depthProblem(start);
  }
  return undefined;
}

function depthProblem(offset: number): FormulaProblem {
  return { offset, expected: `a formula nested at most ${LIMITS.formulaDepth} levels deep (the nesting limit: parentheses, signs, not, ?: and ^)`, found: 'deeper nesting' };
}

function describeNode(type: string): string {
  const names: Record<string, string> = {
    AccessorNode: 'property or index access',
    IndexNode: 'property or index access',
    AssignmentNode: 'an assignment',
    FunctionAssignmentNode: 'a function definition',
    BlockNode: 'several statements',
    RangeNode: 'a range',
    ArrayNode: 'a matrix',
    ObjectNode: 'an object',
    RelationalNode: 'a chained comparison',
  };
  return names[type] ?? type;
}
