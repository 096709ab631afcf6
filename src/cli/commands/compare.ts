import type { LoadedScenario } from '../../scenario/load.js';
import { InputError, formatIssue } from '../../scenario/issues.js';
import { compareScenarios } from '../../studies/compare.js';
import { formatComparison } from '../../output/compare-terminal.js';
import { differencesCsv } from '../../output/compare-csv.js';
import { count } from '../../output/format.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, useColor, writeOut } from '../io.js';
import { planProgress } from '../progress.js';
import { provenance, withProvenance } from '../../output/provenance.js';
import { availableParallelism } from 'node:os';
import { checkMemory, loadBlamingFlags, overrideFlags, overridesOf, type SimulationOptions } from '../simulation-options.js';

export interface CompareCommandOptions extends SimulationOptions {
  readonly files: readonly string[];
  readonly json: boolean;
  readonly csv: boolean;
}

/**
 * `hiresim compare A B …`: every scenario on the reference's seed and replications (or --seed and
 * --reps), paired differences against the first.
 */
export async function compareCommand(options: CompareCommandOptions): Promise<ExitCode> {
  const common = overridesOf(options);
  const flags = overrideFlags(options);
  // Load everything first: a mistake in the last file must not cost the runs of the others. A bad
  // --set is blamed on its flag, once, not on every file it was applied to.
  const issues = new Map<string, InputError['issues'][number]>();
  const loaded: LoadedScenario[] = [];
  for (const [k, file] of options.files.entries()) {
    // The others run on the reference's seed and replications (unless --seed/--reps set them for all).
    const fromReference = k === 0 || !loaded[0] ? [] : [`seed=${JSON.stringify(loaded[0].scenario.seed)}`, `replications=${loaded[0].scenario.replications}`];
    try {
      loaded.push(loadBlamingFlags(file, [...common, ...fromReference], [...flags, ...fromReference.map(() => `${options.files[0]} (the reference)`)]));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const issue of error.issues) issues.set(formatIssue(issue), issue);
    }
  }
  if (issues.size > 0) throw new InputError([...issues.values()]);
  for (const l of loaded) checkMemory(l, options.threads);

  const { replications } = loaded[0].scenario;
  const threads = Math.min(options.threads ?? availableParallelism(), replications);
  const scales = [...new Set(loaded.map((l) => l.scenario.scale))];
  const progress = planProgress(
    `compare: ${loaded.length} scenarios × ${count(replications, 'replication')} at 1 agent = ${scales.join('/')} persons on ${count(threads, 'thread')}`,
    { parallel: threads, unit: 'replications' },
  );
  const comparison = await compareScenarios(loaded, { threads, onProgress: (done, total) => progress.update(done, total) });
  progress.finish();

  const record = provenance('compare', loaded, common);
  const json = `${JSON.stringify(withProvenance(comparison.summary, record), null, 2)}\n`;
  writeOut(options.out, { 'comparison.json': json, 'differences.csv': differencesCsv(comparison.summary) });
  if (options.json) await out(json);
  else if (options.csv) await out(differencesCsv(comparison.summary));
  else await out(formatComparison(comparison.summary, { color: useColor() }));
  return EXIT.ok;
}
