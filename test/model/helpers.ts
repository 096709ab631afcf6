/**
 * Shared pieces of the model tests: a generator of random valid scenarios
 * (the shipped baseline with a handful of parameters overridden within their
 * domains), a year-by-year runner with hooks, and independent stock counts.
 */
import fc from 'fast-check';
import { initialState } from '../../src/model/init.js';
import { yearCount } from '../../src/model/params.js';
import { Status, STATUS_COUNT, type Population } from '../../src/model/population.js';
import { stepYear, type PhaseObserver } from '../../src/model/step.js';
import type { SimState } from '../../src/model/state.js';
import { loadScenario, type LoadedScenario } from '../../src/scenario/load.js';
import { BASELINE } from '../helpers/problems.js';

export { BASELINE };

/** University intakes (persons a year) near the baseline's, for scaled overrides. */
const INTAKES = { bachelor: 100_000, master: 45_000, phd: 3_100 } as const;

/** A random valid scenario: `--set` overrides of the baseline. */
export interface RandomScenario {
  readonly overrides: readonly string[];
}

const share = (min: number, max: number, steps = 1000) => fc.integer({ min: 0, max: steps }).map((k) => min + ((max - min) * k) / steps);
const fixed = (x: number) => Number(x.toFixed(6)).toString();
/** Rounded up to 6 decimals, so that a sum of rounded parts is not rounded below them. */
const fixedUp = (x: number) => Number((Math.ceil(x * 1e6) / 1e6).toFixed(6)).toString();

/**
 * Random overrides of the baseline within each parameter's domain: the calendar (0–2 burn-in years,
 * 0–3 history years, 1–3 projection years), demand growth, shocks and posting lifetime, turnover
 * split into quits, exits, retirement and emigration (turnover is their sum, so the quit rate is
 * never negative), seeker exits, applications and screening, the wage curve, immigrants, university
 * intake, self-study and self-enrolment, the acqui-hire trigger and the five lever switches; at scale
 * 50–100, so that one run takes ~0.1 s. Numbers, not formulas, so they replace the baseline's
 * calibrated values whatever they are.
 */
export const randomScenarioArb: fc.Arbitrary<RandomScenario> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    scale: fc.integer({ min: 50, max: 100 }),
    burnInYears: fc.integer({ min: 0, max: 2 }),
    history: fc.integer({ min: 0, max: 3 }),
    years: fc.integer({ min: 1, max: 3 }),
    growth: share(-0.1, 0.35),
    shockSd: share(0, 0.2),
    payElasticity: share(0, 1),
    postingLifetimeMonths: share(0.5, 24),
    quits: share(0, 0.3),
    exitRate: share(0, 0.1),
    careerYears: share(15, 45),
    emigrationRate: share(0, 0.05),
    seekerExitRate: share(0, 0.9),
    applications: share(0.5, 12, 23),
    screening: share(0.002, 0.3),
    curveElasticity: share(0, 0.6),
    adjustment: share(0, 1),
    downwardAdjustment: share(0, 1),
    immigrants: fc.integer({ min: 0, max: 20_000 }),
    intakeFactor: share(0, 3),
    selfStudyRate: share(0, 0.4),
    selfEnrolmentRate: share(0, 0.05),
    triggerYears: fc.integer({ min: 1, max: 3 }),
    tools: fc.boolean(),
    education: fc.boolean(),
    upskilling: fc.boolean(),
    migration: fc.boolean(),
    acquihires: fc.boolean(),
  })
  .map((r) => ({
    overrides: [
      `seed=${r.seed}`,
      `scale=${r.scale}`,
      `burnInYears=${r.burnInYears}`,
      `startYear=${2025 - r.history}`,
      `horizon=${2025 + r.years}`,
      `replications=1`,
      `demand.growth=${fixed(r.growth)}`,
      `demand.shockSd=${fixed(r.shockSd)}`,
      `demand.payElasticity=${fixed(r.payElasticity)}`,
      `demand.postingLifetimeMonths=${fixed(r.postingLifetimeMonths)}`,
      `attrition.turnover=${fixedUp(r.quits + Number(fixed(r.exitRate)) + 1 / Number(fixed(r.careerYears)) + Number(fixed(r.emigrationRate)))}`,
      `attrition.exitRate=${fixed(r.exitRate)}`,
      `population.careerYears=${fixed(r.careerYears)}`,
      `migration.emigrationRate=${fixed(r.emigrationRate)}`,
      `attrition.seekerExitRate=${fixed(r.seekerExitRate)}`,
      `matching.applications=${fixed(r.applications)}`,
      `matching.screening=${fixed(r.screening)}`,
      `wages.curveElasticity=${fixed(r.curveElasticity)}`,
      `wages.adjustment=${fixed(r.adjustment)}`,
      `wages.downwardAdjustment=${fixed(r.downwardAdjustment)}`,
      `migration.immigrants=${r.immigrants}`,
      ...Object.entries(INTAKES).map(([name, intake]) => `education.programmes.${name}.intake=${Math.round(intake * r.intakeFactor)}`),
      `upskilling.selfStudyRate=${fixed(r.selfStudyRate)}`,
      `upskilling.selfEnrolmentRate=${fixed(r.selfEnrolmentRate)}`,
      `acquihires.triggerYears=${r.triggerYears}`,
      `tools.enabled=${r.tools}`,
      `education.enabled=${r.education}`,
      `upskilling.enabled=${r.upskilling}`,
      `migration.enabled=${r.migration}`,
      `acquihires.enabled=${r.acquihires}`,
    ],
  }));

