/**
 * Observed series for `hiresim backtest`: a tidy CSV, one observation a row, with the header
 * `series,year,value,unit,metric,compare,base,source,label` (the format of shared data/observed.csv).
 *
 * - `metric`: the run metric the row is compared with; empty for a context row (listed, not compared).
 * - `compare`: `level` (the value against the model's value that year) or `index` (value ÷ the
 *   series's value in year `base`, against the model's value ÷ its value in `base`).
 *
 * The CSV is read by hand (RFC 4180: quoted fields, `""` for a quote, line breaks inside quotes,
 * CRLF or LF, a UTF-8 byte-order mark skipped) because every problem must point at its field's line
 * and column, which the CSV libraries do not report per field; the grammar is a few lines.
 * Every problem of the file is collected and thrown together as one InputError.
 */
import { METRICS } from '../../model/metrics.js';
import { closest, InputError, readInputText, type InputIssue } from '../../scenario/issues.js';

/** The header, exactly. */
export const OBSERVED_HEADER = ['series', 'year', 'value', 'unit', 'metric', 'compare', 'base', 'source', 'label'] as const;
type Column = (typeof OBSERVED_HEADER)[number];

/** How an observed series is compared with the model. */
export type Comparison = 'level' | 'index';

/** One observation of a series, with the line it was read from. */
export interface ObservedPoint {
  readonly year: number;
  readonly value: number;
  readonly label: string;
  readonly source: string;
  readonly line: number;
}

interface SeriesCommon {
  readonly series: string;
  readonly unit: string;
  /** The series's sources, distinct, in file order, joined by "; ". */
  readonly source: string;
  /** In year order. */
  readonly points: readonly ObservedPoint[];
}

/** A series compared with a run metric, level by level. */
export interface LevelSeries extends SeriesCommon {
  readonly compare: 'level';
  readonly metric: string;
}

/** A series compared as an index: value ÷ value in `base`, observed and modelled alike. */
export interface IndexSeries extends SeriesCommon {
  readonly compare: 'index';
  readonly metric: string;
  readonly base: number;
  /** Where the series's first row names its base year (for problems found after simulating). */
  readonly baseAt: { readonly line: number; readonly column: number };
}

export type ComparedSeries = LevelSeries | IndexSeries;

/** A series without a metric: listed for context, never compared. */
export type ContextSeries = SeriesCommon;

export interface ObservedData {
  /** The file as the user named it. */
  readonly file: string;
  /** Data rows in the file (compared and context). */
  readonly rows: number;
  /** Compared series, in the order of their first row. */
  readonly series: readonly ComparedSeries[];
  /** Context series, in the order of their first row. */
  readonly context: readonly ContextSeries[];
}

/** One field of a CSV record: its text (quotes removed) and where it starts. */
export interface CsvField {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export interface CsvRecord {
  readonly fields: readonly CsvField[];
  /** Line and column just past the record's last character (where a missing field would be). */
  readonly end: { readonly line: number; readonly column: number };
  /** A syntax problem inside the record (already reported): its fields are not to be trusted. */
  readonly broken: boolean;
}

export interface CsvProblem {
  /** Index of the field (in its record) where the problem is. */
  readonly field: number;
  readonly line: number;
  readonly column: number;
  readonly expected: string;
  readonly found: string;
}

/**
 * RFC 4180 records with the position of every field. Blank lines are skipped; a UTF-8 byte-order
 * mark at the start is not part of the first field. Columns count UTF-16 code units from 1.
 */
export function parseCsv(input: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const column = () => i - lineStart + 1;
  const atLineEnd = () => text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n');
  const skipLineEnd = () => {
    i += text[i] === '\r' ? 2 : 1;
    line++;
    lineStart = i;
  };
  while (i < text.length) {
    if (atLineEnd()) {
      skipLineEnd();
      continue;
    }
    const fields: CsvField[] = [];
    let broken = false;
    for (;;) {
      const start = { line, column: column() };
      let value = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < text.length) {
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (text[i] === '\n') {
            value += '\n';
            i++;
            line++;
            lineStart = i;
            continue;
          }
          value += text[i++];
        }
        if (!closed) {
          problems.push({ field: fields.length, ...start, expected: 'a closing double quote for the quoted field that starts here', found: 'the end of the file' });
          broken = true;
        } else if (i < text.length && text[i] !== ',' && !atLineEnd()) {
          problems.push({ field: fields.length, line, column: column(), expected: 'a comma or the end of the line after a quoted field', found: JSON.stringify(text[i]) });
          broken = true;
          while (i < text.length && text[i] !== ',' && !atLineEnd()) i++;
        }
      } else {
        while (i < text.length && text[i] !== ',' && !atLineEnd()) {
          if (text[i] === '"' && !broken) {
            problems.push({ field: fields.length, line, column: column(), expected: 'no double quote inside an unquoted field (quote the whole field: "a ""b"" c")', found: 'a double quote' });
            broken = true;
          }
          value += text[i++];
        }
      }
      fields.push({ text: value, ...start });
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    records.push({ fields, end: { line, column: column() }, broken });
    if (i < text.length) skipLineEnd();
  }
  return { records, problems };
}

