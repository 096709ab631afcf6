/**
 * Paired differences and the closing-year comparison, against hand-computed cases; the verdict on
 * closing years is the sign test over ordered pairs, censored pairs included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closingYearDifference, pairedDifference, pairedRatio, RATIO_FLOOR } from '../../src/analysis/paired.js';
import { FEWEST_DECISIVE_PAIRS, replicationsForSignTest, SIGN_TEST_LEVEL, signTestPValue } from '../../src/analysis/sign-test.js';
import type { ClosureOutcome } from '../../src/analysis/closure.js';

const closed = (year: number): ClosureOutcome => ({ kind: 'closed', year });
const censored: ClosureOutcome = { kind: 'censored' };

describe('pairedDifference', () => {
  it('takes B − A replication by replication (hand-computed)', () => {
    // differences 1, 2, 3, 4: mean 2.5, sd √(5/3) = 1.29099; half-width 1.64485 · 1.29099 / 2 = 1.0617485
    const d = pairedDifference([10, 10, 10, 10], [11, 12, 13, 14]);
    expect(d.mean).toBe(2.5);
    expect(d.p50).toBe(2.5);
    expect(d.p5).toBeCloseTo(1.15, 10); // type 7: 1 + 0.15 · (2 − 1)
    expect(d.p95).toBeCloseTo(3.85, 10);
    expect(d.meanLow).toBeCloseTo(2.5 - 1.0617485, 6);
    expect(d.meanHigh).toBeCloseTo(2.5 + 1.0617485, 6);
    expect(d.withinNoise).toBe(false);
    // (1.6449 · 1.29099 / 2.5)² = 0.7215 → at least 2
    expect(d.replicationsToResolve).toBe(2);
  });

  it('calls a difference within noise when its interval spans zero, and says how many replications would resolve it', () => {
    // differences −1, 1, 2, −1, 1: mean 0.4, sd 1.3416; half-width 1.6449 · 1.3416 / √5 = 0.9869
    const d = pairedDifference([0, 0, 0, 0, 0], [-1, 1, 2, -1, 1]);
    expect(d.mean).toBeCloseTo(0.4, 12);
    expect(d.withinNoise).toBe(true);
    // ⌈(1.6449 · 1.3416 / 0.4)²⌉ = ⌈30.44⌉ = 31
    expect(d.replicationsToResolve).toBe(31);
  });

  it('pairs: a shared offset in both runs cancels exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 50 }), fc.double({ min: -5, max: 5, noNaN: true }), (noise, effect) => {
        const a = noise;
        const b = noise.map((x) => x + effect);
        const d = pairedDifference(a, b);
        expect(d.p5).toBeCloseTo(effect, 6);
        expect(d.p95).toBeCloseTo(effect, 6);
        expect(d.meanHigh - d.meanLow).toBeLessThan(1e-6);
      }),
    );
  });
});

describe('closingYearDifference', () => {
  it('counts earlier, later, same and both-censored pairs, placing censored runs after every year', () => {
    const a = [closed(2030), closed(2030), closed(2032), censored, censored, closed(2035)];
    const b = [closed(2028), closed(2031), closed(2032), closed(2040), censored, censored];
    const d = closingYearDifference(a, b);
    expect(d.probabilityEarlier).toBeCloseTo(2 / 6, 12); // −2, and the censored A that B closed
    expect(d.probabilityLater).toBeCloseTo(2 / 6, 12); // +1, and B censored where A closed
    expect(d.probabilitySame).toBeCloseTo(1 / 6, 12);
    expect(d.probabilityBothCensored).toBeCloseTo(1 / 6, 12);
    // sorted differences over the five comparable pairs: −∞, −2, 0, +1, +∞ → median 0; p5 is −∞ (null)
    expect(d.p50).toBe(0);
    expect(d.p5).toBeNull();
    expect(d.p95).toBeNull();
    // both closed: −2, +1, 0 → mean −1/3
    expect(d.bothClosed?.replications).toBe(3);
    expect(d.bothClosed?.mean).toBeCloseTo(-1 / 3, 12);
  });

  it('has no numeric summary when every pair has a censored run', () => {
    const d = closingYearDifference([censored, censored], [censored, closed(2040)]);
    expect(d.bothClosed).toBeNull();
    expect(d.probabilityBothCensored).toBe(0.5);
    expect(d.probabilityEarlier).toBe(0.5);
    expect(d.medianDirection).toBe('earlier');
  });

  it('resolves a scenario that closes where the reference never does: censored pairs count in the verdict', () => {
    // The reported case: P(earlier) high, P(later) 0, and not a single pair where both close. The old
    // verdict, over both-closed pairs only, had nothing to go on; the sign test has 6 pairs earlier.
    const a = Array.from({ length: 8 }, () => censored);
    const b = [closed(2030), closed(2031), closed(2029), closed(2033), closed(2030), closed(2032), censored, censored];
    const d = closingYearDifference(a, b);
    expect(d.bothClosed).toBeNull();
    expect([d.probabilityEarlier, d.probabilityLater, d.probabilitySameOrNeither]).toEqual([0.75, 0, 0.25]);
    expect(d.signTest).toMatchObject({ earlier: 6, later: 0, replications: 8, resolved: true, direction: 'earlier' });
    expect(d.signTest.pValue).toBeCloseTo(2 / 64, 12); // 2 · (1/2)^6
    expect(d.medianDirection).toBe('earlier');
    expect(d.p50).toBeNull(); // "earlier by more than the years left"
  });

  it('calls three pairs of four earlier within noise, and says about how many replications would resolve it', () => {
    const d = closingYearDifference([closed(2029), closed(2029), censored, censored], [closed(2027), closed(2027), closed(2027), censored]);
    expect(d.signTest.pValue).toBeCloseTo(0.25, 12); // 2 · (1/2)^3
    expect(d.signTest.resolved).toBe(false);
    // at P(earlier) 0.75, P(later) 0: ⌈5 / 0.75⌉ = 7 replications give 5 pairs earlier, p = 2/32 < 0.1
    expect(d.signTest.replicationsToResolve).toBe(7);
    expect(signTestPValue(5, 0)).toBeLessThan(SIGN_TEST_LEVEL);
  });

  it('has P(earlier) + P(later) + P(same or neither) = 1, and swapping the scenarios swaps earlier and later (property)', () => {
    const outcome = fc.oneof(fc.constant(censored), fc.integer({ min: 2025, max: 2045 }).map(closed));
    fc.assert(
      fc.property(fc.array(fc.tuple(outcome, outcome), { minLength: 1, maxLength: 60 }), (pairs) => {
        const a = pairs.map(([x]) => x);
        const b = pairs.map(([, y]) => y);
        const d = closingYearDifference(a, b);
        const swapped = closingYearDifference(b, a);
        expect(d.probabilityEarlier + d.probabilityLater + d.probabilitySameOrNeither).toBeCloseTo(1, 12);
        expect(d.probabilitySameOrNeither).toBeCloseTo(d.probabilitySame + d.probabilityBothCensored, 12);
        expect([swapped.probabilityEarlier, swapped.probabilityLater, swapped.probabilitySameOrNeither]).toEqual([d.probabilityLater, d.probabilityEarlier, d.probabilitySameOrNeither]);
        expect([swapped.signTest.earlier, swapped.signTest.later]).toEqual([d.signTest.later, d.signTest.earlier]);
        expect(swapped.signTest.pValue).toBe(d.signTest.pValue);
        expect(swapped.signTest.resolved).toBe(d.signTest.resolved);
        const flip = { earlier: 'later', later: 'earlier' } as const;
        expect(swapped.signTest.direction).toBe(d.signTest.direction === null ? null : flip[d.signTest.direction]);
        // The verdict agrees with the shares it is printed beside: resolved only in the direction with more pairs.
        if (d.signTest.resolved) expect(d.signTest.direction === 'earlier' ? d.probabilityEarlier > d.probabilityLater : d.probabilityLater > d.probabilityEarlier).toBe(true);
        if (d.probabilityEarlier === d.probabilityLater) expect(d.signTest.resolved).toBe(false);
      }),
    );
  });
});

describe('signTestPValue', () => {
  it('is the exact two-sided binomial tail (hand-computed)', () => {
    expect(signTestPValue(0, 0)).toBe(1);
    expect(signTestPValue(3, 3)).toBe(1);
    // 8 of 10 one way: 2 · (1 + 10 + 45) / 1024 = 0.109375
    expect(signTestPValue(8, 2)).toBeCloseTo(0.109375, 12);
    expect(signTestPValue(2, 8)).toBeCloseTo(0.109375, 12);
    // 9 of 10: 2 · 11 / 1024
    expect(signTestPValue(9, 1)).toBeCloseTo(22 / 1024, 12);
  });

  it('stays finite and correct for thousands of pairs (no underflow of 2^-m)', () => {
    expect(signTestPValue(1000, 1000)).toBe(1);
    const p = signTestPValue(1100, 900); // z = 200 / √2000 = 4.47: p ≈ 8e-6
    expect(p).toBeGreaterThan(5e-6);
    expect(p).toBeLessThan(1.2e-5);
  });

  it('needs 5 decisive pairs all one way at the 10% level', () => {
    expect(FEWEST_DECISIVE_PAIRS).toBe(5);
    expect(signTestPValue(4, 0)).toBeGreaterThanOrEqual(SIGN_TEST_LEVEL);
  });

  it('estimates replications that resolve a difference at the measured shares, within a factor of two (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (up, down, ties) => {
        fc.pre(up > down);
        const n = up + down + ties;
        const needed = replicationsForSignTest(up / n, down / n)!;
        // With `needed` replications at the measured shares (rounded to whole pairs, with some slack), the test rejects.
        const scale = (2 * needed) / n;
        expect(signTestPValue(Math.round(up * scale), Math.round(down * scale))).toBeLessThan(SIGN_TEST_LEVEL);
      }),
    );
  });
});

describe('pairedRatio: candidates per 100 compared on the log scale', () => {
  const positive = fc.double({ min: 0.5, max: 5000, noNaN: true });

  it('is symmetric: swapping the scenarios gives the reciprocal ratios and the same verdict', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(positive, positive), { minLength: 2, maxLength: 30 }), (pairs) => {
        const a = pairs.map(([x]) => x);
        const b = pairs.map(([, y]) => y);
        const ab = pairedRatio(a, b);
        const ba = pairedRatio(b, a);
        expect(ab.geometricMean * ba.geometricMean).toBeCloseTo(1, 9);
        expect(ab.low * ba.high).toBeCloseTo(1, 9);
        expect(ab.withinNoise).toBe(ba.withinNoise);
        expect(ab.low).toBeLessThanOrEqual(ab.geometricMean * (1 + 1e-12));
        expect(ab.geometricMean).toBeLessThanOrEqual(ab.high * (1 + 1e-12));
      }),
    );
  });

  it('gives a constant ratio exactly, resolved from noise, and keeps a year without candidates finite', () => {
    const r = pairedRatio([50, 40, 80], [100, 80, 160]);
    expect(r.geometricMean).toBeCloseTo(2, 12);
    expect([r.low, r.high, r.p5, r.p95].map((x) => Number(x.toFixed(12)))).toEqual([2, 2, 2, 2]);
    expect(r.withinNoise).toBe(false);
    const zero = pairedRatio([0, 0], [RATIO_FLOOR * 3, RATIO_FLOOR * 3]);
    expect(zero.geometricMean).toBeCloseTo(3, 12);
  });
});
