/**
 * One simulated year. The order of the phases is written out here and only
 * here; each phase is a function of the state (and its own random stream)
 * that can be tested alone. The year is split at the matching rounds so that
 * tests can observe rounds without restating the order.
 */
import { acquihires } from './phases/acquihires.js';
import { attrition } from './phases/attrition.js';
import { demand } from './phases/demand.js';
import { education } from './phases/education.js';
import { matchRound, quitRound, startMatching } from './phases/matching.js';
import { migration } from './phases/migration.js';
import { switching } from './phases/switching.js';
import { tools } from './phases/tools.js';
import { upskilling } from './phases/upskilling.js';
import { wages } from './phases/wages.js';
import { newCounters, type SimState } from './state.js';

export function stepYear(state: SimState): void {
  beforeMatching(state);
  const year = startMatching(state);
  for (let round = 0; round < state.scenario.matching.rounds; round++) {
    quitRound(state, year); //  quits through the year: quitters search again
    matchRound(state, year); // qualified seekers apply, firms offer, the best offers are taken
  }
  afterMatching(state);
}

/** The year's opening: fresh counters, then the phases that set up the market the rounds clear. */
export function beforeMatching(state: SimState): void {
  state.counters = newCounters();
  state.population.resetFlows();

  tools(state); //       M(t): thresholds, productivity, learning speed
  demand(state); //      firm births and closures, work growth, headcount targets
  education(state); //   drop-outs, graduates enter the market, new cohorts
  upskilling(state); //  trainees complete or return; new corporate and self-enrolled trainees
  switching(state); //   qualified adjacent engineers start seeking
  migration(state); //   immigrants start seeking; emigration
}

/** The year's close, after the matching rounds. */
export function afterMatching(state: SimState): void {
  acquihires(state); //  retention cliffs; startups bought for their teams
  wages(state); //       pay follows tightness; the premium is recorded
  attrition(state); //   exits, retirements; adjacent workforce renewed
}
