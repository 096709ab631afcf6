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
import { applyMutations, mutationArb, toYaml, type Mutation } from '../helpers/mutations.js';
import { BASELINE, hiresimAsync, STACK_TRACE, tempDir } from '../helpers/problems.js';

const baseline = parse(readFileSync(BASELINE, 'utf8')) as unknown;

let dir = '';
let cleanup = () => {};
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

describe('hiresim validate on mutated scenarios (spawned, property)', () => {
  // 5 runs of 3 files spawned side by side: 15 mutated scenarios through the real CLI.
  it('exits 0 or 2, never with a stack trace, one line per problem', async () => {
    let n = 0;
    const validate = async (mutations: Mutation[]) => {
      const file = `mutated-${n++}.yaml`;
      writeFileSync(join(dir, file), toYaml(applyMutations(baseline, mutations)));
      const r = await hiresimAsync(['validate', file], { cwd: dir });
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stderr).not.toContain('internal error');
      expect([0, 2]).toContain(r.status);
      const name = file.replace('.', '\\.');
      if (r.status === 0) {
        expect(r.stdout).toMatch(new RegExp(`^${name}: valid `));
      } else {
        const lines = r.stderr.trimEnd().split('\n');
        const count = lines.length - 1;
        expect(count).toBeGreaterThan(0);
        expect(lines.at(-1)).toBe(`${count} problem${count === 1 ? '' : 's'} found.`);
        for (const line of lines.slice(0, -1)) expect(line).toMatch(new RegExp(`^${name}:[1-9]\\d*:[1-9]\\d* .+: expected .+, found .+$`));
      }
    };
    const mutations = fc.array(mutationArb(), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(fc.tuple(mutations, mutations, mutations), async (cases) => {
        await Promise.all(cases.map(validate));
      }),
      { numRuns: 5 },
    );
  });
});
