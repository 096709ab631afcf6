/**
 * The answer sentence explains itself: the median of the replications' closing years with its
 * 10–90% range, P(closed by a year) with its Monte Carlo standard error (recorded, or the binomial
 * one for older results), and whether closure lasts (recorded by newer results; said to be not
 * recorded otherwise), with the headline figures in qualified candidates per 100 open positions.
 */
import { describe, expect, it } from 'vitest';
import { answerText, closureMeaning, type RecordedClosure } from '../../src/report/answer.js';
import { gatherReportData, type ScenarioSeries } from '../../src/report/series.js';
import { runFixture } from '../output/fixtures.js';

/** What a result written before the Monte Carlo error and the aftermath were recorded has. */
const CLOSURE = { threshold: 0, sustainYears: 2, medianYear: null, p10Year: 2026, p90Year: null, probabilityClosedBy: { 2025: 0, 2026: 0.5, 2027: 0.5 }, censoredShare: 0.5 };

/**
 * The fixture run (baseYear 2025, horizon 2027) with this closure (fields not given as in CLOSURE,
 * none of the newer ones) and 1000 qualified candidates per 100 open positions at the median every year.
 */
function series(closure: Partial<RecordedClosure>, replications = 2): ScenarioSeries {
  const fixture = runFixture(2023).summary;
  const years = fixture.years.map((row) => ({ ...row, candidatesPer100: { p10: 900, p50: 1000, p90: 1100, mean: 1000 } }));
  const summary = { ...fixture, replications, years, closure: { ...CLOSURE, ...closure } } as unknown as typeof fixture;
  const [s] = gatherReportData([{ kind: 'run', file: 'summary.json', summary }]).series;
  return s;
}

describe('the answer', () => {
  it('gives the median closing year with its 10–90% range and P(closed by the year) with the recorded error', () => {
    const text = answerText(series({ medianYear: 2026, p10Year: 2026, p90Year: 2027, probabilityClosedBy: { 2025: 0, 2026: 0.6, 2027: 0.9 }, probabilityClosedByError: { 2025: 0, 2026: 0.049, 2027: 0.03 }, censoredShare: 0.1 }, 40));
    expect(text).toContain('The gap closes in 2026, the median of the 40 replications\' closing years (10–90%: 2026–2027).');
    // The year quoted: 2030, or the horizon before it.
    expect(text).toContain('P(closed by 2027) = 90% ± 3% (Monte Carlo standard error over 40 replications).');
  });

  it('falls back on the binomial standard error, and counts replications where it would claim certainty', () => {
    expect(answerText(series({ probabilityClosedBy: { 2025: 0, 2026: 0.5, 2027: 0.5 } }, 2))).toContain('P(closed by 2027) = 50% ± 35% (Monte Carlo standard error over 2 replications, √(p(1−p)/n)).');
    expect(answerText(series({ probabilityClosedBy: { 2025: 0, 2026: 1, 2027: 1 }, censoredShare: 0 }, 8))).toContain('P(closed by 2027) = 100% (all of the 8 replications).');
    expect(answerText(series({ probabilityClosedBy: { 2025: 0, 2026: 0, 2027: 0 }, probabilityClosedByError: { 2025: 0, 2026: 0, 2027: 0 }, censoredShare: 1 }, 8))).toContain('P(closed by 2027) = 0% (none of the 8 replications).');
  });

  it('says when the median is past the horizon, with the range in words', () => {
    const text = answerText(series({ medianYear: null, p10Year: 2026, p90Year: null }));
    expect(text).toContain('The gap does not close by 2027 in at least half of the 2 replications: the median of their closing years is after the horizon (10–90%: 2026 to after 2027).');
    expect(text).not.toMatch(/–>/);
  });

  it('says whether closure lasts when the result records it, and that it was not recorded otherwise', () => {
    const lasting = answerText(series({ censoredShare: 0, reopenedShare: 0, afterClosing: { candidatesPer100: { p10: 101.2, p50: 118.7, p90: 140.1 } } }, 10));
    expect(lasting).toContain('It lasts: none of the 10 replications that closed sees the gap above the threshold again by 2027; after closing, 119 qualified candidates per 100 open positions (median; 10–90%: 101–140).');
    const reopening = answerText(series({ censoredShare: 0.5, reopenedShare: 0.4, afterClosing: { candidatesPer100: null } }, 10));
    expect(reopening).toContain('It does not always last: in 40% of the 5 replications that closed, the gap goes above the threshold again by 2027.');
    expect(answerText(series({ reopenedShare: null }))).toContain('Whether closure lasts does not arise: no replication closed by 2027.');
    expect(answerText(series({}))).toContain('Whether closure lasts (replications reopening after closing): not recorded by this version of the result.');
  });

  it('quotes qualified candidates per 100 open positions and says what closed means', () => {
    // The fixture records candidatesPer100 at a median of 1000 in every year.
    expect(answerText(series({}))).toContain('Qualified candidates per 100 open positions (median over replications): 1000 in 2025 and 1000 in 2027.');
    expect(closureMeaning(series({ threshold: 0.05, sustainYears: 2 }))).toBe('Closed means at least 95 qualified candidates per 100 open positions (a gap of at most 5%) for 2 years in a row, counted from the base year 2025 (2023–2024 are history); a replication\'s closing year is the first of those years.');
  });
});
