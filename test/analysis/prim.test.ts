/** PRIM scenario discovery on constructed data where the true box is known. */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { chooseBox, prim, type PrimBox } from '../../src/analysis/prim.js';

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
