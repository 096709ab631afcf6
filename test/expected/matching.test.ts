/**
 * The recursion's expected hires of a matching round (src/expected/matching.ts) against the mean of
 * the agent-based round (src/model/phases/matching.ts) run many times on the same market.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedHires } from '../../src/expected/matching.js';
import { runExpected } from '../../src/expected/recursion.js';
import { EXPECTED_NODES, EXPECTED_STEPS } from '../../src/explore/session.js';
import { expectedView } from '../../src/explore/view.js';
import { baseIndex } from '../../src/scenario/calendar.js';
import { METRIC_INDEX, METRICS } from '../../src/model/metrics.js';
import { loadScenario } from '../../src/scenario/load.js';
import { matchRound, type MatchingYear } from '../../src/model/phases/matching.js';
import { Origin, Population, Status } from '../../src/model/population.js';
import { newCounters, type Firm, type SimState } from '../../src/model/state.js';
import { streamRng } from '../../src/random/seed-tree.js';

interface Market {
  readonly candidates: number;
  readonly segments: readonly { readonly pay: number; readonly firms: number; readonly postingsPerFirm: number }[];
  readonly applications: number;
  readonly screening: number;
}

/** A minimal state for one round: qualified seekers with random skills, firms with open postings. */
function roundState(m: Market, seed: number): { state: SimState; year: MatchingYear } {
  const rng = streamRng('matching-test', seed, 'matching');
  const population = new Population(m.candidates + 16);
  const seekers: number[] = [];
  for (let c = 0; c < m.candidates; c++) {
    const i = population.enter(Status.seeking, Origin.graduate);
    for (let d = 0; d < 5; d++) population.skills[i * 5 + d] = rng();
    seekers.push(i);
  }
  const firms: Firm[] = [];
  m.segments.forEach((s, segment) => {
    for (let f = 0; f < s.firms; f++) firms.push({ id: firms.length, segment, alive: true, represents: 1, planned: s.postingsPerFirm, growth: 0, employees: 0, postings: s.postingsPerFirm, dither: 0.5 });
  });
  const state = {
    yearIndex: 0,
    population,
    firms,
    active: firms,
    segments: m.segments.map((s, k) => ({ name: `s${k}`, kind: 'bigtech', acquirable: false, pay: s.pay })),
    market: { adjacentPay: 100_000 },
    streams: { matching: rng },
    params: { matching: { payWeight: [1], applications: [m.applications], screening: [m.screening] }, wages: { dispersion: [0.2] } },
    counters: newCounters(),
  } as unknown as SimState;
  return { state, year: { seekers, scores: seekers.map((i) => { let sum = 0; for (let d = 0; d < 5; d++) sum += population.skills[i * 5 + d]; return sum / 5; }) } };
}

function agentHires(m: Market, rounds: number): Float64Array {
  const hires = new Float64Array(m.segments.length);
  for (let r = 0; r < rounds; r++) {
    const { state, year } = roundState(m, r);
    matchRound(state, year);
    for (const firm of state.firms) hires[firm.segment] += firm.employees / rounds;
  }
  return hires;
}

const expectedOf = (m: Market) =>
  expectedHires({
    candidates: m.candidates,
    postings: m.segments.map((s) => s.firms * s.postingsPerFirm),
    pay: m.segments.map((s) => s.pay),
    weight: m.segments.map((s) => s.pay / 100_000),
    applications: m.applications,
    screening: m.screening,
  });

