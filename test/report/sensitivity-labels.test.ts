/**
 * The Morris scatter's point labels: each at its point's height unless that would overlap a label
 * above it (closer than 14 px in height and 160 px across), then moved down until it does not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelPositions } from '../../src/report/sensitivity-charts.js';

/** The plot area of the Morris chart (960 × 380 less its margins). */
const WIDTH = 960 - 70 - 230;
const HEIGHT = 380 - 30 - 46;

describe('labelPositions', () => {
  it('leaves labels that do not collide at their points', () => {
    expect(labelPositions([{ x: 1, y: 1 }, { x: 0.1, y: 0.2 }], { x: 1, y: 1 })).toEqual([1, 0.2]);
  });

  it('never lets two labels overlap, and only ever moves a label down', () => {
    const point = fc.record({ x: fc.double({ min: 0, max: 1, noNaN: true }), y: fc.double({ min: 0, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 12 }), (points) => {
        const ys = labelPositions(points, { x: 1, y: 1 });
        const px = points.map((p, k) => ({ x: p.x * WIDTH, y: HEIGHT - ys[k] * HEIGHT }));
        for (let a = 0; a < px.length; a++) {
          expect(ys[a]).toBeLessThanOrEqual(points[a].y + 1e-9);
          for (let b = a + 1; b < px.length; b++) if (Math.abs(px[a].x - px[b].x) < 160) expect(Math.abs(px[a].y - px[b].y)).toBeGreaterThanOrEqual(14 - 1e-6);
        }
      }),
    );
  });
});
