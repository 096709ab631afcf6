/**
 * The sweep results format (src/studies/sweep/result-lines.ts): each kind of malformed line, a half-written
 * last line when reading and when resuming, lines of another sweep, runs recorded twice; and, as
 * properties, that the lines of a good file read the same in any subset and order, and that a file
 * cut anywhere or with any byte changed is read as a prefix or reported at a line, never thrown.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, type InputIssue } from '../../../src/scenario/issues.js';
import { mergeShards } from '../../../src/studies/sweep/merge.js';
import { checkOneSweep, isSweepLine, parseResultLines, readResultLines, type ParsedLine } from '../../../src/studies/sweep/result-lines.js';
import { readForResume } from '../../../src/studies/sweep/results-file.js';

const FILE = 'sweep.jsonl';
const band = (p50: number) => ({ p10: p50 - 0.01, p50, p90: p50 + 0.01, mean: p50 });

/** One line as hiresim sweep writes it (key order included), with some fields replaced. */
function lineOf(index: number, runs = 4, replace: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    runId: `run-${index}`,
    index,
    runs,
    scenario: '0123456789abcdef',
    design: 'lhs',
    seed: 20250101,
    replications: 2,
    baseYear: 2025,
    horizon: 2034,
    point: { 'demand.payElasticity': 0.2 + index / 10, 'migration.immigrants': index % 2 === 0 ? 1000 : 6000, 'region.name': 'Île-de-France' },
    closure: { medianYear: index % 3 === 0 ? null : 2030 + index, p10Year: 2029, p90Year: null, censoredShare: 0.5 },
    gap: { 2029: band(0.1 * index), 2032: band(0.05 * index) },
    payMedian: { 2029: band(90_000), 2032: band(95_000) },
    ...replace,
  };
}

/** A provenance record as hiresim sweep writes it at the end of each line. */
const PROVENANCE = { hiresim: '0.1.0', command: 'hiresim sweep x.yaml --param a=0:1', argv: ['sweep', 'x.yaml', '--param', 'a=0:1'], overrides: [], scenarios: [], seed: 20250101, replications: 2 };

