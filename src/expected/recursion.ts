/**
 * The expected-value (mean-field) recursion of the agent-based model: the
 * same phases, in the same order (model/step.ts), with every random count
 * replaced by its expectation and the heterogeneity of skills integrated over
 * quadrature nodes (nodes.ts, level-pool.ts). It answers in milliseconds, so
 * it checks the agent-based model (whose mean over replications must stay
 * close to it until the gap first closes: test/expected/agreement.test.ts),
 * and it gives a first answer before the agents have run.
 *
 * Approximations, each a difference from the agent-based model's expectation
 * that vanishes or stays small in the baseline:
 * - Parameters take their central values (distributions are not sampled) and
 *   shocks their mean (zero); expected breakthroughs add p × jump a year.
 * - Firms of a segment are one aggregate: the rounding of a firm's plan to
 *   whole agents is unbiased over firms, and without firm-level shocks firms of
 *   a segment grow alike.
 * - Employed workers are qualified: thresholds never rise in a run whose tool
 *   maturity only rises, so quitters are candidates.
 * - Study is tracked in levels of width 1/20 of a unit; a study step is split
 *   between the two nearest levels.
 * - A capped programme takes its places from the firms' wishes in proportion.
 */
import { ENTRANT_SOURCES } from '../model/entrants.js';
import { normalCdf } from '../analysis/normal.js';
import { resolveParameters, type Parameters } from '../model/params.js';
import { METRICS } from '../model/metrics.js';
import { quitHazard, quitRate } from '../model/phases/matching.js';
import { withdrawalHazard } from '../model/phases/vacancies.js';
import { MAX_TIGHTNESS } from '../model/phases/wages.js';
import { perRound } from '../model/sampling.js';
import { blendProfiles, profileAt, type SkillProfile } from '../model/workers.js';
import { baseIndex, firstYear, yearCount } from '../scenario/calendar.js';
import { LEVERS, type Lever } from '../scenario/levers.js';
import { SKILLS, type Scenario } from '../scenario/schema.js';
import { LevelPool } from './level-pool.js';
import { expectedHires, STEPS } from './matching.js';
import { nodeAptitude, nodeQualified, nodeSkills, quadratureNodes, requiredStudy, type Nodes } from './nodes.js';

const NODES = 512;
const LEVEL_WIDTH = 0.05;
const LEVEL_BINS = 320;

interface SegmentState {
  readonly name: string;
  readonly acquirable: boolean;
  firms: number;
  planned: number;
  employees: number;
  postings: number;
  pay: number;
  growth: number;
}

/** People of one skill profile who do not study: skills per node, and how many persons each node holds. */
interface Cohort {
  readonly skills: Float64Array;
  readonly weight: Float64Array;
}

interface TraineeCohort {
  readonly programme: number;
  monthsLeft: number;
  readonly pool: LevelPool;
  /** Share of the cohort sponsored by each segment (corporate programmes); empty for external ones. */
  readonly sponsors: Float64Array;
}

interface Counters {
  rounds: number;
  candidateRounds: number;
  positionRounds: number;
  hires: number;
  placements: number;
  postingsOpened: number;
  postingsFilled: number;
  postingsWithdrawn: number;
  postingsCancelled: number;
  graduates: number;
  upskilled: number;
  switchers: number;
  immigrants: number;
  traineesEnrolled: number;
  upskillingSpend: number;
  acquisitions: number;
  acquiredEngineers: number;
  acquisitionSpend: number;
  quits: number;
  leavers: number;
}

const newCounters = (): Counters => ({
  rounds: 0,
  candidateRounds: 0,
  positionRounds: 0,
  hires: 0,
  placements: 0,
  postingsOpened: 0,
  postingsFilled: 0,
  postingsWithdrawn: 0,
  postingsCancelled: 0,
  graduates: 0,
  upskilled: 0,
  switchers: 0,
  immigrants: 0,
  traineesEnrolled: 0,
  upskillingSpend: 0,
  acquisitions: 0,
  acquiredEngineers: 0,
  acquisitionSpend: 0,
  quits: 0,
  leavers: 0,
});

export interface ExpectedState {
  readonly scenario: Scenario;
  readonly params: Parameters;
  yearIndex: number;
  burnIn: boolean;
  readonly nodes: Nodes;
  /** Midpoint steps of each matching round's integral (matching.ts). */
  readonly steps: number;
  readonly segments: SegmentState[];
  /** Students per programme, by years left (index 0: one year left). */
  readonly students: Float64Array[];
  readonly intakeMultiplier: Float64Array;
  /** The adjacent workforce, by node and accumulated study. */
  adjacent: LevelPool;
  readonly adjacentSkills: Float64Array;
  readonly adjacentAptitude: Float64Array;
  trainees: TraineeCohort[];
  /** Pools of finished cohorts, reused by the next enrolments (a pool is 64-512 × 320 weights: not allocated every year). */
  readonly spare: LevelPool[];
  qualifiedSeekers: number;
  unqualified: Cohort[];
  /** Acqui-hired engineers still under a retention package, by buyer segment and cliff year. */
  acquired: { segment: number; cliffYear: number; count: number }[];
  readonly market: {
    maturity: number;
    readonly baseMaturity: number;
    breakthroughs: number;
    readonly thresholds: Float64Array;
    productivity: number;
    lastProductivity: number;
    learning: number;
    adjacentPay: number;
    aiPremium: number;
    readonly aiPremiumHistory: number[];
    readonly premium: number[];
    readonly tightness: number[];
    lastGap: number;
  };
  counters: Counters;
}

