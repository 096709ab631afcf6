/**
 * The state of one replication: workers (typed arrays), firms and segments
 * (few, so plain objects), the market's yearly indices, and the counters that
 * phases fill during a year and metrics read at its end.
 */
import type { Scenario } from '../scenario/schema.js';
import { baseIndex, firstYear } from '../scenario/calendar.js';
import type { Lever } from '../scenario/levers.js';
import type { Streams } from '../random/seed-tree.js';
import type { Parameters } from './params.js';
import { ORIGIN_NAMES, type Population } from './population.js';

export interface Firm {
  readonly id: number;
  /** Index into SimState.segments. */
  readonly segment: number;
  alive: boolean;
  /**
   * How many real firms this simulated firm stands for: 1, or several small firms of a segment
   * whose teams would each be smaller than a few agents (see `firmsPerSimulatedFirm`). Deals act on
   * one real firm at a time, so this falls as its firms are bought.
   */
  represents: number;
  /**
   * Planned GenAI team in agents (real): staff plus open postings plus a fraction not yet posted.
   * It grows with demand through the year and loses one for every posting withdrawn unfilled.
   */
  planned: number;
  /** This year's log growth of the plan, applied a round at a time. */
  growth: number;
  /** GenAI workers employed, in agents. */
  employees: number;
  /** Open postings (vacancies), in agents. */
  postings: number;
  /** A fixed uniform draw in [0, 1) that rounds the plan to whole agents without bias over firms. */
  readonly dither: number;
}

export interface Segment {
  readonly name: string;
  readonly kind: Scenario['firms'][string]['kind'];
  readonly acquirable: boolean;
  /** Current median GenAI pay at these firms (USD): payRatio × adjacent pay × AI premium. */
  pay: number;
}

/** What happened this year; reset at the start of every year. Counts are in agents, money in USD. */
export interface YearCounters {
  rounds: number;
  /** Sums over matching rounds of qualified candidates and open postings at the start of the round (agents). */
  candidateRounds: number;
  positionRounds: number;
  /** Hires into GenAI positions from the seeker pool (matching), and corporate trainees placed with their sponsor. */
  hires: number;
  placements: number;
  /** Postings opened, filled, withdrawn unfilled, and cancelled because plans shrank. */
  postingsOpened: number;
  postingsFilled: number;
  postingsWithdrawn: number;
  postingsCancelled: number;
  /** Market entrants by origin (index = Origin). */
  entrants: Float64Array;
  traineesEnrolled: number;
  traineesCompleted: number;
  upskillingSpend: number;
  acquisitions: number;
  acquiredEngineers: number;
  acquisitionSpend: number;
  cliffLeavers: number;
  quits: number;
  exits: number;
  retirements: number;
  emigrants: number;
  firmsBorn: number;
  firmsClosed: number;
  breakthrough: boolean;
}

export function newCounters(): YearCounters {
  return {
    rounds: 0,
    candidateRounds: 0,
    positionRounds: 0,
    hires: 0,
    placements: 0,
    postingsOpened: 0,
    postingsFilled: 0,
    postingsWithdrawn: 0,
    postingsCancelled: 0,
    entrants: new Float64Array(ORIGIN_NAMES.length),
    traineesEnrolled: 0,
    traineesCompleted: 0,
    upskillingSpend: 0,
    acquisitions: 0,
    acquiredEngineers: 0,
    acquisitionSpend: 0,
    cliffLeavers: 0,
    quits: 0,
    exits: 0,
    retirements: 0,
    emigrants: 0,
    firmsBorn: 0,
    firmsClosed: 0,
    breakthrough: false,
  };
}

/** Market-wide indices, updated by the tools and wages phases. */
export interface Market {
  /** Tool maturity M(t) in [0, 1]. */
  maturity: number;
  /** Maturity in the base year: thresholds, productivity and learning are relative to it. */
  readonly baseMaturity: number;
  /** Maturity added by breakthroughs so far. */
  breakthroughs: number;
  /** Qualification threshold per skill this year. */
  readonly thresholds: Float64Array;
  /** Productivity relative to the base year, this year and last year (plans grow with their ratio). */
  productivity: number;
  lastProductivity: number;
  /** Learning-speed multiplier from tools. */
  learning: number;
  /** Median pay in adjacent software work this year (USD). */
  adjacentPay: number;
  /** The AI pay premium: market pay over its structural level, 1 when the market balances. */
  aiPremium: number;
  /** AI premium at the end of each year so far (index 0: at the start), for the demand response. */
  readonly aiPremiumHistory: number[];
  /** Overall GenAI pay premium (employment-weighted segment pay ÷ adjacent pay) at the end of each year so far. */
  readonly premium: number[];
  /** Tightness (open positions ÷ qualified candidates, kept within [1/10, 10]) of each finished year, burn-in included. */
  readonly tightness: number[];
  /** The gap (1 − candidates ÷ positions) of the last finished year; 0 before any. */
  lastGap: number;
  /** The latest year in which an acqui-hired worker's retention package vests (0: no deal yet). */
  latestCliffYear: number;
  /** University intake multiplier per programme (capacity response to pay). */
  readonly intakeMultiplier: Float64Array;
}

