import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/analysis/normal.js';
import { streamRng } from '../../src/random/seed-tree.js';

describe('ziggurat normal draws', () => {
  it('have mean 0, variance 1 and the normal distribution function (Kolmogorov–Smirnov, 200,000 draws)', () => {
    const rng = streamRng('ziggurat-test', 0, 'initial');
    const n = 200_000;
    const xs = new Float64Array(n);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      xs[i] = rng.normal();
      sum += xs[i];
      squares += xs[i] * xs[i];
    }
    expect(Math.abs(sum / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.015);
    xs.sort();
    let d = 0;
    for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(normalCdf(xs[i]) - (i + 0.5) / n));
    // The 1% critical value of the KS statistic is 1.63 / √n.
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
    // The tails beyond the ziggurat's base layer (|z| > 3.44) are drawn too.
    expect(xs[0]).toBeLessThan(-3.4);
    expect(xs[n - 1]).toBeGreaterThan(3.4);
  });
});
