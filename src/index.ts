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
export { runScenario, simulate, summarize, type RunOptions, type RunSummary, type Simulation, type YearSummary } from './sim/simulate.js';
export { METRICS, type MetricDefinition } from './model/metrics.js';
export { closingYear, summarizeClosure, describeClosure, closureAftermath, type ClosureOutcome, type ClosureSummary, type ClosureAftermath } from './analysis/closure.js';
export { closureAnswer, probabilityText, type AnswerInput } from './output/closure-answer.js';
export { provenance, withProvenance, hiresimVersion, type Provenance, type ScenarioRecord, type FileRecord } from './output/provenance.js';
export type { Band } from './analysis/quantiles.js';
export { backtest, compareWithObserved, type BacktestSummary, type SeriesResult, type LevelSeriesResult, type IndexSeriesResult, type ComparedRow, type OutsideRow, type ModelBand, type SimulatedValues } from './backtest/backtest.js';
export { readObserved, parseObserved, OBSERVED_HEADER, type ObservedData, type ComparedSeries, type LevelSeries, type IndexSeries, type ContextSeries, type ObservedPoint } from './backtest/observed.js';
export { runExpected, expectedStart, stepExpected, type ExpectedRun, type ExpectedState } from './expected/recursion.js';
export { beveridgeCorrelation, matchingElasticity, payInSurplus } from './analysis/stylized-facts.js';
export { firstYear, yearCount, yearIndexOf, baseIndex, isHistoryYear } from './scenario/calendar.js';
