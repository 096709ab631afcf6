/**
 * Property: whatever is wrong with a scenario, loading it either succeeds or
 * throws an InputError whose every issue is positioned and worded, never
 * anything else (which the CLI would report as an internal error).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { InputError, formatIssue } from '../../src/scenario/issues.js';
import { loadScenario } from '../../src/scenario/load.js';
import { applyMutations, mutationArb, toYaml } from '../helpers/mutations.js';
import { BASELINE, tempDir } from '../helpers/problems.js';

const baseline = parse(readFileSync(BASELINE, 'utf8')) as unknown;

let dir = '';
let cleanup = () => {};
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

/** Loads `text` as mutated.yaml; returns the issues (empty when valid). Rethrows anything but InputError. */
function problemsOf(text: string, overrides: string[] = []) {
  writeFileSync(join(dir, 'mutated.yaml'), text);
  try {
    loadScenario('mutated.yaml', { cwd: dir, overrides });
    return [];
  } catch (error) {
    if (error instanceof InputError) return error.issues;
    throw error;
  }
}

describe('loadScenario on mutated scenarios (property)', () => {
  it('the unmutated baseline is valid (so the mutations are what the property tests)', () => {
    expect(problemsOf(toYaml(baseline))).toEqual([]);
  });

  it('throws only InputError, with a position and words for every issue', () => {
    fc.assert(
      fc.property(fc.array(mutationArb(), { minLength: 1, maxLength: 3 }), (mutations) => {
        const text = toYaml(applyMutations(baseline, mutations));
        const lineCount = text.split('\n').length;
        const issues = problemsOf(text);
        for (const issue of issues) {
          expect(issue.file).toBe('mutated.yaml');
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.line).toBeLessThanOrEqual(lineCount);
          expect(issue.column).toBeGreaterThanOrEqual(1);
          expect(issue.path).not.toBe('');
          expect(issue.expected).not.toBe('');
          expect(issue.found).not.toBe('');
          // One problem, one line, in the one form.
          expect(formatIssue(issue)).toMatch(/^mutated\.yaml:\d+:\d+ .+: expected .+, found .+$/);
        }
      }),
      { numRuns: 200 },
    );
  });

  /** Numbers, any text, and text made of YAML's special characters (`*a` is an alias, `&a` an anchor…). */
  const overrideValue = fc.oneof(
    fc.double().map(String),
    fc.string({ maxLength: 16 }),
    fc.array(fc.constantFrom('*', '&', '!', '{', '}', '[', ']', ':', '-', '?', '|', '>', '#', '%', '@', '`', '"', "'", 'a', '1', ' ', ','), { maxLength: 8 }).map((cs) => cs.join('')),
  );

  it('positions problems in overrides too', () => {
    fc.assert(
      fc.property(fc.constantFrom('demand.growth', 'attrition.turnover', 'seed', 'tools.productivityGain.mode', 'firms.startups', 'constants.growthLongRun'), overrideValue, (path, value) => {
        const issues = problemsOf(toYaml(baseline), [`${path}=${value}`]);
        for (const issue of issues) {
          // An override can also break a formula that reads it, which is reported where the formula is.
          expect(['--set #1', 'mutated.yaml']).toContain(issue.file);
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.column).toBeGreaterThanOrEqual(1);
          if (issue.file === '--set #1') {
            expect(issue.line).toBe(1);
            expect(issue.column).toBeLessThanOrEqual(path.length + 2 + value.length);
          }
          expect(issue.path).not.toBe('');
          expect(issue.expected).not.toBe('');
          expect(issue.found).not.toBe('');
        }
      }),
      { numRuns: 100 },
    );
  });
});
