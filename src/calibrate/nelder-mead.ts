/**
 * Nelder–Mead simplex minimisation on the unit hypercube (parameters are
 * mapped there from their ranges; points are clamped to the box). Derivative
 * free, which suits an objective computed from simulations; with common random
 * numbers the objective is smooth enough for it.
 */

export interface NelderMeadOptions {
  /** Starting point in [0, 1]^d. */
  readonly start: readonly number[];
  /** Initial simplex step in unit coordinates. */
  readonly step?: number;
  readonly maxEvaluations?: number;
  /** Stop when the simplex's function values span less than this. */
  readonly fTolerance?: number;
  /** Stop when every vertex is within this of the best (unit coordinates). */
  readonly xTolerance?: number;
}

export type NelderMeadResult = {
  readonly x: number[];
  readonly value: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly reason: 'function values converged' | 'simplex converged' | 'evaluation limit';
};

const clamp = (x: number[]) => x.map((v) => Math.min(1, Math.max(0, v)));

export function nelderMead(f: (x: number[]) => number, options: NelderMeadOptions): NelderMeadResult {
  const d = options.start.length;
  const step = options.step ?? 0.25;
  const maxEvaluations = options.maxEvaluations ?? 200;
  const fTolerance = options.fTolerance ?? 1e-8;
  const xTolerance = options.xTolerance ?? 1e-4;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    return f(x);
  };
  // Initial simplex: the start and one step along each axis (backwards where forwards leaves the box).
  const simplex: { x: number[]; v: number }[] = [];
  const start = clamp([...options.start]);
  simplex.push({ x: start, v: evaluate(start) });
  for (let i = 0; i < d; i++) {
    const x = [...start];
    x[i] = x[i] + step <= 1 ? x[i] + step : x[i] - step;
    const xi = clamp(x);
    simplex.push({ x: xi, v: evaluate(xi) });
  }
  const result = (reason: NelderMeadResult['reason']): NelderMeadResult => {
    simplex.sort((a, b) => a.v - b.v);
    return { x: simplex[0].x, value: simplex[0].v, evaluations, converged: reason !== 'evaluation limit', reason };
  };
  for (;;) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0];
    const worst = simplex[d];
    if (Math.abs(worst.v - best.v) <= fTolerance) return result('function values converged');
    if (simplex.every((p) => p.x.every((v, k) => Math.abs(v - best.x[k]) <= xTolerance))) return result('simplex converged');
    if (evaluations >= maxEvaluations) return result('evaluation limit');
    const centroid = Array.from({ length: d }, (_, k) => simplex.slice(0, d).reduce((s, p) => s + p.x[k], 0) / d);
    const along = (t: number) => clamp(centroid.map((c, k) => c + t * (worst.x[k] - c)));
    const reflected = along(-1);
    const vr = evaluate(reflected);
    if (vr < best.v) {
      const expanded = along(-2);
      const ve = evaluate(expanded);
      simplex[d] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < simplex[d - 1].v) {
      simplex[d] = { x: reflected, v: vr };
    } else {
      const contracted = vr < worst.v ? along(-0.5) : along(0.5);
      const vc = evaluate(contracted);
      if (vc < Math.min(vr, worst.v)) simplex[d] = { x: contracted, v: vc };
      else {
        // Shrink towards the best vertex.
        for (let i = 1; i <= d; i++) {
          const x = clamp(simplex[i].x.map((v, k) => best.x[k] + 0.5 * (v - best.x[k])));
          simplex[i] = { x, v: evaluate(x) };
        }
      }
    }
  }
}
