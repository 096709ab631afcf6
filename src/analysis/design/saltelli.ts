/**
 * Saltelli's design for Sobol' sensitivity indices (Saltelli 2002; Saltelli et
 * al. 2010): two independent N × d sample matrices A and B, and for each input
 * i the matrix AB_i, which is A with column i taken from B. f(A), f(B) and the
 * f(AB_i) give first-order and total indices of every input for N·(d + 2) model
 * evaluations (see sensitivity/sobol-indices.ts).
 *
 * A and B are the two halves of one 2d-dimensional Sobol' sequence (A its first
 * d coordinates, B its last d), so they are independent of each other but each
 * is a low-discrepancy set; take N a power of two to keep its balance.
 *
 * Evaluation order (`points`, and the order `sobolIndices` expects outputs in):
 * one block of d + 2 rows per base row j = 0 … N − 1,
 *
 *   row (d + 2)·j           A_j
 *   row (d + 2)·j + 1 + i   AB_i,j   (i = 0 … d − 1)
 *   row (d + 2)·j + d + 1   B_j
 *
 * the layout SALib's `saltelli.sample` uses without second-order terms, so its
 * analysers can cross-check ours; and a run cut short still leaves whole blocks
 * to analyse.
 */
import { sobolSequence, SOBOL_MAX_DIMENSIONS } from './sobol-sequence.js';

export interface SaltelliDesign {
  /** Base rows N and inputs d. */
  readonly n: number;
  readonly d: number;
  readonly A: number[][];
  readonly B: number[][];
  /** AB[i] is A with column i from B. */
  readonly AB: number[][][];
  /** All N·(d + 2) points in evaluation order (see the module comment). */
  readonly points: number[][];
}

/** The largest d: the Sobol' sequence must have 2d dimensions. */
export const SALTELLI_MAX_INPUTS = Math.floor(SOBOL_MAX_DIMENSIONS / 2);

export function saltelliDesign(n: number, d: number, options: { skip?: number } = {}): SaltelliDesign {
  if (!Number.isInteger(d) || d < 1 || d > SALTELLI_MAX_INPUTS) {
    throw new RangeError(`saltelliDesign: d must be an integer from 1 to ${SALTELLI_MAX_INPUTS}, got ${d}`);
  }
  const base = sobolSequence(n, 2 * d, options);
  const A = base.map((row) => row.slice(0, d));
  const B = base.map((row) => row.slice(d));
  const AB = Array.from({ length: d }, (_, i) =>
    A.map((a, j) => {
      const row = a.slice();
      row[i] = B[j][i];
      return row;
    }),
  );
  const points: number[][] = [];
  for (let j = 0; j < n; j++) {
    points.push(A[j]);
    for (let i = 0; i < d; i++) points.push(AB[i][j]);
    points.push(B[j]);
  }
  return { n, d, A, B, AB, points };
}

/** Where in the evaluation order a base row's A, AB_i and B points are. */
export function saltelliRow(d: number, j: number): { a: number; ab: (i: number) => number; b: number } {
  const start = (d + 2) * j;
  return { a: start, ab: (i) => start + 1 + i, b: start + d + 1 };
}
