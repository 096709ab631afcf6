/** Designs on the unit hypercube, and their mapping to parameter ranges. */
export { gridDesign, gridLevels } from './grid.js';
export { latinHypercube } from './latin-hypercube.js';
export { JOE_KUO_2008 } from './joe-kuo.js';
export { directionNumbers, sobolSequence, SOBOL_MAX_DIMENSIONS, SOBOL_MAX_POINTS, type SobolOptions } from './sobol-sequence.js';
export { saltelliDesign, saltelliRow, SALTELLI_MAX_INPUTS, type SaltelliDesign } from './saltelli.js';
export { morrisDelta, morrisTrajectories, type MorrisDesign, type MorrisStep, type MorrisTrajectory } from './morris-trajectories.js';
export {
  EXHAUSTIVE_MAX_SUBSETS,
  morrisCandidates,
  optimisedMorrisTrajectories,
  selectSpreadTrajectories,
  trajectoryDistance,
  trajectorySpread,
  type SelectionOptions,
} from './morris-selection.js';
export { scaleToRange, scaleToRanges, type ParameterRange } from './scale.js';
