/** Nelder–Mead on the unit box: known minima, the box respected, the evaluation limit honoured exactly. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../../src/studies/calibrate/nelder-mead.js';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic inside the box', async () => {
    const r = await nelderMead((x) => (x[0] - 0.3) ** 2 + 2 * (x[1] - 0.7) ** 2, { start: [0.5, 0.5], xTolerance: 1e-6, fTolerance: 1e-12 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(0.3, 4);
    expect(r.x[1]).toBeCloseTo(0.7, 4);
  });

  it('finds the Rosenbrock valley floor (scaled into the box)', async () => {
    const rosen = (x: number[]) => {
      const a = 4 * x[0] - 2;
      const b = 4 * x[1] - 2;
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const r = await nelderMead(rosen, { start: [0.2, 0.2], maxEvaluations: 2000, xTolerance: 1e-8, fTolerance: 1e-14 });
    // minimum at a = b = 1, i.e. x = 0.75
    expect(r.x[0]).toBeCloseTo(0.75, 2);
    expect(r.x[1]).toBeCloseTo(0.75, 2);
  });

  it('stays in the box when the unconstrained minimum is outside, and stops exactly at the evaluation limit', async () => {
    const r = await nelderMead((x) => (x[0] - 2) ** 2, { start: [0.5], fTolerance: 1e-12, xTolerance: 1e-9 });
    expect(r.x[0]).toBeLessThanOrEqual(1);
    expect(r.x[0]).toBeCloseTo(1, 3);
    let calls = 0;
    const limited = await nelderMead(
      (x) => {
        calls++;
        return Math.sin(40 * x[0]) + x[1];
      },
      { start: [0.1, 0.9], maxEvaluations: 7 },
    );
    expect(limited.evaluations).toBe(7);
    expect(calls).toBe(7);
    expect(limited.reason).toBe('evaluation limit');
    expect(limited.converged).toBe(false);
  });

  it('awaits an asynchronous objective', async () => {
    const r = await nelderMead(async (x) => {
      await new Promise((resolve) => setImmediate(resolve));
      return (x[0] - 0.25) ** 2;
    }, { start: [0.8], xTolerance: 1e-6, fTolerance: 1e-12 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(0.25, 4);
  });

  it('never calls the objective more than maxEvaluations times, and answers with the best point it evaluated', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 40 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), async (d, max, centre) => {
        const seen: { x: number[]; v: number }[] = [];
        const r = await nelderMead(
          (x) => {
            const v = x.reduce((s, xi, k) => s + Math.abs(xi - centre[k]) + 0.1 * Math.cos(30 * xi), 0);
            seen.push({ x, v });
            return v;
          },
          { start: Array.from({ length: d }, () => 0.5), maxEvaluations: max, fTolerance: 0, xTolerance: 0 },
        );
        expect(seen.length).toBe(r.evaluations);
        expect(r.evaluations).toBeLessThanOrEqual(max);
        const best = Math.min(...seen.map((s) => s.v));
        expect(r.value).toBe(best);
        // The very array the objective was given, so a caller can look up what it computed there.
        expect(seen.some((s) => s.x === r.x && s.v === r.value)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('runs exactly the cap when it does not converge first, for every cap 1..30 (start simplex and shrink steps count)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 4 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), async (cap, d, start) => {
        let calls = 0;
        // A rugged objective that never lets the simplex settle within the cap (tolerances 0), so
        // shrink steps happen: each must count against the cap like any other evaluation.
        const r = await nelderMead(
          (x) => {
            calls++;
            return x.reduce((s, xi, k) => s + Math.sin(37 * xi + k) + 0.5 * Math.abs(xi - 0.3), 0);
          },
          { start: Array.from({ length: d }, () => start), maxEvaluations: cap, fTolerance: 0, xTolerance: 0 },
        );
        expect(calls).toBe(r.evaluations);
        expect(r.evaluations).toBe(cap);
        expect(r.reason).toBe('evaluation limit');
      }),
      { numRuns: 300 },
    );
  });
});
