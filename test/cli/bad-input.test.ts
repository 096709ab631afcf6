/**
 * Bad input, end to end: each case spawns the compiled CLI and pins the
 * `FILE:LINE:COL path` of the problem it must report, exit status 2, no stack
 * trace, and (for explain) nothing half-written on stdout.
 *
 * The fixtures in test/fixtures/bad/ extend the shipped baseline and change one
 * thing, so the positions below stay put when the baseline changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstYear } from '../../src/scenario/calendar.js';
import { loadScenario } from '../../src/scenario/load.js';
import { formatNumber } from '../../src/scenario/param.js';
import { BASELINE, expectProblem, hiresimAsync, tempDir, writeChild, type ExpectedProblem } from '../helpers/problems.js';

const BAD = 'test/fixtures/bad';

interface Case {
  readonly name: string;
  /** Arguments after the command (file and options). */
  readonly args: readonly string[];
  readonly problem: ExpectedProblem;
  /** Also run `explain` with the same arguments. */
  readonly explain?: boolean;
}

async function check(c: Case, cwd?: string): Promise<void> {
  const [validate, explain] = await Promise.all([
    hiresimAsync(['validate', ...c.args], { cwd }),
    c.explain ? hiresimAsync(['explain', ...c.args], { cwd }) : undefined,
  ]);
  expectProblem(validate, c.problem);
  expect(validate.stdout).toBe('');
  if (explain) {
    expectProblem(explain, c.problem);
    expect(explain.stdout).toBe('');
  }
}

const fileCases: Case[] = [
  {
    name: 'a missing file',
    args: [`${BAD}/does-not-exist.yaml`],
    problem: { file: `${BAD}/does-not-exist.yaml`, line: 1, column: 1, path: '(root)', expected: 'an existing scenario file', found: 'no such file' },
    explain: true,
  },
  {
    name: 'a directory instead of a file',
    args: [`${BAD}/cycle`],
    problem: { file: `${BAD}/cycle`, line: 1, column: 1, path: '(root)', expected: 'a scenario file', found: 'a directory' },
    explain: true,
  },
  {
    name: 'an empty file',
    args: [`${BAD}/empty.yaml`],
    problem: { file: `${BAD}/empty.yaml`, line: 1, column: 1, path: '(root)', expected: 'a scenario mapping', found: 'an empty file' },
    explain: true,
  },
  {
    name: 'a YAML syntax error',
    args: [`${BAD}/syntax-error.yaml`],
    problem: { file: `${BAD}/syntax-error.yaml`, line: 5, column: 3, path: '(root)', expected: 'valid YAML', found: 'a syntax error' },
    explain: true,
  },
  {
    name: 'a duplicate key',
    args: [`${BAD}/duplicate-key.yaml`],
    problem: { file: `${BAD}/duplicate-key.yaml`, line: 5, column: 3, path: '(root)', expected: 'each key once per mapping', found: 'a duplicate key' },
  },
  {
    name: 'an unknown key, with the closest known key as a hint',
    args: [`${BAD}/unknown-key.yaml`],
    problem: { file: `${BAD}/unknown-key.yaml`, line: 4, column: 3, path: 'attrition.turnovr', expected: /^one of the keys .*\bturnover\b/, found: 'unknown key "turnovr" (did you mean "turnover"?)' },
    explain: true,
  },
  {
    name: 'a value of the wrong type',
    args: [`${BAD}/wrong-type.yaml`],
    problem: { file: `${BAD}/wrong-type.yaml`, line: 3, column: 15, path: 'replications', expected: /number/, found: 'string "many"' },
    explain: true,
  },
  {
    name: 'a negative count',
    args: [`${BAD}/negative-count.yaml`],
    problem: { file: `${BAD}/negative-count.yaml`, line: 4, column: 15, path: 'migration.immigrants', expected: 'a count ≥ 0', found: 'number -5' },
  },
  {
    name: 'a probability outside [0, 1]',
    args: [`${BAD}/probability-range.yaml`],
    problem: { file: `${BAD}/probability-range.yaml`, line: 4, column: 22, path: 'attrition.turnover.value', expected: 'a probability in [0, 1]', found: 'number 1.5' },
    explain: true,
  },
  {
    name: 'a horizon before the base year',
    args: [`${BAD}/horizon-before-base.yaml`],
    problem: { file: `${BAD}/horizon-before-base.yaml`, line: 3, column: 10, path: 'horizon', expected: 'a year after baseYear', found: '2020' },
  },
  {
    name: 'a formula syntax error (pointing inside the formula)',
    args: [`${BAD}/formula-syntax.yaml`],
    // `  growth: "0.2 * (1 + t"`: the text starts at column 12, the missing ")" is 12 characters in.
    problem: { file: `${BAD}/formula-syntax.yaml`, line: 4, column: 24, path: 'demand.growth', expected: 'a well-formed formula', found: 'a syntax error' },
    explain: true,
  },
  {
    name: 'an unknown distribution',
    args: [`${BAD}/unknown-distribution.yaml`],
    problem: { file: `${BAD}/unknown-distribution.yaml`, line: 4, column: 29, path: 'tools.productivityGain.dist', expected: /"normal".*"triangular"/, found: 'string "gamma"' },
    explain: true,
  },
  {
    name: 'a distribution with min above max',
    args: [`${BAD}/dist-min-above-max.yaml`],
    problem: { file: `${BAD}/dist-min-above-max.yaml`, line: 4, column: 53, path: 'tools.productivityGain.max', expected: 'max greater than min (0.5)', found: 'number 0.1' },
  },
  {
    name: 'a triangular mode outside [min, max]',
    args: [`${BAD}/dist-mode-outside.yaml`],
    problem: { file: `${BAD}/dist-mode-outside.yaml`, line: 4, column: 55, path: 'tools.productivityGain.mode', expected: 'a mode between min (0) and max (0.5)', found: 'number 0.9' },
  },
  {
    name: 'a normal distribution with a negative sd',
    args: [`${BAD}/dist-negative-sd.yaml`],
    problem: { file: `${BAD}/dist-negative-sd.yaml`, line: 4, column: 44, path: 'demand.shockSd.sd', expected: 'a number ≥ 0', found: 'number -0.01' },
  },
  {
    name: 'a normal without truncation on a probability',
    args: [`${BAD}/dist-untruncated-probability.yaml`],
    problem: { file: `${BAD}/dist-untruncated-probability.yaml`, line: 4, column: 21, path: 'attrition.turnover.dist', expected: /probability in \[0, 1\] \(truncate it with min\/max\)/, found: 'normal with values in [-∞, ∞]' },
  },
  {
    name: 'an extends cycle (reported at the extends that closes it)',
    args: [`${BAD}/cycle/a.yaml`],
    problem: {
      file: `${BAD}/cycle/b.yaml`,
      line: 2,
      column: 10,
      path: 'extends',
      expected: 'an extends chain without cycles',
      found: `a cycle: ${BAD}/cycle/a.yaml → ${BAD}/cycle/b.yaml → ${BAD}/cycle/a.yaml`,
    },
    explain: true,
  },
  {
    name: "an extends parent that does not exist (reported at the child's extends line)",
    args: [`${BAD}/extends-missing.yaml`],
    problem: { file: `${BAD}/extends-missing.yaml`, line: 3, column: 10, path: 'extends', expected: 'an existing scenario file to extend', found: `no such file (${BAD}/no-such-parent.yaml)` },
    explain: true,
  },
];

