/**
 * Calibration targets: every accepted form, every rejected form at its exact position, targets
 * files, and the years checked against the scenario's calendar.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTargetYears, collectTargets, parseTarget, parseTargetArguments, parseTargetsText, targetLabel, type Target } from '../../../src/studies/calibrate/targets.js';
import { METRICS } from '../../../src/model/metrics.js';
import { formatIssue, InputError, type InputIssue } from '../../../src/scenario/issues.js';

/** The one target of a --target argument (fails the test when it does not parse). */
function one(arg: string): Target {
  const { targets, issues } = parseTargetArguments([arg]);
  expect(issues, issues.map(formatIssue).join('\n')).toEqual([]);
  return targets[0].target;
}

/** The printed problems of a --target argument. */
function problems(arg: string): string[] {
  const { targets, issues } = parseTargetArguments([arg]);
  expect(targets).toEqual([]);
  return issues.map(formatIssue);
}

/** The InputError's printed problems. */
function thrown(f: () => unknown): string[] {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map(formatIssue);
  }
  return expect.unreachable('no InputError');
}

describe('parseTarget: accepted forms', () => {
  it.each<[string, Target]>([
    ['gap@2025=0.53', { kind: 'level', metric: 'gap', year: 2025, value: 0.53, tolerance: 0.53 * 0.05 }],
    ['gap@2025=0.53±0.01', { kind: 'level', metric: 'gap', year: 2025, value: 0.53, tolerance: 0.01 }],
    ['gap@2025=0.53+-0.01', { kind: 'level', metric: 'gap', year: 2025, value: 0.53, tolerance: 0.01 }],
    ['gap@2025 = 0.53 ± 0.01', { kind: 'level', metric: 'gap', year: 2025, value: 0.53, tolerance: 0.01 }],
    ['  gap@2025=0.53±0.01  ', { kind: 'level', metric: 'gap', year: 2025, value: 0.53, tolerance: 0.01 }],
    ['gap@2025=53%±2%', { kind: 'level', metric: 'gap', year: 2025, value: 0.53, tolerance: 0.02 }],
    ['gap@2025=53%±2pp', { kind: 'level', metric: 'gap', year: 2025, value: 0.53, tolerance: 0.02 }],
    ['gap@2025=53%', { kind: 'level', metric: 'gap', year: 2025, value: 0.53, tolerance: 0.53 * 0.05 }],
    ['gap@2025=0.53±2pp', { kind: 'level', metric: 'gap', year: 2025, value: 0.53, tolerance: 0.02 }],
    ['vacancyRate@2030=-5%±1%', { kind: 'level', metric: 'vacancyRate', year: 2030, value: -0.05, tolerance: 0.01 }],
    ['gap@2025=0', { kind: 'level', metric: 'gap', year: 2025, value: 0, tolerance: 0.01 }],
    ['gap@2025=-0.2', { kind: 'level', metric: 'gap', year: 2025, value: -0.2, tolerance: 0.2 * 0.05 }],
    ['payMedian@2025=406000±20000', { kind: 'level', metric: 'payMedian', year: 2025, value: 406000, tolerance: 20000 }],
    ['payMedian@2025=4.06e5', { kind: 'level', metric: 'payMedian', year: 2025, value: 406000, tolerance: 20300 }],
    ['employed@2025=.5e3±1.', { kind: 'level', metric: 'employed', year: 2025, value: 500, tolerance: 1 }],
    ['openPositions@2022/2019=1.11±0.05', { kind: 'index', metric: 'openPositions', year: 2022, base: 2019, value: 1.11, tolerance: 0.05 }],
    ['openPositions@2019/2022=0.9', { kind: 'index', metric: 'openPositions', year: 2019, base: 2022, value: 0.9, tolerance: 0.9 * 0.05 }],
    ['gap@2025/2024=1.02±0.01', { kind: 'index', metric: 'gap', year: 2025, base: 2024, value: 1.02, tolerance: 0.01 }],
  ])('%s', (arg, expected) => {
    expect(one(arg)).toEqual(expected);
  });

  it('labels levels metric@YEAR and indexes metric@YEAR/BASE', () => {
    expect(targetLabel(one('gap@2025=0.5'))).toBe('gap@2025');
    expect(targetLabel(one('openPositions@2022/2019=1.11±0.05'))).toBe('openPositions@2022/2019');
  });

  it('records where the target, its year and its base were written', () => {
    const { targets } = parseTargetArguments(['gap@2025=0.5', '  openPositions@2022/2019=1.1']);
    expect(targets[0].at).toEqual({ target: { file: '--target #1', line: 1, column: 1 }, year: { file: '--target #1', line: 1, column: 5 } });
    expect(targets[1].at).toEqual({
      target: { file: '--target #2', line: 1, column: 3 },
      year: { file: '--target #2', line: 1, column: 17 },
      base: { file: '--target #2', line: 1, column: 22 },
    });
  });
});