/** The observed series in `file` (as the user named it); throws InputError with every problem. */
export function readObserved(file: string, metrics: readonly string[] = METRICS.map((m) => m.name)): ObservedData {
  const text = readInputText(file, 'CSV file of observed series');
  if (typeof text !== 'string') throw new InputError([text]);
  return parseObserved(file, text, metrics);
}

/** A whole year: four digits. */
const YEAR = /^\d{4}$/;
/** A decimal number as written in data files (no hex, no "Infinity", no thousands separators). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface Row {
  readonly series: string;
  readonly year: number;
  readonly value: number;
  readonly unit: string;
  readonly metric: string;
  readonly compare?: Comparison;
  readonly base?: number;
  readonly source: string;
  readonly label: string;
  readonly line: number;
  readonly at: Readonly<Record<Column, CsvField>>;
}

/**
 * Parses and validates the text of an observed-series CSV. `metrics` are the run metrics a row may
 * name (default: every metric hiresim run records). Throws one InputError listing every problem.
 */
export function parseObserved(file: string, text: string, metrics: readonly string[] = METRICS.map((m) => m.name)): ObservedData {
  const issues: InputIssue[] = [];
  const issue = (at: { line: number; column: number }, path: string, expected: string, found: string, hint?: string) =>
    issues.push({ file, line: at.line, column: at.column, path, expected, found, ...(hint ? { hint } : {}) });
  const { records, problems } = parseCsv(text);
  const [header, ...data] = records;

  if (header === undefined) {
    issue({ line: 1, column: 1 }, 'header', `the header ${OBSERVED_HEADER.join(',')}`, 'an empty file');
    throw new InputError(issues);
  }
  // A wrong header makes every column doubtful: report it alone.
  if (header.broken) {
    for (const p of problems.filter((q) => q.line <= header.end.line)) issue(p, 'header', p.expected, p.found);
    throw new InputError(issues);
  }
  const wrong = OBSERVED_HEADER.findIndex((name, k) => header.fields[k]?.text !== name);
  if (wrong >= 0 || header.fields.length !== OBSERVED_HEADER.length) {
    const k = wrong >= 0 ? wrong : OBSERVED_HEADER.length;
    const field = header.fields[k];
    const expected = k < OBSERVED_HEADER.length ? `column ${k + 1} "${OBSERVED_HEADER[k]}" (the header is ${OBSERVED_HEADER.join(',')})` : `the end of the header after "label"`;
    issue(field ?? header.end, 'header', expected, field ? found(field.text) : 'the end of the line');
    throw new InputError(issues);
  }
  for (const p of problems) issue(p, OBSERVED_HEADER[p.field] ?? '(row)', p.expected, p.found);

  const known = new Set(metrics);
  const rows: Row[] = [];
  for (const record of data) {
    if (record.broken) continue;
    const { fields } = record;
    if (fields.length !== OBSERVED_HEADER.length) {
      const short = fields.length < OBSERVED_HEADER.length;
      issue(short ? record.end : fields[OBSERVED_HEADER.length], short ? OBSERVED_HEADER[fields.length] : '(row)', `${OBSERVED_HEADER.length} fields (${OBSERVED_HEADER.join(',')})`, `${fields.length} fields`);
      continue;
    }
    const at = Object.fromEntries(OBSERVED_HEADER.map((name, k) => [name, fields[k]])) as Record<Column, CsvField>;
    const get = (name: Column) => at[name].text.trim();
    const before = issues.length;
    if (get('series') === '') issue(at.series, 'series', 'a series name', 'nothing');
    if (!YEAR.test(get('year'))) issue(at.year, 'year', 'a whole year such as 2019', found(at.year.text));
    const value = NUMBER.test(get('value')) ? Number(get('value')) : Number.NaN;
    if (!Number.isFinite(value)) issue(at.value, 'value', 'a finite number such as 1.52 or 1364180', found(at.value.text));
    const metric = get('metric');
    let compare: Comparison | undefined;
    let base: number | undefined;
    if (metric !== '') {
      if (!known.has(metric)) {
        const suggestion = closest(metric, metrics);
        issue(at.metric, 'metric', 'a metric of hiresim run, or nothing for a context row', found(at.metric.text), suggestion ? `did you mean "${suggestion}"?` : `known metrics: ${metrics.join(', ')}`);
      }
      const c = get('compare');
      if (c === 'level' || c === 'index') compare = c;
      else issue(at.compare, 'compare', 'level or index (the row has a metric)', found(at.compare.text));
      if (compare === 'index') {
        if (get('base') === '') issue(at.base, 'base', 'a base year (compare is index)', 'nothing');
        else if (!YEAR.test(get('base'))) issue(at.base, 'base', 'a whole year such as 2019', found(at.base.text));
        else base = Number(get('base'));
      }
    }
    if (issues.length > before) continue;
    rows.push({ series: get('series'), year: Number(get('year')), value, unit: get('unit'), metric, compare, base, source: get('source'), label: get('label'), line: at.series.line, at });
  }

  // Per series: one row per year, one metric, comparison, base and unit.
  const bySeries = new Map<string, Row[]>();
  for (const row of rows) {
    const list = bySeries.get(row.series);
    if (!list) bySeries.set(row.series, [row]);
    else {
      const first = list[0];
      const twin = list.find((r) => r.year === row.year);
      if (twin) issue(row.at.year, 'year', `one row per series and year`, `a second row for ${row.series} in ${row.year} (the first is on line ${twin.line})`);
      const same = (column: Column, a: string, b: string) => {
        if (a === b) return true;
        issue(row.at[column], column, `${found(a)} as on line ${first.line}, the series's first row (one ${column} per series)`, found(row.at[column].text));
        return false;
      };
      const consistent =
        same('metric', first.metric, row.metric) &&
        (row.metric === '' || same('compare', first.compare ?? '', row.compare ?? '')) &&
        (row.compare !== 'index' || same('base', String(first.base), String(row.base))) &&
        same('unit', first.unit, row.unit);
      if (!twin && consistent) list.push(row);
    }
  }
  const series: ComparedSeries[] = [];
  const context: ContextSeries[] = [];
  for (const [name, list] of bySeries) {
    const sorted = [...list].sort((a, b) => a.year - b.year);
    const first = list[0];
    const common: SeriesCommon = {
      series: name,
      unit: first.unit,
      source: [...new Set(list.map((r) => r.source))].join('; '),
      points: sorted.map((r) => ({ year: r.year, value: r.value, label: r.label, source: r.source, line: r.line })),
    };
    if (first.compare === undefined) context.push(common);
    else if (first.compare === 'level') series.push({ ...common, compare: 'level', metric: first.metric });
    else {
      const base = first.base!;
      const baseRow = list.find((r) => r.year === base);
      if (!baseRow) issue(first.at.base, 'base', `a year with a row in series ${name} (${formatYears(sorted.map((r) => r.year))})`, String(base));
      else if (baseRow.value === 0) issue(baseRow.at.value, 'value', `a value other than 0: it is the base of the index of ${name} (base ${base})`, '0');
      series.push({ ...common, compare: 'index', metric: first.metric, base, baseAt: { line: first.at.base.line, column: first.at.base.column } });
    }
  }
  if (issues.length === 0 && rows.length === 0) issue(header.end.line === 1 ? { line: 2, column: 1 } : { line: header.end.line + 1, column: 1 }, '(root)', 'at least one observation after the header', 'none');
  if (issues.length > 0) throw new InputError(issues);
  return { file, rows: rows.length, series, context };
}

/** `found` text for a field: its text quoted, or "nothing" when empty. */
function found(text: string): string {
  if (text.trim() === '') return 'nothing';
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
}

/** Years as ranges: 2014–2022, or 2010, 2011, 2019–2022. */
export function formatYears(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let k = 0; k < sorted.length; ) {
    let j = k;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j - k >= 2 ? `${sorted[k]}–${sorted[j]}` : sorted.slice(k, j + 1).join(', '));
    k = j + 1;
  }
  return parts.join(', ');
}
