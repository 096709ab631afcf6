/**
 * What is recorded each year: a declared list of named metrics, emitted as
 * columns. Counts are in persons (agents × scale), money in USD.
 *
 * The gap (docs/MODEL.md §7.12) is measured over the year's matching rounds:
 *
 *   gap = 1 − C / V
 *
 * where C is the mean, over the rounds, of qualified candidates available at
 * the start of the round (qualified people without a GenAI job who are
 * seeking, including new entrants of the year, plus employed GenAI workers
 * searching on the job that round) and V is the mean number of open
 * positions at the start of the round (floored at one agent, so the gap stays
 * finite). 47 candidates per 100 positions is a gap of 0.53; a negative gap is
 * a surplus.
 */
import { ENTRANT_SOURCES } from './entrants.js';
import { Origin, Status } from './population.js';
import { firmCount, type SimState } from './state.js';

export interface MetricDefinition {
  readonly name: string;
  readonly unit: 'share' | 'persons' | 'USD' | 'index' | 'count' | 'ratio' | 'days';
  readonly description: string;
}

interface Metric extends MetricDefinition {
  readonly compute: (state: SimState, year: YearEnd) => number;
}

/** Values computed once per year and shared by several metrics. */
interface YearEnd {
  readonly candidates: number;
  readonly positions: number;
  /** Pay of every GenAI worker, in no particular order (quantiles select in place). */
  readonly pay: Float64Array;
}

const persons = (state: SimState, agents: number) => agents * state.scale;

const METRIC_LIST: readonly Metric[] = [
  { name: 'gap', unit: 'share', description: '1 − qualified candidates ÷ open positions (means over matching rounds)', compute: (_, e) => 1 - e.candidates / Math.max(e.positions, 1) },
  { name: 'openPositions', unit: 'persons', description: 'Open GenAI postings, mean over matching rounds', compute: (s, e) => persons(s, e.positions) },
  { name: 'qualifiedCandidates', unit: 'persons', description: 'Qualified candidates seeking, mean over matching rounds', compute: (s, e) => persons(s, e.candidates) },
  { name: 'candidatesPer100', unit: 'ratio', description: 'Qualified candidates per 100 open positions', compute: (_, e) => (100 * e.candidates) / Math.max(e.positions, 1) },
  { name: 'employed', unit: 'persons', description: 'Employed in GenAI work at year end', compute: (s) => persons(s, s.population.size[Status.genai]) },
  { name: 'seekers', unit: 'persons', description: 'Seeking GenAI work without a GenAI job at year end (qualified or not)', compute: (s) => persons(s, s.population.size[Status.seeking]) },
  { name: 'plannedHeadcount', unit: 'persons', description: 'GenAI teams firms plan (staff plus open postings) at year end', compute: (s) => persons(s, s.active.reduce((n, f) => n + f.planned, 0)) },
  { name: 'unemploymentRate', unit: 'share', description: 'Seekers ÷ (seekers + employed) at year end, qualified or not', compute: (s) => rate(s.population.size[Status.seeking], s.population.size[Status.genai]) },
  { name: 'qualifiedUnemploymentRate', unit: 'share', description: 'Qualified candidates ÷ (qualified candidates + employed), for the Beveridge curve', compute: (s, e) => rate(e.candidates, s.population.size[Status.genai]) },
  { name: 'vacancyRate', unit: 'share', description: 'Open positions ÷ (open positions + employed)', compute: (s, e) => rate(e.positions, s.population.size[Status.genai]) },
  { name: 'postingsOpened', unit: 'persons', description: 'Postings opened in the year (plan growth and replacement of leavers)', compute: (s) => persons(s, s.counters.postingsOpened) },
  { name: 'vacancyDurationDays', unit: 'days', description: 'Mean days a posting stays open, filled or withdrawn (mean open postings ÷ postings closed, Little\'s law)', compute: (s, e) => vacancyDays(s, e) },
  { name: 'withdrawnShare', unit: 'share', description: 'Share of closed postings withdrawn unfilled', compute: (s) => rate(s.counters.postingsWithdrawn, s.counters.postingsFilled) },
  { name: 'jobFindingRate', unit: 'share', description: 'Monthly probability that a qualified seeker is hired', compute: (s) => jobFinding(s) },
  { name: 'payMedian', unit: 'USD', description: 'Median annual pay of GenAI workers (nominal)', compute: (_, e) => quantileSelect(e.pay, 0.5) },
  { name: 'payP90', unit: 'USD', description: '90th percentile of annual pay of GenAI workers (nominal)', compute: (_, e) => quantileSelect(e.pay, 0.9) },
  { name: 'adjacentPay', unit: 'USD', description: 'Median pay in adjacent software work (nominal)', compute: (s) => s.market.adjacentPay },
  { name: 'payPremium', unit: 'ratio', description: 'GenAI pay ÷ adjacent software pay (the wage distortion)', compute: (s) => s.market.premium[s.market.premium.length - 1] },
  { name: 'aiPremium', unit: 'ratio', description: 'The AI pay premium: GenAI pay over its level in a balanced market (the part that answers tightness)', compute: (s) => s.market.aiPremium },
  // One count per entrant source, declared in entrants.ts.
  ...ENTRANT_SOURCES.map(({ metric, description, origin }): Metric => ({ name: metric, unit: 'persons', description, compute: (s) => persons(s, s.counters.entrants[Origin[origin]]) })),
  { name: 'hires', unit: 'persons', description: 'Hires into GenAI positions: matched seekers and corporate trainees placed with their sponsor', compute: (s) => persons(s, s.counters.hires + s.counters.placements) },
  { name: 'quits', unit: 'persons', description: 'GenAI workers who quit to search for another GenAI job', compute: (s) => persons(s, s.counters.quits) },
  { name: 'leavers', unit: 'persons', description: 'People leaving the market: exits from the field, retirements, emigration', compute: (s) => persons(s, s.counters.exits + s.counters.retirements + s.counters.emigrants) },
  { name: 'traineesEnrolled', unit: 'persons', description: 'People starting an upskilling programme', compute: (s) => persons(s, s.counters.traineesEnrolled) },
  { name: 'upskillingSpend', unit: 'USD', description: 'Spend on upskilling programmes', compute: (s) => s.counters.upskillingSpend },
  { name: 'acquihires', unit: 'count', description: 'Startups acqui-hired', compute: (s) => s.counters.acquisitions },
  { name: 'acquihiredEngineers', unit: 'persons', description: 'Engineers moved by acqui-hires', compute: (s) => persons(s, s.counters.acquiredEngineers) },
  { name: 'acquihireSpend', unit: 'USD', description: 'Spend on acqui-hires', compute: (s) => s.counters.acquisitionSpend },
  { name: 'students', unit: 'persons', description: 'Students on GenAI tracks', compute: (s) => persons(s, s.population.size[Status.student]) },
  { name: 'adjacentWorkers', unit: 'persons', description: 'Engineers in adjacent software work', compute: (s) => persons(s, s.population.size[Status.adjacent]) },
  { name: 'toolMaturity', unit: 'index', description: 'Tool-maturity index M(t)', compute: (s) => s.market.maturity },
  { name: 'firms', unit: 'count', description: 'Firms in business', compute: (s) => firmCount(s) },
];

