/**
 * The two ways formulas reach mathjs's parser give the same trees: the single-file build (the
 * library, the tests) and the cut-down instance the CLI bundle carries (src/scenario/mathjs-parser.bundle.ts).
 * A formula is read the same whichever entry point loaded it, errors and their positions included.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createMathParser as singleFile, type MathNode } from '../../src/scenario/mathjs-parser.js';
import { createMathParser as cutDown } from '../../src/scenario/mathjs-parser.bundle.js';
import { ROOT } from '../helpers/cli.js';

/** A node as the formula walk reads it, without mathjs's class instances. */
function plain(node: MathNode): unknown {
  return {
    type: node.type,
    value: node.value,
    name: node.name,
    op: node.op,
    implicit: node.implicit,
    fn: typeof node.fn === 'object' ? plain(node.fn) : node.fn,
    args: node.args?.map(plain),
    content: node.content && plain(node.content),
    condition: node.condition && plain(node.condition),
    trueExpr: node.trueExpr && plain(node.trueExpr),
    falseExpr: node.falseExpr && plain(node.falseExpr),
  };
}

function outcome(parser: ReturnType<typeof singleFile>, text: string): unknown {
  try {
    return { tree: plain(parser.parse(text)) };
  } catch (error) {
    return { error: (error as Error).message, char: (error as { char?: number }).char };
  }
}

/** Every formula in the shipped baseline: parameters whose `value` is text. */
function shippedFormulas(): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const { value: v } = value as { value?: unknown };
      if (typeof v === 'string') found.push(v);
      Object.values(value).forEach(walk);
    }
  };
  walk(parseYaml(readFileSync(`${ROOT}scenarios/baseline.yaml`, 'utf8')));
  return found;
}

describe('the CLI bundle reads formulas as the library does', () => {
  const a = singleFile();
  const b = cutDown();
  const formulas = [
    ...shippedFormulas(),
    '0.35 * exp(-t / 8)',
    'year < 2030 ? 0.2 : 0.1',
    '2x + 3',
    '-a ^ -2 ^ b',
    'not a and b or c xor d',
    'a == b != c <= d >= e',
    '1e-3 + .5 + 0x1F',
    'max(a, min(b, 3))',
    'a % b mod c',
    '[1, 2]',
    'a.b',
    'f(x) = x',
    'import("x")',
    '1 +',
    '(a',
    'a b',
    '"text"',
    'x ? y',
  ];

  it('has the shipped formulas to compare', () => {
    expect(shippedFormulas().length).toBeGreaterThanOrEqual(2);
  });

  it.each(formulas)('%s', (text) => {
    expect(outcome(b, text)).toEqual(outcome(a, text));
  });
});