describe('expected hires of a matching round', () => {
  const cases: [string, Market][] = [
    ['a shortage: 300 candidates, 1,000 postings', { candidates: 300, segments: [{ pay: 400_000, firms: 4, postingsPerFirm: 100 }, { pay: 200_000, firms: 60, postingsPerFirm: 10 }], applications: 10, screening: 0.08 }],
    ['a surplus: 1,500 candidates, 400 postings', { candidates: 1500, segments: [{ pay: 400_000, firms: 4, postingsPerFirm: 50 }, { pay: 200_000, firms: 20, postingsPerFirm: 10 }], applications: 10, screening: 0.08 }],
    ['near balance, slow screening', { candidates: 800, segments: [{ pay: 300_000, firms: 10, postingsPerFirm: 40 }, { pay: 250_000, firms: 40, postingsPerFirm: 10 }], applications: 10, screening: 0.02 }],
  ];
  it.each(cases)('%s: within 4% of the agents\' mean per segment', (_, market) => {
    const agents = agentHires(market, 120);
    const expected = expectedOf(market);
    expected.forEach((e, s) => expect(Math.abs(agents[s] - e) / e, `segment ${s}: agents ${agents[s].toFixed(1)}, expected ${e.toFixed(1)}`).toBeLessThan(0.04));
  });

  it('never hires more than the candidates or the postings, and none without either (property)', () => {
    fc.assert(
      fc.property(fc.float({ min: 0, max: 5000, noNaN: true }), fc.array(fc.record({ postings: fc.float({ min: 0, max: 3000, noNaN: true }), pay: fc.float({ min: 50_000, max: 1_000_000, noNaN: true }) }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 20 }), fc.float({ min: 0, max: 1, noNaN: true }), (candidates, segments, applications, screening) => {
        const hires = expectedHires({ candidates, postings: segments.map((s) => s.postings), pay: segments.map((s) => s.pay), weight: segments.map((s) => s.pay / 100_000), applications, screening });
        const total = hires.reduce((a, b) => a + b, 0);
        expect(total).toBeLessThanOrEqual(candidates * (1 + 1e-9) + 1e-9);
        hires.forEach((h, s) => {
          expect(h).toBeGreaterThanOrEqual(0);
          expect(h).toBeLessThanOrEqual(segments[s].postings * (1 + 1e-9) + 1e-9);
        });
        if (candidates === 0 || screening === 0) expect(total).toBe(0);
      }),
    );
  });

  it('takes 128 midpoint steps unless told otherwise', () => {
    const market = { candidates: 900, postings: [400, 250, 120], pay: [400_000, 250_000, 180_000], weight: [4, 2.5, 1.8], applications: 8, screening: 0.3 };
    expect(expectedHires(market, 128)).toEqual(expectedHires(market));
    expect(expectedHires(market, 32)).not.toEqual(expectedHires(market));
  });
});

describe("explore's first answer (64 nodes, 32 midpoint steps)", () => {
  it('stays within 8% of the full recursion (512 nodes, 128 steps) in candidates per 100, every year of the baseline, with the same closing year', () => {
    const { scenario } = loadScenario('scenarios/baseline.yaml');
    const full = runExpected(scenario);
    const quick = runExpected(scenario, { nodes: EXPECTED_NODES, steps: EXPECTED_STEPS });
    const k = METRIC_INDEX.candidatesPer100;
    const ratio = full.years.map((_, y) => quick.values[y * METRICS.length + k] / full.values[y * METRICS.length + k] - 1);
    const worst = Math.max(...ratio.map(Math.abs));
    // Few nodes alias the skill thresholds: a few percent in some years, about 1% in the base year (README, Explore).
    expect(worst).toBeGreaterThan(0.01);
    expect(worst).toBeLessThan(0.08);
    expect(Math.abs(ratio[baseIndex(scenario)])).toBeLessThan(0.015);
    expect(expectedView(scenario, quick).closingYear).toBe(expectedView(scenario, full).closingYear);
  });

  it('stays within 0.1% of the 128-step recursion in candidates per 100, every year of the baseline', () => {
    const { scenario } = loadScenario('scenarios/baseline.yaml');
    const full = runExpected(scenario, { nodes: 64 });
    const quick = runExpected(scenario, { nodes: 64, steps: 32 });
    const k = METRIC_INDEX.candidatesPer100;
    let worst = 0;
    for (let y = 0; y < full.years.length; y++) worst = Math.max(worst, Math.abs(quick.values[y * METRICS.length + k] / full.values[y * METRICS.length + k] - 1));
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(0.001);
  });
});
