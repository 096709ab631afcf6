/**
 * One simulated year. The order of the phases is written out here (and
 * declared in phases/registry.ts, which a test holds this to); each phase is a function of the state (and its own random stream)
 * that can be tested alone. Tests that watch a phase inside a running model
 * pass an observer, which wraps every phase call, instead of restating the order.
 */
import { acquihires } from './phases/acquihires.js';
import { attrition } from './phases/attrition.js';
import { demand } from './phases/demand.js';
import { education } from './phases/education.js';
import { matchRound, quitRound, startMatching, type MatchingYear } from './phases/matching.js';
import { migration } from './phases/migration.js';
import { switching } from './phases/switching.js';
import { tools } from './phases/tools.js';
import { upskilling } from './phases/upskilling.js';
import { postVacancies, withdrawVacancies } from './phases/vacancies.js';
import { wages } from './phases/wages.js';
import { newCounters, type SimState } from './state.js';

import type { Phase } from './phases/registry.js';

// The phases are declared once, with their streams and levers, in phases/registry.ts; this file
// calls them in that order (test/model/registry.test.ts checks it).
export { PHASES, type Phase } from './phases/registry.js';

/** The matching round a round phase belongs to. */
export interface RoundContext {
  readonly round: number;
  readonly year: MatchingYear;
}

/** Wraps each phase of the year; it must call `run` exactly once (before and after it may look, not change). */
export type PhaseObserver = (phase: Phase, run: () => void, state: SimState, round?: RoundContext) => void;

const unobserved: PhaseObserver = (_phase, run) => run();

export function stepYear(state: SimState, observe: PhaseObserver = unobserved): void {
  state.counters = newCounters();
  state.population.resetFlows();

  observe('tools', () => tools(state), state);           // M(t): thresholds, productivity, learning speed
  observe('demand', () => demand(state), state);         // firm births and closures; this year's growth of planned teams
  observe('education', () => education(state), state);   // drop-outs, graduates enter the market, new cohorts
  observe('upskilling', () => upskilling(state), state); // trainees complete or return; new corporate and self-enrolled trainees
  observe('switching', () => switching(state), state);   // qualified adjacent engineers start seeking
  observe('migration', () => migration(state), state);   // immigrants start seeking; emigration

  const year = startMatching(state);
  for (let round = 0; round < state.scenario.matching.rounds; round++) {
    const context = { round, year };
    observe('quits', () => quitRound(state, year), state, context);          // quits through the year: quitters search again
    observe('vacancies', () => postVacancies(state), state, context);        // plans grow; firms post for growth and for leavers
    observe('matching', () => matchRound(state, year), state, context);      // qualified seekers apply, postings offer, the best offers are taken
    observe('withdrawals', () => withdrawVacancies(state), state, context);  // some unfilled postings are given up
  }

  observe('acquihires', () => acquihires(state), state); // retention cliffs; startups bought for their teams
  observe('wages', () => wages(state), state);           // the AI premium moves towards its level for this tightness
  observe('attrition', () => attrition(state), state);   // exits, retirements; adjacent workforce renewed
}
