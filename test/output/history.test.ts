/** The pieces that set history years apart in terminal output: which rows, the divider line, the year axis. */
import { describe, expect, it } from 'vitest';
import { dividedRow, historyNote, historySpan, historyYears, markHistoryRows, yearAxis } from '../../src/output/history.js';
import { table } from '../../src/output/format.js';

describe('historyYears', () => {
  it('is the leading run of history rows, or undefined without one', () => {
    const rows = (flags: boolean[]) => flags.map((history, k) => ({ year: 2020 + k, history }));
    expect(historyYears(rows([true, true, false, false]))).toEqual({ first: 2020, last: 2021, count: 2 });
    expect(historyYears(rows([true, false]))).toEqual({ first: 2020, last: 2020, count: 1 });
    expect(historyYears(rows([false, false]))).toBeUndefined();
    // Results written before history existed have no flag: no history.
    expect(historyYears([{ year: 2025 }, { year: 2026 }])).toBeUndefined();
  });

  it('spans and notes name the years and the base year', () => {
    expect(historySpan({ first: 2022, last: 2024 })).toBe('2022–2024');
    expect(historySpan({ first: 2024, last: 2024 })).toBe('2024');
    expect(historyNote({ first: 2024, last: 2024 }, 2025)).toBe('History (2024): years before the base year 2025, simulated from a stationary start to compare with observed data; the projection, the closing year and P(closed by year) start in 2025.');
  });
});

describe('markHistoryRows', () => {
  const text = table(['year', 'x'], [['2023', '1'], ['2024', '2'], ['2025', '3']]);

  it('puts a dashed line naming the projection after the history rows', () => {
    expect(markHistoryRows(text, 2, 'projection from 2025', false)).toBe(
      ['year  x', '────  ─', '2023  1', '2024  2', '╌╌╌╌ projection from 2025 ╌╌╌╌', '2025  3'].join('\n'),
    );
  });

  it('greys the history rows only when colour is on', () => {
    const lines = markHistoryRows(text, 1, 'p', true).split('\n');
    expect(lines[2]).toBe('\x1b[90m2023  1\x1b[0m');
    expect(lines[3]).toMatch(/^╌╌╌╌ p ╌+$/);
    expect(lines[4]).toBe('2024  2');
  });
});

describe('yearAxis', () => {
  const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

  it('without history: the first year under the first column, the last ending under the last', () => {
    // 10 columns of 2 characters from column 7: the grid ends at 27.
    const axis = yearAxis(years(2025, 2034), 0, 7);
    expect(axis).toBe(`       2025${' '.repeat(12)}2034`);
    expect(axis).toHaveLength(27);
  });

  it('with history: the base year under the first column after the divider', () => {
    const axis = yearAxis(years(2020, 2034), 5, 7);
    // Columns 0–4 at 7…16, the divider at 17, column 5 (2025) at 18.
    expect(axis.indexOf('2020')).toBe(7);
    expect(axis.indexOf('2025')).toBe(18);
    expect(axis.endsWith('2034')).toBe(true);
    expect(axis).toHaveLength(7 + 15 * 2 + 1);
    // The divider of a chart row is right before the base year's column.
    const row = `xxxxxx ${dividedRow(years(2020, 2034).map(() => '..'), 5)}`;
    expect(row[17]).toBe('│');
  });

  it('drops the first year when it would touch the base year, and moves a crowded last year right', () => {
    // 11 columns from 6 and the divider: the grid ends at 6 + 22 + 1 = 29.
    expect(yearAxis(years(2024, 2034), 1, 6)).toBe(`${' '.repeat(9)}2025${' '.repeat(12)}2034`);
    expect(yearAxis([2024, 2025, 2026], 1, 6)).toBe(`${' '.repeat(9)}2025 2026`);
  });
});
