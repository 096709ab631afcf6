/** PRIM scenario discovery (peeling, choosing, pasting) on constructed data where the true box is known. */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { chooseBox, paste, prim, type PrimBox, type PrimDimension, type PrimLimit, type PrimPasting } from '../../src/analysis/prim.js';

function uniform(n: number, d: number, seed: string): number[][] {
  const rng = seedrandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rng()));
}

const chosenBox = (r: ReturnType<typeof prim>): PrimBox => r.trajectory[r.chosen as number];
const continuous = (box: PrimBox, k: number) => {
  const l = box.limits[k];
  if (l.kind !== 'continuous') throw new Error('expected a continuous limit');
  return l;
};

describe('prim', () => {
  it('finds x0 > 0.6 and x1 < 0.3 on a uniform sample in 4 dimensions, with high coverage and density', () => {
    const points = uniform(1000, 4, 'prim-box');
    const outcome = points.map((x) => x[0] > 0.6 && x[1] < 0.3);
    const r = prim(points, outcome);
    expect(r.cases).toBeGreaterThan(80);
    expect(r.chosen).not.toBeNull();
    const box = chosenBox(r);
    expect(box.coverage).toBeGreaterThanOrEqual(0.5);
    expect(box.density).toBeGreaterThan(0.85);
    expect(continuous(box, 0).low).toBeGreaterThan(0.5);
    expect(continuous(box, 0).low).toBeLessThan(0.7);
    expect(continuous(box, 1).high).toBeGreaterThan(0.2);
    expect(continuous(box, 1).high).toBeLessThan(0.35);
    expect(r.restricted).toEqual(expect.arrayContaining([0, 1]));
    // The irrelevant dimensions are barely touched.
    for (const k of [2, 3]) {
      expect(continuous(box, k).low).toBeLessThan(0.15);
      expect(continuous(box, k).high).toBeGreaterThan(0.85);
    }
  });

  it('records a trajectory that starts with the full box, loses coverage monotonically and ends above the minimum mass', () => {
    const points = uniform(400, 3, 'prim-trajectory');
    const outcome = points.map((x) => x[2] > 0.5);
    const r = prim(points, outcome);
    expect(r.trajectory[0]).toMatchObject({ n: 400, mass: 1, coverage: 1 });
    expect(r.trajectory[0].density).toBeCloseTo(r.cases / 400, 12);
    for (let i = 1; i < r.trajectory.length; i++) {
      expect(r.trajectory[i].n).toBeLessThan(r.trajectory[i - 1].n);
      expect(r.trajectory[i].coverage).toBeLessThanOrEqual(r.trajectory[i - 1].coverage);
      expect(r.trajectory[i].mass).toBeGreaterThanOrEqual(0.05);
    }
    const box = chosenBox(r);
    expect(continuous(box, 2).low).toBeGreaterThan(0.45);
    expect(continuous(box, 2).low).toBeLessThan(0.55);
    expect(box.density).toBe(1);
    expect(r.restricted).toEqual([2]);
  });

  it('drops values of a categorical dimension one at a time', () => {
    const rng = seedrandom('prim-categorical');
    const points = Array.from({ length: 600 }, () => [Math.floor(rng() * 4), rng()]);
    const outcome = points.map((x) => x[0] === 2 && x[1] > 0.2);
    const r = prim(points, outcome, { dimensions: [{ kind: 'categorical' }, { kind: 'continuous' }] });
    const box = chosenBox(r);
    expect(box.limits[0]).toEqual({ kind: 'categorical', values: [2] });
    expect(box.density).toBeGreaterThan(0.9);
    expect(r.trajectory[0].limits[0]).toEqual({ kind: 'categorical', values: [0, 1, 2, 3] });
  });

  it('has no chosen box and a one-box trajectory when there is no case of interest', () => {
    const points = uniform(50, 2, 'prim-none');
    const r = prim(points, points.map(() => false));
    expect(r.cases).toBe(0);
    expect(r.chosen).toBeNull();
    expect(r.pasting).toBeNull();
    expect(r.restricted).toEqual([]);
    expect(r.trajectory).toHaveLength(1);
    expect(r.trajectory[0]).toMatchObject({ coverage: 0, density: 0, mass: 1 });
  });

  it('stops at once when every point is a case, and handles no points at all', () => {
    const points = uniform(20, 2, 'prim-all');
    const all = prim(points, points.map(() => true));
    expect(all.trajectory).toHaveLength(1);
    expect(all.chosen).toBe(0);
    expect(all.trajectory[0]).toMatchObject({ coverage: 1, density: 1 });
    expect(prim([], []).chosen).toBeNull();
  });

  it('rejects mismatched inputs', () => {
    expect(() => prim([[1]], [true, false])).toThrow(RangeError);
    expect(() => prim([[1]], [true], { alpha: 0.6 })).toThrow(RangeError);
    expect(() => prim([[1]], [true], { pasteAlpha: 0 })).toThrow(RangeError);
  });

  it('chooses the densest box with coverage ≥ the minimum (property: the rule holds for any trajectory)', () => {
    const box = fc.record({ coverage: fc.double({ min: 0, max: 1, noNaN: true }), density: fc.double({ min: 0, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(box, { minLength: 1, maxLength: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (raw, min) => {
        const trajectory = raw.map((b, i) => ({ ...b, coverage: i === 0 ? 1 : b.coverage, limits: [], n: 1, cases: 1, mass: 1 }));
        const i = chooseBox(trajectory, min);
        expect(trajectory[i].coverage).toBeGreaterThanOrEqual(min);
        for (const other of trajectory) if (other.coverage >= min) expect(other.density).toBeLessThanOrEqual(trajectory[i].density);
      }),
    );
  });

  it('keeps every case inside each box it reports as covered (coverage and density are counts of the points within the limits)', () => {
    const points = uniform(300, 3, 'prim-consistency');
    const outcome = points.map((x) => x[0] + x[1] > 1.2);
    const r = prim(points, outcome);
    for (const box of r.trajectory) {
      const within = points.map((x) => box.limits.every((l, k) => (l.kind === 'continuous' ? x[k] >= l.low && x[k] <= l.high : l.values.includes(x[k]))));
      const n = within.filter(Boolean).length;
      const cases = within.filter((w, i) => w && outcome[i]).length;
      expect(box.n).toBe(n);
      expect(box.cases).toBe(cases);
      expect(box.coverage).toBeCloseTo(cases / r.cases, 12);
    }
  });
});

describe('prim on tied values', () => {
  it('peels a whole level of a numeric parameter with few levels (a grid), which a 5% quantile alone could not', () => {
    const rng = seedrandom('prim-levels');
    const points = Array.from({ length: 300 }, () => [[1, 2, 3][Math.floor(rng() * 3)], rng()]);
    const outcome = points.map((x) => x[0] === 3);
    const r = prim(points, outcome);
    const box = r.trajectory[r.chosen as number];
    expect(box.limits[0]).toMatchObject({ kind: 'continuous', low: 3, high: 3 });
    expect(box.density).toBe(1);
    expect(box.coverage).toBe(1);
  });
});

/** Is every point of `inner` inside `outer`, limit by limit? */
function contains(outer: readonly PrimLimit[], inner: readonly PrimLimit[]): boolean {
  return outer.every((o, k) => {
    const i = inner[k];
    if (o.kind === 'continuous' && i.kind === 'continuous') return o.low <= i.low && o.high >= i.high;
    return o.kind === 'categorical' && i.kind === 'categorical' && i.values.every((v) => o.values.includes(v));
  });
}

const inBox = (limits: readonly PrimLimit[], x: readonly number[]) => limits.every((l, k) => (l.kind === 'continuous' ? x[k] >= l.low && x[k] <= l.high : l.values.includes(x[k])));

/** A 40 × 40 grid on the unit square. */
const grid = (g: number) => Array.from({ length: g * g }, (_, i) => [(Math.floor(i / g) + 0.5) / g, ((i % g) + 0.5) / g]);

describe('prim pasting', () => {
  it('takes back the face that coarse peeling overshot: cases in x0 ∈ [0.2, 0.8] (with a band of non-cases in the left half), α = 0.2', () => {
    const points = grid(40);
    const outcome = points.map(([x0, x1]) => x0 >= 0.2 && x0 <= 0.8 && !(x0 < 0.5 && x1 > 0.45 && x1 < 0.55));
    const r = prim(points, outcome, { alpha: 0.2 });
    const peeled = chosenBox(r);
    // Peeling cut the high face at 0.7125, three grid columns short of 0.8, when the box was still wide.
    expect(continuous(peeled, 0)).toMatchObject({ low: 0.4375, high: 0.7125 });
    expect(peeled).toMatchObject({ n: 480, cases: 468 });
    const pasting = r.pasting as NonNullable<typeof r.pasting>;
    expect(pasting.trajectory[0]).toEqual(peeled);
    expect(pasting.trajectory).toHaveLength(2);
    // Pasting moves it back to the last column inside [0.2, 0.8], and no further (the next column holds no case).
    expect(pasting.box.limits).toEqual([{ kind: 'continuous', low: 0.4375, high: 0.7875 }, peeled.limits[1]]);
    expect(pasting.box).toMatchObject({ n: 600, cases: 588 });
    expect(pasting.box.density).toBeGreaterThan(peeled.density);
    expect(pasting.box.coverage).toBeGreaterThan(peeled.coverage);
    expect(r.restricted).toEqual([0]);
    expect(r.pasteAlpha).toBe(0.2);
    // prim pastes exactly as paste does on the chosen box.
    expect(paste(points, outcome, peeled, { alpha: 0.2 })).toEqual(pasting);
  });

  it('with noisy outcomes and the default α, widens a low face that peeling overshot back towards the true one', () => {
    // 60 points; a case with probability 0.85 where x0 > 0.3 and x1 > 0.4, else 0.1.
    const rng = seedrandom('s3');
    const points = Array.from({ length: 60 }, () => [rng(), rng()]);
    const outcome = points.map(([x0, x1]) => rng() < (x0 > 0.3 && x1 > 0.4 ? 0.85 : 0.1));
    const r = prim(points, outcome);
    const peeled = chosenBox(r);
    const pasted = (r.pasting as PrimPasting).box;
    expect(continuous(peeled, 0).low).toBeGreaterThan(0.55);
    expect(continuous(pasted, 0).low).toBeGreaterThan(0.3);
    expect(continuous(pasted, 0).low).toBeLessThan(0.35);
    expect([peeled.cases, peeled.n, pasted.cases, pasted.n]).toEqual([15, 18, 21, 24]);
    expect(pasted.coverage).toBeGreaterThan(peeled.coverage + 0.2);
  });

  it('leaves a pure box as it is (its density cannot rise), here a box peeling found exactly', () => {
    const points = uniform(400, 3, 'prim-trajectory');
    const r = prim(points, points.map((x) => x[2] > 0.5));
    expect(chosenBox(r).density).toBe(1);
    expect(r.pasting?.trajectory).toHaveLength(1);
    expect(r.pasting?.box).toEqual(chosenBox(r));
  });

  it('breaks ties by a fixed rule: the low face before the high face, and only while the density rises', () => {
    // Box [8, 11] holds cases at 9 and 10; just outside, 7 and 12 are cases, 6 and 13 are not. One point per step (α·4 < 1).
    const points = Array.from({ length: 20 }, (_, x) => [x]);
    const outcome = points.map(([x]) => x >= 7 && x <= 12 && x !== 8 && x !== 11);
    const p = paste(points, outcome, { limits: [{ kind: 'continuous', low: 8, high: 11 }] }, { alpha: 0.25 });
    expect(p.trajectory.map((b) => b.limits[0])).toEqual([
      { kind: 'continuous', low: 8, high: 11 },
      { kind: 'continuous', low: 7, high: 11 },
      { kind: 'continuous', low: 7, high: 12 },
    ]);
    expect(p.trajectory.map((b) => [b.cases, b.n])).toEqual([
      [2, 4],
      [3, 5],
      [4, 6],
    ]);
  });

  it('adds back a whole tied level of a numeric parameter, as peeling removes one', () => {
    const points = [1, 1, 2, 2, 2, 3, 3, 3, 3].map((x) => [x]);
    const outcome = [false, false, true, true, true, true, false, true, true];
    const p = paste(points, outcome, { limits: [{ kind: 'continuous', low: 3, high: 3 }] }, { alpha: 0.05 });
    expect(p.box.limits[0]).toEqual({ kind: 'continuous', low: 2, high: 3 });
    expect(p.box).toMatchObject({ n: 7, cases: 6 });
  });

  it('takes back the dropped categorical value that raises the density most, counting only points inside the other limits', () => {
    // Ten points per value v, at x1 = 0, 0.1, …, 0.9; the box keeps v = 2 and x1 ≤ 0.5. Cases: v = 2 where x1 < 0.4
    // (4 of the 6 inside), v = 3 where x1 ≤ 0.5 (6 of 10 in all, 6 of 6 inside), v = 1 where x1 ≥ 0.3 (7 of 10 in all,
    // 3 of 6 inside), v = 0 never.
    const points = [0, 1, 2, 3].flatMap((v) => Array.from({ length: 10 }, (_, j) => [v, j / 10]));
    const outcome = points.map(([v, x1]) => (v === 2 ? x1 < 0.4 : v === 3 ? x1 <= 0.5 : v === 1 ? x1 >= 0.3 : false));
    const dimensions: PrimDimension[] = [{ kind: 'categorical' }, { kind: 'continuous' }];
    const p = paste(points, outcome, { limits: [{ kind: 'categorical', values: [2] }, { kind: 'continuous', low: 0, high: 0.5 }] }, { dimensions });
    // Taking back 3 (10 of 12) beats taking back 1 (7 of 12); after that neither 0 nor 1 raises the density, nor does
    // widening x1 (to 0.6, where no kept value has a case).
    expect(p.trajectory.map((b) => b.limits)).toEqual([
      [{ kind: 'categorical', values: [2] }, { kind: 'continuous', low: 0, high: 0.5 }],
      [{ kind: 'categorical', values: [2, 3] }, { kind: 'continuous', low: 0, high: 0.5 }],
    ]);
    expect(p.trajectory.map((b) => [b.cases, b.n])).toEqual([
      [4, 6],
      [10, 12],
    ]);
  });

  it('rejects bad input', () => {
    const box = { limits: [{ kind: 'continuous', low: 0, high: 1 }] as PrimLimit[] };
    expect(() => paste([[0]], [true, false], box)).toThrow(RangeError);
    expect(() => paste([[0]], [true], box, { alpha: 0 })).toThrow(RangeError);
    expect(() => paste([[0]], [true], box, { alpha: 1 })).toThrow(RangeError);
    expect(() => paste([[0]], [true], box, { dimensions: [{ kind: 'categorical' }] })).toThrow(RangeError);
    expect(() => paste([[0, 1]], [true], box)).toThrow(RangeError);
  });

  const dimension = fc.constantFrom<PrimDimension>({ kind: 'continuous' }, { kind: 'categorical' });
  /** Random point sets: 1–3 dimensions of either kind; continuous coordinates on a coarse grid (ties) or anywhere in [0, 1], categorical codes 0..3. */
  const pointSets = fc
    .record({ dims: fc.array(dimension, { minLength: 1, maxLength: 3 }), n: fc.integer({ min: 1, max: 60 }), coarse: fc.boolean() })
    .chain(({ dims, n, coarse }) =>
      fc.record({
        dims: fc.constant(dims),
        points: fc.array(fc.tuple(...dims.map((d) => (d.kind === 'categorical' ? fc.integer({ min: 0, max: 3 }) : coarse ? fc.integer({ min: 0, max: 5 }) : fc.double({ min: 0, max: 1, noNaN: true })))), { minLength: n, maxLength: n }),
        outcome: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        alpha: fc.double({ min: 0.01, max: 0.49, noNaN: true }),
      }),
    );

  /** What holds for any pasting from `start`: nested boxes, density rising at every step, honest counts, a fixed point at the end. */
  function checkPasting(points: readonly number[][], outcome: readonly boolean[], start: PrimBox, pasting: PrimPasting, options: { alpha: number; dimensions: readonly PrimDimension[] }): void {
    expect(pasting.trajectory[0].limits).toEqual(start.limits);
    expect(pasting.box).toBe(pasting.trajectory[pasting.trajectory.length - 1]);
    for (let i = 1; i < pasting.trajectory.length; i++) {
      const [before, after] = [pasting.trajectory[i - 1], pasting.trajectory[i]];
      expect(contains(after.limits, before.limits)).toBe(true);
      expect(after.n).toBeGreaterThan(before.n);
      expect(after.cases * before.n).toBeGreaterThan(before.cases * after.n);
    }
    for (const box of pasting.trajectory) {
      const within = points.map((x) => inBox(box.limits, x));
      expect(box.n).toBe(within.filter(Boolean).length);
      expect(box.cases).toBe(within.filter((w, i) => w && outcome[i]).length);
    }
    expect(pasting.box.density).toBeGreaterThanOrEqual(pasting.trajectory[0].density);
    expect(pasting.box.coverage).toBeGreaterThanOrEqual(pasting.trajectory[0].coverage);
    if (pasting.trajectory[0].density === 1 || pasting.trajectory[0].n === points.length) expect(pasting.trajectory).toHaveLength(1);
    expect(paste(points, outcome, pasting.box, options).trajectory).toHaveLength(1);
  }

  it('property: pasting the chosen box of prim on random point sets (mixed kinds, ties) never lowers its density and keeps it inside', () => {
    fc.assert(
      fc.property(pointSets, fc.double({ min: 0, max: 1, noNaN: true }), ({ dims, points, outcome, alpha }, minCoverage) => {
        const r = prim(points, outcome, { alpha, minCoverage, dimensions: dims });
        if (r.chosen === null) {
          expect(r.pasting).toBeNull();
          return;
        }
        const pasting = r.pasting as PrimPasting;
        expect(pasting.trajectory[0]).toEqual(r.trajectory[r.chosen]);
        checkPasting(points, outcome, r.trajectory[r.chosen], pasting, { alpha, dimensions: dims });
      }),
    );
  });

  it('property: pasting any box (limits drawn from the values of the points) does the same, and widens it when a face is worth it', () => {
    const withBox = pointSets.chain((set) =>
      fc.record({
        set: fc.constant(set),
        // Per dimension: two of the points' values as the continuous limits, or a subset of the codes.
        picks: fc.tuple(...set.dims.map(() => fc.tuple(fc.nat(), fc.nat(), fc.subarray([0, 1, 2, 3])))),
      }),
    );
    fc.assert(
      fc.property(withBox, ({ set: { dims, points, outcome, alpha }, picks }) => {
        const limits: PrimLimit[] = dims.map((d, k) => {
          const [a, b, codes] = picks[k];
          if (d.kind === 'categorical') return { kind: 'categorical', values: codes };
          const [x, y] = [points[a % points.length][k], points[b % points.length][k]];
          return { kind: 'continuous', low: Math.min(x, y), high: Math.max(x, y) };
        });
        const pasting = paste(points, outcome, { limits }, { alpha, dimensions: dims });
        checkPasting(points, outcome, { ...pasting.trajectory[0], limits }, pasting, { alpha, dimensions: dims });
      }),
    );
  });
});