/**
 * A short calendar for mechanism tests: one burn-in year, a history year, and the base year 2025
 * and the next two (overrides that come later win).
 */
export const SHORT = ['burnInYears=1', 'startYear=2024', 'horizon=2027'] as const;

export function loadBaseline(overrides: readonly string[] = [], file = BASELINE): LoadedScenario {
  return loadScenario(file, { overrides });
}

/** What forEachYear calls around each year: `y` is the year index, negative in the burn-in (−burnInYears … −1). */
export interface YearVisitor {
  before?: (state: SimState, y: number) => void;
  after?: (state: SimState, y: number) => void;
  observe?: PhaseObserver;
  /** Visit the burn-in years too (by default they run unobserved, as in runReplication). */
  burnIn?: boolean;
}

/**
 * Steps replication `replication` of a scenario as runReplication does (src/model/replication.ts):
 * the initial state, `burnInYears` years of start-year conditions, then every year from the start
 * year to the horizon, calling `before` and `after` around every `stepYear`, and `observe` around
 * each of its phases.
 */
export function forEachYear(loaded: LoadedScenario, replication: number, visit: YearVisitor): SimState {
  const { scenario } = loaded;
  const state = initialState(scenario, scenario.seed, replication);
  const burnIn = scenario.burnInYears ?? 0;
  for (let b = 0; b < burnIn; b++) {
    if (!visit.burnIn) {
      stepYear(state);
      continue;
    }
    visit.before?.(state, b - burnIn);
    stepYear(state, visit.observe);
    visit.after?.(state, b - burnIn);
  }
  state.burnIn = false;
  for (let y = 0; y < yearCount(scenario); y++) {
    state.yearIndex = y;
    visit.before?.(state, y);
    stepYear(state, visit.observe);
    visit.after?.(state, y);
  }
  return state;
}

/** Agents per status counted by scanning every slot ever used (not from the member lists). */
export function scanStocks(population: Population): number[] {
  const stocks = new Array<number>(STATUS_COUNT).fill(0);
  for (let i = 0; i < population.highWater; i++) {
    const s = population.status[i];
    if (s < STATUS_COUNT) stocks[s]++;
  }
  return stocks;
}

/** The slots of each status, by scanning. */
export function scanMembers(population: Population): number[][] {
  const members: number[][] = Array.from({ length: STATUS_COUNT }, () => []);
  for (let i = 0; i < population.highWater; i++) {
    const s = population.status[i];
    if (s < STATUS_COUNT) members[s].push(i);
  }
  return members;
}

/** The member list of a status as the population keeps it, sorted (for comparison with a scan). */
export function listedMembers(population: Population, status: number): number[] {
  return Array.from(population.members[status].subarray(0, population.size[status])).sort((a, b) => a - b);
}

/** The position array is private; the tests read it to check that it indexes the member lists. */
export function positions(population: Population): Int32Array {
  return (population as unknown as { position: Int32Array }).position;
}

/** GenAI agents per firm id, by scanning. */
export function staffByFirm(state: SimState): Map<number, number> {
  const { population } = state;
  const staff = new Map<number, number>();
  for (let i = 0; i < population.highWater; i++) {
    if (population.status[i] === Status.genai) staff.set(population.employer[i], (staff.get(population.employer[i]) ?? 0) + 1);
  }
  return staff;
}

