/** Optimised Morris trajectories: the r of M candidates chosen for spread (Campolongo et al. 2007). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXHAUSTIVE_MAX_SUBSETS,
  morrisCandidates,
  optimisedMorrisTrajectories,
  selectSpreadTrajectories,
  trajectoryDistance,
  trajectorySpread,
} from '../../../src/analysis/design/morris-selection.js';
import { morrisTrajectories, type MorrisTrajectory } from '../../../src/analysis/design/morris-trajectories.js';
import { morrisEffects } from '../../../src/analysis/sensitivity/morris-effects.js';
import { streamRng } from '../../../src/random/seed-tree.js';

const rng = (seed: number) => streamRng(seed, 0, 'morris');
const candidatesOf = (m: number, d: number, seed: number) => morrisTrajectories(m, d, 4, rng(seed)).trajectories;
const spreadOf = (candidates: readonly MorrisTrajectory[], indices: readonly number[]) => trajectorySpread(indices.map((i) => candidates[i]));
/** Spreads of different subsets are sums in different orders: equal ones may differ in the last bits. */
const TOLERANCE = 1 + 1e-12;

/** Every r-subset of 0 … m − 1, in lexicographic order. */
function subsets(m: number, r: number): number[][] {
  if (r === 0) return [[]];
  if (m < r) return [];
  return [...subsets(m - 1, r - 1).map((s) => [...s, m - 1]), ...subsets(m - 1, r)].sort((a, b) => {
    for (let k = 0; k < r; k++) if (a[k] !== b[k]) return a[k] - b[k];
    return 0;
  });
}

const bruteForceSpread = (candidates: readonly MorrisTrajectory[], r: number) => Math.max(...subsets(candidates.length, r).map((s) => spreadOf(candidates, s)));

/** The greedy start written out independently: the farthest pair, then the candidate adding most to D², lower index on ties. */
function greedyStartSpread(candidates: readonly MorrisTrajectory[], r: number): number {
  const m = candidates.length;
  const squared = candidates.map((a) => candidates.map((b) => (a === b ? 0 : trajectoryDistance(a, b) ** 2)));
  let pair = [0, 1];
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) if (squared[a][b] > squared[pair[0]][pair[1]]) pair = [a, b];
  const chosen = pair;
  while (chosen.length < r) {
    const gain = (c: number) => chosen.reduce((s, t) => s + squared[c][t], 0);
    let best = -1;
    for (let c = 0; c < m; c++) if (!chosen.includes(c) && (best < 0 || gain(c) > gain(best))) best = c;
    chosen.push(best);
  }
  return spreadOf(candidates, chosen);
}

/** Small problems: M ≤ 9 candidates (C(9, 4) = 126 subsets at most), d ≤ 4, 1 ≤ r ≤ M, and a random r-subset. */
const smallProblem = fc
  .record({ m: fc.integer({ min: 2, max: 9 }), d: fc.integer({ min: 1, max: 4 }), seed: fc.integer() })
  .chain(({ m, d, seed }) =>
    fc.integer({ min: 1, max: m }).chain((r) =>
      fc.shuffledSubarray(
        Array.from({ length: m }, (_, i) => i),
        { minLength: r, maxLength: r },
      ).map((randomSubset) => ({ m, d, seed, r, randomSubset })),
    ),
  );

