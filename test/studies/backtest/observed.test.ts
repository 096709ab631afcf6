/** Reading observed series: the CSV grammar (quotes, CRLF, BOM), the series it yields, and every bad input at its exact position. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatYears, parseCsv, parseObserved, readObserved } from '../../../src/studies/backtest/observed.js';
import { METRICS } from '../../../src/model/metrics.js';
import { formatIssue, InputError } from '../../../src/scenario/issues.js';

const HEADER = 'series,year,value,unit,metric,compare,base,source,label';
const METRIC_NAMES = ['openPositions', 'adjacentPay', 'adjacentWorkers'];
const parse = (text: string) => parseObserved('obs.csv', text, METRIC_NAMES);

/** The problem lines parseObserved reports for `text`, as the CLI prints them. */
function problems(text: string): string[] {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof InputError) {
      // Whatever the message says was found (a quoted text) is what the file holds at the position.
      const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
      for (const issue of error.issues) {
        if (!issue.found.startsWith('"')) continue;
        const at = lines[issue.line - 1].slice(issue.column - 1);
        const held = JSON.parse(issue.found) as string;
        expect(at.startsWith(held) || at.startsWith(`"${held}`), formatIssue(issue)).toBe(true);
      }
      return error.issues.map(formatIssue);
    }
    throw error;
  }
  throw new Error('expected an InputError');
}

const GOOD = [
  HEADER,
  'share,2019,1.52,% of postings,openPositions,index,2019,AI Index,verified',
  'share,2018,1.38,% of postings,openPositions,index,2019,AI Index,verified',
  'wage,2022,127260,USD,adjacentPay,level,,BLS,verified',
  'grads,2020,84103,graduates,,,,IPEDS,verified',
  'wage,2021,120730,USD,adjacentPay,level,,BLS,secondary',
].join('\n');

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, with the position of every field', () => {
    const { records, problems: p } = parseCsv('a,"b,c","say ""hi"""\n"two\nlines",x,\n');
    expect(p).toEqual([]);
    expect(records.map((r) => r.fields.map((f) => f.text))).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['two\nlines', 'x', ''],
    ]);
    expect(records[0].fields.map((f) => [f.line, f.column])).toEqual([[1, 1], [1, 3], [1, 9]]);
    expect(records[1].fields.map((f) => [f.line, f.column])).toEqual([[2, 1], [3, 8], [3, 10]]);
  });

  it('treats CRLF like LF, skips a byte-order mark and blank lines', () => {
    const lf = parseCsv('a,b\n\nc,"d\ne"\n');
    const crlf = parseCsv('\uFEFFa,b\r\n\r\nc,"d\ne"\r\n');
    expect(crlf.records.map((r) => r.fields)).toEqual(lf.records.map((r) => r.fields));
    expect(crlf.records[0].fields[0]).toEqual({ text: 'a', line: 1, column: 1 });
    expect(crlf.records[1].fields[0]).toEqual({ text: 'c', line: 3, column: 1 });
  });

  it('reports a quote inside an unquoted field, text after a closing quote and an unclosed quote, each where it is', () => {
    expect(parseCsv('ab"c,d\n').problems).toEqual([{ field: 0, line: 1, column: 3, expected: expect.stringContaining('no double quote inside an unquoted field'), found: 'a double quote' }]);
    expect(parseCsv('x,"ab"c,d\n').problems).toEqual([{ field: 1, line: 1, column: 7, expected: 'a comma or the end of the line after a quoted field', found: '"c"' }]);
    expect(parseCsv('x\ny,"open\n\n').problems).toEqual([{ field: 1, line: 2, column: 3, expected: expect.stringContaining('closing double quote'), found: 'the end of the file' }]);
  });
});

