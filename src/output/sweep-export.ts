/**
 * `hiresim sweep export FILE.jsonl --csv`: the result lines of a sweep or a sensitivity study as
 * one tidy table, one row per point, output and statistic, so that pandas (`pd.read_csv`), R
 * (`read.csv`) and DuckDB (`SELECT * FROM 'points.csv'`) load it in one line without options:
 *
 *   run_id,scenario,design,seed,point,<one column per parameter path>,replications,year,output,statistic,value,unit,censored
 *
 * - closing year (year empty): statistic p10, p50, p90 (a year; empty value and censored = TRUE
 *   when that quantile is after the horizon) and censoredShare (a share of the replications);
 * - gap, candidatesPer100 and payMedian in every recorded year: p10, p50, p90 and mean over the
 *   point's replications. candidatesPer100 = 100 × (1 − gap) in every replication, so its band is
 *   the gap's mirrored (its p10 is from the gap's p90);
 * - value holds numbers only; unit says how to read it (share: 0.53 is 53%; USD nominal);
 * - booleans (censored, a switch swept as a parameter) are TRUE and FALSE: R's read.csv takes only
 *   those (not true/false) as logical, and pandas and DuckDB take them too.
 *
 * Every field a line holds is exported except its provenance (the same on every line; the JSON
 * lines keep it).
 */
import { describeValue, type InputIssue } from '../scenario/issues.js';
import type { ParsedLine, PointValue } from '../studies/sweep/result-lines.js';

export const BAND_STATISTICS = ['p10', 'p50', 'p90', 'mean'] as const;
export const CLOSING_STATISTICS = ['p10', 'p50', 'p90', 'censoredShare'] as const;
/** The yearly outputs, in the order rows are written. */
export const YEARLY_OUTPUTS = ['gap', 'candidatesPer100', 'payMedian'] as const;

const UNITS: Readonly<Record<string, string>> = {
  closingYear: 'year',
  censoredShare: 'share',
  gap: 'share',
  candidatesPer100: 'per 100 open positions',
  payMedian: 'USD nominal',
};

/** Columns before the parameters and after them. */
const LEADING = ['run_id', 'scenario', 'design', 'seed', 'point'] as const;
const TRAILING = ['replications', 'year', 'output', 'statistic', 'value', 'unit', 'censored'] as const;

/** Rows one line gives: 4 closing-year rows and 4 statistics × 3 outputs per recorded year. */
export function rowsPerPoint(years: number): number {
  return CLOSING_STATISTICS.length + years * YEARLY_OUTPUTS.length * BAND_STATISTICS.length;
}

/** A band as a line records it, every statistic checked to be a finite number. */
type Band = Readonly<Record<(typeof BAND_STATISTICS)[number], number>>;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * What the shared line check (result-lines.ts) leaves to its readers and the table needs: every
 * statistic of every gap and payMedian band a number, payMedian for the gap's years.
 */
export function exportIssues(lines: readonly ParsedLine[]): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const l of lines) {
    const issue = (path: string, expected: string, found: unknown) => issues.push({ file: l.file, line: l.line, column: 1, path, expected, found: describeValue(found) });
    const value = l.value as unknown as Record<string, unknown>;
    for (const output of ['gap', 'payMedian'] as const) {
      const bands = value[output];
      if (!isRecord(bands)) {
        issue(output, 'bands by year {YYYY: {p10, p50, p90, mean}}', bands);
        continue;
      }
      for (const year of Object.keys(l.value.gap)) {
        const b = bands[year];
        if (!isRecord(b)) issue(`${output}.${year}`, 'a band {p10, p50, p90, mean}', b);
        else for (const s of BAND_STATISTICS) if (!isNumber(b[s])) issue(`${output}.${year}.${s}`, 'a number', b[s]);
      }
    }
  }
  return issues;
}

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const bool = (b: boolean) => (b ? 'TRUE' : 'FALSE');
const pointField = (v: PointValue | undefined) => (v === undefined ? '' : typeof v === 'boolean' ? bool(v) : csvField(String(v)));
const numberField = (x: number) => String(x);

/** Rounds away the last bits that 100 × (1 − gap) adds (47.00000000000001 → 47). */
const per100 = (gap: number) => Number((100 * (1 - gap)).toPrecision(15));

/**
 * The table of checked lines of one study (result-lines.ts, then exportIssues), rows ordered by
 * point index, then closing year, then each recorded year's outputs. Parameter columns follow the
 * first line's point.
 */
export function sweepCsv(lines: readonly ParsedLine[]): string {
  const sorted = [...lines].sort((a, b) => a.value.index - b.value.index);
  const params = sorted.length > 0 ? Object.keys(sorted[0].value.point) : [];
  const out = [[...LEADING, ...params, ...TRAILING].map(csvField).join(',')];
  for (const { value: l } of sorted) {
    const lead = [csvField(l.runId), csvField(l.scenario), csvField(l.design), csvField(String(l.seed)), String(l.index), ...params.map((p) => pointField(l.point[p])), String(l.replications)];
    const row = (year: string, output: string, statistic: string, value: string, unit: string, censored: boolean) => out.push([...lead, year, output, statistic, value, csvField(unit), bool(censored)].join(','));
    const c = l.closure;
    for (const [statistic, year] of [['p10', c.p10Year], ['p50', c.medianYear], ['p90', c.p90Year]] as const) {
      // Lines written before the p10 and p90 years were recorded lack them: no row rather than a guess.
      if (year === undefined) continue;
      row('', 'closingYear', statistic, year === null ? '' : String(year), UNITS.closingYear, year === null);
    }
    row('', 'closingYear', 'censoredShare', numberField(c.censoredShare), UNITS.censoredShare, false);
    const bands = l as unknown as Record<'gap' | 'payMedian', Readonly<Record<string, Band>>>;
    for (const year of Object.keys(l.gap)) {
      const gap = bands.gap[year];
      const cp100: Band = { p10: per100(gap.p90), p50: per100(gap.p50), p90: per100(gap.p10), mean: per100(gap.mean) };
      const byOutput: Record<(typeof YEARLY_OUTPUTS)[number], Band> = { gap, candidatesPer100: cp100, payMedian: bands.payMedian[year] };
      for (const output of YEARLY_OUTPUTS) {
        for (const s of BAND_STATISTICS) row(year, output, s, numberField(byOutput[output][s]), UNITS[output], false);
      }
    }
  }
  return `${out.join('\n')}\n`;
}
