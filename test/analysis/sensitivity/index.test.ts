/** The sensitivity folder's index exports the estimators, the test function and the reliability checks. */
import { expect, it } from 'vitest';
import * as sensitivity from '../../../src/analysis/sensitivity/index.js';

it('exports sobolIndices, morrisEffects, the Ishigami function and the reliability checks', () => {
  for (const name of ['sobolIndices', 'morrisEffects', 'ishigami', 'ishigamiUnit', 'ishigamiIndices', 'sobolWarnings', 'samplesForWidth'] as const) {
    expect(typeof sensitivity[name]).toBe('function');
  }
});