export interface ExpectedRun {
  /** Metric values per year in the agent-based model's column order (METRICS), in persons: values[y * METRICS.length + k]. */
  readonly values: Float64Array;
  readonly years: readonly number[];
  /** The base year when the run resumed from a checkpoint (`ExpectedOptions.from`); undefined when it ran from the start. */
  readonly resumedFrom?: number;
}

export interface ExpectedOptions {
  /** Quadrature nodes (default 512). */
  readonly nodes?: number;
  /** Midpoint steps of each matching round's integral (default 128). */
  readonly steps?: number;
  /**
   * A base-year checkpoint of another scenario (`expectedCheckpoint`): the run resumes from it when
   * this scenario's history is the checkpoint's (the same nodes and steps, and every parameter the
   * same up to the base year; lever switches only act from the base year). Otherwise the run starts
   * from the beginning. Either way the values are the same to the last bit.
   */
  readonly from?: ExpectedCheckpoint;
}

/**
 * The recursion's state at the start of the base year, with the history's metric rows: what every
 * scenario that differs only from the base year on shares (`hiresim explore`'s what-ifs).
 */
export interface ExpectedCheckpoint {
  readonly state: Readonly<ExpectedState>;
  /** Metric rows of the years before the base year (METRICS order). */
  readonly history: Float64Array;
}

/**
 * Runs the recursion from the start (with the burn-in) to the horizon. `nodes` and `steps` trade
 * accuracy for time (every figure uses the defaults; `hiresim explore`'s first answer uses fewer).
 */
export function runExpected(scenario: Scenario, options: ExpectedOptions = {}): ExpectedRun {
  const nodes = options.nodes ?? NODES;
  const steps = options.steps ?? STEPS;
  const years = yearCount(scenario);
  const values = new Float64Array(years * METRICS.length);
  const checkpoint = options.from;
  // Parameters resolved once: to compare with the checkpoint's, then to run with either way.
  const params = resolveParameters(scenario, scenario.seed, 0, true);
  const resumed = checkpoint !== undefined && sharesHistory(checkpoint, scenario, params, nodes, steps);
  let state: ExpectedState;
  if (resumed) {
    state = resumeState(checkpoint.state, scenario, params);
    values.set(checkpoint.history);
  } else {
    state = expectedStart(scenario, nodes, steps, params);
  }
  stepYears(state, values, resumed ? baseIndex(scenario) : 0, years);
  return { values, years: Array.from({ length: years }, (_, y) => firstYear(scenario) + y), ...(resumed ? { resumedFrom: scenario.baseYear } : {}) };
}

/** The state at the start of the base year and the history before it (see `ExpectedOptions.from`). */
export function expectedCheckpoint(scenario: Scenario, options: Omit<ExpectedOptions, 'from'> = {}): ExpectedCheckpoint {
  const state = expectedStart(scenario, options.nodes ?? NODES, options.steps ?? STEPS);
  const history = new Float64Array(baseIndex(scenario) * METRICS.length);
  stepYears(state, history, 0, baseIndex(scenario));
  return { state, history };
}

/** Steps years `from` to `to` (exclusive), writing each year's metric row into `values` (row y at y × METRICS.length). */
function stepYears(state: ExpectedState, values: Float64Array, from: number, to: number): void {
  const m = METRICS.length;
  for (let y = from; y < to; y++) {
    state.yearIndex = y;
    stepExpected(state);
    recordExpected(state, values.subarray(y * m, (y + 1) * m));
  }
}

/**
 * Whether a scenario's recursion passes through the checkpoint: the same quadrature, calendar and
 * burn-in, and every resolved parameter equal up to and including the base year (the base year's
 * tool maturity is the reference of the tools' effects). Lever switches are left out, as a lever
 * acts only from the base year on (`leverOn`), and so are the constants, which no phase reads:
 * a constant that only formulas of later years use leaves the history alone.
 */
