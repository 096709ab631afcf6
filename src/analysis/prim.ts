/**
 * PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999), as used
 * for scenario discovery in the EMA Workbench: find a box in parameter space
 * (a conjunction of limits on some parameters) in which the "cases of
 * interest" are dense, while the box still holds many of them.
 *
 * Peeling: from the box around all points, each step tries, for every
 * parameter, cutting off the `alpha` share of the points in the box at the
 * low end and at the high end (for a categorical parameter: dropping one of
 * its values) and keeps the cut that raises the density the most per point
 * removed (Friedman & Fisher's original objective). Peeling stops when the
 * box would hold fewer than `minMass` of all points, when the box is pure, or
 * when no cut removes anything. Every box along the way is recorded (the
 * peeling trajectory) with its coverage (share of all cases inside) and
 * density (share of the points inside that are cases).
 *
 * Pure: no randomness, no I/O. No pasting step.
 */

export type PrimDimension = { readonly kind: 'continuous' } | { readonly kind: 'categorical' };

/** A limit on one dimension: [low, high] (inclusive) for a continuous one, the kept values for a categorical one. */
export type PrimLimit = { readonly kind: 'continuous'; readonly low: number; readonly high: number } | { readonly kind: 'categorical'; readonly values: readonly number[] };

export interface PrimBox {
  /** One limit per dimension. */
  readonly limits: readonly PrimLimit[];
  /** Points inside. */
  readonly n: number;
  /** Cases of interest inside. */
  readonly cases: number;
  /** Cases inside ÷ all cases (0 when there are none). */
  readonly coverage: number;
  /** Cases inside ÷ points inside. */
  readonly density: number;
  /** Points inside ÷ all points. */
  readonly mass: number;
}

export interface PrimOptions {
  /** Share of the box's points peeled per step (default 0.05). */
  readonly alpha?: number;
  /** Stop before the box holds fewer than this share of all points (default 0.05). */
  readonly minMass?: number;
  /** The chosen box is the densest with at least this coverage (default 0.5). */
  readonly minCoverage?: number;
  /** Kind of each dimension (default: all continuous). Categorical values are numbers (codes). */
  readonly dimensions?: readonly PrimDimension[];
}

export interface PrimResult {
  /** Points and cases of interest in all. */
  readonly n: number;
  readonly cases: number;
  /** Boxes from the full box (index 0) to the last peel. */
  readonly trajectory: readonly PrimBox[];
  /** Index into `trajectory` of the chosen box, or null when there is no case of interest. */
  readonly chosen: number | null;
  /** Which dimensions the chosen box restricts (its limits are narrower than the full box's). */
  readonly restricted: readonly number[];
  readonly alpha: number;
  readonly minMass: number;
  readonly minCoverage: number;
}

