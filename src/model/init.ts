/**
 * The start of a replication, before the burn-in: firms staffed to their
 * planned teams with no postings open, the adjacent workforce with the
 * self-study it would have accumulated in a stationary market, and the
 * university pipeline at steady-state enrolment. Seekers, postings and pay
 * are left to the burn-in (replication.ts), which runs the market under
 * start-year conditions until its stocks and flows settle.
 */
import { staffAtStart } from './employment.js';
import { replicationStreams, type Rng } from '../random/seed-tree.js';
import type { Scenario } from '../scenario/schema.js';
import { baseIndex } from '../scenario/calendar.js';
import { resolveParameters, type Parameters } from './params.js';
import { Origin, Population, Status } from './population.js';
import { isQualified } from './qualification.js';
import { binomial, lognormalMultiplier } from './sampling.js';
import { firmsPerSimulatedFirm, newCounters, refreshActiveFirms, type Firm, type Market, type Segment, type SimState } from './state.js';
import { addWorker, drawSkills, profileAt, type SkillProfile } from './workers.js';
import { applyTools } from './phases/tools.js';
import { study, studyGain } from './phases/upskilling.js';
import { setSegmentPay } from './phases/wages.js';

/** Draws before giving up on finding a start-year worker of the wanted qualification (profiles far off the thresholds). */
const MAX_TRIES = 100;

/** Creates the state of replication `replication` at the start of the first simulated year, before the burn-in. */
export function initialState(scenario: Scenario, seed: number | string, replication: number, params?: Parameters): SimState {
  const p = params ?? resolveParameters(scenario, seed, replication);
  const streams = replicationStreams(seed, replication);
  const rng = streams.initial;
  const scale = scenario.scale;
  const y = 0;
  const pop = p.population;

  const segmentEntries = Object.entries(p.firms);
  const segments: Segment[] = segmentEntries.map(([name, f]) => ({ name, kind: f.kind, acquirable: f.acquirable, pay: 0 }));
  const universityProgrammes = Object.values(p.education.programmes);
  const upskillingProgrammes = Object.values(p.upskilling.programmes);

  // Capacity: everyone now, plus a twentieth for students and the first years' entrants before the
  // arrays grow (by half, so a growing market reallocates rarely). Not more: at 30 M agents every
  // spare slot costs its 50 bytes, and a slot's index is only a label (results do not depend on it).
  const persons = pop.adjacent[y] + segmentEntries.reduce((n, [, f]) => n + f.count[y] * f.headcount[y], 0);
  const population = new Population(Math.ceil((persons / scale) * 1.05) + 1024);

  const market: Market = {
    maturity: 0,
    baseMaturity: p.tools.maturity[Math.min(baseIndex(scenario), p.tools.maturity.length - 1)],
    breakthroughs: 0,
    thresholds: new Float64Array(5),
    productivity: 1,
    lastProductivity: 1,
    learning: 1,
    adjacentPay: p.wages.adjacentPay[y],
    aiPremium: 1,
    aiPremiumHistory: [1],
    premium: [],
    tightness: [],
    lastGap: 0,
    latestCliffYear: 0,
    intakeMultiplier: new Float64Array(universityProgrammes.length).fill(1),
  };

  const state: SimState = {
    scenario,
    params: p,
    streams,
    scale,
    yearIndex: 0,
    burnIn: true,
    population,
    firms: [],
    active: [],
    segments,
    segmentParams: segmentEntries.map(([, f]) => f),
    universityProgrammes,
    upskillingProgrammes,
    market,
    counters: newCounters(),
  };
  applyTools(state, false);
  setSegmentPay(state, y);

  const genai = profileAt(pop.skills.genai, p, y);
  const aptitudeSd = pop.aptitude.sd[y];
  const dispersion = p.wages.dispersion[y];

  // Firms with their planned teams in place: the staff were hired qualified.
  segmentEntries.forEach(([, f], s) => {
    const real = Math.round(f.count[y]);
    const simulated = real === 0 ? 0 : Math.max(1, Math.round(real / firmsPerSimulatedFirm(f.headcount[y], scale)));
    for (let k = 0; k < simulated; k++) {
      const dither = rng();
      const represents = real / simulated;
      const firm = newFirm(state, s, represents, (represents * f.headcount[y]) / scale, dither);
      const staff = Math.floor(firm.planned + dither);
      for (let j = 0; j < staff; j++) {
        const i = addQualified(state, genai, aptitudeSd, rng);
        staffAtStart(state, i, firm);
        population.pay[i] = segments[s].pay * lognormalMultiplier(dispersion, rng);
        population.experience[i] = Math.floor(rng() * 10);
      }
    }
  });

  const adjacent = Math.round(pop.adjacent[y] / scale);
  // The same twentieth of room as the arrays, so that the list does not grow by half on the first arrival.
  population.reserve(Status.adjacent, Math.ceil(adjacent * 1.05));
  addAdjacentWorkforce(state, adjacent, rng);

  // Students already enrolled: one cohort per remaining year, thinned by drop-out so far.
  universityProgrammes.forEach((programme, index) => {
    const duration = programme.durationYears;
    const yearlyStay = Math.pow(1 - programme.dropout[y], 1 / duration);
    for (let remaining = 1; remaining <= duration; remaining++) {
      const cohort = (programme.intake[y] * programme.genaiTrack[y] * pop.students[y] * Math.pow(yearlyStay, duration - remaining)) / scale;
      const n = Math.floor(cohort + rng());
      for (let k = 0; k < n; k++) {
        const i = population.enter(Status.student, Origin.graduate);
        population.programme[i] = index;
        population.timer[i] = remaining;
      }
    }
  });

  refreshActiveFirms(state);
  market.premium.push(genaiPremium(state));
  population.resetFlows();
  return state;
}

