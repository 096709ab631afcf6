/** `hiresim calibrate <file> --fit … --target …`: Nelder–Mead on common random numbers. */
import { checkCounts, checkWholeNumber, scenarioFile, simulationArgs, simulationOptions } from '../options.js';
import { UsageError } from '../usage-error.js';
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
  'Examples:',
  '  hiresim calibrate scenarios/baseline.yaml --fit upskilling.selfStudyRate=0.02:0.3 --target gap@2025=53%±0.5pp',
  '  hiresim calibrate scenarios/baseline.yaml --fit constants.g2025=0:0.8 --target candidatesPer100@2025=47±2 --strict',
  '  hiresim calibrate scenarios/baseline.yaml --fit matching.screening=0.01:0.05:log --fit upskilling.selfStudyRate=0.02:0.3 \\',
  '      --target gap@2025=0.53±0.005 --target payMedian@2025=406000±20000 --write calibrated.yaml',
  '  hiresim calibrate history.yaml --fit constants.growthDecay=3:12 --targets calibration/targets.txt \\',
  '      --target openPositions@2022/2019=1.11±0.05 --threads 2 --json > fit.json',
  '',
  'A target is metric@YEAR=value (the level in YEAR) or metric@YEAR/BASE=value (the index: the',
  'value in YEAR ÷ the value in BASE, computed in each replication), optionally ±tolerance (or',
  '+-tolerance). Both years must be simulated years (from startYear, history included, to the',
  'horizon). The default tolerance is 5% of the target\'s absolute value, or 0.01 for a target of 0.',
  '(gap@2030=20% is ±1pp: 5% of 0.20).',
  'For share metrics (gap, unemploymentRate, vacancyRate) a value or tolerance may end in % and a',
  'tolerance in pp: both divide by 100, so gap@2025=53%±2pp is 0.53±0.02 (±2% is also ±0.02,',
  'percentage points, not 2% of the value); a value in % needs its tolerance in % or pp. Indexes',
  'are ratios without %. --targets FILE reads one target per line (# comments, blank lines',
  'skipped), before the --target ones; a bad target is exit 2 at FILE:LINE:COL or --target #K:1:COL.',
  '',
  'Each evaluation runs the scenario\'s replications on the same seeds (on --threads worker threads;',
  'the result is identical for any count) up to the last target year; the simulated value of a',
  'target is the median over replications. Minimises Σ ((simulated − target) ÷ tolerance)² with',
  'Nelder–Mead inside the --fit ranges; exactly --max-evaluations simulations at most (the starting',
  'simplex and shrink steps count), the fitted point being the best of them. Prints the fit (shares',
  'in %, their differences in pp), the evaluations, whether it converged, and the verdict: "Targets',
  'met: 2 of 3; missed: …", each missed target with the model\'s figure, the target and its tolerance.',
  'Missing a target exits 0 (the fit is still a result); with --strict it exits 3.',
  '',
  '--write saves the scenario with the fitted values, keeping its comments and layout, each value',
  'noting the targets, residuals, --set overrides and date; its first lines record the provenance',
  '(version, command, overrides, files with sha-256, hash, seed, replications) and the commands that',
  'reproduce the fit\'s figures from the written file: run it with the same --set overrides.',
  '',
  'Exit codes: 0 done, 2 bad input, 3 a target missed with --strict.',
  '',
  'Usage: hiresim calibrate <file> --fit path=LO:HI[:log] … (--target metric@YEAR[/BASE]=value[±tol] … | --targets FILE …) [options]',
]);

export const calibrate = defineCommand({
  command: 'calibrate <file>',
  describe: 'Fit parameters so that the model reproduces target figures (Nelder–Mead on common random numbers)',
  builder: (y) =>
    simulationOptions(
      scenarioFile(y.usage(USAGE))
        .option('fit', { type: 'string', array: true, requiresArg: true, demandOption: true, description: 'A parameter to fit within a range: path=LO:HI or path=LO:HI:log (repeatable)' })
        .option('target', { type: 'string', array: true, requiresArg: true, description: 'A figure to reproduce: metric@YEAR=value or metric@YEAR/BASE=value (an index), optionally ±tolerance; shares as 20% or 0.20; default tolerance ±5% of the target\'s absolute value (±1pp for 20%), or 0.01 for a target of 0 (repeatable)' })
        .option('targets', { type: 'string', array: true, requiresArg: true, description: 'A file of targets, one per line as for --target; # comments and blank lines skipped (repeatable)' })
        .option('max-evaluations', { type: 'string', requiresArg: true, default: '60', description: 'Most simulations of the scenario to run, exactly: the starting simplex, shrink steps and the fitted point all count' })
        .option('strict', { type: 'boolean', description: 'Exit 3 when any target is outside its tolerance (after printing and writing the fit)' }),
      { reps: 'Replications per evaluation (overrides the scenario\'s)', seed: 'Master seed (overrides the scenario\'s)', threads: 'Worker threads per evaluation (default: all cores); results identical for any' },
    )
      .option('write', { type: 'string', requiresArg: true, description: 'Write the calibrated scenario (YAML, comments kept) to this file' })
      .option('engine', { choices: ['agents', 'expected'] as const, default: 'agents' as const, description: 'What each evaluation runs: the agent-based model (median over replications) or its expected-value recursion (deterministic, milliseconds; a fast first fit)' })
      .option('json', { type: 'boolean', description: 'Print the result as one JSON object' })
      .check((args) => {
        checkCounts(args);
        checkWholeNumber('--max-evaluations', args['max-evaluations']);
        if ((args.target ?? []).length === 0 && (args.targets ?? []).length === 0) throw new UsageError('--target', 'a target: --target metric@YEAR=value or --targets FILE', 'none');
        return true;
      }),
  run: async (args) => {
    const { calibrateCommand } = await import('../commands/calibrate.js');
    return calibrateCommand({
      file: args.file,
      fit: args.fit,
      targets: args.target ?? [],
      targetFiles: args.targets ?? [],
      maxEvaluations: Number(args['max-evaluations']),
      engine: args.engine,
      ...simulationArgs(args),
      write: args.write,
      strict: args.strict === true,
      json: args.json === true,
    });
  },
});
