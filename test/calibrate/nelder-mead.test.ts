/** Nelder–Mead on the unit box: known minima, the box respected, the evaluation limit honoured. */
import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../src/calibrate/nelder-mead.js';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic inside the box', () => {
    const r = nelderMead((x) => (x[0] - 0.3) ** 2 + 2 * (x[1] - 0.7) ** 2, { start: [0.5, 0.5], xTolerance: 1e-6, fTolerance: 1e-12 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(0.3, 4);
    expect(r.x[1]).toBeCloseTo(0.7, 4);
  });

  it('finds the Rosenbrock valley floor (scaled into the box)', () => {
    const rosen = (x: number[]) => {
      const a = 4 * x[0] - 2;
      const b = 4 * x[1] - 2;
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const r = nelderMead(rosen, { start: [0.2, 0.2], maxEvaluations: 2000, xTolerance: 1e-8, fTolerance: 1e-14 });
    // minimum at a = b = 1, i.e. x = 0.75
    expect(r.x[0]).toBeCloseTo(0.75, 2);
    expect(r.x[1]).toBeCloseTo(0.75, 2);
  });

  it('stays in the box when the unconstrained minimum is outside, and stops at the evaluation limit', () => {
    const r = nelderMead((x) => (x[0] - 2) ** 2, { start: [0.5], fTolerance: 1e-12, xTolerance: 1e-9 });
    expect(r.x[0]).toBeLessThanOrEqual(1);
    expect(r.x[0]).toBeCloseTo(1, 3);
    const limited = nelderMead((x) => Math.sin(40 * x[0]) + x[1], { start: [0.1, 0.9], maxEvaluations: 7 });
    expect(limited.evaluations).toBeLessThanOrEqual(9); // the limit is checked between iterations
    expect(limited.reason).toBe('evaluation limit');
    expect(limited.converged).toBe(false);
  });
});