describe('parseTarget: rejected forms, at the exact position', () => {
  it.each<[string, string[]]>([
    ['', ['--target #1:1:1 (root): expected metric@YEAR=value, metric@YEAR/BASE=value, each optionally ±tolerance, found the end of the target']],
    ['=0.5', ['--target #1:1:1 (root): expected metric@YEAR=value, metric@YEAR/BASE=value, each optionally ±tolerance, found "=0.5"']],
    ['gapp@2025=0.5', [expect.stringMatching(/^--target #1:1:1 gapp@2025: expected a metric \(gap, openPositions, .*\), found "gapp" \(did you mean "gap"\?\)$/)]],
    ['gap 2025=0.5', ['--target #1:1:4 gap 2025: expected "@" and a year after the metric (gap@2025=…), found " 2025=0.5"']],
    ['gap@25=0.5', ['--target #1:1:5 gap@25: expected a year of four digits, found "25"']],
    ['gap@=0.5', ['--target #1:1:5 gap@: expected a year of four digits, found "=0.5"']],
    ['gap@20251=0.5', ['--target #1:1:5 gap@20251: expected a year of four digits, found "20251"']],
    ['gap@2025/19=1', ['--target #1:1:10 gap@2025/19: expected a base year after "/" of four digits, found "19"']],
    ['gap@2025/2025=1', ['--target #1:1:10 gap@2025/2025: expected a base year other than 2025 (the index of a year on itself is 1), found 2025']],
    ['gap@2025:0.5', ['--target #1:1:9 gap@2025:0.5: expected "=" and the target value (or "/BASE" for an index), found ":0.5"']],
    ['gap@2025', ['--target #1:1:9 gap@2025: expected "=" and the target value (or "/BASE" for an index), found the end of the target']],
    ['gap@2025/2019 1.1', ['--target #1:1:15 gap@2025/2019 1.1: expected "=" and the target value, found "1.1"']],
    ['gap@2025=abc', ['--target #1:1:10 gap@2025: expected a number after "=", found "abc"']],
    ['gap@2025=', ['--target #1:1:10 gap@2025: expected a number after "=", found the end of the target']],
    ['gap@2025=1e999', ['--target #1:1:10 gap@2025: expected a finite value, found "1e999"']],
    ['gap@2025=0.5±', ['--target #1:1:14 gap@2025: expected a number after "±", found the end of the target']],
    ['gap@2025=0.5+-x', ['--target #1:1:15 gap@2025: expected a number after "±", found "x"']],
    ['gap@2025=0.5±0', ['--target #1:1:14 gap@2025: expected a tolerance > 0 after "±", found "0"']],
    ['gap@2025=0.5±-0.1', ['--target #1:1:14 gap@2025: expected a tolerance > 0 after "±", found "-0.1"']],
    ['gap@2025=0.5x', ['--target #1:1:13 gap@2025: expected "±tolerance" or the end of the target, found "x"']],
    ['gap@2025=0.5±0.1 extra', ['--target #1:1:18 gap@2025: expected the end of the target after the tolerance, found "extra"']],
    ['gap@2025=53pp', ['--target #1:1:12 gap@2025: expected a value without "pp" (percentage points are for tolerances; write 53%), found "53pp"']],
    ['gap@2025=53%±2', ['--target #1:1:14 gap@2025: expected a tolerance in % or pp, like the value (±2% or ±2pp), found "2"']],
    ['payMedian@2025=40%', ['--target #1:1:18 payMedian@2025: expected a value without %: payMedian is in USD; % and pp are for share metrics (gap, unemploymentRate, qualifiedUnemploymentRate, vacancyRate, withdrawnShare, jobFindingRate), found "40%"']],
    ['employed@2025=1000±5pp', ['--target #1:1:21 employed@2025: expected a tolerance without pp: employed is in persons; % and pp are for share metrics (gap, unemploymentRate, qualifiedUnemploymentRate, vacancyRate, withdrawnShare, jobFindingRate), found "5pp"']],
    ['openPositions@2022/2019=111%', ['--target #1:1:28 openPositions@2022/2019: expected an index value as a ratio without % (1.11 is an 11% rise), found "111%"']],
    ['gap@2025/2024=1±1%', ['--target #1:1:18 gap@2025/2024: expected an index tolerance as a ratio without % (1.11 is an 11% rise), found "1%"']],
    // An unknown metric does not hide the next problem.
    ['gapp@2025=abc', [expect.stringMatching(/^--target #1:1:1 gapp@2025: expected a metric/), '--target #1:1:11 gapp@2025: expected a number after "=", found "abc"']],
  ])('%j', (arg, expected) => {
    expect(problems(arg)).toEqual(expected);
  });

  it('counts columns from the argument as given, leading spaces included', () => {
    expect(problems('   gap@2025=abc')).toEqual(['--target #1:1:13 gap@2025: expected a number after "=", found "abc"']);
  });

  it('reports every bad --target at once, each under its own number', () => {
    const { targets, issues } = parseTargetArguments(['gap@2025=0.5', 'gap@2025=x', 'payMedian@2030=1%']);
    expect(targets).toHaveLength(1);
    expect(issues.map((i) => `${i.file}:${i.column}`)).toEqual(['--target #2:10', '--target #3:17']);
  });
});

describe('parseTarget: properties', () => {
  const metric = fc.constantFrom(...METRICS.map((m) => m.name));
  const year = fc.integer({ min: 1000, max: 9999 });
  // String(-0) is "0": the text cannot say −0.
  const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0));
  const positive = fc.double({ min: 1e-9, max: 1e9, noNaN: true, noDefaultInfinity: true });
  const plusMinus = fc.constantFrom('±', '+-', ' ± ', ' +- ');

  it('reads back any target written with String(number), level or index, with or without a tolerance', () => {
    fc.assert(
      fc.property(metric, year, fc.option(year), finite, fc.option(positive), plusMinus, (m, y, b, v, tol, pm) => {
        fc.pre(b !== y);
        const text = `${m}@${y}${b === null ? '' : `/${b}`}=${v}${tol === null ? '' : `${pm}${tol}`}`;
        const parsed = parseTarget(text, { file: 'f', line: 3, column: 1 });
        expect(Array.isArray(parsed), text).toBe(false);
        const t = (parsed as Exclude<typeof parsed, InputIssue[]>).target;
        expect(t).toMatchObject({ kind: b === null ? 'level' : 'index', metric: m, year: y, value: v });
        if (b !== null) expect(t).toMatchObject({ base: b });
        expect(t.tolerance).toBe(tol ?? (v === 0 ? 0.01 : Math.abs(v) * 0.05));
      }),
    );
  });

  it('reads a share in percent as the same number as its decimal fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 50 }), (percent, points) => {
        const fraction = (k: number) => (k < 0 ? '-' : '') + `0.${String(Math.abs(k)).padStart(2, '0')}`.replace(/^0\.100$/, '1.00');
        expect(one(`gap@2025=${percent}%±${points}pp`)).toEqual(one(`gap@2025=${fraction(percent)}±${fraction(points)}`));
      }),
    );
  });

  it('reports anything after a complete target at its first character', () => {
    const junk = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => /^[;,)!x&]/.test(s));
    fc.assert(
      fc.property(metric, year, finite, positive, junk, (m, y, v, tol, j) => {
        const valid = `${m}@${y}=${v}±${tol}`;
        const { issues } = parseTargetArguments([`${valid}${j}`]);
        expect(issues).toHaveLength(1);
        expect(issues[0].column).toBe(valid.length + 1);
      }),
    );
  });

  it('never throws, and places every problem inside the text it was given', () => {
    const alphabet = fc.constantFrom(...'gap@2025/19=0.53±+-%p e#x '.split(''), 'payMedian', 'gap', '2025', '±', '%');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }).map((parts) => parts.join('')), fc.integer({ min: 1, max: 40 }), (text, column) => {
        const parsed = parseTarget(text, { file: 'targets.txt', line: 7, column });
        if (!Array.isArray(parsed)) return;
        expect(parsed.length).toBeGreaterThan(0);
        for (const issue of parsed) {
          expect(issue.file).toBe('targets.txt');
          expect(issue.line).toBe(7);
          expect(issue.column).toBeGreaterThanOrEqual(column);
          expect(issue.column).toBeLessThanOrEqual(column + text.length);
        }
      }),
    );
  });
});