describe.concurrent('bad scenario files (spawned)', () => {
  for (const c of fileCases) it(`reports ${c.name}`, () => check(c));

  it('reports every problem of a file at once (3 problems, 3 lines)', async () => {
    const file = `${BAD}/three-problems.yaml`;
    const r = await hiresimAsync(['validate', file]);
    expectProblem(r, { file, line: 3, column: 15, path: 'replications', expected: 'number ≥ 1', found: 'number 0' }, 3);
    expectProblem(r, { file, line: 5, column: 3, path: 'attrition.turnovr', found: 'did you mean "turnover"?' }, 3);
    expectProblem(r, { file, line: 6, column: 13, path: 'attrition.exitRate', expected: 'a probability in [0, 1]', found: 'number 1.5' }, 3);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(4);
    expect(r.stdout).toBe('');
  });

  it('reports every problem of the whole-scenario checks at once, in reading order', async () => {
    const file = `${BAD}/formula-problems.yaml`;
    const r = await hiresimAsync(['validate', file]);
    expectProblem(r, { file, line: 4, column: 12, path: 'demand.growth', expected: 'a declared variable', found: 'unknown name "foo"' }, 3);
    // `  maturity: { value: "t / 2", …`: t / 2 leaves [0, 1] in the first simulated year when it is
    // before the base year (t < 0), else in the base year + 3; the first such year is reported.
    const { scenario } = loadScenario(BASELINE);
    let year = firstYear(scenario);
    while ((year - scenario.baseYear) / 2 >= 0 && (year - scenario.baseYear) / 2 <= 1) year++;
    const found = `${formatNumber((year - scenario.baseYear) / 2)} in ${year}`;
    expectProblem(r, { file, line: 6, column: 22, path: 'tools.maturity.value', expected: 'a formula giving a share in [0, 1] in every year', found }, 3);
    expectProblem(r, { file, line: 6, column: 39, path: 'tools.maturity.source', expected: 'a key of sources', found: '"nosuchsource"' }, 3);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines.map((l) => l.split(' ')[0])).toEqual([`${file}:4:12`, `${file}:6:22`, `${file}:6:39`, '3']);
  });
});

