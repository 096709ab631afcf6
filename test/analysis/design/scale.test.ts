/** From unit-cube coordinates to parameter values. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaleToRange, scaleToRanges, type ParameterRange } from '../../../src/analysis/design/scale.js';

describe('scaleToRanges', () => {
  it('interpolates continuous ranges linearly, or geometrically with log', () => {
    const ranges: ParameterRange[] = [
      { kind: 'continuous', low: 10, high: 20 },
      { kind: 'continuous', low: 1, high: 1000, log: true },
    ];
    expect(scaleToRanges([0, 0], ranges)).toEqual([10, 1]);
    expect(scaleToRanges([1, 1], ranges)).toEqual([20, 1000]);
    const [x, y] = scaleToRanges([0.25, 1 / 3], ranges) as number[];
    expect(x).toBe(12.5);
    expect(y).toBeCloseTo(10, 12); // 1 · 1000^(1/3)
    expect(scaleToRange(0.5, { kind: 'continuous', low: 0.01, high: 1, log: true })).toBeCloseTo(0.1, 14);
  });

  it('picks discrete values by ⌊u·k⌋, the last one for u = 1', () => {
    const range: ParameterRange = { kind: 'discrete', values: ['low', 'mid', 'high'] };
    expect([0, 0.33, 1 / 3, 0.5, 0.99, 1].map((u) => scaleToRange(u, range))).toEqual(['low', 'low', 'mid', 'mid', 'high', 'high']);
    expect(scaleToRange(0.7, { kind: 'discrete', values: [2, 4] })).toBe(4);
  });

  it('maps a grid’s end points to the ends of the range, and gives each discrete value an equal share (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 10 }), (values) => {
        const k = values.length;
        const range: ParameterRange = { kind: 'discrete', values };
        for (let j = 0; j < k; j++) expect(scaleToRange((j + 0.5) / k, range)).toBe(values[j]);
        expect(scaleToRange(1, range)).toBe(values[k - 1]);
      }),
    );
  });

  it('keeps continuous values within [low, high] and monotone in u (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b, log, u, w) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const range: ParameterRange = { kind: 'continuous', low, high, log };
        const x = scaleToRange(u, range) as number;
        expect(x).toBeGreaterThanOrEqual(low * (1 - 1e-12));
        expect(x).toBeLessThanOrEqual(high * (1 + 1e-12));
        const [lo, hi] = u <= w ? [u, w] : [w, u];
        expect(scaleToRange(lo, range) as number).toBeLessThanOrEqual((scaleToRange(hi, range) as number) * (1 + 1e-12));
      }),
    );
  });

  it('rejects log ranges that reach zero, coordinates outside [0, 1], and mismatched lengths', () => {
    expect(() => scaleToRange(0.5, { kind: 'continuous', low: 0, high: 1, log: true })).toThrow(RangeError);
    expect(() => scaleToRange(1.5, { kind: 'continuous', low: 0, high: 1 })).toThrow(RangeError);
    expect(() => scaleToRange(Number.NaN, { kind: 'continuous', low: 0, high: 1 })).toThrow(RangeError);
    expect(() => scaleToRange(0.5, { kind: 'discrete', values: [] })).toThrow(RangeError);
    expect(() => scaleToRanges([0.5], [])).toThrow(RangeError);
  });
});
