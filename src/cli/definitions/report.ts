/** `hiresim report <results..> --html FILE`: one self-contained HTML report. */
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
  'Examples:',
  '  hiresim report results/baseline --html report.html',
  '  hiresim report results/compare results/levers --html report.html',
  '  hiresim report results/compare/comparison.json levers/attribution.json --html out/report.html',
  '  hiresim report sweep.jsonl results/sensitivity --html sweep.html',
  '  hiresim report results/backtest --html backtest.html',
  '',
  'Each RESULTS is an --out directory of run, compare or attribute, or one of their JSON files',
  '(summary.json, comparison.json, attribution.json: recognised by their contents). First the answer:',
  'the median of the replications\' closing years with its 10–90% range, P(closed by a year) with its',
  'Monte Carlo error, and whether closure lasts. Charts: qualified candidates per 100 open positions',
  '(log axis, a panel per scenario), P(closed by year) with the share not closed, paired differences,',
  'lever attribution bars (largest first), entrants by source, pay (nominal US dollars) and the pay',
  'premium. The file opens offline (no scripts, no external resources); the same inputs give the same',
  'bytes.',
  '',
  'Reproduce: each result\'s provenance record gives its command line, checked by loading the recorded',
  'scenario files with the recorded --set overrides (sha-256 of every file, and the scenario hash); a',
  'changed file is named. Results written before records existed are said to have none. Only scenario',
  'YAML files under the current directory are read: run report where the commands were run.',
  'Parameters: one table for all the scenarios, a column each, collapsed; the rows that differ first.',
  '',
  'A directory is read as one set: its manifest.json (written last by --out) must list each result',
  'file with the bytes found. No manifest (a writer was stopped, or an older hiresim wrote it), a',
  'changed file or one another command left is exit 2 at that file; name a JSON file to read it alone.',
  '',
  'RESULTS may also be a sweep\'s results file (JSON lines from hiresim sweep --out) or sensitivity.json',
  '(or its --out directory): for a sweep, each parameter\'s response (its value against the median',
  'closing year, censored points marked, and against qualified candidates per 100 open positions); for',
  'a sensitivity analysis, Sobol\' tornados or the Morris μ*–σ scatter, per output. A malformed line is',
  'exit 2 at FILE:LINE.',
  '',
  'RESULTS may also be backtest.json (or its --out directory): one chart per compared series, the',
  'model\'s 10–90% band and median with the observations on top, history years shaded, and coverage.',
  '',
  'Usage: hiresim report <results..> --html FILE',
]);

export const report = defineCommand({
  command: 'report <results..>',
  describe: 'One self-contained HTML report (static SVG charts, parameters, how to reproduce) from run, compare, attribute, sweep, sensitivity and backtest results',
  builder: (y) =>
    y
      .usage(USAGE)
      .positional('results', { type: 'string', array: true, demandOption: true, description: 'Result directories (--out of run, compare, attribute, sensitivity, backtest), their JSON files, or sweep JSON lines' })
      .option('html', { type: 'string', requiresArg: true, demandOption: true, description: 'Write the HTML report to this file (atomically)' }),
  run: async (args) => {
    const { reportCommand } = await import('../commands/report.js');
    return reportCommand({ inputs: args.results as string[], html: args.html });
  },
});
