/**
 * Shared pieces of the model tests: a generator of random valid scenarios
 * (the shipped baseline with a handful of parameters overridden within their
 * domains), independent stock counts, and the phases of a year up to matching.
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

/** The baseline's university programmes and their intakes (persons a year), for scaled overrides. */
const INTAKES = { bachelor: 120_000, master: 55_000, phd: 3_000 } as const;

/** A random valid scenario: `--set` overrides of the baseline. */
export interface RandomScenario {
  readonly overrides: readonly string[];
}

const share = (min: number, max: number, steps = 1000) => fc.integer({ min: 0, max: steps }).map((k) => min + ((max - min) * k) / steps);
const fixed = (x: number) => Number(x.toFixed(6)).toString();

/**
 * Random overrides of the baseline within each parameter's domain: demand growth, quit and exit
 * rates, screening, immigrants, university intake, self-study rate, the five lever switches, the
 * cycle amplitude; at scale 50–100 and a horizon of 4–6 years so that one run takes ~0.1 s.
 */
export const randomScenarioArb: fc.Arbitrary<RandomScenario> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    scale: fc.integer({ min: 50, max: 100 }),
    years: fc.integer({ min: 3, max: 5 }),
    growth: share(-0.1, 0.35),
    quitRate: share(0, 0.4),
    exitRate: share(0, 0.1),
    seekerExitRate: share(0, 0.6),
    screening: share(0.002, 0.2),
    immigrants: fc.integer({ min: 0, max: 20_000 }),
    intakeFactor: share(0, 3),
    selfStudyRate: share(0, 0.4),
    cycleAmplitude: share(0, 0.5),
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
      `horizon=${2025 + r.years}`,
      `replications=1`,
      `demand.growth=${fixed(r.growth)}`,
      `attrition.quitRate=${fixed(r.quitRate)}`,
      `attrition.exitRate=${fixed(r.exitRate)}`,
      `attrition.seekerExitRate=${fixed(r.seekerExitRate)}`,
      `matching.screening=${fixed(r.screening)}`,
      `migration.immigrants=${r.immigrants}`,
      ...Object.entries(INTAKES).map(([name, intake]) => `education.programmes.${name}.intake=${Math.round(intake * r.intakeFactor)}`),
      `upskilling.selfStudyRate=${fixed(r.selfStudyRate)}`,
      `demand.cycleAmplitude=${fixed(r.cycleAmplitude)}`,
      `tools.enabled=${r.tools}`,
      `education.enabled=${r.education}`,
      `upskilling.enabled=${r.upskilling}`,
      `migration.enabled=${r.migration}`,
      `acquihires.enabled=${r.acquihires}`,
    ],
  }));

export function loadBaseline(overrides: readonly string[] = [], file = BASELINE): LoadedScenario {
  return loadScenario(file, { overrides });
}

/**
 * Steps replication `replication` of a scenario year by year from the base year to the horizon,
 * calling `before` and `after` around every `stepYear`, and `observe` around each of its phases.
 */
export function forEachYear(
  loaded: LoadedScenario,
  replication: number,
  visit: { before?: (state: SimState, y: number) => void; after?: (state: SimState, y: number) => void; observe?: PhaseObserver },
): SimState {
  const { scenario } = loaded;
  const state = initialState(scenario, scenario.seed, replication);
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

