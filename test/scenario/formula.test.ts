import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOWED_FUNCTIONS, compileFormula, type FormulaProblem } from '../../src/scenario/formula.js';

const VARS = ['year', 't', 'k'];

function value(text: string, scope: Record<string, number> = {}): number {
  const result = compileFormula(text, VARS);
  if (!result.ok) throw new Error(`${text}: ${result.problem.expected}, found ${result.problem.found}`);
  return result.formula.evaluate({ year: 2030, t: 5, k: 2, ...scope });
}

function problem(text: string, variables: readonly string[] | 'any' = VARS): FormulaProblem {
  const result = compileFormula(text, variables);
  if (result.ok) throw new Error(`${text} was accepted`);
  return result.problem;
}

describe('compileFormula: what is allowed evaluates correctly', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 ^ 10', 1024],
    ['2 ^ 3 ^ 2', 512],
    ['-2 ^ 2', -4],
    ['10 / 4', 2.5],
    ['7 - 10', -3],
    ['+3', 3],
    ['7 mod 3', 1],
    ['-7 mod 3', 2], // mathematical modulo: the sign of the divisor
    ['7 mod -3', -2],
    ['5.5 mod 2', 1.5],
    ['1 < 2', 1],
    ['2 <= 2', 1],
    ['3 > 4', 0],
    ['4 >= 5', 0],
    ['2 == 2', 1],
    ['2 != 2', 0],
    ['1 and 0', 0],
    ['1 or 0', 1],
    ['not 0', 1],
    ['not 3', 0],
    ['1 < 2 ? 10 : 20', 10],
    ['1 > 2 ? 10 : 20', 20],
    ['0 ? 1 : 0 ? 2 : 3', 3],
    ['pi', Math.PI],
    ['e', Math.E],
    ['exp(1)', Math.E],
    ['log(e)', 1],
    ['log(8, 2)', 3],
    ['log10(1000)', 3],
    ['sqrt(16)', 4],
    ['abs(-3)', 3],
    ['pow(2, 5)', 32],
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ['max(4)', 4],
    ['floor(2.7)', 2],
    ['ceil(2.1)', 3],
    ['round(2.5)', 3],
    ['sin(0)', 0],
    ['cos(0)', 1],
    ['logistic(0)', 0.5],
    ['clamp(5, 0, 1)', 1],
    ['clamp(-5, 0, 1)', 0],
    ['clamp(0.3, 0, 1)', 0.3],
    ['interp(2020, 2016, 10, 2024, 30)', 20],
    ['interp(2010, 2016, 10, 2024, 30)', 10],
    ['interp(2030, 2016, 10, 2024, 30)', 30],
    ['interp(2019, 2016, 10, 2018, 30, 2020, 0)', 15],
    ['interp(-1, -2, 4, 0, 0)', 2],
    ['interp(7, 1, 5)', 5],
    ['1e3', 1000],
  ])('%s = %d', (text, expected) => {
    expect(value(text)).toBeCloseTo(expected, 12);
  });

  it('reads year, t and constants from the scope', () => {
    expect(value('year - t', { year: 2031, t: 6 })).toBe(2025);
    expect(value('k * t', { k: 3, t: 4 })).toBe(12);
    expect(value('year < 2030 ? 0.2 : 0.1', { year: 2029 })).toBe(0.2);
    expect(value('year < 2030 ? 0.2 : 0.1', { year: 2030 })).toBe(0.1);
    expect(value('0.2 + 0.6 * logistic((t - 6) / 2.5)', { t: 6 })).toBeCloseTo(0.5, 12);
    const compiled = compileFormula('k * exp(-t / 8) + pi', VARS);
    expect(compiled.ok && [...compiled.formula.variables].sort()).toEqual(['k', 't']);
  });

  it('logistic is the standard logistic and clamp bounds any input (property)', () => {
    const logistic = compileFormula('logistic(t)', ['t']);
    const clamp = compileFormula('clamp(t, -1, 2)', ['t']);
    if (!logistic.ok || !clamp.ok) throw new Error('not compiled');
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (x) => {
        expect(logistic.formula.evaluate({ t: x })).toBeCloseTo(1 / (1 + Math.exp(-x)), 12);
        expect(logistic.formula.evaluate({ t: x }) + logistic.formula.evaluate({ t: -x })).toBeCloseTo(1, 12);
        const c = clamp.formula.evaluate({ t: x });
        expect(c).toBeGreaterThanOrEqual(-1);
        expect(c).toBeLessThanOrEqual(2);
        if (x >= -1 && x <= 2) expect(c).toBe(x);
      }),
      { numRuns: 200 },
    );
  });

  it('mod agrees with the floored definition (property)', () => {
    const mod = compileFormula('t mod k', ['t', 'k']);
    if (!mod.ok) throw new Error('not compiled');
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 50 }), (a, b) => {
        const r = mod.formula.evaluate({ t: a, k: b });
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThan(b);
        expect(Number.isInteger((a - r) / b)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('interp is linear between consecutive points and constant beyond the first and last (property)', () => {
    const interp = compileFormula('interp(t, 2016, 1, 2019, 4, 2020, 2, 2025, 7)', ['t']);
    if (!interp.ok) throw new Error('not compiled');
    const points: [number, number][] = [[2016, 1], [2019, 4], [2020, 2], [2025, 7]];
    fc.assert(
      fc.property(fc.double({ min: 2000, max: 2040, noNaN: true }), (x) => {
        const got = interp.formula.evaluate({ t: x });
        let want: number;
        if (x <= 2016) want = 1;
        else if (x >= 2025) want = 7;
        else {
          const k = points.findIndex(([px]) => px >= x);
          const [x0, y0] = points[k - 1];
          const [x1, y1] = points[k];
          want = y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
        }
        expect(got).toBeCloseTo(want, 9);
      }),
      { numRuns: 300 },
    );
    // The points themselves are reproduced exactly.
    for (const [px, py] of points) expect(interp.formula.evaluate({ t: px })).toBe(py);
  });

  it("accepts any name in 'any' mode but does not evaluate it as a constant", () => {
    const any = compileFormula('growth0 * t', 'any');
    expect(any.ok).toBe(true);
    expect(any.ok && [...any.formula.variables].sort()).toEqual(['growth0', 't']);
  });
});

