/**
 * From the unit hypercube to parameter values: each coordinate u ∈ [0, 1] of a
 * design point becomes a value of its parameter's range.
 *
 * - continuous: low + u·(high − low); with `log`, low·(high/low)^u (geometric
 *   interpolation, so that each decade gets the same share of the points; needs
 *   0 < low). u = 1 gives high exactly.
 * - discrete: values[⌊u·k⌋] for k values, capped at k − 1 so that u = 1 (a grid
 *   end point) is the last value; each value gets an equal share of [0, 1).
 */

export type ParameterRange =
  | { readonly kind: 'continuous'; readonly low: number; readonly high: number; readonly log?: boolean }
  | { readonly kind: 'discrete'; readonly values: readonly (number | string)[] };

/** One coordinate on its range. */
export function scaleToRange(u: number, range: ParameterRange): number | string {
  if (!(u >= 0 && u <= 1)) throw new RangeError(`scaleToRange: coordinate must be in [0, 1], got ${u}`);
  if (range.kind === 'discrete') {
    const k = range.values.length;
    if (k === 0) throw new RangeError('scaleToRange: a discrete range needs at least one value');
    return range.values[Math.min(Math.floor(u * k), k - 1)];
  }
  const { low, high } = range;
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw new RangeError(`scaleToRange: bounds must be finite, got ${low}, ${high}`);
  if (u === 1) return high;
  if (range.log) {
    if (!(low > 0 && high > 0)) throw new RangeError(`scaleToRange: a log range needs 0 < low and 0 < high, got ${low}, ${high}`);
    return low * (high / low) ** u;
  }
  return low + u * (high - low);
}

/** A design point on its parameters' ranges, coordinate by coordinate. */
export function scaleToRanges(point: readonly number[], ranges: readonly ParameterRange[]): (number | string)[] {
  if (point.length !== ranges.length) throw new RangeError(`scaleToRanges: point has ${point.length} coordinates for ${ranges.length} ranges`);
  return point.map((u, i) => scaleToRange(u, ranges[i]));
}
