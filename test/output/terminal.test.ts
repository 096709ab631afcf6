/**
 * `hiresim run`'s terminal view: a table led by qualified candidates per 100 open positions, a fan
 * chart of that ratio on a log axis that never clips silently, history years apart from the
 * projection, and the answer in words (closing year, how sure, what happens after).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Band } from '../../src/analysis/quantiles.js';
import { formatRun, ratioChart } from '../../src/output/terminal.js';
import type { RunSummary, YearSummary } from '../../src/studies/run.js';
import { runFixture, trimLines } from './fixtures.js';

const TABLE_WITH_HISTORY = `
year           per 100  10–90%   gap  open pos.  qualified  employed  pay p50  pay p90  graduates  upskilled  switchers  immigrants  acqui-hires
────  ───────  ───────  ──────  ────  ─────────  ─────────  ────────  ───────  ───────  ─────────  ─────────  ─────────  ──────────  ───────────
2023  history       50   40–60   50%      1,000      1,000     1,000   $1,000   $1,000      1,000      1,000      1,000       1,000        1,000
2024  history       40   30–50   60%      1,000      1,000     1,000   $1,000   $1,000      1,000      1,000      1,000       1,000        1,000
╌╌╌╌ projection from the base year 2025 ${'╌'.repeat(104)}
2025                47   45–49   53%      1,000      1,000     1,000   $1,000   $1,000      1,000      1,000      1,000       1,000        1,000
2026                80  60–100   20%      1,000      1,000     1,000   $1,000   $1,000      1,000      1,000      1,000       1,000        1,000
2027               110  90–130  -10%      1,000      1,000     1,000   $1,000   $1,000      1,000      1,000      1,000       1,000        1,000
`.slice(1, -1);

const CHART_WITH_HISTORY = `
Qualified candidates per 100 open positions (log scale), median (██) and 10–90% band (░░); history (2023–2024) left of │, the projection from 2025 right of it:
1,000 ┤    │
      ┤    │
      ┤    │
      ┤    │
      ┤    │    ░░
  100 ┤····│··░░██  balance: the gap closes at or above this line
      ┤░░  │  ██░░
      ┤████│██
      ┤  ░░│
      ┤    │
   10 ┤    │
       2023 2025 2027`.slice(1);

describe('the run table and chart with history years', () => {
  const text = formatRun(runFixture().summary, { color: false });

  it('leads with candidates per 100 open positions, marks history rows and puts a divider before the base year', () => {
    expect(text).toContain(TABLE_WITH_HISTORY);
    const lines = TABLE_WITH_HISTORY.split('\n');
    expect(lines[4]).toHaveLength(lines[0].length);
    expect(text.startsWith('hiresim: "fixture" (hash 0123456789abcdef), 2 replications, seed 7, 1 agent = 50 persons\n\n')).toBe(true);
    expect(text).toContain('pay in nominal US dollars');
  });

  it('draws candidates per 100 on a log axis with the balance line, the divider and the base year', () => {
    const chart = ratioChart(runFixture().summary, false);
    expect(trimLines(chart)).toBe(CHART_WITH_HISTORY);
    expect(text).toContain(chart);
  });

  it('answers in words: what closing means, the median of the closing years, P(closed by Y) ± its error, what follows', () => {
    const answer = text.slice(text.indexOf('When the shortage ends'));
    expect(answer).toContain('at least 100 qualified candidates per 100 open\n  positions (gap ≤ 0%) for 2 years running, counted from 2025.');
    expect(answer).toContain('Closing year: after 2027 at the median: only 50% of the 2 replications close by 2027');
    expect(answer).toContain('P(closed by 2027) = 0.50 ± 0.50.');
    expect(answer).toContain('After closing: 0 of the 1 replication that close (0%) see the gap open again by 2027');
    expect(answer.replace(/\n +/g, ' ')).toContain('GenAI pay over adjacent software pay falls from 3.00× in the closing year to 2.90× five years later (medians, or in 2027 if sooner).');
    for (const line of answer.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('probes the years a reader asks for', () => {
    const probed = formatRun(runFixture().summary, { color: false, probeYears: [2025, 2026] });
    expect(probed.replace(/\n +/g, ' ')).toContain('P(closed by 2025) = 0.00 (none of 2 replications); P(closed by 2026) = 0.50 ± 0.50.');
  });

  it('in colour, greys the history rows and the history columns of the chart, and cyan the projection', () => {
    const coloured = formatRun(runFixture().summary, { color: true });
    expect(coloured).toContain('\x1b[90m2023  history       50');
    expect(coloured).not.toContain('\x1b[90m2025');
    expect(coloured).toContain('      ┤\x1b[90m██\x1b[0m\x1b[90m██\x1b[0m│\x1b[36m██\x1b[0m    ');
  });
});

describe('the run table and chart without history', () => {
  const summary = runFixture(2025).summary;
  const text = formatRun(summary, { color: false });

  it('has no history column, divider, note or divider in the chart', () => {
    expect(text).toMatch(/^year  per 100  10–90%   gap  open pos\./m);
    expect(text).toMatch(/^2025       47   45–49   53%/m);
    expect(text).not.toContain('history');
    expect(text).not.toContain('╌');
    expect(text).not.toContain('│');
    expect(text).toContain('for 2 years running.\n');
  });
});

/** A summary whose candidates-per-100 bands are the given ones (other metrics as in the fixture). */
function withBands(bands: readonly Band[]): RunSummary {
  const base = runFixture(2025).summary;
  const years: YearSummary[] = bands.map((b, k) => ({ ...base.years[0], year: 2025 + k, history: false, candidatesPer100: b }));
  return { ...base, years, horizon: 2025 + bands.length - 1 };
}

