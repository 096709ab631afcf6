/**
 * Issue 12, part A: every hostile scenario text or formula is exit 0 or one positioned exit-2 line
 * naming the limit, within 5 s, never a stack trace. Each test is named after its input class and
 * runs the real CLI (`hiresim validate`) on the issue's reproducer.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/scenario/formula.js';
import { formatIssue, InputError } from '../../src/scenario/issues.js';
import { LIMITS } from '../../src/limits.js';
import { hiresim, type CliResult } from '../helpers/cli.js';
import { expectProblem, STACK_TRACE, tempDir, writeChild } from '../helpers/problems.js';

let dir = '';
let cleanup = () => {};
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

/** `hiresim validate NAME` in the temp dir, asserting it took under 5 s. */
function validate(name: string, extra: string[] = []): CliResult {
  const start = Date.now();
  const r = hiresim(['validate', name, ...extra], { cwd: dir });
  expect(Date.now() - start).toBeLessThan(5_000);
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(r.stderr).not.toMatch(/\(node:\d+\) Warning/);
  return r;
}

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

/** A child of the baseline whose `demand.growth` is `formula` (the value starts at 3:12). */
function formulaFile(name: string, formula: string): string {
  writeChild(dir, name, `demand:\n  growth: "${formula}"\n`);
  return name;
}

describe('scenario text that is not a mapping', () => {
  it('a list holding an unresolved alias ([*a]) is exit 2 at the list', () => {
    expectProblem(validate(write('alias-list.yaml', '[*a]\n')), { file: 'alias-list.yaml', line: 1, column: 1, path: '(root)', expected: 'a scenario mapping', found: 'a list of 1' });
  });

  it('a list and a scalar are exit 2, and the scalar text is not quoted back', () => {
    expectProblem(validate(write('list.yaml', '- 1\n- 2\n')), { file: 'list.yaml', line: 1, column: 1, path: '(root)', found: 'a list of 2' });
    const line = expectProblem(validate(write('scalar.yaml', 'secret-token-1234\n')), { file: 'scalar.yaml', line: 1, column: 1, path: '(root)', found: 'text of 17 characters' });
    expect(line).not.toContain('secret');
  });

  it('an unresolved alias inside a mapping is exit 2 at the alias', () => {
    expectProblem(validate(write('unresolved.yaml', 'name: x\nseed: *nope\n')), { file: 'unresolved.yaml', line: 2, column: 7, path: '(root)', found: '*nope' });
  });

  it('an alias inside its own anchor (a cyclic value) is exit 2 at the alias, in a file and in --set', () => {
    writeChild(dir, 'cyclic.yaml', 'constants: &x {b: *x}\n');
    expectProblem(validate('cyclic.yaml'), { file: 'cyclic.yaml', line: 2, column: 19, path: '(root)', found: '*x, an alias inside its own anchor' });
    writeChild(dir, 'plain-cyclic.yaml', '');
    expectProblem(validate('plain-cyclic.yaml', ['--set', 'constants=&y {b: *y}']), { file: '--set #1', line: 1, column: 18, path: 'constants', found: 'an alias inside its own anchor' });
  });

  it('an alias bomb is exit 2 naming the alias-expansion limit', () => {
    const lines = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    const names = 'abcdefghij';
    for (let k = 1; k < names.length; k++) lines.push(`${names[k]}: &${names[k]} [${Array(10).fill(`*${names[k - 1]}`).join(',')}]`);
    expectProblem(validate(write('bomb.yaml', `${lines.join('\n')}\n`)), { file: 'bomb.yaml', line: 2, column: 8, path: '(root)', expected: `at most ${LIMITS.aliasCount} alias expansions (the alias-expansion limit)` });
  });
});

