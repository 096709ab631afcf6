/**
 * The Ishigami–Homma (1990) test function, the standard check of sensitivity
 * estimators (SALib tests against it): strongly non-linear and non-monotone,
 * with an input (x3) that matters only through its interaction with x1, so
 * first-order and total indices differ.
 *
 *   f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1,   x_i uniform on [−π, π]
 *
 * with a = 7, b = 0.1 by convention. Its Sobol' indices are known in closed form.
 */

export const ISHIGAMI_A = 7;
export const ISHIGAMI_B = 0.1;

/** f at a point of [−π, π]³. */
export function ishigami(x: readonly number[], a = ISHIGAMI_A, b = ISHIGAMI_B): number {
  const s = Math.sin(x[0]);
  return s + a * Math.sin(x[1]) ** 2 + b * x[2] ** 4 * s;
}

/** f at a point of the unit cube, each coordinate mapped linearly to [−π, π]. */
export function ishigamiUnit(u: readonly number[], a = ISHIGAMI_A, b = ISHIGAMI_B): number {
  return ishigami(u.map((v) => -Math.PI + 2 * Math.PI * v), a, b);
}

/**
 * The analytic variance and indices:
 *   V1 = ½(1 + bπ⁴/5)², V2 = a²/8, V13 = b²π⁸(1/18 − 1/50), V = V1 + V2 + V13,
 *   S = (V1, V2, 0)/V, ST = (V1 + V13, V2, V13)/V.
 * For a = 7, b = 0.1: S ≈ (0.3139, 0.4424, 0), ST ≈ (0.5576, 0.4424, 0.2437).
 */
export function ishigamiIndices(a = ISHIGAMI_A, b = ISHIGAMI_B): { variance: number; first: number[]; total: number[] } {
  const pi4 = Math.PI ** 4;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = (a * a) / 8;
  const v13 = b * b * pi4 * pi4 * (1 / 18 - 1 / 50);
  const variance = v1 + v2 + v13;
  return { variance, first: [v1 / variance, v2 / variance, 0], total: [(v1 + v13) / variance, v2 / variance, v13 / variance] };
}
