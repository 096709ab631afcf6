/**
 * The full factorial grid: every combination of every dimension's levels.
 *
 * A dimension with k ≥ 2 levels takes k evenly spaced values from 0 to 1
 * inclusive (0, 1/(k−1), …, 1), because a user who asks for "5 values of x
 * over LO:HI" expects LO and HI themselves to be run; a dimension with one level
 * sits at the centre, 0.5. (So this design, unlike the others, touches the upper
 * face u = 1; `scaleToRanges` maps it to HI, or to the last discrete value.)
 *
 * Order: the first dimension varies slowest and the last fastest, as nested
 * loops (and Python's itertools.product) would.
 */

/** The unit-interval values of one dimension with k levels. */
export function gridLevels(k: number): number[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`gridDesign: levels must be positive integers, got ${k}`);
  if (k === 1) return [0.5];
  return Array.from({ length: k }, (_, j) => j / (k - 1));
}

/** All ∏ levels[i] points of the grid, first dimension slowest. */
export function gridDesign(levels: readonly number[]): number[][] {
  const axes = levels.map(gridLevels);
  let points: number[][] = [[]];
  for (const axis of axes) {
    const next: number[][] = [];
    for (const prefix of points) for (const value of axis) next.push([...prefix, value]);
    points = next;
  }
  return levels.length === 0 ? [] : points;
}