function sharesHistory(checkpoint: ExpectedCheckpoint, scenario: Scenario, params: Parameters, nodes: number, steps: number): boolean {
  const past = checkpoint.state;
  if (past.nodes.count !== nodes || past.steps !== steps) return false;
  const through = baseIndex(scenario) + 1;
  const same = (a: unknown, b: unknown, key: string | undefined, parent: unknown): boolean => {
    if (a instanceof Float64Array && b instanceof Float64Array) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < Math.min(through, a.length); i++) if (!Object.is(a[i], b[i])) return false;
      return true;
    }
    if (key === 'enabled' && LEVERS.some((lever) => (past.params as Record<string, unknown>)[lever] === parent)) return true;
    // Constants act only through the formulas that use them, whose yearly values are compared here.
    if (key === 'constants' && parent === past.params) return true;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => k in b && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], k, a));
  };
  return same(past.params, params, undefined, undefined);
}

/** A deep copy of a state, carrying on with another scenario and its parameters (the checkpoint is never changed). */
function resumeState(s: Readonly<ExpectedState>, scenario: Scenario, params: Parameters): ExpectedState {
  const pool = (p: LevelPool) => new LevelPool(p.nodes, p.bins, p.width, p.weight.slice());
  return {
    scenario,
    params,
    yearIndex: s.yearIndex,
    burnIn: s.burnIn,
    nodes: s.nodes,
    steps: s.steps,
    segments: s.segments.map((segment) => ({ ...segment })),
    students: s.students.map((cohorts) => cohorts.slice()),
    intakeMultiplier: s.intakeMultiplier.slice(),
    adjacent: pool(s.adjacent),
    // Skills and aptitude by node are read, never written, after the start.
    adjacentSkills: s.adjacentSkills,
    adjacentAptitude: s.adjacentAptitude,
    trainees: s.trainees.map((t) => ({ programme: t.programme, monthsLeft: t.monthsLeft, pool: pool(t.pool), sponsors: t.sponsors.slice() })),
    spare: [],
    qualifiedSeekers: s.qualifiedSeekers,
    unqualified: s.unqualified.map((c) => ({ skills: c.skills, weight: c.weight.slice() })),
    acquired: s.acquired.map((a) => ({ ...a })),
    market: {
      ...s.market,
      thresholds: s.market.thresholds.slice(),
      aiPremiumHistory: [...s.market.aiPremiumHistory],
      premium: [...s.market.premium],
      tightness: [...s.market.tightness],
    },
    counters: { ...s.counters },
  };
}

/** The state after the burn-in, as the agent-based model's `startedState`. */
export function expectedStart(scenario: Scenario, nodeCount = NODES, steps = STEPS, params?: Parameters): ExpectedState {
  const state = initialExpected(scenario, nodeCount, steps, params ?? resolveParameters(scenario, scenario.seed, 0, true));
  for (let b = 0; b < (scenario.burnInYears ?? 0); b++) stepExpected(state);
  state.burnIn = false;
  return state;
}

function initialExpected(scenario: Scenario, nodeCount: number, steps: number, p: Parameters): ExpectedState {
  const nodes = quadratureNodes(nodeCount);
  const y = 0;
  const adjacentSkills = nodeSkills(nodes, profileAt(p.population.skills.adjacent, p, y));
  const adjacentAptitude = nodeAptitude(nodes, p.population.aptitude.sd[y]);
  const firms = Object.entries(p.firms);
  const state: ExpectedState = {
    scenario,
    params: p,
    yearIndex: 0,
    burnIn: true,
    nodes,
    steps,
    segments: firms.map(([name, f]) => {
      const count = Math.round(f.count[y]);
      return { name, acquirable: f.acquirable, firms: count, planned: count * f.headcount[y], employees: count * f.headcount[y], postings: 0, pay: 0, growth: 0 };
    }),
    students: Object.values(p.education.programmes).map((programme) => {
      const duration = programme.durationYears;
      const stay = Math.pow(1 - programme.dropout[y], 1 / duration);
      return Float64Array.from({ length: duration }, (_, r) => programme.intake[y] * programme.genaiTrack[y] * p.population.students[y] * Math.pow(stay, duration - (r + 1)));
    }),
    intakeMultiplier: new Float64Array(Object.keys(p.education.programmes).length).fill(1),
    adjacent: new LevelPool(nodeCount, LEVEL_BINS, LEVEL_WIDTH),
    adjacentSkills,
    adjacentAptitude,
    trainees: [],
    spare: [],
    qualifiedSeekers: 0,
    unqualified: [],
    acquired: [],
    market: {
      maturity: 0,
      baseMaturity: p.tools.maturity[Math.min(baseIndex(scenario), p.tools.maturity.length - 1)],
      breakthroughs: 0,
      thresholds: new Float64Array(SKILLS.length),
      productivity: 1,
      lastProductivity: 1,
      learning: 1,
      adjacentPay: p.wages.adjacentPay[y],
      aiPremium: 1,
      aiPremiumHistory: [1],
      premium: [],
      tightness: [],
      lastGap: 0,
    },
    counters: newCounters(),
  };
  applyTools(state, false);
  setSegmentPay(state);
  stationaryAdjacent(state, p.population.adjacent[y]);
  state.market.premium.push(premiumOf(state));
  return state;
}

