/** The full factorial grid: end points included, first dimension slowest. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gridDesign, gridLevels } from '../../../src/analysis/design/grid.js';

describe('gridDesign', () => {
  it('runs k evenly spaced values from 0 to 1 inclusive, one level at the centre', () => {
    expect(gridLevels(1)).toEqual([0.5]);
    expect(gridLevels(2)).toEqual([0, 1]);
    expect(gridLevels(5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('enumerates every combination, first dimension slowest', () => {
    expect(gridDesign([2, 3])).toEqual([
      [0, 0],
      [0, 0.5],
      [0, 1],
      [1, 0],
      [1, 0.5],
      [1, 1],
    ]);
    expect(gridDesign([1, 2])).toEqual([
      [0.5, 0],
      [0.5, 1],
    ]);
    expect(gridDesign([])).toEqual([]);
  });

  it('has ∏ levels distinct points, each dimension taking each of its levels equally often (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), (levels) => {
        const points = gridDesign(levels);
        const total = levels.reduce((a, b) => a * b, 1);
        expect(points).toHaveLength(total);
        expect(new Set(points.map((p) => p.join(','))).size).toBe(total);
        levels.forEach((k, j) => {
          for (const value of gridLevels(k)) expect(points.filter((p) => p[j] === value)).toHaveLength(total / k);
        });
      }),
    );
  });

  it('rejects levels that are not positive integers', () => {
    expect(() => gridDesign([3, 0])).toThrow(RangeError);
    expect(() => gridDesign([2.5])).toThrow(RangeError);
  });
});