describe('trajectoryDistance and trajectorySpread', () => {
  it("is Campolongo's d_ml, the sum of the distances between every point of one and every point of the other (hand-computed)", () => {
    // d = 1: {0, ⅔} and {⅓, 1}: ⅓ + 1 + ⅓ + ⅓ = 2.
    const a = { points: [[0], [2 / 3]], steps: [{ input: 0, sign: 1 as const }] };
    const b = { points: [[1 / 3], [1]], steps: [{ input: 0, sign: 1 as const }] };
    expect(trajectoryDistance(a, b)).toBeCloseTo(2, 14);
    expect(trajectoryDistance(b, a)).toBeCloseTo(2, 14);
    // A third, {1, ⅓}: d(a, c) = 1 + ⅓ + ⅓ + ⅓ = 2, d(b, c) = ⅔ + 0 + 0 + ⅔ = 4/3; D = √(4 + 4 + 16/9).
    const c = { points: [[1], [1 / 3]], steps: [{ input: 0, sign: -1 as const }] };
    expect(trajectorySpread([a, b, c])).toBeCloseTo(Math.sqrt(8 + 16 / 9), 14);
    expect(trajectorySpread([a])).toBe(0);
    expect(trajectorySpread([])).toBe(0);
  });

  it('equals the double sum computed point by point, in any dimension (the one-input-per-step update is exact; property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer(), (d, seed) => {
        const [a, b] = candidatesOf(2, d, seed);
        let direct = 0;
        for (const x of a.points) for (const y of b.points) direct += Math.hypot(...x.map((v, z) => v - y[z]));
        expect(trajectoryDistance(a, b)).toBeCloseTo(direct, 10);
      }),
      { numRuns: 200 },
    );
  });
});

describe('selectSpreadTrajectories', () => {
  it('keeps r distinct candidates in ascending order, with the best spread of all r-subsets: at least that of the first r and of a random r-subset (property)', () => {
    fc.assert(
      fc.property(smallProblem, ({ m, d, seed, r, randomSubset }) => {
        const candidates = candidatesOf(m, d, seed);
        const chosen = selectSpreadTrajectories(candidates, r);
        expect(chosen).toHaveLength(r);
        expect(new Set(chosen).size).toBe(r);
        expect(chosen).toEqual([...chosen].sort((x, y) => x - y));
        for (const i of chosen) expect(i >= 0 && i < m).toBe(true);
        // C(M, r) ≤ 126 here: below EXHAUSTIVE_MAX_SUBSETS, so the search is exhaustive and exact.
        const spread = spreadOf(candidates, chosen);
        expect(spread * TOLERANCE).toBeGreaterThanOrEqual(bruteForceSpread(candidates, r));
        expect(spread * TOLERANCE).toBeGreaterThanOrEqual(spreadOf(candidates, Array.from({ length: r }, (_, i) => i)));
        expect(spread * TOLERANCE).toBeGreaterThanOrEqual(spreadOf(candidates, randomSubset));
      }),
      { numRuns: 300 },
    );
  });

  it('by the heuristic (forced with maxSubsets: 0): never below the greedy start, no single exchange improves it, and ≥ 0.9 of the optimum (property)', () => {
    // 0.9 is a margin under the worst ratio seen, 0.951 over 200 000 random small problems (see morris-selection.ts).
    fc.assert(
      fc.property(smallProblem, ({ m, d, seed, r }) => {
        const candidates = candidatesOf(m, d, seed);
        const chosen = selectSpreadTrajectories(candidates, r, { maxSubsets: 0 });
        expect(new Set(chosen).size).toBe(r);
        const spread = spreadOf(candidates, chosen);
        if (r >= 2) expect(spread * TOLERANCE).toBeGreaterThanOrEqual(greedyStartSpread(candidates, r));
        for (let out = 0; out < r; out++) {
          for (let into = 0; into < m; into++) {
            if (chosen.includes(into)) continue;
            const swapped = chosen.map((c, k) => (k === out ? into : c));
            expect(spread * TOLERANCE).toBeGreaterThanOrEqual(spreadOf(candidates, swapped));
          }
        }
        expect(spread).toBeGreaterThanOrEqual(0.9 * bruteForceSpread(candidates, r));
      }),
      { numRuns: 300 },
    );
  });

  it('by the heuristic at sizes too large to search (C(M, r) > EXHAUSTIVE_MAX_SUBSETS): at least the spread of the first r and of a random r-subset (property)', () => {
    // The smallest of these, C(30, 7) = 2 035 800, is above the limit: the heuristic runs.
    expect(EXHAUSTIVE_MAX_SUBSETS).toBeLessThan(2_035_800);
    const problem = fc
      .record({ m: fc.integer({ min: 30, max: 40 }), r: fc.integer({ min: 7, max: 10 }), d: fc.integer({ min: 1, max: 6 }), seed: fc.integer() })
      .chain((p) => fc.shuffledSubarray(Array.from({ length: p.m }, (_, i) => i), { minLength: p.r, maxLength: p.r }).map((randomSubset) => ({ ...p, randomSubset })));
    fc.assert(
      fc.property(problem, ({ m, r, d, seed, randomSubset }) => {
        const candidates = candidatesOf(m, d, seed);
        const spread = spreadOf(candidates, selectSpreadTrajectories(candidates, r));
        expect(spread * TOLERANCE).toBeGreaterThanOrEqual(spreadOf(candidates, Array.from({ length: r }, (_, i) => i)));
        expect(spread * TOLERANCE).toBeGreaterThanOrEqual(spreadOf(candidates, randomSubset));
      }),
      { numRuns: 40 },
    );
  });

  it('is deterministic, keeps the first candidate for r = 1 and all of them for r = M, and rejects r outside 1 … M', () => {
    const candidates = candidatesOf(40, 5, 7);
    expect(selectSpreadTrajectories(candidates, 10)).toEqual(selectSpreadTrajectories(candidatesOf(40, 5, 7), 10));
    expect(selectSpreadTrajectories(candidates, 1)).toEqual([0]);
    expect(selectSpreadTrajectories(candidates.slice(0, 6), 6)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const r of [0, 41, 2.5]) expect(() => selectSpreadTrajectories(candidates, r)).toThrow(RangeError);
  });
});