describe('deep YAML nesting', () => {
  it('x: then 5,000 levels of "- " is exit 2 naming the depth limit', () => {
    expectProblem(validate(write('deep.yaml', `x:\n${'- '.repeat(5_000)}1\n`)), { file: 'deep.yaml', line: 2, column: 2 * LIMITS.yamlDepth + 1, path: '(root)', expected: `at most ${LIMITS.yamlDepth} levels deep (the depth limit)` });
  });

  it('5,000 levels of "- " followed by a dedent (a comment, then a key) is exit 2 at the deep line, not a RangeError', () => {
    // Found by npm run fuzz (seed 2, case 3886): closing the levels overflowed yaml's syntax-tree parser.
    const r = validate(write('deep-dedent.yaml', `# a comment\nx:\n${'- '.repeat(5_000)}1\n# more\nname: deep\n`));
    expectProblem(r, { file: 'deep-dedent.yaml', line: 3, column: 1, path: '(root)', expected: `at most ${LIMITS.yamlDepth} levels deep (the depth limit)` });
  });

  it('20,000 unclosed [ is one line naming the depth limit, not hundreds', () => {
    const r = validate(write('brackets.yaml', `${'['.repeat(20_000)}\n`));
    expectProblem(r, { file: 'brackets.yaml', line: 1, column: LIMITS.yamlDepth + 2, path: '(root)', expected: 'the depth limit' });
  });

  it('a --set value nested too deep is exit 2 at the value', () => {
    writeChild(dir, 'plain-deep.yaml', '');
    const r = validate('plain-deep.yaml', ['--set', `x=${'['.repeat(200)}1`]);
    expectProblem(r, { file: '--set #1', line: 1, column: 3 + LIMITS.yamlDepth + 1, path: 'x', expected: 'the depth limit' });
  });

  it('nesting at the limit is accepted by the reader (the schema then judges it)', () => {
    // The top mapping is the first level, so x's value may hold 63 more.
    writeChild(dir, 'deep-ok.yaml', `x: ${'['.repeat(LIMITS.yamlDepth - 1)}1${']'.repeat(LIMITS.yamlDepth - 1)}\n`);
    expectProblem(validate('deep-ok.yaml'), { file: 'deep-ok.yaml', line: 2, column: 1, path: 'x', found: 'unknown key "x"' });
  });
});

describe('reserved keys', () => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`${key} as a key is exit 2 at the key, also nested`, () => {
      writeChild(dir, `${key}.yaml`, `demand:\n  ${key}: {replications: 5}\n`);
      expectProblem(validate(`${key}.yaml`), { file: `${key}.yaml`, line: 3, column: 3, path: key, found: 'a reserved key' });
    });
  }

  it('__proto__ at the top no longer runs with its fields inherited', () => {
    writeChild(dir, 'proto-top.yaml', '__proto__: {replications: 5}\n');
    expectProblem(validate('proto-top.yaml'), { file: 'proto-top.yaml', line: 2, column: 1, path: '__proto__', expected: 'a scenario key', found: 'a reserved key' });
  });

  it('--set __proto__.replications=5 is exit 2', () => {
    writeChild(dir, 'plain.yaml', '');
    expectProblem(validate('plain.yaml', ['--set', '__proto__.replications=5']), { file: '--set #1', line: 1, column: 1, path: '__proto__.replications', found: 'a reserved key' });
  });
});

describe('an unknown key with an empty value', () => {
  it('sede: is reported like any unknown key, with a suggestion below the top level', () => {
    writeChild(dir, 'sede.yaml', 'sede:\n');
    expectProblem(validate('sede.yaml'), { file: 'sede.yaml', line: 2, column: 1, path: 'sede', found: 'unknown key "sede"' });
    writeChild(dir, 'grwth.yaml', 'demand:\n  grwth:\n');
    expectProblem(validate('grwth.yaml'), { file: 'grwth.yaml', line: 3, column: 3, path: 'demand.grwth', found: 'unknown key "grwth" (did you mean "growth"?)' });
  });

  it('null still removes an inherited firm segment', () => {
    writeChild(dir, 'drop.yaml', 'firms:\n  startups: null\n');
    const r = validate('drop.yaml');
    expect(r.status, r.stderr).toBe(0);
  });
});

