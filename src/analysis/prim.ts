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
 * density (share of the points inside that are cases); `chooseBox` picks one.
 *
 * Pasting (`paste`): peeling is greedy and its early cuts, made on big boxes,
 * are coarse, so it can cut off too much. From the chosen box, each step tries
 * widening one face: a continuous parameter's low (high) limit moves down (up)
 * to take in the nearest points just outside that face (within the box's
 * limits on every other parameter), `alpha` times as many as the box holds; a
 * categorical parameter takes back one value it had dropped. The widening
 * that gives the highest density is kept if it raises the density; pasting
 * stops when none does. The peeling trajectory is left as it is; the pasting
 * steps are recorded apart.
 *
 * Ties are broken by a fixed rule, so the result is a function of the input
 * alone: see `paste`. Pure: no randomness, no I/O.
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
  /** Share of the box's points added back per pasting step (default: `alpha`). */
  readonly pasteAlpha?: number;
}

export interface PasteOptions {
  /** Share of the box's points added back per step (default 0.05). */
  readonly alpha?: number;
  /** Kind of each dimension, as for `prim` (default: the kinds of the box's limits). */
  readonly dimensions?: readonly PrimDimension[];
}

export interface PrimPasting {
  /** The box pasting started from (index 0), then the box after each widening kept. */
  readonly trajectory: readonly PrimBox[];
  /** The last box of the trajectory; the starting box itself when no widening raised the density. */
  readonly box: PrimBox;
}

export interface PrimResult {
  /** Points and cases of interest in all. */
  readonly n: number;
  readonly cases: number;
  /** Boxes from the full box (index 0) to the last peel. */
  readonly trajectory: readonly PrimBox[];
  /** Index into `trajectory` of the chosen box, or null when there is no case of interest. */
  readonly chosen: number | null;
  /** Pasting from the chosen box (`paste`); null when there is no chosen box. Its `box` is the one to report. */
  readonly pasting: PrimPasting | null;
  /** Which dimensions the reported (pasted) box restricts (its limits are narrower than the full box's). */
  readonly restricted: readonly number[];
  readonly alpha: number;
  readonly pasteAlpha: number;
  readonly minMass: number;
  readonly minCoverage: number;
}

/** Runs PRIM on `points` (n × d) and `outcome` (true for a case of interest). */
export function prim(points: readonly (readonly number[])[], outcome: readonly boolean[], options: PrimOptions = {}): PrimResult {
  const alpha = options.alpha ?? 0.05;
  const minMass = options.minMass ?? 0.05;
  const minCoverage = options.minCoverage ?? 0.5;
  const pasteAlpha = options.pasteAlpha ?? alpha;
  if (points.length !== outcome.length) throw new RangeError(`prim: ${points.length} points but ${outcome.length} outcomes`);
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`prim: alpha must be in (0, 0.5), got ${alpha}`);
  if (!(pasteAlpha > 0 && pasteAlpha < 1)) throw new RangeError(`prim: pasteAlpha must be in (0, 1), got ${pasteAlpha}`);
  const n = points.length;
  const d = n === 0 ? (options.dimensions?.length ?? 0) : points[0].length;
  const dims = options.dimensions ?? Array.from({ length: d }, () => ({ kind: 'continuous' }) as const);
  if (dims.length !== d) throw new RangeError(`prim: ${d} columns but ${dims.length} dimensions`);
  const totalCases = outcome.filter(Boolean).length;
  const boxOf = (limits: PrimLimit[], inside: number[]): PrimBox => measure(limits, inside, outcome, totalCases);

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
  const pasting = chosen === null ? null : paste(points, outcome, trajectory[chosen], { alpha: pasteAlpha, dimensions: dims });
  const restricted = pasting === null ? [] : dims.map((_, k) => k).filter((k) => narrower(pasting.box.limits[k], full[k]));
  return { n, cases: totalCases, trajectory, chosen, pasting, restricted, alpha, pasteAlpha, minMass, minCoverage };
}

/**
 * Friedman & Fisher's pasting, from `box` (its `limits` are what count; its counts are recomputed).
 * Each step tries every widening by one face: for a continuous dimension, the low limit moves down to
 * the `max(1, ⌊alpha·n⌋)`-th nearest value below it among the points outside the box only on that
 * dimension (n: points in the box; points tied with that value come in too), and likewise the high
 * limit up; for a categorical dimension, each value of the data the box leaves out is added back
 * (one candidate each). The candidate with the highest density is kept if its density is higher
 * than the box's; ties go to the candidate with more cases, then to the first in a fixed order
 * (dimensions in order; within one, the low face before the high face, categorical values
 * ascending). Densities are compared exactly (cases·n cross-products). Every kept step adds at
 * least one point, so pasting ends.
 */