const textOf = (lines: readonly object[]) => lines.map((l) => `${JSON.stringify(l)}\n`).join('');
const good = (runs = 4) => Array.from({ length: runs }, (_, i) => lineOf(i, runs));
const read = (text: string, file = FILE) => readResultLines(file, text, { halfWrittenLastLine: 'report', emptyFile: 'report' });
const where = (issues: readonly InputIssue[]) => issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.path}`);

describe('parseResultLines', () => {
  it('reads every line of a good file with its line number, its text as written and its value', () => {
    const text = textOf(good());
    const { lines, issues, dropped } = read(text);
    expect(issues).toEqual([]);
    expect(dropped).toBeUndefined();
    expect(lines.map((l) => [l.file, l.line, l.text])).toEqual(text.trimEnd().split('\n').map((t, k) => [FILE, k + 1, t]));
    expect(lines.map((l) => l.value)).toEqual(good().map((l) => JSON.parse(JSON.stringify(l))));
  });

  it('reads lines written before runs, baseYear, horizon and the closing-year quantiles were recorded', () => {
    const old = good().map(({ runs, baseYear, horizon, ...rest }) => ({ ...rest, closure: { medianYear: 2031, censoredShare: 0 } }));
    expect(read(textOf(old)).issues).toEqual([]);
  });

  const malformed: [string, string, string, string][] = [
    // what, the line, its path, what was expected
    ['text that is not JSON', 'not json', '(root)', 'a sweep result line (JSON)'],
    ['an empty line', '', '(root)', 'a sweep result line (JSON)'],
    ['a JSON list', '[1, 2]', '(root)', 'a sweep result line (a JSON object with runId, index, point, closure and gap)'],
    ['a JSON number', '42', '(root)', 'a sweep result line (a JSON object with runId, index, point, closure and gap)'],
    ['no runId', JSON.stringify(lineOf(1, 4, { runId: undefined })), 'runId', 'a run id (string)'],
    ['a numeric runId', JSON.stringify(lineOf(1, 4, { runId: 7 })), 'runId', 'a run id (string)'],
    ['a fractional index', JSON.stringify(lineOf(1, 4, { index: 1.5 })), 'index', 'a run-list index (integer ≥ 0)'],
    ['a negative index', JSON.stringify(lineOf(1, 4, { index: -1 })), 'index', 'a run-list index (integer ≥ 0)'],
    ['an index beyond the run list', JSON.stringify(lineOf(4, 4)), 'index', 'a run-list index below runs (4)'],
    ['runs that are not a count', JSON.stringify(lineOf(1, 4, { runs: 0 })), 'runs', 'the length of the run list (integer ≥ 1, at most 1000000: the limit)'],
    ['runs past every array (1e300)', JSON.stringify(lineOf(1, 4, { runs: 1e300 })), 'runs', 'the length of the run list (integer ≥ 1, at most 1000000: the limit)'],
    ['runs past the run-list limit (1000000000)', JSON.stringify(lineOf(1, 4, { runs: 1_000_000_000 })), 'runs', 'the length of the run list (integer ≥ 1, at most 1000000: the limit)'],
    ['a horizon a billion years away', JSON.stringify(lineOf(1, 4, { horizon: 1e9 })), 'horizon', 'a year'],
    ['an astronomic replication count', JSON.stringify(lineOf(1, 4, { replications: 1e300 })), 'replications', 'a number of replications (integer ≥ 1)'],
    ['no scenario hash', JSON.stringify(lineOf(1, 4, { scenario: null })), 'scenario', 'the scenario hash (string)'],
    ['no design', JSON.stringify(lineOf(1, 4, { design: undefined })), 'design', 'the name of a design (string)'],
    ['a seed that is a mapping', JSON.stringify(lineOf(1, 4, { seed: { a: 1 } })), 'seed', 'a seed (number or string)'],
    ['no replications', JSON.stringify(lineOf(1, 4, { replications: 0 })), 'replications', 'a number of replications (integer ≥ 1)'],
    ['a fractional base year', JSON.stringify(lineOf(1, 4, { baseYear: 2025.5 })), 'baseYear', 'a year'],
    ['a horizon as text', JSON.stringify(lineOf(1, 4, { horizon: '2034' })), 'horizon', 'a year'],
    ['no point', JSON.stringify(lineOf(1, 4, { point: undefined })), 'point', 'parameter values by path (a non-empty object)'],
    ['an empty point', JSON.stringify(lineOf(1, 4, { point: {} })), 'point', 'parameter values by path (a non-empty object)'],
    ['a parameter value that is null', JSON.stringify(lineOf(1, 4, { point: { 'demand.payElasticity': null } })), 'point.demand.payElasticity', 'a number, string or boolean'],
    ['no closure', JSON.stringify(lineOf(1, 4, { closure: 'soon' })), 'closure', 'closing-year results {medianYear, p10Year, p90Year, censoredShare}'],
    ['a misspelt median year', JSON.stringify(lineOf(1, 4, { closure: { medianYr: 2030, censoredShare: 0 } })), 'closure.medianYear', 'a year or null (censored)'],
    ['a fractional p10 year', JSON.stringify(lineOf(1, 4, { closure: { medianYear: 2030, p10Year: 2029.5, censoredShare: 0 } })), 'closure.p10Year', 'a year or null (censored)'],
    ['a censored share above 1', JSON.stringify(lineOf(1, 4, { closure: { medianYear: null, censoredShare: 1.5 } })), 'closure.censoredShare', 'a share (number from 0 to 1)'],
    ['no gap', JSON.stringify(lineOf(1, 4, { gap: undefined })), 'gap', 'gap bands by year (a non-empty object)'],
    ['a gap keyed by something else than a year', JSON.stringify(lineOf(1, 4, { gap: { soon: band(0.1) } })), 'gap.soon', 'a year (YYYY) as key'],
    ['a gap band without its median', JSON.stringify(lineOf(1, 4, { gap: { 2029: { mean: 0.1 } } })), 'gap.2029.p50', 'a number (the median gap)'],
    ['a provenance that is text', JSON.stringify(lineOf(1, 4, { provenance: 'hiresim sweep' })), 'provenance', 'the provenance record {hiresim, command, argv, overrides, scenarios, seed, replications}'],
    ['a provenance without its command', JSON.stringify(lineOf(1, 4, { provenance: { ...PROVENANCE, command: undefined } })), 'provenance.command', 'the command that reproduces the study (string)'],
    ['a provenance whose argv is not a list of strings', JSON.stringify(lineOf(1, 4, { provenance: { ...PROVENANCE, argv: ['sweep', 3] } })), 'provenance.argv', 'the arguments of the command (a list of strings)'],
  ];

  it.each(malformed)('reports %s at FILE:LINE:1 with its path, and reads the other lines', (_, bad, path, expected) => {
    const [l0, , l2] = good();
    const { lines, issues } = read(`${JSON.stringify(l0)}\n${bad}\n${JSON.stringify(l2)}\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: FILE, line: 2, column: 1, path, expected });
    expect(lines.map((l) => l.line)).toEqual([1, 3]);
  });

  it('reports every problem of every line, not only the first', () => {
    const [l0, l1, l2] = good();
    const text = textOf([{ ...l0, runId: 1, gap: {} }, l1, { ...l2, design: 3 }]);
    expect(where(read(text).issues)).toEqual([`${FILE}:1:1 runId`, `${FILE}:1:1 gap`, `${FILE}:3:1 design`]);
    expect(read(text).issues[0].found).toBe('number 1');
  });

  it('reports an empty file when asked to, and reads it as no lines for a resume', () => {
    expect(read('').issues).toEqual([{ file: FILE, line: 1, column: 1, path: '(root)', expected: 'sweep result lines (JSON lines written by hiresim sweep --out)', found: 'an empty file' }]);
    expect(readResultLines(FILE, '', { halfWrittenLastLine: 'drop', emptyFile: 'allow' })).toEqual({ lines: [], issues: [] });
  });
});