describe('compileFormula: escapes and mistakes are rejected with a position', () => {
  it.each([
    // [formula, offset, expected contains, found contains]
    ['import("fs")', 0, 'one of the functions', 'function "import"'],
    ['t + import("fs")', 4, 'one of the functions', 'function "import"'],
    ['evaluate("1")', 0, 'one of the functions', 'function "evaluate"'],
    ['1 + evaluate("1 + 1")', 4, 'one of the functions', 'function "evaluate"'],
    ['x.constructor', 0, 'numbers, variables', 'property or index access'],
    ['t["constructor"]', 0, 'numbers, variables', 'property or index access'],
    ['f(x) = 1', 0, 'numbers, variables', 'a function definition'],
    ['a = 1', 0, 'numbers, variables', 'an assignment'],
    ['[1,2]', 0, 'numbers, variables', 'a matrix'],
    ['{a: 1}', 0, 'numbers, variables', 'an object'],
    ['1:3', 0, 'numbers, variables', 'a range'],
    ['1; 2', 0, 'numbers, variables', 'several statements'],
    ['1 < t < 3', 0, 'numbers, variables', 'a chained comparison'],
    ['"abc"', 0, 'numbers only', 'string constant "abc"'],
    ["'abc'", 0, 'numbers only', 'string constant "abc"'],
    ['true', 0, 'numbers only', 'boolean constant true'],
    ['t!', 1, 'arithmetic, comparison or logic operators', 'operator "!"'],
    ['t xor 1', 2, 'arithmetic, comparison or logic operators', 'operator "xor"'],
    ['t & 1', 2, 'arithmetic, comparison or logic operators', 'operator "&"'],
    ['foo * 2', 0, 'a declared variable (year, t, k, pi, e)', 'unknown name "foo"'],
    ['t * foo', 4, 'a declared variable', 'unknown name "foo"'],
    ['tt + t', 0, 'a declared variable', 'unknown name "tt"'],
    ['constructor', 0, 'a declared variable', 'unknown name "constructor"'],
    ['__proto__ + 1', 0, 'a declared variable', 'unknown name "__proto__"'],
    ['toString ? 1 : 0', 0, 'a declared variable', 'unknown name "toString"'],
    ['hasOwnProperty(1)', 0, 'one of the functions', 'function "hasOwnProperty"'],
    ['f(1)(2)', 0, 'one of the functions', 'function'],
    ['3 cm', 2, 'a declared variable', 'unknown name "cm"'],
    ['2 * $', 4, 'a declared variable', 'unknown name "$"'],
    ['t * α', 4, 'a declared variable', 'unknown name "α"'],
    ['t + t$x', 4, 'a declared variable', 'unknown name "t$x"'],
  ])('%s (offset %d)', (text, offset, expected, found) => {
    const p = problem(text);
    expect(p.offset).toBe(offset);
    expect(p.expected).toContain(expected);
    expect(p.found).toContain(found);
  });

  it.each([
    ['(1 + 2', 6],
    ['1 +', 3],
    ['0.2 * (1 + t', 12],
    ['1 2 +', 2],
    ['exp(', 4],
  ])('a syntax error in %s points near where it goes wrong (offset %d)', (text, offset) => {
    const p = problem(text);
    expect(p.expected).toBe('a well-formed formula');
    expect(p.found).toMatch(/^a syntax error: /);
    expect(p.offset).toBe(offset);
    expect(p.offset).toBeLessThanOrEqual(text.length);
  });

  it('rejects text that is not a formula at all', () => {
    expect(problem('   ').offset).toBe(0);
    expect(compileFormula('', VARS).ok).toBe(false);
  });

  it.each([
    ['exp()', 'exp() with 1 argument(s)', '0'],
    ['exp(1, 2)', 'exp() with 1 argument(s)', '2'],
    ['log(1, 2, 3)', 'log() with 1 to 2 argument(s)', '3'],
    ['pow(2)', 'pow() with 2 argument(s)', '1'],
    ['clamp(t)', 'clamp() with 3 argument(s)', '1'],
    ['clamp(t, 0, 1, 2)', 'clamp() with 3 argument(s)', '4'],
    ['max()', 'max() with at least 1 argument(s)', '0'],
    ['logistic(1, 2)', 'logistic() with 1 argument(s)', '2'],
  ])('arity: %s', (text, expected, found) => {
    const p = problem(text);
    expect(p.expected).toBe(expected);
    expect(p.found).toBe(found);
    expect(p.offset).toBe(0);
  });

  it.each([
    ['interp(t, 2016, 1, 2020)', 'interp(x, x1, y1, x2, y2, …) with pairs of points', '3 numbers after x'],
    ['interp(t, 2020, 1, 2016, 2)', 'interp() points with increasing numbers x1 < x2 < …', 'x values 2020, 2016'],
    ['interp(t, 2020, 1, 2020, 2)', 'interp() points with increasing numbers x1 < x2 < …', 'x values 2020, 2020'],
    ['interp(t, k, 1, 2020, 2)', 'interp() points with increasing numbers x1 < x2 < …', 'x values an expression, 2020'],
    ['interp(t, 1)', 'interp() with at least 3 argument(s)', '2'],
  ])('interp: %s', (text, expected, found) => {
    const p = problem(text);
    expect(p.expected).toBe(expected);
    expect(p.found).toBe(found);
    expect(p.offset).toBe(0);
  });

  it('points at the called function, not the start, for a nested arity error', () => {
    expect(problem('t + sqrt(1, 2)').offset).toBe(4);
  });

  it('every allowed function is callable by name and nothing else is', () => {
    expect([...ALLOWED_FUNCTIONS].sort()).toEqual(
      ['abs', 'ceil', 'clamp', 'cos', 'exp', 'floor', 'interp', 'log', 'log10', 'logistic', 'max', 'min', 'pow', 'round', 'sin', 'sqrt'].sort(),
    );
    for (const name of ['tan', 'random', 'eval', 'require', 'parse', 'compile', 'createUnit', 'simplify', 'derivative', 'resolve', 'reviver']) {
      expect(problem(`${name}(1)`).found).toBe(`function "${name}"`);
    }
  });

  it('never throws, and a rejection always points inside the text (property)', () => {
    const token = fc.constantFrom('t', 'year', 'k', 'foo', '1', '2.5', '+', '-', '*', '/', '^', '(', ')', ',', '?', ':', '<', '==', 'and', 'not', 'mod', 'exp(', 'clamp(', 'max(', '.', '[', ']', '=', '"x"', ' ', '!', ';', '{', '}');
    fc.assert(
      fc.property(fc.oneof(fc.array(token, { maxLength: 12 }).map((ts) => ts.join('')), fc.string({ maxLength: 20 })), (text) => {
        const result = compileFormula(text, VARS);
        if (result.ok) {
          expect(typeof result.formula.evaluate({ year: 2030, t: 5, k: 2 })).toBe('number');
        } else {
          expect(result.problem.offset).toBeGreaterThanOrEqual(0);
          expect(result.problem.offset).toBeLessThanOrEqual(Math.max(0, text.length));
          expect(result.problem.expected).not.toBe('');
          expect(result.problem.found).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });
});
