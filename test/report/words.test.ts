/**
 * How the report writes numbers: signs in words, plain decimals (never "20m" for 0.02), year ranges
 * without "–>", and the round 1–2–5 ticks of its log axes, which always lie inside the domain and
 * always cover the data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factorTicks, gapChangeInWords, intervalInWords, logDomain, logTicks, plainNumber, yearRange, yearsInWords } from '../../src/report/words.js';

describe('signs in words', () => {
  it('says earlier or later, never a bare negative', () => {
    expect(yearsInWords(-2.1, 1)).toBe('2.1 years earlier');
    expect(yearsInWords(0.8, 1)).toBe('0.8 years later');
    expect(yearsInWords(1, 0)).toBe('1 year later');
    expect(yearsInWords(-0.001)).toBe('no change');
    expect(gapChangeInWords(-0.031)).toBe('3.1 pp narrower');
    expect(gapChangeInWords(0.004)).toBe('0.4 pp wider');
    fc.assert(fc.property(fc.double({ min: -100, max: 100, noNaN: true }), (x) => !/[-−]/.test(yearsInWords(x)) && !/[-−]/.test(gapChangeInWords(x / 100))));
  });

  it('writes an interval once when both ends go the same way, and both directions when it straddles zero', () => {
    expect(intervalInWords(-1.9, -0.5, yearsInWords)).toBe('0.50–1.90 years earlier');
    expect(intervalInWords(-1.08, 0.08, yearsInWords)).toBe('1.08 years earlier to 0.08 years later');
    expect(intervalInWords(-0.3, -0.1, gapChangeInWords)).toBe('10.0–30.0 pp narrower');
  });
});

describe('plain numbers and year ranges', () => {
  it('writes decimals without SI prefixes or exponents', () => {
    expect([0.02, 0.05, 0.1, 0.2, 1, 2.5, 1500, 123456].map(plainNumber)).toEqual(['0.02', '0.05', '0.1', '0.2', '1', '2.5', '1,500', '123,000']);
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), (x) => /^[\d,]+(\.\d+)?$/.test(plainNumber(x)) && Math.abs(Number(plainNumber(x).replace(/,/g, '')) - x) <= Math.abs(x) * 0.006));
  });

  it('writes ranges as 2033–2035, and one past the horizon in words', () => {
    expect(yearRange(2033, 2035, 2045)).toBe('2033–2035');
    expect(yearRange(2033, 2033, 2045)).toBe('2033');
    expect(yearRange(2033, null, 2045)).toBe('2033 to after 2045');
    expect(yearRange(null, null, 2045)).toBe('after 2045 to after 2045');
    fc.assert(fc.property(fc.option(fc.integer({ min: 2025, max: 2045 })), fc.option(fc.integer({ min: 2025, max: 2045 })), (a, b) => !yearRange(a, b, 2045).includes('–>')));
  });
});

describe('log axes', () => {
  it('ticks 1–2–5 steps such as 10, 20, 50, 100, 200, 500', () => {
    expect(logTicks(10, 500)).toEqual([10, 20, 50, 100, 200, 500]);
    expect(logTicks(0.02, 0.2)).toEqual([0.02, 0.05, 0.1, 0.2]);
    expect(logDomain(47, 222)).toEqual([20, 500]);
    expect(logDomain(20, 100)).toEqual([20, 100]);
  });

  it('gives a domain with round ends that covers the data, and ticks inside it, ascending', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e5, noNaN: true }), fc.double({ min: 1, max: 1000, noNaN: true }), (low, ratio) => {
        const high = low * ratio;
        const [a, b] = logDomain(low, high);
        const ticks = logTicks(a, b);
        return a <= low && b >= high && b / a <= ratio * 25 && ticks.length >= 2 && ticks.every((t, k) => t >= a && t <= b && (k === 0 || t > ticks[k - 1]));
      }),
    );
  });
});

describe('factorTicks', () => {
  it('labels a ratio axis with at least three ticks inside the domain, increasing, whatever its span', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.02, max: 50, noNaN: true }), fc.double({ min: 1.02, max: 100, noNaN: true }), (low, stretch) => {
        const high = low * stretch;
        const ticks = factorTicks(low, high);
        expect(ticks.length).toBeGreaterThanOrEqual(3);
        for (const t of ticks) {
          expect(t).toBeGreaterThanOrEqual(low * 0.99);
          expect(t).toBeLessThanOrEqual(high * 1.01);
        }
        for (let k = 1; k < ticks.length; k++) expect(ticks[k]).toBeGreaterThan(ticks[k - 1]);
      }),
    );
  });

  it('prefers round factors, spaced so that labels do not crowd', () => {
    expect(factorTicks(0.5, 2)).toEqual([0.5, 0.8, 1, 1.25, 1.5, 2]);
    expect(factorTicks(0.9, 30)).toEqual([1, 2, 4, 10, 20]);
    // No two ticks closer than an eighth of the axis on the log scale.
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 2, noNaN: true }), fc.double({ min: 2, max: 1000, noNaN: true }), (low, stretch) => {
        const ticks = factorTicks(low, low * stretch);
        const round = ticks.filter((t) => [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2, 3, 4, 5, 10, 20, 50, 100].includes(t));
        if (round.length === ticks.length) for (let k = 1; k < ticks.length; k++) expect(Math.log(ticks[k] / ticks[k - 1])).toBeGreaterThanOrEqual(Math.log(stretch) / 8 - 1e-9);
      }),
    );
  });
});