describe('a half-written last line', () => {
  const text = textOf(good());
  const cut = text.slice(0, text.length - 40);

  it('is an issue at its line when the file is read, saying to finish it with --resume', () => {
    const { lines, issues } = read(cut);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(issues).toEqual([{ file: FILE, line: 4, column: 1, path: '(root)', expected: 'complete lines (finish the sweep or shard with --resume)', found: 'a half-written last line' }]);
  });

  it('is read like any line when only its newline is missing', () => {
    expect(read(text.slice(0, -1))).toEqual(read(text));
  });

  it('is dropped, and returned, when the file is to be resumed (a complete line without its newline too)', () => {
    for (const end of [text.length - 40, text.length - 1]) {
      const parsed = parseResultLines(FILE, text.slice(0, end), { halfWrittenLastLine: 'drop' });
      expect(parsed.issues).toEqual([]);
      expect(parsed.lines.map((l) => l.line)).toEqual([1, 2, 3]);
      expect(parsed.dropped).toEqual({ line: 4, text: text.slice(0, end).split('\n')[3] });
    }
  });
});

describe('checkOneSweep', () => {
  const identity: [string, Record<string, unknown>, string, string][] = [
    // key, the other line's change, what the first line has, what the other has
    ['scenario', { scenario: 'fedcba9876543210' }, 'scenario "0123456789abcdef"', '"fedcba9876543210"'],
    ['design', { design: 'sobol' }, 'design lhs', 'sobol'],
    ['seed', { seed: '20250101' }, 'seed 20250101', '"20250101"'],
    ['replications', { replications: 3 }, 'replications 2', '3'],
    ['runs', { runs: 5 }, 'runs 4', '5'],
    ['runs', { runs: undefined }, 'runs 4', 'not recorded'],
    ['point', { point: { 'demand.payElasticity': 0.3, 'migration.immigrants': 1000 } }, 'parameters demand.payElasticity, migration.immigrants, region.name', 'demand.payElasticity, migration.immigrants'],
    ['gap', { gap: { 2029: band(0.1), 2031: band(0.1) } }, 'years 2029, 2032', '2029, 2031'],
    ['baseYear', { baseYear: 2024 }, 'baseYear 2025', '2024'],
    ['horizon', { horizon: undefined }, 'horizon 2034', 'not recorded'],
  ];

  it.each(identity)('names a line whose %s differs from the first line', (key, change, expected, found) => {
    const lines = good();
    lines[2] = { ...lines[2], ...change };
    const { issues } = read(textOf(lines));
    expect(issues).toEqual([{ file: FILE, line: 3, column: 1, path: key, expected: `the same sweep as line 1 (${expected})`, found }]);
  });

  it('names lines of another command (same runs, another provenance), and lines with and without provenance mixed', () => {
    const [l0, l1, l2] = good(3).map((l) => ({ ...l, provenance: PROVENANCE }));
    const other = { ...l2, provenance: { ...PROVENANCE, command: 'hiresim sweep x.yaml --param a=0:1 --reps 2' } };
    expect(where(read(textOf([l0, l1, other])).issues)).toEqual([`${FILE}:3:1 provenance.command`]);
    expect(read(textOf([l0, l1, other])).issues[0]).toMatchObject({ expected: `the same sweep as line 1 (command ${PROVENANCE.command})`, found: 'hiresim sweep x.yaml --param a=0:1 --reps 2' });
    // With its arguments recorded differently too, the line says where the two commands differ.
    const longer = { ...l2, provenance: { ...PROVENANCE, command: 'hiresim sweep x.yaml --param a=0:2', argv: ['sweep', 'x.yaml', '--param', 'a=0:2'] } };
    expect(read(textOf([l0, l1, longer])).issues[0]).toMatchObject({ path: 'provenance.command', expected: 'the same sweep as line 1 (its command\'s argument 4: --param a=0:1)', found: 'a line of another command (argument 4: --param a=0:2; it is hiresim sweep x.yaml --param a=0:2)' });
    const { provenance: _, ...old } = l2;
    expect(read(textOf([l0, l1, old])).issues[0]).toMatchObject({ line: 3, path: 'provenance.command', found: 'not recorded' });
    // A difference the other keys name is named by them, not by the command.
    expect(where(read(textOf([l0, l1, { ...other, seed: 7 }])).issues)).toEqual([`${FILE}:3:1 seed`]);
  });

  it('accepts the parameters in another order', () => {
    const lines = good();
    const { point } = lines[1] as { point: Record<string, unknown> };
    lines[1] = { ...lines[1], point: Object.fromEntries(Object.entries(point).reverse()) };
    expect(read(textOf(lines)).issues).toEqual([]);
  });

  it('names a run recorded twice by its run id, or by its index, and where it is already', () => {
    const lines = good();
    const text = textOf([...lines, lines[1], { ...lines[2], runId: 'another' }]);
    expect(read(text).issues).toEqual([
      { file: FILE, line: 5, column: 1, path: 'runId', expected: 'each run once (run run-1 is also on line 2)', found: 'a duplicate' },
      { file: FILE, line: 6, column: 1, path: 'index', expected: 'each run once (index 2 is also on line 3)', found: 'a duplicate' },
    ]);
  });

  it('compares lines of several files, naming the other file', () => {
    const parsed = (file: string, lines: object[]): readonly ParsedLine[] => parseResultLines(file, textOf(lines), { halfWrittenLastLine: 'report' }).lines;
    const [l0, l1] = good();
    const issues = checkOneSweep([...parsed('a.jsonl', [l0, l1]), ...parsed('b.jsonl', [{ ...l1, seed: 7 }])]);
    expect(issues).toEqual([
      { file: 'b.jsonl', line: 1, column: 1, path: 'seed', expected: 'the same sweep as a.jsonl:1 (seed 20250101)', found: '7' },
      { file: 'b.jsonl', line: 1, column: 1, path: 'runId', expected: 'each run once (run run-1 is also on a.jsonl:2)', found: 'a duplicate' },
    ]);
  });
});

