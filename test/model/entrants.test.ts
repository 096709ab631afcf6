/**
 * Entrant sources are declared once (src/model/entrants.ts): the metrics, the expected-value
 * recursion's values, the run table's columns and the report's chart series all come from the list.
 */
import { describe, expect, it } from 'vitest';
import { ENTRANT_SOURCES } from '../../src/model/entrants.js';
import { METRICS } from '../../src/model/metrics.js';
import { Origin } from '../../src/model/population.js';
import { ENTRANT_SOURCES as REPORT_SOURCES } from '../../src/report/series.js';
import { runExpected } from '../../src/expected/recursion.js';
import { loadBaseline } from './helpers.js';

describe('entrant sources', () => {
  it('each has an origin of the population and a metric, in declaration order among the metrics', () => {
    const names = METRICS.map((m) => m.name);
    const positions = ENTRANT_SOURCES.map((e) => names.indexOf(e.metric));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const e of ENTRANT_SOURCES) {
      expect(Origin[e.origin]).toBeTypeOf('number');
      expect(METRICS[names.indexOf(e.metric)].description).toBe(e.description);
    }
  });

  it('the report draws the same list', () => {
    expect(REPORT_SOURCES).toBe(ENTRANT_SOURCES);
  });

  it('the expected-value recursion records every source, and some enter', () => {
    const loaded = loadBaseline(['startYear=2024', 'horizon=2027', 'burnInYears=1']);
    const { values } = runExpected(loaded.scenario);
    const names = METRICS.map((m) => m.name);
    const last = values.length / METRICS.length - 1;
    const entrants = ENTRANT_SOURCES.map((e) => values[last * METRICS.length + names.indexOf(e.metric)]);
    for (const v of entrants) expect(Number.isFinite(v)).toBe(true);
    expect(entrants.some((v) => v > 0)).toBe(true);
  });
});
