/**
 * `hiresim run`'s terminal view of a run with history years (startYear 2023, baseYear 2025): the
 * rows marked, the divider, the note, the fan chart's divider and axis, the closing sentence.
 */
import { describe, expect, it } from 'vitest';
import { formatRun, gapChart } from '../../src/output/terminal.js';
import { runFixture, trimLines } from './fixtures.js';

const TABLE_WITH_HISTORY = `
year            gap    10–90%  open pos.  qualified  employed  pay p50  pay p90  graduates  upskilled  switchers  immigrants  acqui-hires
────  ───────  ────  ────────  ─────────  ─────────  ────────  ───────  ───────  ─────────  ─────────  ─────────  ──────────  ───────────
2023  history   50%   40%…60%      1,000      1,000     1,000   $1,000   $1,000      1,000      1,000      1,000       1,000        1,000
2024  history   60%   50%…70%      1,000      1,000     1,000   $1,000   $1,000      1,000      1,000      1,000       1,000        1,000
╌╌╌╌ projection from the base year 2025 ${'╌'.repeat(97)}
2025            53%   51%…55%      1,000      1,000     1,000   $1,000   $1,000      1,000      1,000      1,000       1,000        1,000
2026            20%    0%…40%      1,000      1,000     1,000   $1,000   $1,000      1,000      1,000      1,000       1,000        1,000
2027           -10%  -30%…10%      1,000      1,000     1,000   $1,000   $1,000      1,000      1,000      1,000       1,000        1,000
Medians over replications; gap = 1 − qualified candidates ÷ open positions (negative: a surplus); counts in persons.
History (2023–2024): years before the base year 2025, simulated from a stationary start to compare with observed data; the projection, the closing year and P(closed by year) start in 2025.
`.slice(1, -1);

const CHART_WITH_HISTORY = `
Gap, median (██) and 10–90% band (░░); history (2023–2024) left of │, the projection from 2025 right of it:
+100% ┤    │
      ┤    │
      ┤░░██│██
      ┤██░░│  ░░
      ┤    │  ██
   0% ┤····│··░░░░
      ┤    │    ██
      ┤    │    ░░
      ┤    │
      ┤    │
-100% ┤    │
       2023 2025 2027`.slice(1);

describe('the run table and chart with history years', () => {
  const text = formatRun(runFixture().summary, { color: false });

  it('marks history rows, puts a divider before the base year and says what history years are', () => {
    expect(text).toContain(TABLE_WITH_HISTORY);
    // The divider is as wide as the table.
    const lines = TABLE_WITH_HISTORY.split('\n');
    expect(lines[4]).toHaveLength(lines[0].length);
    expect(text.startsWith('hiresim: "fixture" (hash 0123456789abcdef), 2 replications, seed 7, 1 agent = 50 persons\n\n')).toBe(true);
  });

  it('draws the fan chart with a divider where the projection starts and the base year on the axis', () => {
    const chart = gapChart(runFixture().summary, false);
    expect(trimLines(chart)).toBe(CHART_WITH_HISTORY);
    // Every grid row is as wide as the grid: 7 + 5 columns of 2 + the divider.
    for (const row of chart.split('\n').slice(1, 12)) expect(row).toHaveLength(18);
    expect(text).toContain(chart);
  });

  it('counts the closing year from the base year and probes a projection year', () => {
    expect(text.trimEnd().split('\n').pop()).toBe('The gap closes (≤ 0% for 2 years, counted from 2025): median after 2027, 80% between 2026 and after 2027; P(closed by 2027) = 0.50.');
  });

  it('in colour, greys the history rows and the history columns of the chart, and cyan the projection', () => {
    const coloured = formatRun(runFixture().summary, { color: true });
    expect(coloured).toContain('\x1b[90m2023  history   50%');
    expect(coloured).toContain('\x1b[90m2024  history   60%');
    expect(coloured).not.toContain('\x1b[90m2025');
    // Chart row 2: history band and median grey, the base year's median cyan, after the divider.
    expect(coloured).toContain('      ┤\x1b[2;90m░░\x1b[0m\x1b[90m██\x1b[0m│\x1b[36m██\x1b[0m    ');
  });
});

describe('the run table and chart without history', () => {
  const summary = runFixture(2025).summary;
  const text = formatRun(summary, { color: false });

  it('has no history column, divider, note or divider in the chart', () => {
    expect(text).toMatch(/^year   gap    10–90%  open pos\./m);
    expect(text).toMatch(/^2025   53%   51%…55%/m);
    expect(text).not.toContain('history');
    expect(text).not.toContain('╌');
    expect(text).not.toContain('│');
    expect(text).toContain('The gap closes (≤ 0% for 2 years): median after 2027');
  });

  it('labels the chart axis with the base year and the horizon, as before', () => {
    const chart = gapChart(summary, false).split('\n');
    expect(chart[0]).toBe('Gap, median (██) and 10–90% band (░░):');
    expect(chart[3]).toBe('      ┤██    ');
    expect(chart[chart.length - 1]).toBe('       2025 2027');
  });
});