describe('isSweepLine', () => {
  it('tells a sweep line from other results, before it is checked', () => {
    expect(isSweepLine(lineOf(0))).toBe(true);
    expect(isSweepLine({ ...lineOf(0), gap: 'bad' })).toBe(true);
    expect(isSweepLine({ years: [], closure: {}, runs: [] })).toBe(false);
    expect(isSweepLine([lineOf(0)])).toBe(false);
  });
});

describe('the readers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hiresim-result-lines-'));

  it('readForResume: no file is no lines; a half-written line is cut off the file (bytes, not characters); a bad line is an InputError', () => {
    expect(readForResume(join(dir, 'none.jsonl'))).toEqual([]);
    const file = join(dir, 'resume.jsonl');
    const text = textOf(good());
    const kept = textOf(good().slice(0, 3));
    writeFileSync(file, text.slice(0, kept.length + 50));
    expect(readForResume(file).map((l) => l.runId)).toEqual(['run-0', 'run-1', 'run-2']);
    expect(readFileSync(file, 'utf8')).toBe(kept);
    writeFileSync(file, `${kept}{}\n`);
    expect(() => readForResume(file)).toThrow(InputError);
    expect(readFileSync(file, 'utf8')).toBe(`${kept}{}\n`);
  });

  it('mergeShards: lines of any split into shards merge, in run-list order, into the file as written', () => {
    const text = textOf(good(9));
    const lines = text.trimEnd().split('\n');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 9, maxLength: 9 }), fc.boolean(), (owner, reverse) => {
        const files = [0, 1, 2].map((shard) => {
          const file = join(dir, `shard-${shard}.jsonl`);
          const mine = lines.filter((_, k) => owner[k] === shard);
          writeFileSync(file, mine.map((l) => `${l}\n`).join(''));
          return file;
        });
        expect(mergeShards(reverse ? [...files].reverse() : files, 3)).toBe(text);
      }),
      { numRuns: 30 },
    );
  });

  it('mergeShards: names the missing runs, and reports a half-written shard', () => {
    const lines = good(6);
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    writeFileSync(a, textOf(lines.filter((_, i) => i % 3 === 0)));
    writeFileSync(b, `${textOf([lines[1]])}{"runId": "run-4", "ind`);
    try {
      mergeShards([a, b], 3);
      expect.unreachable();
    } catch (error) {
      expect(where((error as InputError).issues)).toEqual([`${b}:2:1 (root)`]);
    }
    writeFileSync(b, textOf([lines[1], lines[4]]));
    expect(() => mergeShards([a, b], 3)).toThrow(/expected all 6 runs of the sweep, found 2 missing \(shard 2 of 3\): run 2, 5/);
  });
});