export interface SimState {
  readonly scenario: Scenario;
  readonly params: Parameters;
  readonly streams: Streams;
  /** Persons per agent. */
  readonly scale: number;
  /** Index of the year being simulated (0 = the first simulated year); 0 throughout the burn-in. */
  yearIndex: number;
  /** True while the burn-in runs: start-year conditions, no demand growth, shocks, firm dynamics or breakthroughs. */
  burnIn: boolean;
  readonly population: Population;
  /** Every firm ever created; a firm's id is its index (workers' `employer`). */
  readonly firms: Firm[];
  /** The firms in business, in id order (refreshed when firms open, close or are bought). */
  active: Firm[];
  readonly segments: readonly Segment[];
  /** Parallel to `segments`: the scenario's firm-segment entries. */
  readonly segmentParams: readonly Parameters['firms'][string][];
  readonly universityProgrammes: readonly Parameters['education']['programmes'][string][];
  readonly upskillingProgrammes: readonly Parameters['upskilling']['programmes'][string][];
  readonly market: Market;
  counters: YearCounters;
}

/** A simulated firm holds at least about this many agents: smaller firms of a segment are simulated together. */
export const MIN_FIRM_AGENTS = 4;

/**
 * How many real firms of `headcount` persons one simulated firm stands for at `scale` persons per
 * agent. A firm much smaller than an agent cannot post, hire or shrink by a fraction of an agent;
 * simulated together, small firms keep their posting, hiring and shrinking unbiased at any scale,
 * while births, closures and acquisitions still count real firms.
 */
export function firmsPerSimulatedFirm(headcount: number, scale: number): number {
  return headcount >= MIN_FIRM_AGENTS * scale ? 1 : Math.max(1, Math.round((MIN_FIRM_AGENTS * scale) / Math.max(headcount, 1e-9)));
}

/** Real firms in business. */
export function firmCount(state: SimState): number {
  return state.active.reduce((n, f) => n + f.represents, 0);
}

/** Rebuilds the list of firms in business. */
export function refreshActiveFirms(state: SimState): void {
  state.active = state.firms.filter((firm) => firm.alive);
}

/** The calendar year being simulated (the start year throughout the burn-in). */
export function currentYear(state: SimState): number {
  return firstYear(state.scenario) + state.yearIndex;
}

/**
 * Whether a lever acts this year. Levers are switched off only from the base year on: history (and
 * the burn-in) is the observed world in every scenario, so a lever's contribution is measured from
 * the seed's year.
 */
export function leverOn(state: SimState, lever: Lever): boolean {
  return state.scenario[lever].enabled || state.burnIn || state.yearIndex < baseIndex(state.scenario);
}

/**
 * The signal people read before retraining: AI premium^premiumElasticity × tightness^prospectsElasticity,
 * both as last year ended. Each is 1 when qualified candidates and open positions balance, so the
 * scenario's rates are those of a balanced market; a shortage raises them and a glut lowers them.
 */
export function careerSignal(state: SimState): number {
  const y = state.yearIndex;
  const p = state.params.upskilling;
  const tightness = state.market.tightness;
  const prospects = tightness.length > 0 ? tightness[tightness.length - 1] : 1;
  return Math.pow(premiumSignal(state), p.premiumElasticity[y]) * Math.pow(prospects, p.prospectsElasticity[y]);
}

/** The AI pay premium `lag` years back (1 in a balanced market): the pay signal people and universities read. */
export function premiumSignal(state: SimState, lag = 0): number {
  const history = state.market.aiPremiumHistory;
  return history[Math.max(0, history.length - 1 - lag)];
}

/**
 * A firm's planned team rounded to whole agents with its fixed dither: over firms the rounding is
 * unbiased, so a firm smaller than one agent still counts for its share at any scale.
 */
export function plannedAgents(firm: Firm): number {
  return Math.floor(firm.planned + firm.dither);
}

