/**
 * One replication: the start-year state, the burn-in under start-year
 * conditions (not recorded), then every year from the start year to the
 * horizon with the declared metrics recorded, and on request the stock-flow
 * accounting of every status.
 */
import type { Scenario } from '../scenario/schema.js';
import { initialState } from './init.js';
import { METRICS, recordYear } from './metrics.js';
import { yearCount } from './params.js';
import { stepYear } from './step.js';
import type { SimState } from './state.js';

export interface Accounting {
  /** Agents per status at the start and end of each year (index = year index). */
  readonly stocksStart: Float64Array[];
  readonly stocksEnd: Float64Array[];
  /** Transitions in each year: flows[y][from * (STATUS_COUNT + 1) + to], OUTSIDE = STATUS_COUNT. */
  readonly flows: Float64Array[];
}

export interface ReplicationResult {
  readonly replication: number;
  /** Metric values, row-major: values[yearIndex * METRICS.length + metric]. */
  readonly values: Float64Array;
  readonly accounting?: Accounting;
}

export function runReplication(scenario: Scenario, seed: number | string, replication: number, options: { accounting?: boolean } = {}): ReplicationResult {
  const years = yearCount(scenario);
  const state = startedState(scenario, seed, replication);
  const values = new Float64Array(years * METRICS.length);
  const accounting: Accounting | undefined = options.accounting ? { stocksStart: [], stocksEnd: [], flows: [] } : undefined;
  for (let y = 0; y < years; y++) {
    state.yearIndex = y;
    const before = Float64Array.from(state.population.size);
    stepYear(state);
    recordYear(state, values.subarray(y * METRICS.length, (y + 1) * METRICS.length));
    if (accounting) {
      accounting.stocksStart.push(before);
      accounting.stocksEnd.push(Float64Array.from(state.population.size));
      accounting.flows.push(Float64Array.from(state.population.flows));
    }
  }
  return { replication, values, ...(accounting ? { accounting } : {}) };
}

/**
 * The state at the start of the first recorded year: the initial state run through `burnInYears`
 * years of start-year conditions (no demand growth, shocks, firm births, closures, acquisitions or
 * breakthroughs), so that seekers, postings and pay settle to their stationary levels.
 */
export function startedState(scenario: Scenario, seed: number | string, replication: number): SimState {
  const state = initialState(scenario, seed, replication);
  for (let b = 0; b < (scenario.burnInYears ?? 0); b++) stepYear(state);
  state.burnIn = false;
  return state;
}
