/**
 * The start of a replication (before the burn-in): firms staffed to their planned teams with no
 * postings and no seekers, small firms simulated in groups standing for whole real firms, the
 * adjacent workforce at the start year's level with none of them already qualified, students at
 * steady-state enrolment; then the burn-in, which runs the start year's conditions without growth or
 * firm dynamics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/model/init.js';
import { Status } from '../../src/model/population.js';
import { isQualified } from '../../src/model/qualification.js';
import { startedState } from '../../src/model/replication.js';
import { stepYear } from '../../src/model/step.js';
import { firmCount, firmsPerSimulatedFirm, MIN_FIRM_AGENTS, type SimState } from '../../src/model/state.js';
import { loadBaseline, staffByFirm } from './helpers.js';

/** Σ over segments of count × headcount in the first simulated year: the planned GenAI teams in persons. */
function scenarioTeams(state: SimState): number {
  return state.segmentParams.reduce((n, f) => n + f.count[0] * f.headcount[0], 0);
}

/** Agents of a status that meet this year's thresholds. */
function qualifiedIn(state: SimState, status: number): number {
  const { population, market } = state;
  let n = 0;
  for (const i of population.snapshot(status as Status)) if (isQualified(population, i, market.thresholds)) n++;
  return n;
}

describe('initialState', () => {
  it("creates the scenario's stocks in agents: adjacent engineers, firm staff and students, and no seekers or trainees", () => {
    const { scenario } = loadBaseline(['scale=20', 'burnInYears=0', 'horizon=2026']);
    const state = initialState(scenario, scenario.seed, 0);
    const p = state.params.population;
    const { population } = state;
    // The adjacent workforce is one rounding of persons ÷ scale.
    expect(Math.abs(population.size[Status.adjacent] - p.adjacent[0] / 20)).toBeLessThanOrEqual(0.5);
    // Each firm's staff is its plan rounded with its own dither: within 1% over the firms.
    expect(Math.abs(population.size[Status.genai] / (scenarioTeams(state) / 20) - 1)).toBeLessThan(0.01);
    // Seekers, postings and pay gaps are left to the burn-in.
    expect(population.size[Status.seeking]).toBe(0);
    expect(population.size[Status.trainee]).toBe(0);
    expect(state.firms.filter((f) => f.postings !== 0)).toEqual([]);
    expect(state.active.length).toBe(state.firms.length);
    // Firms' employee counts match the agents employed there, and each is its plan rounded.
    const byFirm = staffByFirm(state);
    expect(state.firms.filter((f) => f.employees !== (byFirm.get(f.id) ?? 0))).toEqual([]);
    expect(state.firms.filter((f) => f.employees !== Math.floor(f.planned + f.dither))).toEqual([]);
    // Flows are reset after set-up: the first year's accounting starts from zero.
    expect(Array.from(population.flows).every((x) => x === 0)).toBe(true);
  });

  it('enrols students at steady state: one cohort per remaining programme year, thinned by drop-out so far', () => {
    const { scenario } = loadBaseline(['scale=20', 'burnInYears=0', 'horizon=2026']);
    const state = initialState(scenario, scenario.seed, 0);
    const students = state.params.population.students[0];
    let expected = 0;
    for (const programme of state.universityProgrammes) {
      const stay = Math.pow(1 - programme.dropout[0], 1 / programme.durationYears);
      for (let remaining = 1; remaining <= programme.durationYears; remaining++) {
        expected += (programme.intake[0] * programme.genaiTrack[0] * students * Math.pow(stay, programme.durationYears - remaining)) / 20;
      }
    }
    expect(expected).toBeGreaterThan(100);
    // Each cohort is rounded with one uniform: the sum is within a few agents.
    expect(Math.abs(state.population.size[Status.student] - expected)).toBeLessThan(20);
  });

  it("hires the start year's staff qualified and leaves no adjacent engineer already qualified (the qualified ones would have left)", () => {
    const { scenario } = loadBaseline(['scale=20', 'burnInYears=0', 'horizon=2026']);
    const state = initialState(scenario, scenario.seed, 0);
    expect(qualifiedIn(state, Status.genai)).toBe(state.population.size[Status.genai]);
    expect(qualifiedIn(state, Status.adjacent)).toBe(0);
    // Adjacent engineers did study in the past: some are closer to the thresholds than a fresh draw.
    expect(state.population.size[Status.adjacent]).toBeGreaterThan(1000);
  });

  it('pays staff around their segment pay, payRatio × adjacent pay with an AI premium of 1', () => {
    const { scenario } = loadBaseline(['scale=20', 'burnInYears=0', 'horizon=2026']);
    const state = initialState(scenario, scenario.seed, 0);
    expect(state.market.aiPremium).toBe(1);
    expect(state.market.adjacentPay).toBe(state.params.wages.adjacentPay[0]);
    state.segments.forEach((segment, s) => expect(segment.pay).toBe(state.segmentParams[s].payRatio[0] * state.params.wages.adjacentPay[0]));
    // Each worker's pay is the segment's times a median-1 log-normal: about half are above it.
    const { population } = state;
    let above = 0;
    const staff = population.snapshot(Status.genai);
    for (const i of staff) if (population.pay[i] > state.segments[state.firms[population.employer[i]].segment].pay) above++;
    expect(Math.abs(above / staff.length - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / staff.length));
  });

  it('simulates firms smaller than a few agents in groups that stand for whole real firms, and counts the real firms', () => {
    for (const scale of [10, 50]) {
      const { scenario } = loadBaseline([`scale=${scale}`, 'burnInYears=0', 'horizon=2026']);
      const state = initialState(scenario, scenario.seed, 0);
      state.segmentParams.forEach((f, s) => {
        const firms = state.firms.filter((firm) => firm.segment === s);
        const represents = firms.reduce((n, firm) => n + firm.represents, 0);
        expect(represents, `segment ${state.segments[s].name} at scale ${scale}`).toBeCloseTo(Math.round(f.count[0]), 9);
        // Every simulated firm of a segment plans the team of the real firms it stands for.
        for (const firm of firms) expect(firm.planned).toBeCloseTo((firm.represents * f.headcount[0]) / scale, 9);
      });
      expect(firmCount(state)).toBeCloseTo(state.segmentParams.reduce((n, f) => n + Math.round(f.count[0]), 0), 9);
      // The baseline's startups (a few persons each) are grouped at both scales: fewer simulated firms than real ones.
      expect(state.firms.length).toBeLessThan(firmCount(state));
    }
  });

  // Regression (v1): a firm's staff was rounded to whole agents on its own, then its open positions
  // were rounded again, and for firms smaller than a few agents this was biased upward, so results
  // depended on `scale`. Now small firms are simulated in groups and each plan is rounded once with
  // the firm's dither: the staff at the start is the scenario's teams at any scale.
  it("staffs the scenario's planned teams at scale 10 and at scale 50 (within 3%)", () => {
    for (const scale of [10, 50]) {
      const { scenario } = loadBaseline([`scale=${scale}`, 'burnInYears=0', 'horizon=2026']);
      const state = initialState(scenario, scenario.seed, 0);
      const persons = state.population.size[Status.genai] * scale;
      expect(Math.abs(persons / scenarioTeams(state) - 1), `scale ${scale}`).toBeLessThan(0.03);
    }
  });
});

