/**
 * The closing year: the first year the gap is at or below the threshold and stays there for
 * `sustainYears` years; replications that have not closed (or not long enough) by the horizon are
 * censored ("after the horizon"), and quantiles over replications treat them as +∞.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closingYear, closingYearOrAfter, closureAftermath, describeClosure, summarizeClosure, type ClosureOutcome } from '../../src/analysis/closure.js';

const closed = (year: number): ClosureOutcome => ({ kind: 'closed', year });
const censored: ClosureOutcome = { kind: 'censored' };

describe('closingYear', () => {
  it('finds the first year of a closure that lasts', () => {
    expect(closingYear([0.5, 0.3, -0.1, -0.2, -0.3], 2025, 0, 2)).toEqual(closed(2027));
    expect(closingYear([0.5, 0.3, -0.1, -0.2, -0.3], 2025, 0, 1)).toEqual(closed(2027));
  });

  it('ignores a closure that reopens before it has lasted sustainYears', () => {
    const gaps = [0.5, -0.1, 0.2, -0.1, -0.2, 0.3];
    expect(closingYear(gaps, 2025, 0, 2)).toEqual(closed(2028));
    expect(closingYear(gaps, 2025, 0, 1)).toEqual(closed(2026));
    expect(closingYear(gaps, 2025, 0, 3)).toEqual(censored);
  });

  it('counts a gap equal to the threshold as closed, and uses the threshold given', () => {
    expect(closingYear([0.3, 0, 0], 2025, 0, 2)).toEqual(closed(2026));
    expect(closingYear([0.3, 0.1, 0.05], 2025, 0.1, 2)).toEqual(closed(2026));
    expect(closingYear([0.3, 0.1, 0.05], 2025, 0, 2)).toEqual(censored);
  });

  it('censors a closure in the last year that sustainYears 2 cannot confirm', () => {
    expect(closingYear([0.5, 0.4, 0.3, -0.1], 2025, 0, 2)).toEqual(censored);
    expect(closingYear([0.5, 0.4, 0.3, -0.1], 2025, 0, 1)).toEqual(closed(2028));
  });

  it('closes in the base year when the gap starts closed', () => {
    expect(closingYear([-0.2, -0.1, 0.4], 2030, 0, 2)).toEqual(closed(2030));
  });

  it('is censored for a gap that never closes, and for no years at all', () => {
    expect(closingYear([0.5, 0.5, 0.5], 2025, 0, 2)).toEqual(censored);
    expect(closingYear([], 2025, 0, 1)).toEqual(censored);
  });
});

describe('summarizeClosure', () => {
  it('gives P(closed by Y) for every year and quantiles as the first year reaching them', () => {
    // Ten replications: closed in 2026, 2027 (×3), 2028 (×2), 2029, and three censored.
    const outcomes = [closed(2026), closed(2027), closed(2027), closed(2027), closed(2028), closed(2028), closed(2029), censored, censored, censored];
    const s = summarizeClosure(outcomes, 2025, 2030, 0, 2);
    expect(s.threshold).toBe(0);
    expect(s.sustainYears).toBe(2);
    expect(Object.keys(s.probabilityClosedBy)).toEqual(['2025', '2026', '2027', '2028', '2029', '2030']);
    expect(s.probabilityClosedBy).toEqual({ 2025: 0, 2026: 0.1, 2027: 0.4, 2028: 0.6, 2029: 0.7, 2030: 0.7 });
    expect(s.p10Year).toBe(2026);
    expect(s.medianYear).toBe(2028);
    // 90% are never closed by the horizon: the 90th percentile is after it.
    expect(s.p90Year).toBeNull();
    expect(s.censoredShare).toBeCloseTo(0.3, 12);
  });

  it('puts the median after the horizon when censoring decides it', () => {
    const s = summarizeClosure([closed(2027), closed(2029), censored, censored, censored], 2025, 2030, 0, 2);
    expect(s.medianYear).toBeNull();
    expect(s.p10Year).toBe(2027);
    expect(s.censoredShare).toBeCloseTo(0.6, 12);
  });

  it('reaches a quantile exactly at one half', () => {
    const s = summarizeClosure([closed(2027), closed(2027), censored, censored], 2025, 2030, 0, 2);
    expect(s.medianYear).toBe(2027);
  });

  it('has no closing year at all when every replication is censored', () => {
    const s = summarizeClosure([censored, censored, censored], 2025, 2035, 0, 2);
    expect(s.medianYear).toBeNull();
    expect(s.p10Year).toBeNull();
    expect(s.p90Year).toBeNull();
    expect(s.censoredShare).toBe(1);
    expect(Object.values(s.probabilityClosedBy)).toEqual(new Array(11).fill(0));
  });

  it('has every quantile in the base year when all close at once', () => {
    const s = summarizeClosure([closed(2025), closed(2025)], 2025, 2027, 0, 1);
    expect([s.p10Year, s.medianYear, s.p90Year]).toEqual([2025, 2025, 2025]);
    expect(s.censoredShare).toBe(0);
    expect(s.probabilityClosedBy).toEqual({ 2025: 1, 2026: 1, 2027: 1 });
  });
});

describe('describeClosure', () => {
  it('says "after the horizon" for censored quantiles', () => {
    const s = summarizeClosure([closed(2027), closed(2029), censored, censored, censored], 2025, 2030, 0, 2);
    expect(describeClosure(s, 2030, 2029)).toBe('median after 2030, 80% between 2027 and after 2030; P(closed by 2029) = 0.40');
  });
});

describe('closureAftermath: how sure, and whether closing lasts', () => {
  const series = (gap: number[]) => ({ gap, candidatesPer100: gap.map((g) => 100 * (1 - g)), payPremium: gap.map((_, y) => 3 - y / 10) });

  it('counts a replication as reopened when its gap rises above the threshold after the confirming years', () => {
    // Closes 2026 (confirmed by 2027), reopens 2029; closes 2027 and stays; never closes.
    const runs = [series([0.2, -0.1, -0.2, 0, 0.1]), series([0.3, 0.1, -0.3, -0.3, -0.3]), series([0.5, 0.5, 0.5, 0.5, 0.5])];
    const outcomes = runs.map((r) => closingYear(r.gap, 2025, 0, 2));
    expect(outcomes).toEqual([closed(2026), closed(2027), censored]);
    const summary = summarizeClosure(outcomes, 2025, 2029, 0, 2);
    const after = closureAftermath(outcomes, runs, summary, 2025);
    expect(after.reopenedShare).toBe(0.5);
    // Typical surplus: each closed run's median candidates per 100 from its closing year on
    // (110, 120, 100, 90 → 105; 130, 130, 130 → 130), then the median over runs.
    expect(after.afterClosing.candidatesPer100?.p50).toBeCloseTo(117.5, 10);
    // Pay premium at closing: 2.9 (2026) and 2.8 (2027); five years on is past 2029, so the last year's 2.6 for both.
    expect(after.afterClosing.payPremiumAtClosing?.p50).toBeCloseTo(2.85, 10);
    expect(after.afterClosing.payPremiumLater?.p50).toBeCloseTo(2.6, 10);
  });

  it('reports no reopening share when no replication closes', () => {
    const runs = [series([0.5, 0.5]), series([0.4, 0.4])];
    const outcomes = runs.map((r) => closingYear(r.gap, 2025, 0, 2));
    const after = closureAftermath(outcomes, runs, summarizeClosure(outcomes, 2025, 2026, 0, 2), 2025);
    expect(after.reopenedShare).toBeNull();
    expect(after.afterClosing.candidatesPer100).toBeNull();
  });

  it('gives every P(closed by Y) its binomial Monte Carlo error, zero only at 0 and 1', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 30 }), (gaps) => {
        const runs = gaps.map(series);
        const outcomes = runs.map((r) => closingYear(r.gap, 2025, 0, 2));
        const summary = summarizeClosure(outcomes, 2025, 2030, 0, 2);
        const after = closureAftermath(outcomes, runs, summary, 2025);
        for (const [year, p] of Object.entries(summary.probabilityClosedBy)) {
          const se = after.probabilityClosedByError[year];
          expect(se).toBeCloseTo(Math.sqrt((p * (1 - p)) / runs.length), 12);
          expect(se === 0).toBe(p === 0 || p === 1);
        }
        if (after.reopenedShare !== null) {
          expect(after.reopenedShare).toBeGreaterThanOrEqual(0);
          expect(after.reopenedShare).toBeLessThanOrEqual(1);
        } else expect(outcomes.every((o) => o.kind === 'censored')).toBe(true);
      }),
    );
  });
});

describe('closingYearOrAfter: the one number a censored outcome stands for', () => {
  it('keeps a closed year, puts a censored one just after the horizon, or after every year without one', () => {
    expect(closingYearOrAfter(2031, 2045)).toBe(2031);
    expect(closingYearOrAfter(null, 2045)).toBe(2046);
    expect(closingYearOrAfter(null, null)).toBe(Infinity);
  });
  it('orders every censored outcome after every closed one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2026, max: 2100 }), fc.integer({ min: 2025, max: 2100 }), (horizon, year) => {
        fc.pre(year <= horizon);
        expect(closingYearOrAfter(null, horizon)).toBeGreaterThan(closingYearOrAfter(year, horizon));
        expect(closingYearOrAfter(null, null)).toBeGreaterThan(closingYearOrAfter(year, null));
      }),
    );
  });
});
