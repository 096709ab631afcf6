/** Sensitivity analysis: Sobol' indices from Saltelli designs, Morris elementary effects, and a test function. */
export { sobolIndices, type IndexEstimate, type SobolIndices, type SobolIndicesOptions } from './sobol-indices.js';
export { ishigami, ishigamiIndices, ishigamiUnit, ISHIGAMI_A, ISHIGAMI_B } from './ishigami.js';
export { morrisEffects, type MorrisEffect } from './morris-effects.js';
export { sobolWarnings, samplesForWidth, MARGIN, TARGET_WIDTH, type SobolEstimate, type SobolWarning } from './sobol-reliability.js';