describe('firmsPerSimulatedFirm', () => {
  it('is 1 for a firm of at least a few agents, and otherwise groups about a few agents of persons (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1e5, noNaN: true }), fc.integer({ min: 1, max: 500 }), (headcount, scale) => {
        const group = firmsPerSimulatedFirm(headcount, scale);
        expect(Number.isInteger(group)).toBe(true);
        expect(group).toBeGreaterThanOrEqual(1);
        if (headcount >= MIN_FIRM_AGENTS * scale) expect(group).toBe(1);
        // A group's team is within half a firm of MIN_FIRM_AGENTS agents.
        else expect(Math.abs(group * headcount - MIN_FIRM_AGENTS * scale)).toBeLessThanOrEqual(headcount / 2 + 1e-9);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the burn-in', () => {
  it("runs the start year's conditions: year index 0, every firm re-planning its start-year team, no births, closures, acquisitions or breakthroughs", () => {
    // Conditions under which each of these would happen within a couple of years were it not the burn-in.
    const overrides = [
      'scale=50',
      'burnInYears=3',
      'startYear=2024',
      'horizon=2026',
      'demand.growth=0.3',
      'firms.startups.birthRate=0.5',
      'firms.startups.exitRate=0.5',
      'tools.breakthroughProbability=1',
      'acquihires.triggerYears=1',
      'acquihires.probability=1',
    ];
    const { scenario } = loadBaseline(overrides);
    const state = initialState(scenario, scenario.seed, 0);
    const firms = state.firms.length;
    const real = firmCount(state);
    const maturity = state.market.maturity;
    for (let b = 0; b < 3; b++) {
      expect(state.burnIn).toBe(true);
      let replanned = 0;
      stepYear(state, (phase, run, s) => {
        run();
        if (phase !== 'demand') return;
        // Each year begins with every firm planning its start-year team again, without growth.
        for (const firm of s.active) {
          expect(firm.growth).toBe(0);
          expect(firm.planned).toBe((firm.represents * s.segmentParams[firm.segment].headcount[0]) / 50);
          replanned++;
        }
      });
      expect(replanned).toBe(state.active.length);
      expect(state.yearIndex).toBe(0);
      const c = state.counters;
      expect([c.firmsBorn, c.firmsClosed, c.acquisitions, c.breakthrough ? 1 : 0], `burn-in year ${b}`).toEqual([0, 0, 0, 0]);
      expect(state.firms.length).toBe(firms);
      expect(firmCount(state)).toBeCloseTo(real, 9);
      expect(state.market.maturity).toBe(maturity);
      expect(c.postingsOpened).toBeGreaterThan(0);
    }
    // After the burn-in, the same scenario's first recorded year does grow and open and close firms.
    const started = startedState(scenario, scenario.seed, 0);
    expect(started.burnIn).toBe(false);
    stepYear(started);
    expect(started.counters.firmsBorn).toBeGreaterThan(0);
    expect(started.counters.firmsClosed).toBeGreaterThan(0);
    expect(started.active.every((f) => f.growth !== 0)).toBe(true);
  });

  it('leaves seekers in the market, and the same burn-in gives the same started state', () => {
    const { scenario } = loadBaseline(['scale=50', 'burnInYears=2', 'startYear=2024', 'horizon=2026']);
    const a = startedState(scenario, scenario.seed, 3);
    const b = startedState(scenario, scenario.seed, 3);
    expect(a.population.size[Status.seeking]).toBeGreaterThan(0);
    expect(Array.from(a.population.size)).toEqual(Array.from(b.population.size));
    expect(a.firms.map((f) => [f.planned, f.employees, f.postings])).toEqual(b.firms.map((f) => [f.planned, f.employees, f.postings]));
    expect(a.market.tightness).toEqual(b.market.tightness);
    expect(a.market.tightness).toHaveLength(2);
  });
});