describe.concurrent('formula escape attempts (spawned)', () => {
  let dir = '';
  let cleanup = () => {};
  beforeAll(() => ({ dir, cleanup } = tempDir()));
  afterAll(() => cleanup());

  // Line 1 extends the baseline; line 3 is `  growth: '<formula>'`, whose text starts at column 12;
  // line 5 declares the constant growth0 (added to the baseline's constants).
  const escapes: { formula: string; offset: number; expected: string | RegExp; found: string }[] = [
    { formula: 'import("fs")', offset: 0, expected: 'one of the functions exp, log', found: 'function "import"' },
    { formula: 'evaluate("1")', offset: 0, expected: 'one of the functions exp, log', found: 'function "evaluate"' },
    { formula: 'x.constructor', offset: 0, expected: 'numbers, variables, arithmetic', found: 'property or index access' },
    { formula: 'f(x) = 1', offset: 0, expected: 'numbers, variables, arithmetic', found: 'a function definition' },
    { formula: 'a = 1', offset: 0, expected: 'numbers, variables, arithmetic', found: 'an assignment' },
    { formula: '[1,2]', offset: 0, expected: 'numbers, variables, arithmetic', found: 'a matrix' },
    { formula: '"abc"', offset: 0, expected: 'numbers only', found: 'string constant "abc"' },
    { formula: 'growth0 * bar', offset: 10, expected: /^a declared variable \(year, t, .*\bgrowth0\b/, found: 'unknown name "bar"' },
    { formula: 'constructor', offset: 0, expected: 'a declared variable', found: 'unknown name "constructor"' },
  ];
  escapes.forEach((e, i) => {
    it(`rejects ${e.formula} at its position`, async () => {
      writeChild(dir, `escape-${i}.yaml`, `demand:\n  growth: '${e.formula}'\nconstants:\n  growth0: 0.1\n`);
      await check(
        {
          name: e.formula,
          args: [`escape-${i}.yaml`],
          problem: { file: `escape-${i}.yaml`, line: 3, column: 12 + e.offset, path: 'demand.growth', expected: e.expected, found: e.found },
          explain: i === 0,
        },
        dir,
      );
    });
  });
});

describe.concurrent('bad --set overrides (spawned)', () => {
  const base = 'scenarios/baseline.yaml';
  const cases: Case[] = [
    {
      name: 'no "="',
      args: [base, '--set', 'demand.growth'],
      problem: { file: '--set #1', line: 1, column: 1, path: 'demand.growth', expected: 'path=value', found: '"demand.growth" with no "="' },
      explain: true,
    },
    {
      name: 'an unknown path, with a hint',
      args: [base, '--set', 'demand.grwth=0.1'],
      problem: { file: '--set #1', line: 1, column: 1, path: 'demand.grwth', expected: 'one of the keys', found: 'unknown key "grwth" (did you mean "growth"?)' },
      explain: true,
    },
    {
      name: 'a value of the wrong type (pointing at the value)',
      args: [base, '--set', 'replications=lots'],
      problem: { file: '--set #1', line: 1, column: 14, path: 'replications', expected: 'number', found: 'string "lots"' },
      explain: true,
    },
    {
      name: 'a field set inside a number',
      args: [base, '--set', 'seed.x=1'],
      problem: { file: '--set #1', line: 1, column: 8, path: 'seed.x', expected: 'seed to be a mapping to set "x" inside it', found: 'seed is number' },
      explain: true,
    },
    {
      name: 'a malformed path',
      args: [base, '--set', 'demand..growth=1'],
      problem: { file: '--set #1', line: 1, column: 1, path: 'demand..growth', expected: 'a dotted path of field names', found: '"demand..growth"' },
    },
    {
      name: 'a problem in the second override (named #2)',
      args: [base, '--set', 'demand.growth=0.1', '--set', 'attrition.turnover=2'],
      problem: { file: '--set #2', line: 1, column: 20, path: 'attrition.turnover', expected: 'a probability in [0, 1]', found: 'number 2' },
    },
    {
      name: 'a YAML alias without its anchor in the value (not an internal error)',
      args: [base, '--set', 'demand.growth=*2'],
      problem: { file: '--set #1', line: 1, column: 15, path: 'demand.growth', expected: 'a YAML value', found: 'a YAML error: Unresolved alias' },
    },
    {
      name: 'a YAML syntax error in the value',
      args: [base, '--set', 'demand.growth={dist: normal'],
      problem: { file: '--set #1', line: 1, column: 15, path: 'demand.growth', expected: 'a YAML value', found: 'a syntax error' },
    },
  ];
  for (const c of cases) it(`reports ${c.name}`, () => check(c));
});