describe('properties', () => {
  const text = textOf(good(6));
  const lines = text.trimEnd().split('\n');

  it('any subset of the lines of a good file, in any order, reads to those lines', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: 1 }), (chosen) => {
        const parsed = read(chosen.map((l) => `${l}\n`).join(''));
        expect(parsed.issues).toEqual([]);
        expect(parsed.lines.map((l) => l.text)).toEqual(chosen);
        expect(parsed.lines.map((l) => l.value)).toEqual(chosen.map((l) => JSON.parse(l)));
      }),
    );
  });

  it('a file cut at any byte is read as its complete lines and a dropped rest, or reported at its last line', () => {
    const bytes = Buffer.from(text);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length }), (end) => {
        const cut = bytes.subarray(0, end).toString('utf8');
        const complete = cut.split('\n').slice(0, -1);
        const rest = cut.split('\n').at(-1) as string;
        const resumed = parseResultLines(FILE, cut, { halfWrittenLastLine: 'drop' });
        expect(resumed.issues).toEqual([]);
        expect(resumed.lines.map((l) => l.text)).toEqual(complete);
        expect(resumed.dropped?.text ?? '').toBe(rest);
        const finished = parseResultLines(FILE, cut, { halfWrittenLastLine: 'report' });
        // Cut just before a newline: the last line is complete, only its newline is missing.
        if (rest === '' || bytes[end] === 0x0a) {
          expect(finished.issues).toEqual([]);
          expect(finished.lines).toHaveLength(complete.length + (rest === '' ? 0 : 1));
        } else {
          expect(finished.lines.map((l) => l.text)).toEqual(complete);
          expect(finished.issues).toEqual([expect.objectContaining({ line: complete.length + 1, found: 'a half-written last line' })]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a file with any one byte changed is read, or reported at its lines; the readers throw nothing but InputError', () => {
    const bytes = Buffer.from(text);
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-result-lines-'));
    const file = join(dir, 'changed.jsonl');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const changed = Buffer.from(bytes);
        changed[at] = byte;
        const changedText = changed.toString('utf8');
        const count = changedText.replace(/\n$/, '').split('\n').length;
        const parsed = read(changedText);
        if (parsed.issues.length === 0) expect(parsed.lines.map((l) => l.value)).toEqual(changedText.trimEnd().split('\n').map((l) => JSON.parse(l)));
        for (const issue of parsed.issues) expect([issue.file, issue.column, issue.line >= 1 && issue.line <= count]).toEqual([FILE, 1, true]);
        for (const reader of [() => readForResume(file), () => mergeShards([file])]) {
          writeFileSync(file, changed);
          try {
            reader();
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});