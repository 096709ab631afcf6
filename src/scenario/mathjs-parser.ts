/**
 * mathjs's expression parser, which formulas use (and only it: src/scenario/formula.ts walks and
 * compiles the tree itself). Loaded from mathjs's single-file build: about 60 ms against about 1 s
 * for its ESM entry (1,262 files) on Node 20. That build exports no factories, so this is its full
 * default instance, whose first parse builds mathjs's typed functions (a few hundred ms).
 *
 * The CLI bundle (scripts/bundle.mjs) puts mathjs-parser.bundle.ts in this module's place: the same
 * parser, built from mathjs's number entry with only parse's dependencies, which the bundler cuts
 * down to what parse needs. test/scenario/mathjs-parser.test.ts checks that both give the same trees.
 */
import { createRequire } from 'node:module';

/** The parts of a mathjs node the formula walk reads (the browser build exports no types). */
export interface MathNode {
  type: string;
  value?: unknown;
  name?: string;
  fn?: string | MathNode;
  op?: string;
  args?: MathNode[];
  content?: MathNode;
  condition?: MathNode;
  trueExpr?: MathNode;
  falseExpr?: MathNode;
  implicit?: boolean;
}

export interface MathParser {
  parse(text: string): MathNode;
}

export function createMathParser(): MathParser {
  return createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathParser;
}