describe('ratioChart never clips silently', () => {
  const bandArb = fc
    .tuple(fc.double({ min: 0.01, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 1e6, noNaN: true }))
    .map(([a, b, c]) => {
      const [p10, p50, p90] = [a, b, c].sort((x, y) => x - y);
      return { p10, p50, p90, mean: p50 };
    });

  it('marks every median: on the grid, or as ▲/▼ at the edge with a note saying what the marks mean', () => {
    fc.assert(
      fc.property(fc.array(bandArb, { minLength: 1, maxLength: 12 }), (bands) => {
        const chart = ratioChart(withBands(bands), false).split('\n');
        const grid = chart.filter((l) => l.includes('┤')).map((l) => l.slice(l.indexOf('┤') + 1));
        const beyond = bands.some((b) => b.p10 < 1 || b.p90 > 10_000);
        bands.forEach((b, c) => {
          const cells = grid.map((row) => row.slice(2 * c, 2 * c + 2));
          const marks = cells.filter((cell) => cell === '██' || cell === '▲▲' || cell === '▼▼');
          expect(marks).toHaveLength(1);
          // Closed (≥ 100 per 100) at or above the balance line, open below it.
          const balance = grid.findIndex((row) => row.includes('balance'));
          const at = cells.findIndex((cell) => cell === marks[0]);
          if (b.p50 >= 100) expect(at).toBeLessThanOrEqual(balance);
          else expect(at).toBeGreaterThan(balance);
        });
        expect(chart.some((l) => l.startsWith('▲/▼'))).toBe(beyond);
      }),
      { numRuns: 1000 },
    );
  });

  it('widens the axis to whole decades that hold the bands, from at least 10–1,000', () => {
    const labels = (bands: Band[]) => ratioChart(withBands(bands), false).split('\n').map((l) => /^ *([\d,]+) ┤/.exec(l)?.[1]).filter(Boolean);
    expect(labels([{ p10: 40, p50: 50, p90: 60, mean: 50 }])).toEqual(['1,000', '100', '10']);
    expect(labels([{ p10: 3, p50: 50, p90: 2500, mean: 50 }])).toEqual(['10,000', '1,000', '100', '10', '1']);
  });
});