/**
 * The adjacent workforce of a stationary market (model/init.ts): years in adjacent work are
 * geometric with stay probability s = 1 − 1/careerYears and each year brings study with
 * probability r, so the number of years studied is geometric with q = s·r ÷ (1 − s + s·r); those
 * it would have qualified are drawn again, so the pool is the rest, renormalised.
 */
function stationaryAdjacent(state: ExpectedState, count: number): void {
  const p = state.params;
  const stay = 1 - 1 / p.population.careerYears[0];
  const rate = p.upskilling.selfStudyRate[0];
  const q = (stay * rate) / (1 - stay + stay * rate);
  const step = p.upskilling.selfStudyUnits[0] * state.market.learning;
  const required = requiredStudy(state.adjacentSkills, state.adjacentAptitude, gainVector(state), state.market.thresholds);
  const pool = state.adjacent;
  let kept = 0;
  for (let k = 0; k < state.nodes.count; k++) {
    let pj = 1 - q;
    for (let j = 0; pj > 1e-12; j++, pj *= q) {
      const level = j * step;
      if (level >= required[k]) break;
      const bin = Math.min(LEVEL_BINS - 1, Math.round(level / LEVEL_WIDTH));
      pool.weight[k * LEVEL_BINS + bin] += pj;
      kept += pj;
    }
  }
  pool.scale(kept > 0 ? count / kept : 0);
}

function gainVector(state: ExpectedState): Float64Array {
  const y = state.yearIndex;
  return Float64Array.from(SKILLS, (s) => state.params.upskilling.skillGain[s][y]);
}

const leverOn = (state: ExpectedState, lever: Lever) => state.scenario[lever].enabled || state.burnIn || state.yearIndex < baseIndex(state.scenario);

function careerSignal(state: ExpectedState): number {
  const { tightness } = state.market;
  const p = state.params.upskilling;
  const y = state.yearIndex;
  return Math.pow(premiumSignal(state, 0), p.premiumElasticity[y]) * Math.pow(tightness.length > 0 ? tightness[tightness.length - 1] : 1, p.prospectsElasticity[y]);
}

function premiumSignal(state: ExpectedState, lag: number): number {
  const history = state.market.aiPremiumHistory;
  return history[Math.max(0, history.length - 1 - lag)];
}

/** One year: the phases of model/step.ts in the same order. */
export function stepExpected(state: ExpectedState): void {
  state.counters = newCounters();
  applyTools(state, !state.burnIn);
  demand(state);
  education(state);
  upskilling(state);
  switching(state);
  migration(state);
  matching(state);
  acquihires(state);
  wages(state);
  attrition(state);
}

function applyTools(state: ExpectedState, recorded: boolean): void {
  const { market, yearIndex: y } = state;
  const p = state.params.tools;
  const on = leverOn(state, 'tools');
  if (recorded && on && y >= baseIndex(state.scenario)) market.breakthroughs += p.breakthroughProbability[y] * p.breakthroughJump[y];
  const maturity = on ? Math.min(1, Math.max(0, p.maturity[y] + market.breakthroughs)) : market.baseMaturity;
  market.maturity = maturity;
  SKILLS.forEach((skill, d) => {
    market.thresholds[d] = state.params.qualification.thresholds[skill][y] * Math.max(0, 1 - p.thresholdRelief[skill][y] * (maturity - market.baseMaturity));
  });
  const gain = p.productivityGain[y];
  market.lastProductivity = market.productivity;
  market.productivity = (1 + gain * maturity) / (1 + gain * market.baseMaturity);
  if (!recorded) market.lastProductivity = market.productivity;
  market.learning = (1 + p.learningBoost[y] * maturity) / (1 + p.learningBoost[y] * market.baseMaturity);
}

function demand(state: ExpectedState): void {
  const { yearIndex: y, params: p, market } = state;
  const firms = Object.values(p.firms);
  if (state.burnIn) {
    state.segments.forEach((s, k) => {
      s.growth = 0;
      s.planned = s.firms * firms[k].headcount[0];
    });
    return;
  }
  state.segments.forEach((s, k) => {
    const f = firms[k];
    const alive = s.firms;
    const exit = f.exitRate[y];
    if (exit > 0) {
      // Staff of closed firms seek again; trainees they sponsored have no firm to return to.
      for (const cohort of state.trainees) cohort.sponsors[k] *= 1 - exit;
      state.qualifiedSeekers += s.employees * exit;
      shrinkEmployees(state, k, exit);
      s.postings *= 1 - exit;
      s.planned *= 1 - exit;
      s.firms *= 1 - exit;
    }
    const births = f.birthRate[y] * alive;
    s.firms += births;
    s.planned += births * f.headcount[y];
  });
  const premium = market.aiPremiumHistory;
  const premiumChange = premium.length >= 2 ? Math.log(premium[premium.length - 1] / premium[premium.length - 2]) : 0;
  const common = p.demand.growth[y] - Math.log(market.productivity / market.lastProductivity) - p.demand.payElasticity[y] * premiumChange;
  state.segments.forEach((s, k) => (s.growth = common + firms[k].workGrowth[y]));
}

