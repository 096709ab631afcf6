/** The design folder's index exports every design and the scaling. */
import { expect, it } from 'vitest';
import * as design from '../../../src/analysis/design/index.js';

it('exports the designs, the Sobol’ sequence and scaleToRanges', () => {
  for (const name of ['gridDesign', 'latinHypercube', 'sobolSequence', 'saltelliDesign', 'morrisTrajectories', 'scaleToRanges'] as const) {
    expect(typeof design[name]).toBe('function');
  }
  expect(design.SALTELLI_MAX_INPUTS).toBe(32);
});