describe('parseObserved', () => {
  it('groups rows into compared and context series in file order, points in year order, with their lines', () => {
    const data = parse(GOOD);
    expect(data.rows).toBe(5);
    expect(data.series.map((s) => [s.series, s.compare, s.metric])).toEqual([
      ['share', 'index', 'openPositions'],
      ['wage', 'level', 'adjacentPay'],
    ]);
    const share = data.series[0];
    expect(share.compare === 'index' && share.base).toBe(2019);
    expect(share.compare === 'index' && share.baseAt).toEqual({ line: 2, column: 51 });
    expect(share.points).toEqual([
      { year: 2018, value: 1.38, label: 'verified', source: 'AI Index', line: 3 },
      { year: 2019, value: 1.52, label: 'verified', source: 'AI Index', line: 2 },
    ]);
    expect(data.series[1].points.map((p) => [p.year, p.label])).toEqual([[2021, 'secondary'], [2022, 'verified']]);
    expect(data.context).toEqual([{ series: 'grads', unit: 'graduates', source: 'IPEDS', points: [{ year: 2020, value: 84103, label: 'verified', source: 'IPEDS', line: 5 }] }]);
  });

  it('reads the same series from a CRLF file with a byte-order mark and quoted fields', () => {
    const quoted = [
      HEADER,
      '"share",2019,"1.52",% of postings,openPositions,index,2019,"AI Index, fig. 4.2.1",verified',
      'share,2018,1.38,"% of postings",openPositions,"index",2019,"AI Index, fig. 4.2.1","verified"',
      'wage,2022,127260,USD,adjacentPay,level,,"BLS ""OEWS""",verified',
      'grads,2020,84103,graduates,,,,IPEDS,"two',
      'lines"',
      'wage,2021,120730,USD,adjacentPay,level,,"BLS ""OEWS""",secondary',
    ].join('\n');
    const data = parseObserved('obs.csv', `\uFEFF${quoted.replace(/\n/g, '\r\n')}\r\n`, METRIC_NAMES);
    const plain = parse(GOOD);
    expect(data.series.map((s) => s.source)).toEqual(['AI Index, fig. 4.2.1', 'BLS "OEWS"']);
    expect(data.series.map((s) => s.points.map((p) => [p.year, p.value]))).toEqual(plain.series.map((s) => s.points.map((p) => [p.year, p.value])));
    // A line break inside quotes is kept as written, and the lines after it are counted on.
    expect(data.context[0].points[0].label).toBe('two\r\nlines');
    expect(data.series[1].points.map((p) => p.line)).toEqual([7, 4]);
  });

  it('checks metrics against the metrics hiresim run records by default', () => {
    const metric = METRICS[METRICS.length - 1].name;
    const data = parseObserved('obs.csv', `${HEADER}\ns,2020,1,u,${metric},level,,src,l\n`);
    expect(data.series[0].metric).toBe(metric);
  });

  it('reads the shipped observed series without a problem', () => {
    const data = readObserved(join(__dirname, '..', '..', 'fixtures', 'backtest', 'observed.csv'));
    expect(data.series.length).toBeGreaterThan(0);
    expect(data.context.length).toBeGreaterThan(0);
  });

  it('needs the exact header, and points at the first wrong column', () => {
    expect(problems('series,year,val,unit,metric,compare,base,source,label\nx,2019,1,u,,,,s,l\n')).toEqual([
      'obs.csv:1:13 header: expected column 3 "value" (the header is series,year,value,unit,metric,compare,base,source,label), found "val"',
    ]);
    expect(problems('series,year,value,unit,metric,compare,base,source\n')).toEqual([
      'obs.csv:1:50 header: expected column 9 "label" (the header is series,year,value,unit,metric,compare,base,source,label), found the end of the line',
    ]);
    expect(problems(`${HEADER},extra\n`)).toEqual(['obs.csv:1:57 header: expected the end of the header after "label", found "extra"']);
    expect(problems('')).toEqual(['obs.csv:1:1 header: expected the header series,year,value,unit,metric,compare,base,source,label, found an empty file']);
    expect(problems(`${HEADER}\n`)).toEqual(['obs.csv:2:1 (root): expected at least one observation after the header, found none']);
  });

  it('rejects a non-numeric, non-finite or missing value at the value field', () => {
    expect(problems(`${HEADER}\nx,2019,abc,u,,,,s,l\nx,2020,1e999,u,,,,s,l\nx,2021,Infinity,u,,,,s,l\nx,2022,,u,,,,s,l\nx,2023,"1,5",u,,,,s,l\n`)).toEqual([
      'obs.csv:2:8 value: expected a finite number such as 1.52 or 1364180, found "abc"',
      'obs.csv:3:8 value: expected a finite number such as 1.52 or 1364180, found "1e999"',
      'obs.csv:4:8 value: expected a finite number such as 1.52 or 1364180, found "Infinity"',
      'obs.csv:5:8 value: expected a finite number such as 1.52 or 1364180, found nothing',
      'obs.csv:6:8 value: expected a finite number such as 1.52 or 1364180, found "1,5"',
    ]);
  });

  it('rejects a year that is not a whole year', () => {
    expect(problems(`${HEADER}\nx,2019.5,1,u,,,,s,l\nx,19,1,u,,,,s,l\n`)).toEqual([
      'obs.csv:2:3 year: expected a whole year such as 2019, found "2019.5"',
      'obs.csv:3:3 year: expected a whole year such as 2019, found "19"',
    ]);
  });

  it('rejects an unknown metric, suggesting the closest, or listing them when none is close', () => {
    expect(problems(`${HEADER}\nx,2019,1,u,openPosition,level,,s,l\ny,2019,1,u,zzz,level,,s,l\n`)).toEqual([
      'obs.csv:2:12 metric: expected a metric of hiresim run, or nothing for a context row, found "openPosition" (did you mean "openPositions"?)',
      'obs.csv:3:12 metric: expected a metric of hiresim run, or nothing for a context row, found "zzz" (known metrics: openPositions, adjacentPay, adjacentWorkers)',
    ]);
  });

  it('rejects a compare other than level or index when the row has a metric, and an index without a (whole) base year', () => {
    expect(problems(`${HEADER}\nx,2019,1,u,adjacentPay,levels,,s,l\ny,2019,1,u,adjacentPay,,,s,l\nz,2019,1,u,adjacentPay,index,,s,l\nw,2019,1,u,adjacentPay,index,20x9,s,l\n`)).toEqual([
      'obs.csv:2:24 compare: expected level or index (the row has a metric), found "levels"',
      'obs.csv:3:24 compare: expected level or index (the row has a metric), found nothing',
      'obs.csv:4:30 base: expected a base year (compare is index), found nothing',
      'obs.csv:5:30 base: expected a whole year such as 2019, found "20x9"',
    ]);
  });

  it('rejects a base year with no row in the series, and a base value of 0 at that row\'s value', () => {
    expect(problems(`${HEADER}\nx,2020,1,u,adjacentWorkers,index,2019,s,l\nx,2021,2,u,adjacentWorkers,index,2019,s,l\n`)).toEqual([
      'obs.csv:2:34 base: expected a year with a row in series x (2020, 2021), found 2019',
    ]);
    expect(problems(`${HEADER}\nx,2020,2,u,adjacentWorkers,index,2019,s,l\nx,2019,0,u,adjacentWorkers,index,2019,s,l\n`)).toEqual([
      'obs.csv:3:8 value: expected a value other than 0: it is the base of the index of x (base 2019), found 0',
    ]);
  });

  it('rejects a duplicated (series, year) at the second row\'s year', () => {
    expect(problems(`${HEADER}\nx,2019,1,u,,,,s,l\ny,2019,1,u,,,,s,l\nx,2019,2,u,,,,s,l\n`)).toEqual([
      'obs.csv:4:3 year: expected one row per series and year, found a second row for x in 2019 (the first is on line 2)',
    ]);
  });

  it('rejects a series whose rows disagree on metric, compare, base or unit', () => {
    const text = [
      HEADER,
      'x,2019,1,u,adjacentPay,level,,s,l',
      'x,2020,1,u,adjacentWorkers,level,,s,l',
      'x,2021,1,u,adjacentPay,index,2019,s,l',
      'x,2022,1,v,adjacentPay,level,,s,l',
      'y,2019,1,u,openPositions,index,2019,s,l',
      'y,2020,1,u,openPositions,index,2020,s,l',
    ].join('\n');
    expect(problems(text)).toEqual([
      'obs.csv:3:12 metric: expected "adjacentPay" as on line 2, the series\'s first row (one metric per series), found "adjacentWorkers"',
      'obs.csv:4:24 compare: expected "level" as on line 2, the series\'s first row (one compare per series), found "index"',
      'obs.csv:5:10 unit: expected "u" as on line 2, the series\'s first row (one unit per series), found "v"',
      'obs.csv:7:32 base: expected "2019" as on line 6, the series\'s first row (one base per series), found "2020"',
    ]);
  });

  it('rejects a row with too few or too many fields, pointing at the missing or the extra field', () => {
    expect(problems(`${HEADER}\nx,2019,1,u,,,,s\nx,2020,1,u,,,,s,l,extra\n`)).toEqual([
      'obs.csv:2:16 label: expected 9 fields (series,year,value,unit,metric,compare,base,source,label), found 8 fields',
      'obs.csv:3:19 (row): expected 9 fields (series,year,value,unit,metric,compare,base,source,label), found 10 fields',
    ]);
  });

  it('rejects an empty series name and CSV syntax errors, naming the column', () => {
    expect(problems(`${HEADER}\n,2019,1,u,,,,s,l\nx,2020,1,u,,,,"s"x,l\nx,2021,1,u,,,,s,"l\n`)).toEqual([
      'obs.csv:2:1 series: expected a series name, found nothing',
      'obs.csv:3:18 source: expected a comma or the end of the line after a quoted field, found "x"',
      'obs.csv:4:17 label: expected a closing double quote for the quoted field that starts here, found the end of the file',
    ]);
  });

  it('reports every problem of the file at once, positions counted after a byte-order mark and in CRLF files', () => {
    const text = `\uFEFF${HEADER}\r\nx,2019,abc,u,openPosition,level,,s,l\r\ny,20x,1,u,,,,s,l\r\n`;
    expect(problems(text)).toEqual([
      'obs.csv:2:8 value: expected a finite number such as 1.52 or 1364180, found "abc"',
      'obs.csv:2:14 metric: expected a metric of hiresim run, or nothing for a context row, found "openPosition" (did you mean "openPositions"?)',
      'obs.csv:3:3 year: expected a whole year such as 2019, found "20x"',
    ]);
  });

  it('reports a missing file, or a directory, at FILE:1:1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiresim-observed-'));
    try {
      expect(() => readObserved(join(dir, 'none.csv'))).toThrow(`${join(dir, 'none.csv')}:1:1 (root): expected an existing CSV file of observed series, found no such file`);
      expect(() => readObserved(dir)).toThrow(`${dir}:1:1 (root): expected a CSV file of observed series, found a directory`);
      writeFileSync(join(dir, 'ok.csv'), GOOD.replace(/openPositions|adjacentPay/g, METRICS[0].name));
      expect(readObserved(join(dir, 'ok.csv')).series).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('formatYears', () => {
  it('writes runs of three or more years as ranges', () => {
    expect(formatYears([2024, 2010, 2011, 2019, 2020, 2021, 2022])).toBe('2010, 2011, 2019–2022, 2024');
    expect(formatYears([2020])).toBe('2020');
    expect(formatYears([])).toBe('');
  });
});