/** Removes share f of a segment's staff (uniformly, so acqui-hired cohorts lose the same share). */
function shrinkEmployees(state: ExpectedState, segment: number, f: number): void {
  state.segments[segment].employees *= 1 - f;
  for (const cohort of state.acquired) if (cohort.segment === segment) cohort.count *= 1 - f;
}

function education(state: ExpectedState): void {
  const { yearIndex: y, params: p } = state;
  const on = leverOn(state, 'education');
  const adoption = p.education.curriculumAdoption[y];
  Object.values(p.education.programmes).forEach((programme, k) => {
    const hazard = 1 - Math.pow(1 - programme.dropout[y], 1 / programme.durationYears);
    const cohorts = state.students[k];
    const graduating = cohorts[0] * (1 - hazard);
    for (let r = 0; r + 1 < cohorts.length; r++) cohorts[r] = cohorts[r + 1] * (1 - hazard);
    cohorts[cohorts.length - 1] = 0;
    if (on && graduating > 0) {
      const profile = blendProfiles(profileAt(programme.legacySkills, p, y), profileAt(programme.skills, p, y), adoption);
      enterSeeking(state, profile, graduating);
      state.counters.graduates += graduating;
    }
    const wanted = Math.pow(premiumSignal(state, p.education.capacityLagYears), p.education.capacityElasticity[y]);
    const step = 1 + p.education.maxIntakeGrowth[y];
    state.intakeMultiplier[k] = Math.min(state.intakeMultiplier[k] * step, Math.max(state.intakeMultiplier[k] / step, wanted));
    if (on) cohorts[cohorts.length - 1] = programme.intake[y] * programme.genaiTrack[y] * state.intakeMultiplier[k];
  });
}

/** People entering the market seeking, with skills of `profile`: the qualified become candidates, the rest an unqualified cohort. */
function enterSeeking(state: ExpectedState, profile: SkillProfile, count: number): void {
  const skills = nodeSkills(state.nodes, profile);
  const n = state.nodes.count;
  const weight = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (nodeQualified(skills, k, state.market.thresholds)) state.qualifiedSeekers += count / n;
    else weight[k] = count / n;
  }
  state.unqualified.push({ skills, weight });
}

function upskilling(state: ExpectedState): void {
  const { yearIndex: y, params: p, market } = state;
  const programmes = Object.values(p.upskilling.programmes);
  const required = requiredStudy(state.adjacentSkills, state.adjacentAptitude, gainVector(state), market.thresholds);
  const staying: TraineeCohort[] = [];
  for (const cohort of state.trainees) {
    cohort.monthsLeft -= 12;
    if (cohort.monthsLeft > 0) {
      staying.push(cohort);
      continue;
    }
    const programme = programmes[cohort.programme];
    // Those who do not complete return to adjacent work; the cohort's pool holds the rest.
    const completed = cohort.pool;
    completed.keep(programme.completion[y], state.adjacent);
    completed.study(programme.studyUnits[y] * market.learning);
    const qualified = completed.removeQualified(required);
    state.adjacent.add(completed);
    state.spare.push(completed);
    state.counters.upskilled += qualified;
    let placed = 0;
    cohort.sponsors.forEach((share, s) => {
      const count = qualified * share;
      if (count <= 0) return;
      state.segments[s].employees += count;
      state.segments[s].planned += count;
      placed += count;
    });
    state.counters.placements += placed;
    state.qualifiedSeekers += Math.max(0, qualified - placed);
  }
  state.trainees = staying;
  if (!leverOn(state, 'upskilling')) return;

  // Corporate: firms train in proportion to last year's gap, up to the programmes' places.
  const shortage = Math.max(0, market.lastGap);
  const firms = Object.values(p.firms);
  const wanted = state.segments.map((s, k) => s.firms * firms[k].trainingPlaces[y] * shortage);
  const wantedTotal = wanted.reduce((a, b) => a + b, 0);
  let corporatePlaces = wantedTotal;
  programmes.forEach((programme, k) => {
    if (programme.kind !== 'corporate' || corporatePlaces <= 0) return;
    const enrolled = Math.min(corporatePlaces, programme.capacity[y]);
    corporatePlaces -= enrolled;
    enrol(state, k, enrolled, Float64Array.from(wanted, (w) => w / wantedTotal));
  });
  // External: self-enrolment of adjacent engineers, up to the programmes' places.
  let applicants = state.adjacent.total() * Math.min(1, p.upskilling.selfEnrolmentRate[y] * careerSignal(state));
  programmes.forEach((programme, k) => {
    if (programme.kind !== 'external' || applicants <= 0) return;
    const enrolled = Math.min(applicants, programme.capacity[y]);
    applicants -= enrolled;
    enrol(state, k, enrolled, new Float64Array(state.segments.length));
  });
}