describe('targets files', () => {
  it('skips comments and blank lines, accepts CRLF and trailing comments, and keeps file order', () => {
    const text = '# observed series\n\ngap@2025=53%±2pp   # heidrick2025\r\n  openPositions@2022/2019=1.11±0.05\n\t\n';
    const { targets, issues } = parseTargetsText(text, 'targets.txt');
    expect(issues).toEqual([]);
    expect(targets.map((t) => targetLabel(t.target))).toEqual(['gap@2025', 'openPositions@2022/2019']);
    expect(targets[0].target).toMatchObject({ value: 0.53, tolerance: 0.02 });
    expect(targets[1].at.target).toEqual({ file: 'targets.txt', line: 4, column: 3 });
    expect(targets[1].at.base).toEqual({ file: 'targets.txt', line: 4, column: 22 });
  });

  it('positions a bad line at FILE:LINE:COL, counting the indentation', () => {
    const { issues } = parseTargetsText('gap@2025=0.5\n# fine\n    payMedian@2025=4e5±x\ngap@2030=1 2\n', 'calibration/targets.txt');
    expect(issues.map(formatIssue)).toEqual([
      'calibration/targets.txt:3:24 payMedian@2025: expected a number after "±", found "x"',
      'calibration/targets.txt:4:12 gap@2030: expected "±tolerance" or the end of the target, found "2"',
    ]);
  });

  it('positions a mistyped share (2x%) at FILE:LINE:COL and says how a share is written', () => {
    const { targets, issues } = parseTargetsText('gap@2030=20%\ngap@2031=0.20\n  gap@2032=2x%  # typo\n', 'targets.txt');
    expect(targets.map((t) => t.target.value)).toEqual([0.2, 0.2]);
    expect(issues.map(formatIssue)).toEqual(['targets.txt:3:13 gap@2032: expected "±tolerance" or the end of the target, found "x%" (write a share as a percentage or a fraction: gap@2032=20% or gap@2032=0.20)']);
  });

  it('collects the files first, then --target, and rejects a target named twice at the second place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-targets-'));
    const file = join(dir, 'targets.txt');
    writeFileSync(file, 'gap@2025=0.5\nopenPositions@2022/2019=1.1\n');
    const targets = collectTargets([file], ['payMedian@2025=406000']);
    expect(targets.map((t) => targetLabel(t.target))).toEqual(['gap@2025', 'openPositions@2022/2019', 'payMedian@2025']);
    expect(thrown(() => collectTargets([file], ['payMedian@2025=1', 'gap@2025=0.6']))).toEqual([
      `--target #2:1:1 gap@2025: expected each target once, found gap@2025 again (first at ${file}:1)`,
    ]);
    // An index and the level of the same year are different targets.
    expect(collectTargets([], ['gap@2025=0.5', 'gap@2025/2024=1'])).toHaveLength(2);
  });

  it('reports a missing file at FILE:1:1, a file of comments only, and every problem of every source at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-targets-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '# nothing yet\n\n');
    expect(thrown(() => collectTargets([empty], []))).toEqual([`${empty}:1:1 (root): expected at least one target (metric@YEAR=value), found only comments and blank lines`]);
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'gap@2025=\n');
    expect(thrown(() => collectTargets([join(dir, 'missing.txt'), bad], ['gap@20=1']))).toEqual([
      `${join(dir, 'missing.txt')}:1:1 (root): expected an existing targets file, found no such file`,
      `${bad}:1:10 gap@2025: expected a number after "=", found the end of the target`,
      '--target #1:1:5 gap@20: expected a year of four digits, found "20"',
    ]);
  });
});

