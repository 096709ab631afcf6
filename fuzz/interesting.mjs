// Values that broke parsers, schemas and models before (issue 12) or sit on a boundary: shared by
// the scenario and the command-line mutators. Each generator takes the case's random toolkit.

/** Numbers at and past every boundary a count, share, year or rate can have. */
export const NUMBERS = ['0', '-0', '-1', '1', '0.5', '1.0000001', '-0.0000001', '2', '99', '100', '1e3', '1e6', '1e9', '1e15', '1e300', '-1e300', '1e-300', '5e-324', '2147483648', '9007199254740993', '.inf', '-.inf', '.nan', 'NaN', 'Infinity', '0x10', '0o17', '1_000', '2025', '1900', '9999', '3.14e+2'];

/** YAML scalars and small structures that are not what a field expects. */
export const YAML_VALUES = ['""', "''", 'null', '~', 'true', 'false', 'yes', 'no', '[]', '{}', '[1, 2]', '{a: 1}', '"x"', 'x', '!!binary aGVsbG8=', '!!str 1', '!!int "1"', '!!float x', '!!set {a, b}', '!!omap [a: 1]', '!!timestamp 2001-12-14', '2001-12-14', '*a', '&a 1', '&a [*a]', '? [a]', '{? [a, b]: 1}', '"\\u0000"', '"\\x1b[31mred"', '|\n  block', '>-\n  folded', '<<: {a: 1}', '{__proto__: {x: 1}}', '{constructor: 1}', '[[[[[[[[[[', ']]]', '{{{{', '"unclosed', "'unclosed", '- a', ': x', '@x', '`x', '%YAML 1.2', '---', '...', '#', '!', '!!', '!<tag:yaml.org,2002:str> x'];

/** Names the schema does not know, and names that reach an object's prototype. */
export const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'sede', 'nope', '', ' ', 'a.b', 'a b', '0', '-1', 'ÿ', '名前', '\u202e', 'x'.repeat(300), 'name', 'extends', 'seed', 'scale', 'replications', '<<', '&a', '*a'];

/** Formula texts: valid shapes, deep, long, with unknown or dangerous names. */
export function formula(r) {
  const n = r.pick([1, 2, 10, 63, 64, 65, 100, 300, 1000, 3000]);
  return r.pick([
    () => Array.from({ length: n }, () => 't').join(' + '),
    () => `${'('.repeat(n)}1${')'.repeat(n)}`,
    () => `${'-'.repeat(n)}1`,
    () => `${'not '.repeat(n)}true`,
    () => `min(${Array.from({ length: n }, (_, i) => i).join(', ')})`,
    () => `interp(t, ${Array.from({ length: n }, (_, i) => `${i}, ${i / 10}`).join(', ')})`,
    () => `${'z'.repeat(n)} + 1`,
    () => r.pick(['import("fs")', 'constructor.constructor("return process")()', 'this', 'process.exit(1)', 'evaluate("1")', 'x = 1', 'f(x) = x', 'a ? b', '1 +', '()', 'logistic()', 'logistic(1, 2, 3, 4)', 't / 0', '0 / 0', '1e308 * 10', 'year ^ year ^ year', 'sqrt(-1)', 'log(0)', '[1, 2]', '"s"', 'unknownName', 'pi * e', 't <= 0 ? 0.2 : 0.3', 'year < 2025 ? 1 : 2', '1 ? 2 : 3 ? 4 : 5']),
  ])();
}

/** A long string of `n` characters of one kind. */
export function longString(r) {
  const n = r.pick([201, 1000, 65_536, 300_000]);
  return r.pick(['a', 'é', '😀', ' ', '\\', '"', '0'])
    .repeat(n)
    .slice(0, n);
}

/** One character that trips readers: controls, NUL, BOM, tabs, line separators, surrogates. */
export const ODD_CHARS = ['\u0000', '\u0001', '\u0007', '\u0008', '\t', '\u000b', '\u000c', '\r', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffe', '\ud800', '\udfff', '😀', 'é', '\u0301', '\u202e', '"', "'", ':', '#', '&', '*', '!', '|', '>', '%', '@', '`', '{', '}', '[', ']', ',', '-', '?', '\\'];

/** A value for a command-line option that is not what it expects. */
export function argValue(r) {
  return r.weighted([
    [6, () => r.pick(NUMBERS)],
    [2, () => r.pick(['', 'x', '-', '--', '-1', '1:', ':1', '1:2:3:4', '0:0', '1,', ',', '1,,2', '0/1', '1/0', '2/2', '-1/2', '1/-2', 'a/b', '1/1e300', '@', '%', '53%', '0.53', '150%', '-5%', 'abc%'])],
    [2, () => r.pick(['__proto__.x=1', '__proto__.replications=5', 'constructor.prototype.x=1', 'a.b=1,[', 'demand.growth=*a,1', 'demand.growth=&a [*a]', '*a', '=1', 'x=', '.=1', 'a..b=1', 'scale=1e15', 'population.adjacent=1e15', 'replications=1e15', 'seed=-1', 'horizon=9999', 'horizon=2025', 'baseYear=1e300', 'demand.growth="t ^ t ^ t"', `demand.growth=${'('.repeat(100)}1${')'.repeat(100)}`])],
    [1, () => longString(r)],
    [1, () => `x${r.pick(ODD_CHARS)}y`],
    [1, () => r.pick(ODD_CHARS)],
  ])();
}