function enrol(state: ExpectedState, programme: number, count: number, sponsors: Float64Array): void {
  const total = state.adjacent.total();
  if (count <= 0 || total <= 0) return;
  const y = state.yearIndex;
  const p = Object.values(state.params.upskilling.programmes)[programme];
  state.trainees.push({ programme, monthsLeft: p.durationMonths[y], pool: state.adjacent.take(Math.min(1, count / total), state.spare.pop()), sponsors });
  state.counters.traineesEnrolled += count;
  state.counters.upskillingSpend += count * p.costPerTrainee[y];
}

/** Staff joining a segment outside matching: they fill open postings first, then the plan grows (model/state.ts joinFirm). */
function joinSegment(state: ExpectedState, segment: number, count: number): void {
  const s = state.segments[segment];
  const filled = Math.min(s.postings, count);
  s.postings -= filled;
  s.planned += count - filled;
  s.employees += count;
}

function switching(state: ExpectedState): void {
  if (!leverOn(state, 'upskilling')) return;
  const { yearIndex: y, params: p, market } = state;
  const rate = Math.min(1, p.upskilling.selfStudyRate[y] * careerSignal(state));
  const qualified = state.adjacent.studyShare(rate, p.upskilling.selfStudyUnits[y] * market.learning, requiredStudy(state.adjacentSkills, state.adjacentAptitude, gainVector(state), market.thresholds));
  state.qualifiedSeekers += qualified;
  state.counters.switchers += qualified;
}

function migration(state: ExpectedState): void {
  const { yearIndex: y, params: p } = state;
  if (leverOn(state, 'migration')) {
    const arrivals = p.migration.immigrants[y];
    if (arrivals > 0) enterSeeking(state, profileAt(p.population.skills.genai, p, y), arrivals);
    state.counters.immigrants += arrivals;
  }
  const rate = p.migration.emigrationRate[y];
  let leaving = 0;
  state.segments.forEach((s, k) => {
    leaving += s.employees * rate;
    shrinkEmployees(state, k, rate);
  });
  leaving += seekerOutflow(state, rate);
  state.counters.leavers += leaving;
}

/** Removes share f of every seeker, qualified or not; returns how many left. */
function seekerOutflow(state: ExpectedState, f: number): number {
  let gone = state.qualifiedSeekers * f;
  state.qualifiedSeekers *= 1 - f;
  for (const cohort of state.unqualified) {
    for (let k = 0; k < cohort.weight.length; k++) {
      gone += cohort.weight[k] * f;
      cohort.weight[k] *= 1 - f;
    }
  }
  return gone;
}

function matching(state: ExpectedState): void {
  const { yearIndex: y, params: p, market, segments } = state;
  // Unqualified seekers whom this year's (lower) thresholds qualify become candidates.
  for (const cohort of state.unqualified) {
    for (let k = 0; k < cohort.weight.length; k++) {
      if (cohort.weight[k] > 0 && nodeQualified(cohort.skills, k, market.thresholds)) {
        state.qualifiedSeekers += cohort.weight[k];
        cohort.weight[k] = 0;
      }
    }
  }
  state.unqualified = state.unqualified.filter((c) => c.weight.some((w) => w > 1e-9));

  const rounds = state.scenario.matching.rounds;
  const giveUp = perRound(p.attrition.seekerExitRate[y], rounds);
  const quit = quitHazard(quitRate(p, y), rounds);
  const withdraw = withdrawalHazard(p.demand.postingLifetimeMonths[y], rounds);
  const payWeight = p.matching.payWeight[y];
  // Pay changes only in the wage phase, so the offers' order and the applications' weights hold for every round.
  const pay = Float64Array.from(segments, (s) => s.pay);
  const weight = Float64Array.from(segments, (s) => Math.pow(s.pay / market.adjacentPay, payWeight));
  const postings = new Float64Array(segments.length);
  for (let r = 0; r < rounds; r++) {
    state.counters.leavers += seekerOutflow(state, giveUp);
    segments.forEach((s, k) => {
      const q = s.employees * quit;
      state.qualifiedSeekers += q;
      state.counters.quits += q;
      shrinkEmployees(state, k, quit);
    });
    for (const s of segments) {
      if (s.growth !== 0) s.planned *= Math.exp(s.growth / rounds);
      const wanted = s.planned - s.employees - s.postings;
      if (wanted > 0) {
        s.postings += wanted;
        state.counters.postingsOpened += wanted;
      } else if (wanted < 0 && s.postings > 0) {
        const cancel = Math.min(s.postings, -wanted);
        s.postings -= cancel;
        state.counters.postingsCancelled += cancel;
      }
    }
    const open = segments.reduce((n, s) => n + s.postings, 0);
    state.counters.rounds++;
    state.counters.candidateRounds += state.qualifiedSeekers;
    state.counters.positionRounds += open;
    segments.forEach((s, k) => (postings[k] = s.postings));
    const hires = expectedHires({
      candidates: state.qualifiedSeekers,
      postings,
      pay,
      weight,
      applications: p.matching.applications[y],
      screening: p.matching.screening[y],
    }, state.steps);
    segments.forEach((s, k) => {
      s.employees += hires[k];
      s.postings -= hires[k];
      state.qualifiedSeekers -= hires[k];
      state.counters.hires += hires[k];
      state.counters.postingsFilled += hires[k];
      const withdrawn = s.postings * withdraw;
      s.postings -= withdrawn;
      s.planned -= withdrawn;
      state.counters.postingsWithdrawn += withdrawn;
    });
  }
}


