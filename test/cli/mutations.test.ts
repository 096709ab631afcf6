/**
 * Property, end to end: the CLI on a randomly broken scenario exits 0 or 2,
 * never with a stack trace, and prints every problem in the one line form.
 * (The in-process property in test/scenario/mutations.test.ts runs many more cases.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hiresim } from '../helpers/cli.js';
import { applyMutations, mutationArb, toYaml } from '../helpers/mutations.js';
import { BASELINE, STACK_TRACE, tempDir } from '../helpers/problems.js';

const baseline = parse(readFileSync(BASELINE, 'utf8')) as unknown;

let dir = '';
let cleanup = () => {};
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

describe('hiresim validate on mutated scenarios (spawned, property)', () => {
  it('exits 0 or 2, never with a stack trace, one line per problem', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.array(mutationArb(), { minLength: 1, maxLength: 3 }), (mutations) => {
        const file = `mutated-${n++}.yaml`;
        writeFileSync(join(dir, file), toYaml(applyMutations(baseline, mutations)));
        const r = hiresim(['validate', file], { cwd: dir });
        expect(r.stderr).not.toMatch(STACK_TRACE);
        expect(r.stderr).not.toContain('internal error');
        expect([0, 2]).toContain(r.status);
        if (r.status === 0) {
          expect(r.stdout).toMatch(new RegExp(`^${file.replace('.', '\\.')}: valid `));
        } else {
          const lines = r.stderr.trimEnd().split('\n');
          const count = lines.length - 1;
          expect(lines.at(-1)).toBe(`${count} problem${count === 1 ? '' : 's'} found.`);
          for (const line of lines.slice(0, -1)) expect(line).toMatch(new RegExp(`^${file.replace('.', '\\.')}:[1-9]\\d*:[1-9]\\d* .+: expected .+, found .+$`));
        }
      }),
      { numRuns: 15 },
    );
  });
});
