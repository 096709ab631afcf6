/**
 * Wages (src/model/phases/wages.ts): a wage curve in levels with partial adjustment. The AI premium A
 * moves part of the way towards A* = T^β (T: open positions ÷ qualified candidates over the year),
 * by `adjustment` upwards and `downwardAdjustment` downwards; segment pay is payRatio × adjacent pay
 * of the year × A, and every employed worker's pay moves with their segment's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../../src/model/init.js';
import { Status } from '../../../src/model/population.js';
import { MAX_TIGHTNESS, wages, yearTightness } from '../../../src/model/phases/wages.js';
import type { SimState } from '../../../src/model/state.js';
import { loadBaseline } from '../helpers.js';

/** The baseline's start at a coarse scale, with the wage parameters given, in year index `y`. */
function wageState(overrides: readonly string[] = [], y = 0): SimState {
  const { scenario } = loadBaseline(['scale=2000', 'burnInYears=0', 'startYear=2024', 'horizon=2027', ...overrides]);
  const state = initialState(scenario, scenario.seed, 0);
  state.yearIndex = y;
  return state;
}

/** Sets the year's rounds to average `positions` open positions and `candidates` qualified candidates. */
function marketOf(state: SimState, positions: number, candidates: number): void {
  state.counters.rounds = 12;
  state.counters.positionRounds = 12 * positions;
  state.counters.candidateRounds = 12 * candidates;
}

describe('wages', () => {
  it('move the AI premium part of the way towards T^β, faster up than down, and never past it (property)', () => {
    const state = wageState();
    const p = state.params.wages;
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (premium, tightness, beta, up, down) => {
          state.market.aiPremium = premium;
          p.curveElasticity[0] = beta;
          p.adjustment[0] = up;
          p.downwardAdjustment[0] = down;
          marketOf(state, 100 * tightness, 100);
          wages(state);
          const target = Math.pow(tightness, beta);
          const speed = target >= premium ? up : down;
          const after = state.market.aiPremium;
          expect(Math.log(after)).toBeCloseTo(Math.log(premium) + speed * (Math.log(target) - Math.log(premium)), 10);
          // Between where it was and where it is going.
          expect(after).toBeGreaterThanOrEqual(Math.min(premium, target) * (1 - 1e-12));
          expect(after).toBeLessThanOrEqual(Math.max(premium, target) * (1 + 1e-12));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('raise pay while candidates are scarce and lower it in a surplus (from a balanced premium of 1)', () => {
    for (const [tightness, direction] of [[2, 1], [0.5, -1]] as const) {
      const state = wageState(['wages.curveElasticity=0.3', 'wages.adjustment=0.5', 'wages.downwardAdjustment=0.25']);
      const pay = state.segments.map((s) => s.pay);
      marketOf(state, 100 * tightness, 100);
      wages(state);
      expect(Math.sign(Math.log(state.market.aiPremium))).toBe(direction);
      state.segments.forEach((segment, s) => expect(Math.sign(segment.pay - pay[s]), segment.name).toBe(direction));
      // Half the way up, a quarter of the way down (in logs).
      expect(Math.log(state.market.aiPremium)).toBeCloseTo((direction > 0 ? 0.5 : 0.25) * 0.3 * Math.log(tightness), 12);
    }
  });

  it('settle at T^β when tightness stays put, instead of compounding year after year', () => {
    const state = wageState(['wages.curveElasticity=0.25', 'wages.adjustment=0.3', 'wages.downwardAdjustment=0.1']);
    for (let year = 0; year < 80; year++) {
      marketOf(state, 300, 100);
      wages(state);
    }
    expect(state.market.aiPremium).toBeCloseTo(Math.pow(3, 0.25), 9);
    // Then a surplus brings it down towards (1/2)^β, more slowly.
    const high = state.market.aiPremium;
    marketOf(state, 50, 100);
    wages(state);
    expect(Math.log(state.market.aiPremium)).toBeCloseTo(Math.log(high) + 0.1 * (0.25 * Math.log(0.5) - Math.log(high)), 12);
  });

  it("set segment pay to payRatio × the year's adjacent pay × the premium, and move every worker's pay with their segment's", () => {
    const state = wageState(['wages.dispersion=0.3', 'wages.adjacentPay="interp(year, 2024, 100000, 2026, 140000)"'], 1);
    const { population } = state;
    const staff = Array.from(population.snapshot(Status.genai));
    const pay = staff.map((i) => population.pay[i]);
    const experience = staff.map((i) => population.experience[i]);
    const segmentPay = state.segments.map((s) => s.pay);
    marketOf(state, 150, 100);
    wages(state);
    const premium = state.market.aiPremium;
    expect(state.market.adjacentPay).toBe(120_000);
    state.segments.forEach((segment, s) => expect(segment.pay).toBeCloseTo(state.segmentParams[s].payRatio[1] * 120_000 * premium, 6));
    // Initial pay was set with year 0's adjacent pay (100,000) and a premium of 1.
    const wrong = staff.filter((i, k) => {
      const s = state.firms[population.employer[i]].segment;
      const factor = state.segments[s].pay / segmentPay[s];
      return Math.abs(population.pay[i] / pay[k] / factor - 1) > 1e-6 || population.experience[i] !== experience[k] + 1;
    });
    expect(wrong).toEqual([]);
    expect(staff.length).toBeGreaterThan(0);
  });

  it('record the premium, the tightness within [1/10, 10] and the gap of the year', () => {
    const state = wageState();
    marketOf(state, 80, 20);
    wages(state);
    expect(state.market.tightness.at(-1)).toBe(4);
    expect(state.market.aiPremiumHistory.at(-1)).toBe(state.market.aiPremium);
    expect(state.market.lastGap).toBeCloseTo(0.75, 12);
    // A year without candidates (or without positions) stays finite.
    marketOf(state, 80, 0);
    wages(state);
    expect(state.market.tightness.at(-1)).toBe(MAX_TIGHTNESS);
    expect(Number.isFinite(state.market.aiPremium)).toBe(true);
    expect(yearTightness(0, 50)).toBe(1 / MAX_TIGHTNESS);
    expect(yearTightness(30, 60)).toBe(0.5);
  });
});
