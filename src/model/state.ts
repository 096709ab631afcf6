/**
 * The state of one replication: workers (typed arrays), firms and segments
 * (few, so plain objects), the market's yearly indices, and the counters that
 * phases fill during a year and metrics read at its end.
 */
import type { Scenario } from '../scenario/schema.js';
import { firstYear } from '../scenario/calendar.js';
import type { Streams } from '../random/seed-tree.js';
import type { Parameters } from './params.js';
import { ORIGIN_NAMES, type Population } from './population.js';

export interface Firm {
  readonly id: number;
  /** Index into SimState.segments. */
  readonly segment: number;
  alive: boolean;
  /** GenAI work, in agents at base-year productivity and pay. */
  work: number;
  /** Headcount wanted this year, in agents (work after tools, cycle and pay). */
  target: number;
  /** GenAI workers employed, in agents. */
  employees: number;
  /** A fixed uniform draw in [0, 1) that rounds the firm's fractional positions without bias. */
  readonly dither: number;
  /** Consecutive years that ended with positions open. */
  unfilledYears: number;
}

export interface Segment {
  readonly name: string;
  readonly kind: Scenario['firms'][string]['kind'];
  readonly acquirable: boolean;
  /** Current median GenAI pay at these firms (USD). */
  pay: number;
  /** Base-year pay, for the demand response to pay. */
  readonly basePay: number;
}

/** What happened this year; reset at the start of every year. Counts are in agents, money in USD. */
export interface YearCounters {
  rounds: number;
  /** Sums over matching rounds of qualified candidates and open positions (agents). */
  candidateRounds: number;
  positionRounds: number;
  hires: number;
  jobToJobMoves: number;
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
    jobToJobMoves: 0,
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
  readonly baseMaturity: number;
  /** Maturity added by breakthroughs so far. */
  breakthroughs: number;
  /** Qualification threshold per skill this year. */
  readonly thresholds: Float64Array;
  /** Productivity relative to the base year (target headcount divides by it). */
  productivity: number;
  /** Learning-speed multiplier from tools. */
  learning: number;
  /** Median pay in adjacent software work (USD). */
  adjacentPay: number;
  /** GenAI pay premium (employment-weighted segment pay ÷ adjacent pay) per simulated year so far. */
  readonly premium: number[];
  /** Tightness (open positions ÷ qualified candidates, kept within [1/10, 10]) of each finished year. */
  readonly tightness: number[];
  /** University intake multiplier per programme (capacity response to pay). */
  readonly intakeMultiplier: Float64Array;
}

export interface SimState {
  readonly scenario: Scenario;
  readonly params: Parameters;
  readonly streams: Streams;
  /** Persons per agent. */
  readonly scale: number;
  /** 0 for baseYear. */
  yearIndex: number;
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

/**
 * A firm's open positions in whole agents: its target minus its staff, rounded with the firm's fixed
 * dither (so that totals over firms are unbiased), never negative. The one rule every phase uses.
 */
export function openPositions(firm: Firm): number {
  return Math.max(0, Math.floor(firm.target - firm.employees + firm.dither));
}

/** Rebuilds the list of firms in business. */
export function refreshActiveFirms(state: SimState): void {
  state.active = state.firms.filter((firm) => firm.alive);
}

/**
 * The signal people read before retraining: (premium / premium₀)^premiumElasticity ×
 * (last year's tightness / base-year tightness)^prospectsElasticity (1 before any year has ended).
 */
export function careerSignal(state: SimState): number {
  const y = state.yearIndex;
  const p = state.params.upskilling;
  const tightness = state.market.tightness;
  const prospects = tightness.length > 0 ? tightness[tightness.length - 1] / tightness[0] : 1;
  return Math.pow(premiumRatio(state), p.premiumElasticity[y]) * Math.pow(prospects, p.prospectsElasticity[y]);
}

/** The calendar year being simulated. */
export function currentYear(state: SimState): number {
  return firstYear(state.scenario) + state.yearIndex;
}

/** The GenAI pay premium this year relative to the base year (the pay signal people and universities read). */
export function premiumRatio(state: SimState, lag = 0): number {
  const history = state.market.premium;
  const i = Math.max(0, history.length - 1 - lag);
  return history[i] / history[0];
}
