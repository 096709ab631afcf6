/**
 * Nelder–Mead simplex minimisation on the unit hypercube (parameters are
 * mapped there from their ranges; points are clamped to the box). Derivative
 * free, which suits an objective computed from simulations; with common random
 * numbers the objective is smooth enough for it.
 *
 * The objective may be asynchronous (a simulation on worker threads), and is
 * called at most `maxEvaluations` times: when the budget runs out in the
 * middle of an iteration the search stops there. The answer is the best point
 * evaluated, so its value needs no further evaluation.
 */

export interface NelderMeadOptions {
  /** Starting point in [0, 1]^d. */
  readonly start: readonly number[];
  /** Initial simplex step in unit coordinates. */
  readonly step?: number;
  /** The objective is called at most this many times (default 200). */
  readonly maxEvaluations?: number;
  /** Stop when the simplex's function values span less than this. */
  readonly fTolerance?: number;
  /** Stop when every vertex is within this of the best (unit coordinates). */
  readonly xTolerance?: number;
}

export type NelderMeadResult = {
  /** The best point evaluated (one of the arrays passed to the objective). */
  readonly x: number[];
  readonly value: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly reason: 'function values converged' | 'simplex converged' | 'evaluation limit';
};

const clamp = (x: number[]) => x.map((v) => Math.min(1, Math.max(0, v)));

export async function nelderMead(f: (x: number[]) => number | Promise<number>, options: NelderMeadOptions): Promise<NelderMeadResult> {
  const d = options.start.length;
  const step = options.step ?? 0.25;
  const maxEvaluations = options.maxEvaluations ?? 200;
  const fTolerance = options.fTolerance ?? 1e-8;
  const xTolerance = options.xTolerance ?? 1e-4;
  if (!(maxEvaluations >= 1)) throw new RangeError(`nelderMead: maxEvaluations must be at least 1, got ${maxEvaluations}`);
  let evaluations = 0;
  let best: { x: number[]; v: number } | undefined;
  const evaluate = async (x: number[]) => {
    if (evaluations >= maxEvaluations) throw OUT_OF_EVALUATIONS;
    evaluations++;
    const v = await f(x);
    // NaN never wins, and loses to anything.
    if (best === undefined || v < best.v || (Number.isNaN(best.v) && !Number.isNaN(v))) best = { x, v };
    return v;
  };
  const result = (reason: NelderMeadResult['reason']): NelderMeadResult => ({ x: best!.x, value: best!.v, evaluations, converged: reason !== 'evaluation limit', reason });
  const simplex: { x: number[]; v: number }[] = [];
  try {
    // Initial simplex: the start and one step along each axis (backwards where forwards leaves the box).
    const start = clamp([...options.start]);
    simplex.push({ x: start, v: await evaluate(start) });
    for (let i = 0; i < d; i++) {
      const x = [...start];
      x[i] = x[i] + step <= 1 ? x[i] + step : x[i] - step;
      const xi = clamp(x);
      simplex.push({ x: xi, v: await evaluate(xi) });
    }
    for (;;) {
      simplex.sort((a, b) => a.v - b.v);
      const first = simplex[0];
      const worst = simplex[d];
      if (Math.abs(worst.v - first.v) <= fTolerance) return result('function values converged');
      if (simplex.every((p) => p.x.every((v, k) => Math.abs(v - first.x[k]) <= xTolerance))) return result('simplex converged');
      const centroid = Array.from({ length: d }, (_, k) => simplex.slice(0, d).reduce((s, p) => s + p.x[k], 0) / d);
      const along = (t: number) => clamp(centroid.map((c, k) => c + t * (worst.x[k] - c)));
      const reflected = along(-1);
      const vr = await evaluate(reflected);
      if (vr < first.v) {
        const expanded = along(-2);
        const ve = await evaluate(expanded);
        simplex[d] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
      } else if (vr < simplex[d - 1].v) {
        simplex[d] = { x: reflected, v: vr };
      } else {
        const contracted = vr < worst.v ? along(-0.5) : along(0.5);
        const vc = await evaluate(contracted);
        if (vc < Math.min(vr, worst.v)) simplex[d] = { x: contracted, v: vc };
        else {
          // Shrink towards the best vertex.
          for (let i = 1; i <= d; i++) {
            const x = clamp(simplex[i].x.map((v, k) => first.x[k] + 0.5 * (v - first.x[k])));
            simplex[i] = { x, v: await evaluate(x) };
          }
        }
      }
    }
  } catch (error) {
    if (error === OUT_OF_EVALUATIONS && best !== undefined) return result('evaluation limit');
    throw error;
  }
}

/** Thrown by the evaluation that would exceed the budget; caught above. */
const OUT_OF_EVALUATIONS = Symbol('out of evaluations');
