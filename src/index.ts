/**
 * hiresim as a library. The CLI is a thin layer over these functions.
 *
 * @example
 *   import { loadScenario } from 'hiresim';
 *   const { scenario, hash } = loadScenario('scenarios/baseline.yaml', { overrides: ['demand.growth=0.1'] });
 */
export { loadScenario, type LoadedScenario, type LoadOptions } from './scenario/load.js';
export { explainScenario, type Explanation, type ExplainedParameter } from './scenario/explain.js';
export { scenarioJsonSchema, scenarioSchema, SKILLS, FIRM_KINDS, type Scenario, type ScenarioInput, type Skill } from './scenario/schema.js';
export { InputError, formatIssue, type InputIssue } from './scenario/issues.js';
export { Param, type ParamSpec, type Domain } from './scenario/param.js';
export { streamRng, replicationStreams, STREAMS, type Rng, type StreamName } from './random/seed-tree.js';
export { runScenario, simulate, summarize, type RunOptions, type RunSummary, type Simulation, type YearSummary } from './studies/run.js';
export { METRICS, type MetricDefinition } from './model/metrics.js';
export { closingYear, summarizeClosure, describeClosure, closureAftermath, type ClosureOutcome, type ClosureSummary, type ClosureAftermath } from './analysis/closure.js';
export { closureAnswer, probabilityText, type AnswerInput } from './output/closure-answer.js';
export { hiresimVersion } from './package-files.js';
export { provenance, withProvenance, type Provenance, type ScenarioRecord, type FileRecord } from './output/provenance.js';
export type { Band } from './analysis/quantiles.js';
export { backtest, compareWithObserved, type BacktestSummary, type SeriesResult, type LevelSeriesResult, type IndexSeriesResult, type ComparedRow, type OutsideRow, type ModelBand, type SimulatedValues } from './studies/backtest/backtest.js';
export { readObserved, parseObserved, OBSERVED_HEADER, type ObservedData, type ComparedSeries, type LevelSeries, type IndexSeries, type ContextSeries, type ObservedPoint } from './studies/backtest/observed.js';
export { runExpected, expectedStart, stepExpected, type ExpectedRun, type ExpectedState } from './expected/recursion.js';
export { beveridgeCorrelation, matchingElasticity, payInSurplus } from './analysis/stylized-facts.js';
export { firstYear, yearCount, yearIndexOf, baseIndex, isHistoryYear } from './scenario/calendar.js';

// The engine: every study's runs execute here (one worker pool, deterministic for any thread count).
export { execute, type ExecuteOptions } from './engine/execute.js';
export { createEnginePool, type EnginePool } from './engine/pool.js';
export { replicationRuns, type Run, type RunList, type ResolvedScenario } from './engine/runs.js';
export { scenarioLoader } from './scenario/load.js';
export { simulateAll } from './studies/run.js';

// The studies, as the CLI's commands run them.
export { compareScenarios, COMPARED_METRICS, type Comparison, type ComparisonSummary } from './studies/compare.js';
export { loadAttribution, attributeLevers, type AttributionInputs, type AttributionSummary } from './studies/attribute.js';
export { LEVERS, type Lever } from './scenario/levers.js';
export { parseParamRanges, type ParamRange } from './studies/sweep/param-spec.js';
export { expandRunList, type Run as SweepRun, type RunListSpec, type DesignName } from './studies/sweep/run-list.js';
export { executeRuns as runSweepPoints, type ExecuteOptions as SweepPointOptions } from './studies/sweep/execute.js';
export type { PointSummary } from './studies/sweep/point.js';
export { readSweepResults, summarizeSweep, type SweepResults, type SweepSummary } from './studies/sweep/summarize.js';
export { runSensitivity, planSensitivity, analyseSensitivity, type SensitivityOptions, type SensitivitySummary, type Method as SensitivityMethod } from './studies/sensitivity.js';
export { calibrate, type CalibrationOptions, type CalibrationResult } from './studies/calibrate/calibrate.js';
export { parseTargetsText, type WrittenTarget } from './studies/calibrate/targets.js';
export { closingYearOrAfter } from './analysis/closure.js';

// The what-if page (`hiresim explore`): the server factory, for tests and embedding.
export { startExplore, type ExploreOptions, type ExploreHandle } from './explore/explore.js';
