/** Saltelli's design: A, B and the AB_i, in the documented evaluation order. */
import { describe, expect, it } from 'vitest';
import { saltelliDesign, saltelliRow } from '../../../src/analysis/design/saltelli.js';
import { sobolSequence } from '../../../src/analysis/design/sobol-sequence.js';

describe('saltelliDesign', () => {
  it('takes A and B from the two halves of one 2d-dimensional Sobol’ sequence', () => {
    const design = saltelliDesign(16, 3);
    const base = sobolSequence(16, 6);
    expect(design.A).toEqual(base.map((r) => r.slice(0, 3)));
    expect(design.B).toEqual(base.map((r) => r.slice(3)));
  });

  it('builds AB_i as A with column i from B, and nothing else changed', () => {
    const { A, B, AB, d, n } = saltelliDesign(32, 4);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < n; j++) {
        for (let k = 0; k < d; k++) expect(AB[i][j][k]).toBe(k === i ? B[j][k] : A[j][k]);
      }
    }
  });

  it('orders the N·(d + 2) evaluations in blocks of A_j, AB_0,j … AB_{d−1},j, B_j', () => {
    const design = saltelliDesign(8, 3);
    expect(design.points).toHaveLength(8 * 5);
    for (let j = 0; j < 8; j++) {
      const row = saltelliRow(3, j);
      expect(design.points[row.a]).toBe(design.A[j]);
      for (let i = 0; i < 3; i++) expect(design.points[row.ab(i)]).toBe(design.AB[i][j]);
      expect(design.points[row.b]).toBe(design.B[j]);
    }
    expect(saltelliRow(3, 1)).toMatchObject({ a: 5, b: 9 });
  });

  it('passes skip on to the sequence, and rejects more inputs than the direction numbers allow', () => {
    expect(saltelliDesign(4, 2, { skip: 1 }).A[0]).toEqual(sobolSequence(1, 4, { skip: 1 })[0].slice(0, 2));
    expect(() => saltelliDesign(4, 33)).toThrow(RangeError);
  });
});