export function paste(points: readonly (readonly number[])[], outcome: readonly boolean[], box: Pick<PrimBox, 'limits'>, options: PasteOptions = {}): PrimPasting {
  const alpha = options.alpha ?? 0.05;
  if (points.length !== outcome.length) throw new RangeError(`paste: ${points.length} points but ${outcome.length} outcomes`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`paste: alpha must be in (0, 1), got ${alpha}`);
  const d = box.limits.length;
  const dims = options.dimensions ?? box.limits.map((l) => ({ kind: l.kind }) as const);
  if (dims.length !== d || dims.some((dim, k) => dim.kind !== box.limits[k].kind)) throw new RangeError('paste: the dimensions do not match the box\'s limits');
  if (points.some((x) => x.length !== d)) throw new RangeError(`paste: every point needs ${d} coordinates`);
  const totalCases = outcome.filter(Boolean).length;
  // Every value of each categorical dimension, ascending: the ones a box can take back.
  const levels = dims.map((dim, k) => (dim.kind === 'categorical' ? [...new Set(points.map((x) => x[k]))].sort((a, b) => a - b) : []));

  let limits = [...box.limits];
  let inside = points.map((_, i) => i).filter((i) => limits.every((l, k) => within(l, points[i][k])));
  const trajectory: PrimBox[] = [measure(limits, inside, outcome, totalCases)];
  for (;;) {
    const current = trajectory[trajectory.length - 1];
    // The points outside the box on exactly one dimension, by that dimension: the candidates to add back.
    const outsideOn: number[][] = Array.from({ length: d }, () => []);
    for (let i = 0; i < points.length; i++) {
      const off = limits.flatMap((l, k) => (within(l, points[i][k]) ? [] : [k]));
      if (off.length === 1) outsideOn[off[0]].push(i);
    }
    let best: { limits: PrimLimit[]; added: number[]; cases: number; n: number } | undefined;
    for (let k = 0; k < d; k++) {
      for (const { limit, added } of widenings(points, outsideOn[k], k, limits[k], levels[k], Math.max(1, Math.floor(alpha * current.n)))) {
        const cases = current.cases + added.filter((i) => outcome[i]).length;
        const n = current.n + added.length;
        if (best === undefined || cases * best.n > best.cases * n || (cases * best.n === best.cases * n && cases > best.cases)) best = { limits: limits.map((l, j) => (j === k ? limit : l)), added, cases, n };
      }
    }
    if (best === undefined || best.cases * current.n <= current.cases * best.n) break;
    limits = best.limits;
    inside = [...inside, ...best.added].sort((a, b) => a - b);
    trajectory.push(measure(limits, inside, outcome, totalCases));
  }
  return { trajectory, box: trajectory[trajectory.length - 1] };
}

/** The candidate widenings of one face of dimension k, given the points outside the box on k alone. */
function widenings(points: readonly (readonly number[])[], outside: readonly number[], k: number, limit: PrimLimit, levels: readonly number[], add: number): { limit: PrimLimit; added: number[] }[] {
  if (limit.kind === 'categorical') {
    return levels
      .filter((v) => !limit.values.includes(v))
      .map((v) => ({ limit: { kind: 'categorical' as const, values: [...limit.values, v].sort((a, b) => a - b) }, added: outside.filter((i) => points[i][k] === v) }))
      .filter((c) => c.added.length > 0);
  }
  const out: { limit: PrimLimit; added: number[] }[] = [];
  const below = outside.map((i) => points[i][k]).filter((x) => x < limit.low).sort((a, b) => b - a);
  if (below.length > 0) {
    const low = below[Math.min(add, below.length) - 1];
    out.push({ limit: { kind: 'continuous', low, high: limit.high }, added: outside.filter((i) => points[i][k] >= low && points[i][k] < limit.low) });
  }
  const above = outside.map((i) => points[i][k]).filter((x) => x > limit.high).sort((a, b) => a - b);
  if (above.length > 0) {
    const high = above[Math.min(add, above.length) - 1];
    out.push({ limit: { kind: 'continuous', low: limit.low, high }, added: outside.filter((i) => points[i][k] <= high && points[i][k] > limit.high) });
  }
  return out;
}

function within(limit: PrimLimit, x: number): boolean {
  return limit.kind === 'continuous' ? x >= limit.low && x <= limit.high : limit.values.includes(x);
}

function measure(limits: readonly PrimLimit[], inside: readonly number[], outcome: readonly boolean[], totalCases: number): PrimBox {
  const cases = inside.filter((i) => outcome[i]).length;
  const n = outcome.length;
  return { limits, n: inside.length, cases, coverage: totalCases === 0 ? 0 : cases / totalCases, density: inside.length === 0 ? 0 : cases / inside.length, mass: n === 0 ? 0 : inside.length / n };
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