function acquihires(state: ExpectedState): void {
  const { yearIndex: y, params: p, market } = state;
  const a = p.acquihires;
  const year = firstYear(state.scenario) + y;
  for (const cohort of state.acquired) {
    if (cohort.cliffYear !== year) continue;
    const leaving = cohort.count * a.leaveAtCliff[y];
    state.segments[cohort.segment].employees -= leaving;
    state.qualifiedSeekers += leaving;
    cohort.count = 0;
  }
  state.acquired = state.acquired.filter((c) => c.count > 0);
  if (state.burnIn || !leverOn(state, 'acquihires')) return;
  const trigger = a.triggerYears;
  const tightness = market.tightness;
  if (!(tightness.length >= trigger && tightness.slice(-trigger).every((t) => t > 1))) return;
  const firms = Object.values(p.firms);
  const targets = state.segments.map((s, k) => ({ s, k })).filter(({ s }) => s.acquirable && s.firms > 0);
  const targetFirms = targets.reduce((n, t) => n + t.s.firms, 0);
  if (targetFirms <= 0) return;
  const team = targets.reduce((n, t) => n + t.s.employees, 0) / targetFirms;
  const price = a.pricePerEngineer[y];
  let deals = 0;
  state.segments.forEach((buyer, k) => {
    const budget = firms[k].acquisitionBudget[y];
    if (budget <= 0 || team * price > budget) return;
    const count = Math.min(buyer.firms * a.probability[y], targetFirms - deals);
    if (count <= 0) return;
    deals += count;
    joinSegment(state, k, count * team);
    state.acquired.push({ segment: k, cliffYear: year + a.retentionCliffYears, count: count * team });
  });
  if (deals <= 0) return;
  for (const { s } of targets) {
    const share = (deals * s.firms) / targetFirms / s.firms;
    s.employees *= 1 - share;
    s.postings *= 1 - share;
    s.planned *= 1 - share;
    s.firms *= 1 - share;
  }
  state.counters.acquisitions += deals;
  state.counters.acquiredEngineers += deals * team;
  state.counters.acquisitionSpend += deals * team * price;
}

function wages(state: ExpectedState): void {
  const { yearIndex: y, params: p, market, counters } = state;
  const raw = counters.positionRounds / Math.max(1e-9, counters.candidateRounds);
  const tightness = Math.min(MAX_TIGHTNESS, Math.max(1 / MAX_TIGHTNESS, raw));
  const target = Math.log(tightness) * p.wages.curveElasticity[y];
  const current = Math.log(market.aiPremium);
  const speed = target >= current ? p.wages.adjustment[y] : p.wages.downwardAdjustment[y];
  market.aiPremium = Math.exp(current + speed * (target - current));
  market.adjacentPay = p.wages.adjacentPay[y];
  setSegmentPay(state);
  market.aiPremiumHistory.push(market.aiPremium);
  market.premium.push(premiumOf(state));
  market.tightness.push(tightness);
  market.lastGap = counters.positionRounds > 0 ? 1 - counters.candidateRounds / counters.positionRounds : 0;
}

function setSegmentPay(state: ExpectedState): void {
  const firms = Object.values(state.params.firms);
  state.segments.forEach((s, k) => (s.pay = firms[k].payRatio[state.yearIndex] * state.market.adjacentPay * state.market.aiPremium));
}

function premiumOf(state: ExpectedState): number {
  const total = state.segments.reduce((n, s) => n + s.employees, 0);
  const mean = total > 0 ? state.segments.reduce((n, s) => n + s.employees * s.pay, 0) / total : state.segments.reduce((n, s) => n + s.pay, 0) / state.segments.length;
  return mean / state.market.adjacentPay;
}

