/**
 * The base-year snapshot: firms with their staff and open positions, seekers,
 * aspirants, adjacent engineers and students, built from the scenario.
 */
import { replicationStreams } from '../random/seed-tree.js';
import type { Scenario } from '../scenario/schema.js';
import { resolveParameters, type Parameters } from './params.js';
import { Origin, Population, Status } from './population.js';
import { lognormalMultiplier, stochasticRound } from './sampling.js';
import { newCounters, refreshActiveFirms, type Firm, type Market, type Segment, type SimState } from './state.js';
import { addWorker, profileAt } from './workers.js';
import { applyTools } from './phases/tools.js';

/** Creates the state of replication `replication` at the start of the base year. */
export function initialState(scenario: Scenario, seed: number | string, replication: number, params?: Parameters): SimState {
  const p = params ?? resolveParameters(scenario, seed, replication);
  const streams = replicationStreams(seed, replication);
  const rng = streams.initial;
  const scale = scenario.scale;
  const y = 0;
  const pop = p.population;

  const segmentEntries = Object.entries(p.firms);
  const segments: Segment[] = segmentEntries.map(([name, f]) => ({ name, kind: f.kind, acquirable: f.acquirable, pay: f.pay[y], basePay: f.pay[y] }));

  const universityProgrammes = scenario.education.enabled ? Object.values(p.education.programmes) : [];
  const upskillingProgrammes = Object.values(p.upskilling.programmes);

  // Capacity: everyone now, plus room for a few years of entrants before the arrays grow.
  const persons = pop.seekers[y] + pop.aspirants[y] + pop.adjacent[y] + segmentEntries.reduce((n, [, f]) => n + f.count[y] * f.headcount[y], 0);
  const population = new Population(Math.ceil((persons / scale) * 1.1) + 1024);

  const market: Market = {
    maturity: 0,
    baseMaturity: p.tools.maturity[y],
    breakthroughs: 0,
    thresholds: new Float64Array(5),
    productivity: 1,
    learning: 1,
    adjacentPay: p.wages.adjacentPay[y],
    premium: [],
    tightness: [],
    intakeMultiplier: new Float64Array(universityProgrammes.length).fill(1),
  };

  const state: SimState = {
    scenario,
    params: p,
    streams,
    scale,
    yearIndex: 0,
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

  const genai = profileAt(pop.skills.genai, p, y);
  const aptitudeSd = pop.aptitude.sd[y];
  const dispersion = p.wages.dispersion[y];

  segmentEntries.forEach(([, f], s) => {
    const count = Math.round(f.count[y]);
    for (let k = 0; k < count; k++) {
      // Staff and open positions are rounded with the same dither d: staff = ⌊h + d⌋ and then
      // open = ⌊target − staff + d⌋ = ⌊o + frac(h + d)⌋, whose mean is exactly o (h, o in agents),
      // so base-year positions do not depend on the scale even for firms smaller than an agent.
      const dither = rng();
      const staff = Math.floor(f.headcount[y] / scale + dither);
      const firm = newFirm(state, s, (f.headcount[y] + f.openPositions[y]) / scale, dither);
      for (let j = 0; j < staff; j++) {
        const i = addWorker(population, Status.genai, Origin.incumbent, genai, aptitudeSd, rng);
        population.employer[i] = firm.id;
        population.pay[i] = segments[s].pay * lognormalMultiplier(dispersion, rng);
        population.experience[i] = Math.floor(rng() * 10);
      }
      firm.employees = staff;
    }
  });

  const add = (count: number, status: Status, origin: Origin, profile: ReturnType<typeof profileAt>) => {
    const n = stochasticRound(count / scale, rng);
    for (let k = 0; k < n; k++) addWorker(population, status, origin, profile, aptitudeSd, rng);
  };
  add(pop.seekers[y], Status.seeking, Origin.incumbent, genai);
  add(pop.aspirants[y], Status.seeking, Origin.aspirant, profileAt(pop.skills.aspirants, p, y));
  add(pop.adjacent[y], Status.adjacent, Origin.adjacent, profileAt(pop.skills.adjacent, p, y));

  // Students already enrolled: one cohort per remaining year, thinned by drop-out so far.
  universityProgrammes.forEach((programme, index) => {
    const duration = programme.durationYears;
    const yearlyStay = Math.pow(1 - programme.dropout[y], 1 / duration);
    for (let remaining = 1; remaining <= duration; remaining++) {
      const cohort = (programme.intake[y] * programme.genaiTrack[y] * pop.students[y] * Math.pow(yearlyStay, duration - remaining)) / scale;
      const n = stochasticRound(cohort, rng);
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

/** A firm of segment `s` wanting `target` agents, with no staff yet. */
export function newFirm(state: SimState, segment: number, target: number, dither: number): Firm {
  const firm: Firm = { id: state.firms.length, segment, alive: true, work: target, target, employees: 0, dither, unfilledYears: 0 };
  state.firms.push(firm);
  return firm;
}

/** Employment-weighted GenAI segment pay over adjacent pay: the pay signal. */
export function genaiPremium(state: SimState): number {
  const weight = new Float64Array(state.segments.length);
  for (const firm of state.active) weight[firm.segment] += firm.employees;
  let total = 0;
  let pay = 0;
  state.segments.forEach((segment, s) => {
    total += weight[s];
    pay += weight[s] * segment.pay;
  });
  const mean = total > 0 ? pay / total : state.segments.reduce((a, s) => a + s.pay, 0) / state.segments.length;
  return mean / state.market.adjacentPay;
}
