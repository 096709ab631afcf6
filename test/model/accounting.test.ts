/**
 * Stock-flow accounting. For every year and every status s:
 *
 *   stock(s, year end) − stock(s, year start) = Σ inflows to s − Σ outflows from s
 *
 * with flows from and to OUTSIDE (entering and leaving the market) included. The stocks are
 * counted independently of the population's own bookkeeping, by scanning `status` over every slot
 * ever used (`highWater`, not the member lists' sizes), and the member lists are checked against
 * that scan. The flows are the population's `flows` for the year (reset at the start of stepYear).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTSIDE, STATUS_COUNT } from '../../src/model/population.js';
import { runReplication } from '../../src/model/replication.js';
import { yearCount } from '../../src/model/params.js';
import { forEachYear, listedMembers, loadBaseline, positions, randomScenarioArb, scanMembers, scanStocks, SHORT } from './helpers.js';

const W = STATUS_COUNT + 1;
const FREE = 255;

function inflow(flows: Float64Array, s: number): number {
  let n = 0;
  for (let from = 0; from <= OUTSIDE; from++) if (from !== s) n += flows[from * W + s];
  return n;
}

function outflow(flows: Float64Array, s: number): number {
  let n = 0;
  for (let to = 0; to <= OUTSIDE; to++) if (to !== s) n += flows[s * W + to];
  return n;
}

describe('stock-flow accounting', () => {
  it('holds for every status and year, burn-in included, with stocks counted by scanning the population (random scenarios)', () => {
    fc.assert(
      fc.property(randomScenarioArb, ({ overrides }) => {
        const loaded = loadBaseline(overrides);
        let start: number[] = [];
        let years = 0;
        forEachYear(loaded, 0, {
          burnIn: true,
          before: (state) => {
            start = scanStocks(state.population);
          },
          after: (state, y) => {
            const { population } = state;
            const end = scanStocks(population);
            const flows = population.flows;
            for (let s = 0; s < STATUS_COUNT; s++) {
              expect(end[s] - start[s], `status ${s}, year index ${y}, ${overrides.join(' ')}`).toBe(inflow(flows, s) - outflow(flows, s));
            }
            // No transition from a status to itself, and nothing flows from outside to outside.
            for (let s = 0; s <= OUTSIDE; s++) expect(flows[s * W + s]).toBe(0);
            // The member lists hold exactly the agents the scan finds, each once, at its recorded position.
            const scanned = scanMembers(population);
            const position = positions(population);
            for (let s = 0; s < STATUS_COUNT; s++) {
              expect(population.size[s]).toBe(end[s]);
              expect(listedMembers(population, s)).toEqual(scanned[s]);
              const list = population.members[s];
              let misplaced = 0;
              for (let k = 0; k < population.size[s]; k++) if (position[list[k]] !== k) misplaced++;
              expect(misplaced, `members of status ${s} whose position is wrong`).toBe(0);
            }
            // Slots are either in a status or free; slots past the high-water mark were never used.
            let strange = 0;
            for (let i = 0; i < population.highWater; i++) if (!(population.status[i] < STATUS_COUNT || population.status[i] === FREE)) strange++;
            for (let i = population.highWater; i < population.capacity; i++) if (population.status[i] !== FREE) strange++;
            expect(strange, 'slots with an impossible status').toBe(0);
            years++;
          },
        });
        expect(years).toBe((loaded.scenario.burnInYears ?? 0) + yearCount(loaded.scenario));
      }),
      { numRuns: 15 },
    );
  });

  it('moves people between statuses every year (the identity above is not vacuous)', () => {
    const loaded = loadBaseline(['scale=50', ...SHORT]);
    forEachYear(loaded, 0, {
      after: (state) => {
        const flows = state.population.flows;
        // Entrants (graduates, immigrants, new adjacent engineers), hires, quits and leavers all happen.
        expect(inflow(flows, 4)).toBeGreaterThan(0);
        expect(outflow(flows, 4)).toBeGreaterThan(0);
        expect(inflow(flows, 2)).toBeGreaterThan(0);
        expect(outflow(flows, 2)).toBeGreaterThan(0);
        let fromOutside = 0;
        let toOutside = 0;
        for (let s = 0; s < STATUS_COUNT; s++) {
          fromOutside += flows[OUTSIDE * W + s];
          toOutside += flows[s * W + OUTSIDE];
        }
        expect(fromOutside).toBeGreaterThan(0);
        expect(toOutside).toBeGreaterThan(0);
      },
    });
  });

  it("runReplication's accounting agrees with independently scanned stocks and the year's flows", () => {
    const loaded = loadBaseline(['scale=80', 'burnInYears=2', 'startYear=2023', 'horizon=2028']);
    const { scenario } = loaded;
    const { accounting } = runReplication(scenario, scenario.seed, 1, { accounting: true });
    expect(accounting).toBeDefined();
    const starts: number[][] = [];
    const ends: number[][] = [];
    const flows: Float64Array[] = [];
    forEachYear(loaded, 1, {
      before: (state) => void starts.push(scanStocks(state.population)),
      after: (state) => {
        ends.push(scanStocks(state.population));
        flows.push(Float64Array.from(state.population.flows));
      },
    });
    expect(accounting!.stocksStart.map((a) => Array.from(a))).toEqual(starts);
    expect(accounting!.stocksEnd.map((a) => Array.from(a))).toEqual(ends);
    expect(accounting!.flows).toEqual(flows);
    accounting!.flows.forEach((f, y) => {
      for (let s = 0; s < STATUS_COUNT; s++) expect(accounting!.stocksEnd[y][s] - accounting!.stocksStart[y][s]).toBe(inflow(f, s) - outflow(f, s));
    });
  });
});