function attrition(state: ExpectedState): void {
  const { yearIndex: y, params: p } = state;
  const retire = 1 / p.population.careerYears[y];
  const out = p.attrition.exitRate[y] + (1 - p.attrition.exitRate[y]) * Math.min(1, retire / (1 - p.attrition.exitRate[y]));
  state.segments.forEach((s, k) => {
    state.counters.leavers += s.employees * out;
    shrinkEmployees(state, k, out);
  });
  state.counters.leavers += seekerOutflow(state, retire);
  const adjacent = state.adjacent.total();
  state.counters.leavers += adjacent * retire;
  state.adjacent.scale(1 - retire);
  const arrivals = Math.max(0, p.population.adjacent[y] - adjacent * (1 - retire));
  if (arrivals > 0) {
    const n = state.nodes.count;
    for (let k = 0; k < n; k++) state.adjacent.weight[k * LEVEL_BINS] += arrivals / n;
  }
}

/** Pay quantile of the employed: a mixture of lognormals around each segment's pay. */
function payQuantile(state: ExpectedState, q: number): number {
  const sd = state.params.wages.dispersion[state.yearIndex];
  const segments = state.segments.filter((s) => s.employees > 0);
  const total = segments.reduce((n, s) => n + s.employees, 0);
  if (total <= 0) return 0;
  const cdf = (x: number) => segments.reduce((n, s) => n + s.employees * (sd > 0 ? normalCdf(Math.log(x / s.pay) / sd) : x >= s.pay ? 1 : 0), 0) / total;
  let lo = Math.min(...segments.map((s) => s.pay)) * Math.exp(-6 * sd);
  let hi = Math.max(...segments.map((s) => s.pay)) * Math.exp(6 * sd);
  for (let i = 0; i < 80; i++) {
    const mid = Math.sqrt(lo * hi);
    // Neighbouring numbers: the bisection has nothing left to halve (further steps would leave lo and hi as they are).
    if (mid === lo || mid === hi) break;
    if (cdf(mid) < q) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

function recordExpected(state: ExpectedState, row: Float64Array): void {
  const c = state.counters;
  const rounds = Math.max(1, c.rounds);
  const candidates = c.candidateRounds / rounds;
  const positions = c.positionRounds / rounds;
  const employed = state.segments.reduce((n, s) => n + s.employees, 0);
  const unqualified = state.unqualified.reduce((n, cohort) => n + cohort.weight.reduce((a, b) => a + b, 0), 0);
  const seekers = state.qualifiedSeekers + unqualified;
  const rate = (part: number, rest: number) => (part + rest > 0 ? part / (part + rest) : 0);
  const closed = c.postingsFilled + c.postingsWithdrawn + c.postingsCancelled;
  const perRoundFinding = c.candidateRounds > 0 ? Math.min(1, c.hires / c.candidateRounds) : 0;
  const values: Record<string, number> = {
    gap: 1 - candidates / Math.max(positions, state.scenario.scale),
    openPositions: positions,
    qualifiedCandidates: candidates,
    candidatesPer100: (100 * candidates) / Math.max(positions, state.scenario.scale),
    employed,
    seekers,
    plannedHeadcount: state.segments.reduce((n, s) => n + s.planned, 0),
    unemploymentRate: rate(seekers, employed),
    qualifiedUnemploymentRate: rate(candidates, employed),
    vacancyRate: rate(positions, employed),
    postingsOpened: c.postingsOpened,
    vacancyDurationDays: closed > 0 ? (365 * positions) / closed : 0,
    withdrawnShare: rate(c.postingsWithdrawn, c.postingsFilled),
    jobFindingRate: 1 - Math.pow(1 - perRoundFinding, c.rounds / 12),
    payMedian: payQuantile(state, 0.5),
    payP90: payQuantile(state, 0.9),
    adjacentPay: state.market.adjacentPay,
    payPremium: state.market.premium[state.market.premium.length - 1],
    aiPremium: state.market.aiPremium,
    // The recursion's counters are named after the sources' labels (entrants.ts).
    ...Object.fromEntries(ENTRANT_SOURCES.map((e) => [e.metric, c[e.label]])),
    hires: c.hires + c.placements,
    quits: c.quits,
    leavers: c.leavers,
    traineesEnrolled: c.traineesEnrolled,
    upskillingSpend: c.upskillingSpend,
    acquihires: c.acquisitions,
    acquihiredEngineers: c.acquiredEngineers,
    acquihireSpend: c.acquisitionSpend,
    students: state.students.reduce((n, cohorts) => n + cohorts.reduce((a, b) => a + b, 0), 0),
    adjacentWorkers: state.adjacent.total(),
    toolMaturity: state.market.maturity,
    firms: state.segments.reduce((n, s) => n + s.firms, 0),
  };
  METRICS.forEach((metric, k) => {
    const value = values[metric.name];
    if (value === undefined) throw new Error(`the expected-value recursion does not compute the metric "${metric.name}"`);
    row[k] = value;
  });
}
