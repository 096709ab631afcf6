import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, describeValue, formatIssue, formatPath, InputError, type InputIssue } from '../../src/scenario/issues.js';

const issue = (over: Partial<InputIssue>): InputIssue => ({ file: 'a.yaml', line: 1, column: 1, path: 'x', expected: 'e', found: 'f', ...over });

describe('formatPath', () => {
  it('joins keys and indices with dots; the empty path is (root)', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['demand', 'growth', 'mean'])).toBe('demand.growth.mean');
    expect(formatPath(['assumptions', 2])).toBe('assumptions.2');
    expect(formatPath(['$schema'])).toBe('$schema');
  });

  it('quotes keys that are not plain names, so no path is empty or ambiguous', () => {
    expect(formatPath([''])).toBe('""');
    expect(formatPath(['firms', 'a.b'])).toBe('firms."a.b"');
    expect(formatPath(['firms', 'my firm'])).toBe('firms."my firm"');
    expect(formatPath(['x', 'line\nbreak'])).toBe('x."line\\nbreak"');
  });
});

describe('formatIssue', () => {
  it('prints FILE:LINE:COL path: expected …, found … (hint)', () => {
    expect(formatIssue(issue({ file: 's.yaml', line: 3, column: 7, path: 'a.b', expected: 'a number', found: 'string "x"' }))).toBe('s.yaml:3:7 a.b: expected a number, found string "x"');
    expect(formatIssue(issue({ hint: 'did you mean "b"?' }))).toBe('a.yaml:1:1 x: expected e, found f (did you mean "b"?)');
  });

  it('is always one line (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (path, expected, found) => {
        expect(formatIssue(issue({ path, expected, found }))).not.toMatch(/[\r\n\u2028\u2029]/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('InputError', () => {
  it('sorts issues by file (in the order first named), line and column', () => {
    const error = new InputError([
      issue({ file: 'b.yaml', line: 2, column: 1 }),
      issue({ file: 'a.yaml', line: 9, column: 1 }),
      issue({ file: 'b.yaml', line: 1, column: 5 }),
      issue({ file: 'a.yaml', line: 9, column: 0 + 2 }),
      issue({ file: 'a.yaml', line: 3, column: 4 }),
    ]);
    expect(error.issues.map((i) => `${i.file}:${i.line}:${i.column}`)).toEqual(['b.yaml:1:5', 'b.yaml:2:1', 'a.yaml:3:4', 'a.yaml:9:1', 'a.yaml:9:2']);
    expect(error.message.split('\n')).toHaveLength(5);
    expect(error.name).toBe('InputError');
    expect(error).toBeInstanceOf(Error);
  });
});

describe('describeValue', () => {
  it.each<[unknown, string]>([
    [undefined, 'nothing'],
    [null, 'null'],
    ['abc', 'string "abc"'],
    [1.5, 'number 1.5'],
    [true, 'boolean true'],
    [[1, 2], 'a list of 2'],
    [{}, 'an empty mapping'],
    [{ a: 1, b: 2 }, 'a mapping with keys a, b'],
  ])('%j → %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('truncates long text', () => {
    const text = describeValue('x'.repeat(500));
    expect(text.length).toBeLessThan(80);
    expect(text).toMatch(/…"$/);
  });
});

describe('closest', () => {
  const keys = ['quitRate', 'exitRate', 'seekerExitRate'];
  it('suggests the nearest key for a typo, ignoring case', () => {
    expect(closest('quitRte', keys)).toBe('quitRate');
    expect(closest('QUITRATE', keys)).toBe('quitRate');
    expect(closest('exitrate', keys)).toBe('exitRate');
  });

  it('suggests nothing for a word far from every key', () => {
    expect(closest('horizon', keys)).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });
});