describe('collection keys', () => {
  it('? [a, b] is exit 2 at the key and no Node warning leaks', () => {
    writeChild(dir, 'coll.yaml', '? [a, b]\n: 1\n');
    expectProblem(validate('coll.yaml'), { file: 'coll.yaml', line: 2, column: 3, path: '(key)', found: 'a list as a key' });
  });

  it('a tagged binary key is exit 2 at the key and no Node warning leaks', () => {
    writeChild(dir, 'binary-key.yaml', '!!binary aGVsbG8=: 1\n');
    expectProblem(validate('binary-key.yaml'), { file: 'binary-key.yaml', line: 2, column: 10, path: '(key)', found: 'a !!binary value as a key' });
  });
});

describe('formula limits', () => {
  it('a formula of 2,400 + terms is exit 2 naming the length limit', () => {
    const r = validate(formulaFile('long.yaml', Array(2_400).fill('t').join(' + ')));
    expectProblem(r, { file: 'long.yaml', line: 3, column: 12, path: 'demand.growth', expected: `at most ${LIMITS.formulaLength} characters (the formula length limit)` });
  });

  it('leading minus signs and not chains are exit 2 naming the nesting limit', () => {
    expectProblem(validate(formulaFile('minus.yaml', `${'-'.repeat(1_000)}t`)), { file: 'minus.yaml', line: 3, column: 12 + LIMITS.formulaDepth, path: 'demand.growth', expected: `nested at most ${LIMITS.formulaDepth} levels deep` });
    expectProblem(validate(formulaFile('not.yaml', `${'not '.repeat(400)}t`)), { file: 'not.yaml', line: 3, column: 12 + 4 * LIMITS.formulaDepth, path: 'demand.growth', expected: 'the nesting limit' });
  });

  it('min( with too many arguments is exit 2 naming the argument limit', () => {
    const r = validate(formulaFile('args.yaml', `min(${Array(LIMITS.formulaArguments + 1).fill('1').join(',')})`));
    expectProblem(r, { file: 'args.yaml', line: 3, column: 12, path: 'demand.growth', expected: `at most ${LIMITS.formulaArguments} arguments`, found: `${LIMITS.formulaArguments + 1} arguments to min()` });
  });

  it('a 1,000-character name is exit 2 naming the name length limit', () => {
    const r = validate(formulaFile('name.yaml', `t + ${'a'.repeat(1_000)}`));
    expectProblem(r, { file: 'name.yaml', line: 3, column: 16, path: 'demand.growth', expected: `names of at most ${LIMITS.identifierLength} characters`, found: 'a name of 1000 characters' });
  });

  it('a 1 MB bad formula gives one short line', () => {
    const r = validate(formulaFile('huge.yaml', `${'t + '.repeat(200_000)}(`));
    const line = expectProblem(r, { file: 'huge.yaml', line: 3, column: 12, path: 'demand.growth', expected: 'the formula length limit' });
    expect(line.length).toBeLessThan(400);
  });

  it('any text within the length limit compiles or is rejected, never throws', () => {
    // Names padded with spaces, so two pieces never join into one unknown name (`tyear`).
    const piece = fc.constantFrom(' t ', '(', ')', '-', '+', ' not ', '?', ':', '^', '*', ' min(', ',', ' 1 ', ' year ', ' ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 600 }), (pieces) => {
        const result = compileFormula(pieces.join('').slice(0, LIMITS.formulaLength), 'any');
        if (result.ok) expect(typeof result.formula.evaluate({ t: 1, year: 2030 })).toBe('number');
        else expect(result.problem.expected).not.toBe('');
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('one construct repeated up to the length limit is compiled or rejected, never throws', () => {
    const construct = fc.constantFrom('-', '+', 'not ', '!', '(', 't ? 1 : ', '2 ^ ', 't + ', 'min(t, ', '-(', 'not (');
    fc.assert(
      fc.property(construct, fc.integer({ min: 1, max: 2_000 }), (part, n) => {
        const text = `${part.repeat(n)}t`.slice(-LIMITS.formulaLength);
        const result = compileFormula(text, 'any');
        if (result.ok) expect(typeof result.formula.evaluate({ t: 1, year: 2030 })).toBe('number');
        else expect(result.problem.expected).toMatch(/limit|well-formed/);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('many side-by-side powers and ternaries are not nesting: 100 of each compile', () => {
    const powers = compileFormula(Array(100).fill('t^2').join(' + '), 'any');
    expect(powers.ok && powers.formula.evaluate({ t: 2 })).toBe(400);
    const ternaries = compileFormula(Array(100).fill('(t > 1 ? 1 : 0)').join(' + '), 'any');
    expect(ternaries.ok && ternaries.formula.evaluate({ t: 2 })).toBe(100);
    const chain = compileFormula(`${Array(100).fill('t > 1 ? 1 :').join(' ')} 0`, 'any');
    expect(chain.ok ? 'compiled' : chain.problem.expected).toContain('the nesting limit');
  });

  it('deep but legal formulas still compile: 999 terms, 63 parentheses', () => {
    const sum = compileFormula(Array(999).fill('t').join('+'), 'any');
    expect(sum.ok && sum.formula.evaluate({ t: 2 })).toBe(1_998);
    const parens = compileFormula(`${'('.repeat(63)}t${')'.repeat(63)}`, 'any');
    expect(parens.ok && parens.formula.evaluate({ t: 2 })).toBe(2);
  });
});

describe('message length', () => {
  it('the found part is cut to the documented maximum with its length', () => {
    const line = formatIssue({ file: 'f', line: 1, column: 1, path: 'p', expected: 'x', found: 'y'.repeat(5_000) });
    expect(line).toBe(`f:1:1 p: expected x, found ${'y'.repeat(LIMITS.foundLength)}… (5000 characters)`);
  });

  it('every part that can hold input is cut: a long key, file or flag, a long expected list (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 3_000 }), fc.string({ minLength: 0, maxLength: 3_000 }), fc.string({ maxLength: 3_000 }), fc.string({ maxLength: 6_000 }), (file, path, found, expected) => {
        const line = formatIssue({ file, line: 0, column: 0, path, expected, found });
        // Each cut part adds at most "… (N characters)"; the expected part may take four times the limit.
        expect(line.length).toBeLessThanOrEqual(7 * LIMITS.foundLength + 4 * 24 + 40);
      }),
    );
  });

  it('a key of 100 control characters gives a bounded line (npm run fuzz, seed 2, case 3143)', () => {
    const name = write('control-key.yaml', `${'\u0001'.repeat(100)}x: 1\nname: y\n`);
    const r = validate(name);
    expect(r.status).toBe(2);
    for (const line of r.stderr.split('\n')) expect(line.length).toBeLessThan(1_000);
  });

  it('a value followed by 65,000 stray quotes is refused at the first, fast (npm run fuzz, seed 12, case 975)', () => {
    const name = write('quotes.yaml', `name: x\nfoo: ${'"'.repeat(65_000)}\n`);
    const started = Date.now();
    const r = validate(name);
    expect(Date.now() - started).toBeLessThan(5_000);
    expectProblem(r, { file: name, line: 2, column: 8, path: '(root)', expected: 'at most 200 stray values after a value', found: '32499 stray values, the first here' });
  });

  it('a --set value with thousands of stray quotes is the --set\'s problem', () => {
    const r = hiresim(['validate', 'scenarios/baseline.yaml', '--set', `name=${'"'.repeat(5_000)}`]);
    expectProblem(r, { file: '--set #1', line: 1, column: 8, path: 'name', expected: 'a YAML value', found: '2499 stray values after a value' });
  });

  it('issues thrown again (placed on a flag or on the file of a run) keep one "more" line, with every unlisted problem counted', () => {
    const issues = Array.from({ length: 25 }, (_, k) => ({ file: 'f', line: k + 1, column: 1, path: 'p', expected: 'x', found: 'y' }));
    const again = new InputError([...new InputError(issues).issues, { file: 'f', line: 99, column: 1, path: 'q', expected: 'x', found: 'y' }]);
    const more = again.issues.filter((i) => i.path === '(more)');
    expect(more).toHaveLength(1);
    expect(more[0].found).toBe('6 more not listed');
    expect(again.issues.at(-1)).toBe(more[0]);
  });

  it('at most the documented number of problems per file, then how many more', () => {
    const issues = Array.from({ length: 50 }, (_, k) => ({ file: 'f', line: k + 1, column: 1, path: 'p', expected: 'x', found: 'y' }));
    const error = new InputError([...issues, { file: 'g', line: 1, column: 1, path: 'q', expected: 'x', found: 'y' }]);
    expect(error.issues).toHaveLength(LIMITS.issuesPerFile + 2);
    expect(formatIssue(error.issues[LIMITS.issuesPerFile])).toBe(`f (more): expected at most ${LIMITS.issuesPerFile} problems listed per file, found 30 more not listed`);
    expect(error.issues.at(-1)!.file).toBe('g');
  });
});

describe('special files', () => {
  it('validate /dev/zero is exit 2 at once: only regular files are read', () => {
    expectProblem(validate('/dev/zero'), { file: '/dev/zero', line: 1, column: 1, path: '(root)', expected: 'a regular file', found: 'a device' });
  });

  it('a FIFO is exit 2 without blocking', () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expectProblem(validate('fifo'), { file: 'fifo', line: 1, column: 1, path: '(root)', found: 'a named pipe' });
  });

  it('a directory is exit 2', () => {
    expectProblem(validate('.'), { file: '.', line: 1, column: 1, path: '(root)', found: 'a directory' });
  });

  it('extends: /dev/zero is exit 2 at the extends line', () => {
    write('ext-zero.yaml', 'extends: /dev/zero\n');
    expectProblem(validate('ext-zero.yaml'), { file: 'ext-zero.yaml', line: 1, column: 10, path: 'extends', found: 'a device or other special file (/dev/zero)' });
  });

  it('extends: /proc/self/environ and /etc/passwd never quote the file', () => {
    write('ext-env.yaml', 'extends: /proc/self/environ\n');
    const env = validate('ext-env.yaml');
    expect(env.status).toBe(2);
    expect(env.stderr).not.toMatch(/PATH=|HOME=/);
    expect(env.stderr.split('\n').length).toBeLessThanOrEqual(3);
    write('ext-passwd.yaml', 'extends: /etc/passwd\n');
    const passwd = validate('ext-passwd.yaml');
    expectProblem(passwd, { file: '/etc/passwd', line: 1, column: 1, path: '(root)', found: /^text of \d+ characters$/ });
    expect(passwd.stderr).not.toContain('root:');
  });

  it('a YAML syntax error quotes at most a short excerpt of the source', () => {
    const secret = 'SECRETTOKEN'.repeat(20);
    const r = validate(write('token.yaml', `k: v\n}${secret}\n`));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`"${secret.slice(0, LIMITS.quotedSource)}…"`);
    expect(r.stderr).not.toContain(secret.slice(0, LIMITS.quotedSource + 1));
  });

  it('a file over the size limit is exit 2 naming the limit', () => {
    write('big.yaml', `# ${'x'.repeat(LIMITS.fileBytes)}\nname: big\n`);
    expectProblem(validate('big.yaml'), { file: 'big.yaml', line: 1, column: 1, path: '(root)', expected: `at most ${LIMITS.fileBytes} bytes` });
  });
});

describe('found by npm run fuzz, seed 3', () => {
  it('a key of 300 line separators gives a bounded line: escaped, then cut (cases 2727, 4488, 5997, 8056)', () => {
    const name = write('separators.yaml', `name: x\n"migration${'\\u2028'.repeat(300)}": 1\n`);
    const r = validate(name);
    expect(r.status).toBe(2);
    for (const line of r.stderr.split('\n')) expect(line.length).toBeLessThan(1_000);
  });
  it('a scenario name of 300,000 characters is refused (it is printed in every plan line and title; case 6231)', () => {
    const name = 'long-name.yaml';
    writeChild(dir, name, `name: ${'a'.repeat(300_000)}\n`);
    const r = validate(name);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('name: expected text of at most 200 characters');
    expect(r.stderr.length).toBeLessThan(5_000);
  });
});