const DAYS_PER_YEAR = 365;

/** Little's law: mean open postings ÷ postings closed per year, in days. */
function vacancyDays(state: SimState, end: YearEnd): number {
  const c = state.counters;
  const closed = c.postingsFilled + c.postingsWithdrawn + c.postingsCancelled;
  return closed > 0 ? (DAYS_PER_YEAR * end.positions) / closed : 0;
}

/** Hires per qualified seeker and round, as a monthly probability. */
function jobFinding(state: SimState): number {
  const c = state.counters;
  if (c.candidateRounds === 0 || c.rounds === 0) return 0;
  const perRound = Math.min(1, c.hires / c.candidateRounds);
  return 1 - Math.pow(1 - perRound, c.rounds / 12);
}

/** The metrics recorded every year, in column order. */
export const METRICS: readonly MetricDefinition[] = METRIC_LIST.map(({ name, unit, description }) => ({ name, unit, description }));
export const METRIC_INDEX: Readonly<Record<string, number>> = Object.fromEntries(METRICS.map((m, k) => [m.name, k]));

/** The year's pay values, a buffer reused from year to year (quantiles reorder it in place). */
let payBuffer = new Float64Array(0);

/** Writes this year's metrics into `row` (length METRICS.length). Call after the year's phases. */
export function recordYear(state: SimState, row: Float64Array): void {
  const { counters, population } = state;
  const rounds = Math.max(1, counters.rounds);
  if (payBuffer.length < population.size[Status.genai]) payBuffer = new Float64Array(Math.ceil(population.size[Status.genai] * 1.5));
  const pay = payBuffer.subarray(0, population.size[Status.genai]);
  const staff = population.members[Status.genai];
  for (let k = 0; k < pay.length; k++) pay[k] = population.pay[staff[k]];
  const end: YearEnd = { candidates: counters.candidateRounds / rounds, positions: counters.positionRounds / rounds, pay };
  METRIC_LIST.forEach((metric, k) => {
    row[k] = metric.compute(state, end);
  });
}

function rate(part: number, rest: number): number {
  return part + rest > 0 ? part / (part + rest) : 0;
}

/**
 * Linear-interpolation quantile (type 7) in O(n) by selection (Hoare's quickselect with a
 * middle pivot), reordering `values` in place; 0 for an empty list. Sorting the pay of every
 * worker each year cost more than the rest of the metrics together.
 */
export function quantileSelect(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const below = select(values, lo);
  if (lo + 1 >= n) return below;
  // The next order statistic is the smallest value above position lo.
  let above = Infinity;
  for (let k = lo + 1; k < n; k++) if (values[k] < above) above = values[k];
  return below + (h - lo) * (above - below);
}

/** The k-th smallest value; afterwards values[0..k-1] ≤ values[k] ≤ values[k+1..]. */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >>> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}