/** Runs PRIM on `points` (n × d) and `outcome` (true for a case of interest). */
export function prim(points: readonly (readonly number[])[], outcome: readonly boolean[], options: PrimOptions = {}): PrimResult {
  const alpha = options.alpha ?? 0.05;
  const minMass = options.minMass ?? 0.05;
  const minCoverage = options.minCoverage ?? 0.5;
  if (points.length !== outcome.length) throw new RangeError(`prim: ${points.length} points but ${outcome.length} outcomes`);
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`prim: alpha must be in (0, 0.5), got ${alpha}`);
  const n = points.length;
  const d = n === 0 ? (options.dimensions?.length ?? 0) : points[0].length;
  const dims = options.dimensions ?? Array.from({ length: d }, () => ({ kind: 'continuous' }) as const);
  if (dims.length !== d) throw new RangeError(`prim: ${d} columns but ${dims.length} dimensions`);
  const totalCases = outcome.filter(Boolean).length;

  const boxOf = (limits: PrimLimit[], inside: number[]): PrimBox => {
    const cases = inside.filter((i) => outcome[i]).length;
    return { limits, n: inside.length, cases, coverage: totalCases === 0 ? 0 : cases / totalCases, density: inside.length === 0 ? 0 : cases / inside.length, mass: n === 0 ? 0 : inside.length / n };
  };

  let inside = Array.from({ length: n }, (_, i) => i);
  let limits: PrimLimit[] = dims.map((dim, k) => {
    const column = inside.map((i) => points[i][k]);
    return dim.kind === 'categorical' ? { kind: 'categorical', values: [...new Set(column)].sort((a, b) => a - b) } : { kind: 'continuous', low: Math.min(...column), high: Math.max(...column) };
  });
  const full = limits;
  const trajectory: PrimBox[] = [boxOf(limits, inside)];

  while (totalCases > 0) {
    const current = trajectory[trajectory.length - 1];
    if (current.density >= 1) break;
    let best: { objective: number; limits: PrimLimit[]; inside: number[] } | undefined;
    for (let k = 0; k < d; k++) {
      for (const candidate of peels(points, inside, k, limits[k], alpha)) {
        const kept = candidate.inside;
        if (kept.length === 0 || kept.length === inside.length || kept.length < minMass * n) continue;
        const density = kept.filter((i) => outcome[i]).length / kept.length;
        const objective = (density - current.density) / (inside.length - kept.length);
        if (best === undefined || objective > best.objective) best = { objective, limits: limits.map((l, j) => (j === k ? candidate.limit : l)), inside: kept };
      }
    }
    if (best === undefined) break;
    limits = best.limits;
    inside = best.inside;
    trajectory.push(boxOf(limits, inside));
  }

  const chosen = totalCases === 0 ? null : chooseBox(trajectory, minCoverage);
  const restricted = chosen === null ? [] : dims.map((_, k) => k).filter((k) => narrower(trajectory[chosen].limits[k], full[k]));
  return { n, cases: totalCases, trajectory, chosen, restricted, alpha, minMass, minCoverage };
}

/**
 * The selection rule: the box with the highest density among those with coverage ≥ `minCoverage`
 * (ties: the one with more coverage, i.e. the earlier one). The full box always qualifies.
 */
export function chooseBox(trajectory: readonly PrimBox[], minCoverage: number): number {
  let chosen = 0;
  trajectory.forEach((box, i) => {
    if (box.coverage >= minCoverage && (box.density > trajectory[chosen].density || (box.density === trajectory[chosen].density && box.coverage > trajectory[chosen].coverage))) chosen = i;
  });
  return chosen;
}

/** The candidate cuts on dimension k: low and high ends of a continuous one, each value of a categorical one. */
function peels(points: readonly (readonly number[])[], inside: readonly number[], k: number, limit: PrimLimit, alpha: number): { limit: PrimLimit; inside: number[] }[] {
  if (limit.kind === 'categorical') {
    if (limit.values.length < 2) return [];
    return limit.values.map((drop) => ({ limit: { kind: 'categorical', values: limit.values.filter((v) => v !== drop) }, inside: inside.filter((i) => points[i][k] !== drop) }));
  }
  const sorted = inside.map((i) => points[i][k]).sort((a, b) => a - b);
  const m = sorted.length;
  const cut = Math.max(1, Math.floor(alpha * m));
  if (cut >= m) return [];
  // Keep x ≥ the (cut+1)-th smallest: `cut` points go (fewer if tied). When ties at the end would leave
  // nothing to remove (a parameter with few levels), the whole end level goes instead.
  const low = sorted[cut] > sorted[0] ? sorted[cut] : (sorted.find((x) => x > sorted[0]) ?? sorted[0]);
  const high = sorted[m - 1 - cut] < sorted[m - 1] ? sorted[m - 1 - cut] : (sorted.findLast((x) => x < sorted[m - 1]) ?? sorted[m - 1]);
  const out: { limit: PrimLimit; inside: number[] }[] = [];
  if (low > sorted[0]) out.push({ limit: { kind: 'continuous', low, high: limit.high }, inside: inside.filter((i) => points[i][k] >= low) });
  if (high < sorted[m - 1]) out.push({ limit: { kind: 'continuous', low: limit.low, high }, inside: inside.filter((i) => points[i][k] <= high) });
  return out;
}

function narrower(limit: PrimLimit, full: PrimLimit): boolean {
  if (limit.kind === 'categorical' || full.kind === 'categorical') return limit.kind === 'categorical' && full.kind === 'categorical' && limit.values.length < full.values.length;
  return limit.low > full.low || limit.high < full.high;
}
