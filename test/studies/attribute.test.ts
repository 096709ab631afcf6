/**
 * attributionOf on synthetic subset outcomes: Shapley values add up, and a closing-year difference
 * that the horizon decides (both compared runs open) is flagged as not measurable instead of being
 * reported as a zero effect.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributionOf, type SubsetOutcomes } from '../../src/studies/attribute.js';

const HORIZON = 2045;

describe('attributionOf', () => {
  // Two levers, four replications. Nothing closes with no lever or with tools alone; upskilling
  // alone closes in 2035; both on close in 2033.
  const outcomes: SubsetOutcomes = {
    closingYear: [
      [null, null, null, null], // ∅
      [2035, 2035, 2035, 2035], // upskilling
      [null, null, null, null], // tools
      [2033, 2033, 2033, 2033], // both
    ],
    gap: [
      [0.5, 0.5, 0.5, 0.5],
      [0.2, 0.2, 0.2, 0.2],
      [0.4, 0.4, 0.4, 0.4],
      [0.1, 0.1, 0.1, 0.1],
    ],
  };
  const a = attributionOf(['upskilling', 'tools'], HORIZON, outcomes);
  const [upskilling, tools] = a.attributions;

  it('flags tools alone on as not measurable: 4 of 4 replications stay open with only tools on and with none', () => {
    expect(tools.aloneOn.closingYear.mean).toBe(0); // the fake zero the flag is for
    expect(tools.aloneOn.open).toEqual({ bothOpen: 4, oneOpen: 0, measurable: false });
    // Alone off (both on against upskilling alone), both close: a real 2 years earlier.
    expect(tools.aloneOff.open).toEqual({ bothOpen: 0, oneOpen: 0, measurable: true });
    expect(tools.aloneOff.closingYear.mean).toBe(-2);
  });

  it('marks a difference where one run stays open as measurable but censored (a bound)', () => {
    // upskilling alone on: 2035 against "2046" (open), a bound of 11 years earlier.
    expect(upskilling.aloneOn.open).toEqual({ bothOpen: 0, oneOpen: 4, measurable: true });
    expect(upskilling.aloneOn.closingYear.mean).toBe(2035 - (HORIZON + 1));
    expect(a.total.open).toEqual({ bothOpen: 0, oneOpen: 4, measurable: true });
  });

  it('weighs the Shapley comparisons: tools joins ∅ (both open, weight ½) or upskilling (both close, weight ½)', () => {
    expect(tools.closingYearOpen).toEqual({ bothOpen: 0.5, oneOpen: 0, measurable: true });
    // φ_tools = ½ · 0 + ½ · (2033 − 2035) = −1: half of it is a zero by construction.
    expect(tools.closingYear.mean).toBeCloseTo(-1, 12);
    // upskilling joins ∅ or tools, both open without it: every comparison has one open run.
    expect(upskilling.closingYearOpen).toEqual({ bothOpen: 0, oneOpen: 1, measurable: true });
  });

  it('reports the subsets with their censored share', () => {
    expect(a.subsets.map((s) => [s.on, s.censoredShare, s.meanClosingYear])).toEqual([
      [[], 1, HORIZON + 1],
      [['upskilling'], 0, 2035],
      [['tools'], 1, HORIZON + 1],
      [['upskilling', 'tools'], 0, 2033],
    ]);
  });

  it('adds up (efficiency) and keeps open shares within 0–1, for any outcomes (property)', () => {
    const year = fc.oneof(fc.constant(null), fc.integer({ min: 2025, max: HORIZON }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: 6 }))).chain(([n, reps]) =>
          fc.tuple(fc.constant(n), fc.array(fc.array(year, { minLength: reps, maxLength: reps }), { minLength: 1 << n, maxLength: 1 << n }), fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: reps, maxLength: reps }), { minLength: 1 << n, maxLength: 1 << n })),
        ),
        ([n, closingYear, gap]) => {
          const levers = (['education', 'upskilling', 'tools'] as const).slice(0, n);
          const x = attributionOf(levers, HORIZON, { closingYear, gap });
          const sum = x.attributions.reduce((s, l) => s + l.closingYear.mean, 0);
          expect(sum).toBeCloseTo(x.total.closingYear.mean, 9);
          for (const l of x.attributions) {
            const { bothOpen, oneOpen, measurable } = l.closingYearOpen;
            expect(bothOpen + oneOpen).toBeLessThanOrEqual(1 + 1e-12);
            expect(measurable).toBe(bothOpen <= 0.5);
            for (const d of [l.aloneOn, l.aloneOff]) {
              expect(d.open.bothOpen + d.open.oneOpen).toBeLessThanOrEqual(closingYear[0].length);
              // Where every pair is open on both sides, the difference is exactly 0 and never called measurable.
              if (d.open.bothOpen === closingYear[0].length) expect([d.closingYear.mean, d.open.measurable]).toEqual([0, false]);
            }
          }
        },
      ),
    );
  });
});

describe('attributionOf on candidates per 100: factors, not unbounded pp', () => {
  it('gives each lever a factor, and the factors multiply to all levers on ÷ all off', () => {
    const per100 = fc.double({ min: 1, max: 2000, noNaN: true });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 }), fc.infiniteStream(per100), (n, reps, values) => {
        const count = 1 << n;
        const draw = () => Array.from({ length: reps }, () => values.next().value as number);
        const candidatesPer100 = Array.from({ length: count }, draw);
        const levers = (['education', 'upskilling', 'tools'] as const).slice(0, n);
        const x = attributionOf([...levers], HORIZON, {
          closingYear: Array.from({ length: count }, () => Array.from({ length: reps }, () => null)),
          gap: candidatesPer100.map((runs) => runs.map((c) => 1 - c / 100)),
          candidatesPer100,
        });
        const product = x.attributions.reduce((p, lever) => p * lever.candidatesPer100!.geometricMean, 1);
        expect(product).toBeCloseTo(x.total.candidatesPer100!.geometricMean, 9);
        const expected = Math.exp(candidatesPer100[count - 1].reduce((s, c, r) => s + Math.log(c / candidatesPer100[0][r]), 0) / reps);
        expect(x.total.candidatesPer100!.geometricMean).toBeCloseTo(expected, 9);
      }),
    );
  });
});
