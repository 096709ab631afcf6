/** Paired differences and the closing-year comparison, against hand-computed cases. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closingYearDifference, pairedDifference } from '../../src/analysis/paired.js';
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
  });
});
