/**
 * The Sobol' low-discrepancy sequence (Sobol' 1967; Bratley & Fox 1988 Gray-code
 * construction; Joe & Kuo 2008 direction numbers), unscrambled.
 *
 * Why a quasi-random sequence rather than random points: for the same number
 * of model runs, integrals (means, variances, Sobol' indices) converge at close
 * to 1/N instead of 1/√N, and every power-of-two prefix is perfectly balanced:
 * each dyadic interval [j/2^k, (j+1)/2^k) of every dimension holds exactly
 * n/2^k of the first n = 2^m points. Use n a power of two and skip 0 (the
 * default) to keep that balance; skipping points breaks it (Owen 2020).
 *
 * Point i is x_i = ⊕_k g_k v_k / 2^32, with g the bits of i's Gray code i ⊕ ⌊i/2⌋:
 * consecutive Gray codes differ in one bit, so each point is the previous one
 * XOR one direction number. Dimension 1 is the van der Corput sequence in Gray
 * order (0, ½, ¾, ¼, ⅜, ⅞, …), the same points SciPy's `qmc.Sobol(scramble=False)`
 * gives.
 */
import { JOE_KUO_2008 } from './joe-kuo.js';

/** Bits of precision: 32, so that coordinates are multiples of 2^−32 and exact in a double. */
const BITS = 32;
const SCALE = 2 ** -BITS;

/** The number of dimensions with direction numbers (van der Corput plus the Joe–Kuo table). */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO_2008.length + 1;

/** Indices beyond 2^30 would need more care with JavaScript's 32-bit integer operators; no study needs them. */
export const SOBOL_MAX_POINTS = 2 ** 30;

export interface SobolOptions {
  /** Points to drop from the start (default 0, which keeps the power-of-two balance). */
  readonly skip?: number;
}

/** The direction numbers v_1 … v_32 of one dimension (0-based), as 32-bit integers. */
export function directionNumbers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dimension === 0) {
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    return v;
  }
  const [a, ...m] = JOE_KUO_2008[dimension - 1];
  const s = m.length;
  for (let k = 0; k < Math.min(s, BITS); k++) v[k] = (m[k] * 2 ** (BITS - 1 - k)) >>> 0;
  for (let k = s; k < BITS; k++) {
    // v_k = a_1 v_{k−1} ⊕ … ⊕ a_{s−1} v_{k−s+1} ⊕ v_{k−s} ⊕ (v_{k−s} ≫ s)
    let value = v[k - s] ^ (v[k - s] >>> s);
    for (let j = 1; j < s; j++) if ((a >>> (s - 1 - j)) & 1) value ^= v[k - j];
    v[k] = value >>> 0;
  }
  return v;
}

/** The first n points (after `skip`) of the d-dimensional Sobol' sequence, each in [0, 1)^d. */
export function sobolSequence(n: number, d: number, options: SobolOptions = {}): number[][] {
  const skip = options.skip ?? 0;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sobolSequence: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(d) || d < 1 || d > SOBOL_MAX_DIMENSIONS) {
    throw new RangeError(`sobolSequence: d must be an integer from 1 to ${SOBOL_MAX_DIMENSIONS}, got ${d}`);
  }
  if (!Number.isInteger(skip) || skip < 0) throw new RangeError(`sobolSequence: skip must be a non-negative integer, got ${skip}`);
  if (skip + n > SOBOL_MAX_POINTS) throw new RangeError(`sobolSequence: at most ${SOBOL_MAX_POINTS} points (skip + n)`);

  const v = Array.from({ length: d }, (_, j) => directionNumbers(j));
  // Jump straight to point `skip`: XOR of the direction numbers of its Gray code's set bits.
  const x = new Uint32Array(d);
  const gray = skip ^ (skip >>> 1);
  for (let k = 0; k < BITS; k++) {
    if ((gray >>> k) & 1) for (let j = 0; j < d; j++) x[j] ^= v[j][k];
  }
  const points: number[][] = [];
  for (let i = skip; i < skip + n; i++) {
    const point = new Array<number>(d);
    for (let j = 0; j < d; j++) point[j] = x[j] * SCALE;
    points.push(point);
    // From point i to i + 1: flip the direction number of i's lowest zero bit.
    const c = lowestZeroBit(i);
    for (let j = 0; j < d; j++) x[j] ^= v[j][c];
  }
  return points;
}

/** The position (0-based) of the lowest zero bit of i ≥ 0. */
function lowestZeroBit(i: number): number {
  let c = 0;
  while ((i >>> c) & 1) c++;
  return c;
}