describe('checkTargetYears', () => {
  const calendar = { startYear: 2019, baseYear: 2025, horizon: 2030 };

  it('accepts history years from startYear and rejects years outside the simulation at the year written', () => {
    const ok = parseTargetArguments(['openPositions@2022/2019=1.1', 'gap@2030=0.1']).targets;
    expect(() => checkTargetYears(ok, calendar)).not.toThrow();
    const bad = parseTargetArguments(['gap@2031=0.1', 'openPositions@2022/2018=1.1', 'hires@2017/2040=1']).targets;
    expect(thrown(() => checkTargetYears(bad, calendar))).toEqual([
      '--target #1:1:5 gap@2031: expected a simulated year, 2019 to 2030, found 2031',
      '--target #2:1:20 openPositions@2022/2018: expected a simulated year, 2019 to 2030, found 2018',
      '--target #3:1:7 hires@2017/2040: expected a simulated year, 2019 to 2030, found 2017',
      '--target #3:1:12 hires@2017/2040: expected a simulated year, 2019 to 2030, found 2040',
    ]);
  });

  it('without startYear, the first simulated year is the base year', () => {
    const { targets } = parseTargetsText('\n  gap@2024=0.5\n', 't.txt');
    expect(thrown(() => checkTargetYears(targets, { baseYear: 2025, horizon: 2030 }))).toEqual(['t.txt:2:7 gap@2024: expected a simulated year, 2025 to 2030, found 2024']);
  });
});