describe('optimisedMorrisTrajectories', () => {
  it('draws morrisCandidates(r) = max(4r, r + 10), at most 400 and never fewer than r', () => {
    expect([1, 3, 4, 10, 100, 150, 400, 1000].map(morrisCandidates)).toEqual([11, 13, 16, 40, 400, 400, 400, 1000]);
  });

  it('is the chosen candidates of morrisTrajectories(M) from the same stream, in candidate order, points concatenated; reproducible', () => {
    const design = optimisedMorrisTrajectories(10, 6, 4, rng(11));
    const pool = morrisTrajectories(40, 6, 4, rng(11));
    const chosen = selectSpreadTrajectories(pool.trajectories, 10);
    expect(design.trajectories).toEqual(chosen.map((i) => pool.trajectories[i]));
    expect(design.points).toEqual(design.trajectories.flatMap((t) => t.points));
    expect([design.levels, design.delta]).toEqual([pool.levels, pool.delta]);
    expect(optimisedMorrisTrajectories(10, 6, 4, rng(11))).toEqual(design);
    // Better spread than the random design it replaces: the first 10 candidates are morrisTrajectories(10) of the stream.
    expect(trajectorySpread(design.trajectories)).toBeGreaterThan(trajectorySpread(morrisTrajectories(10, 6, 4, rng(11)).trajectories));
    expect(() => optimisedMorrisTrajectories(10, 6, 4, rng(11), 9)).toThrow(RangeError);
  });

  it('is a design the elementary effects read: exact on a linear function, 0 for an input that does nothing (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 8 }), fc.integer(), (c, r, seed) => {
        const design = optimisedMorrisTrajectories(r, c.length + 1, 4, rng(seed)); // the last input is a dummy
        const effects = morrisEffects(
          design,
          design.points.map((u) => c.reduce((s, ci, i) => s + ci * u[i], 1)),
        );
        c.forEach((ci, i) => expect(effects[i].muStar).toBeCloseTo(Math.abs(ci), 9));
        expect(effects[c.length].muStar).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});