/** A GenAI worker drawn from `profile` among those above the thresholds (start-year staff were hired qualified). */
function addQualified(state: SimState, profile: SkillProfile, aptitudeSd: number, rng: Rng): number {
  const { population, market } = state;
  const i = addWorker(population, Status.genai, Origin.incumbent, profile, aptitudeSd, rng);
  for (let tries = 1; tries < MAX_TRIES && !isQualified(population, i, market.thresholds); tries++) drawSkills(population, i, profile, rng);
  return i;
}

/**
 * The adjacent workforce of a stationary market: each engineer has been in adjacent work for a
 * geometric number of years (retirement hazard 1 / careerYears) and studied GenAI in each of them
 * with the start-year self-study rate; those whose study would already have qualified them have
 * left for GenAI work, so they are drawn again.
 */
function addAdjacentWorkforce(state: SimState, count: number, rng: Rng): void {
  const { params: p, population, market } = state;
  const y = 0;
  const profile = profileAt(p.population.skills.adjacent, p, y);
  const aptitudeSd = p.population.aptitude.sd[y];
  const stay = 1 - 1 / p.population.careerYears[y];
  const rate = p.upskilling.selfStudyRate[y];
  const units = p.upskilling.selfStudyUnits[y];
  const gain = studyGain(state);
  for (let n = 0; n < count; n++) {
    const i = addWorker(population, Status.adjacent, Origin.adjacent, profile, aptitudeSd, rng);
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const years = Math.floor(Math.log(1 - rng()) / Math.log(stay));
      const studied = binomial(years, rate, rng);
      if (studied > 0) study(population, i, units * studied, gain);
      if (!isQualified(population, i, market.thresholds)) break;
      drawSkills(population, i, profile, rng);
      population.aptitude[i] = lognormalMultiplier(aptitudeSd, rng);
    }
  }
}

/** A simulated firm of segment `s` standing for `represents` real firms and planning a team of `planned` agents, with no staff or postings yet. */
export function newFirm(state: SimState, segment: number, represents: number, planned: number, dither: number): Firm {
  const firm: Firm = { id: state.firms.length, segment, alive: true, represents, planned, growth: 0, employees: 0, postings: 0, dither };
  state.firms.push(firm);
  return firm;
}

/** Employment-weighted GenAI segment pay over adjacent pay: the pay signal. */
export function genaiPremium(state: SimState): number {
  const weight = new Float64Array(state.segments.length);
  for (let f = 0; f < state.active.length; f++) weight[state.active[f].segment] += state.active[f].employees;
  let total = 0;
  let pay = 0;
  state.segments.forEach((segment, s) => {
    total += weight[s];
    pay += weight[s] * segment.pay;
  });
  const mean = total > 0 ? pay / total : state.segments.reduce((a, s) => a + s.pay, 0) / state.segments.length;
  return mean / state.market.adjacentPay;
}
