/**
 * The calendar of a scenario. A run simulates every year from `startYear` to
 * `horizon`; the answer (closing year, P(closed by Y), the year of interest of
 * every study) starts at `baseYear`, the seed's year. Years before `baseYear`
 * are history: simulated from a stationary start so that the base year is a
 * fitted target rather than an initial condition, and compared with observed
 * series by `backtest`. A scenario without `startYear` starts at `baseYear`.
 *
 * Per-year arrays (parameters, metric rows) are indexed from `startYear`.
 */
import type { Scenario } from './schema.js';

type Calendar = Pick<Scenario, 'baseYear' | 'horizon'> & { readonly startYear?: number | undefined };

/** The first simulated year. */
export function firstYear(scenario: Calendar): number {
  return scenario.startYear ?? scenario.baseYear;
}

/** Number of simulated years, startYear to horizon inclusive. */
export function yearCount(scenario: Calendar): number {
  return scenario.horizon - firstYear(scenario) + 1;
}

/** Index of a calendar year in per-year arrays. */
export function yearIndexOf(scenario: Calendar, year: number): number {
  return year - firstYear(scenario);
}

/** Index of the base year in per-year arrays (0 without history). */
export function baseIndex(scenario: Calendar): number {
  return scenario.baseYear - firstYear(scenario);
}

/** A simulated year before the base year. */
export function isHistoryYear(scenario: Calendar, year: number): boolean {
  return year < scenario.baseYear;
}
