/** The sensitivity folder's index exports the estimators and the test function. */
import { expect, it } from 'vitest';
import * as sensitivity from '../../../src/analysis/sensitivity/index.js';

it('exports sobolIndices, morrisEffects and the Ishigami function', () => {
  for (const name of ['sobolIndices', 'morrisEffects', 'ishigami', 'ishigamiUnit', 'ishigamiIndices'] as const) {
    expect(typeof sensitivity[name]).toBe('function');
  }
});
