/** The Ishigami function and its closed-form indices (the values SALib's tests use). */
import { describe, expect, it } from 'vitest';
import { ishigami, ishigamiIndices, ishigamiUnit } from '../../../src/analysis/sensitivity/ishigami.js';

describe('ishigami', () => {
  it('evaluates sin x1 + 7 sin² x2 + 0.1 x3⁴ sin x1', () => {
    expect(ishigami([0, 0, 0])).toBe(0);
    expect(ishigami([Math.PI / 2, Math.PI / 2, 2])).toBeCloseTo(1 + 7 + 1.6, 12);
    expect(ishigamiUnit([0.75, 0.75, 1])).toBeCloseTo(ishigami([Math.PI / 2, Math.PI / 2, Math.PI]), 12);
  });

  it('has the published indices S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437) and variance 13.8446', () => {
    const { first, total, variance } = ishigamiIndices();
    [0.3139, 0.4424, 0].forEach((s, i) => expect(first[i]).toBeCloseTo(s, 4));
    [0.5576, 0.4424, 0.2437].forEach((s, i) => expect(total[i]).toBeCloseTo(s, 4));
    expect(variance).toBeCloseTo(13.8446, 4);
  });
});
