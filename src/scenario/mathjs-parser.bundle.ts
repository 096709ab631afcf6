/**
 * The CLI bundle's mathjs parser (scripts/bundle.mjs puts this module in mathjs-parser.ts's place):
 * an instance holding only `parse` and its dependencies, with plain numbers. Bundled, mathjs's
 * number entry shrinks to what parse needs, and the first parse costs about 30 ms instead of the
 * few hundred the full instance takes to build its typed functions.
 */
import { create, parseDependencies } from 'mathjs/number';
import type { MathParser } from './mathjs-parser.js';

export type { MathNode, MathParser } from './mathjs-parser.js';

export function createMathParser(): MathParser {
  return create({ parseDependencies }, { number: 'number' }) as unknown as MathParser;
}
