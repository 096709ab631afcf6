import { availableParallelism } from 'node:os';
import { attributeLevers, loadAttribution, type Lever } from '../../studies/attribute.js';
import { formatAttribution } from '../../output/attribute-terminal.js';
import { provenance, withProvenance } from '../../output/provenance.js';
import { count } from '../../output/format.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out, useColor, writeOut } from '../io.js';
import { planProgress } from '../progress.js';
import { checkMemory, loadBlamingFlags, overrideFlags, overridesOf, type SimulationOptions } from '../simulation-options.js';

/**
 * attribute's draft defaults. Every subset of five levers is 32 scenario runs; at the shipped scale
 * (1 agent = 20 persons) and 40 replications that is 1,280 replications, 10–20 minutes on two
 * cores. Results do not depend on the scale beyond sampling error (test/studies/scale.test.ts checks
 * 5–50 against 20), and common random numbers pair every subset's replications, so a draft at
 * 1 agent = 50 persons and 8 replications a subset (256 replications, about a minute on two cores)
 * gives the same contributions with wider intervals. `--reps` and `--set scale=` replace them.
 */
export const DRAFT_SCALE = 50;
export const DRAFT_REPLICATIONS = 8;

export interface AttributeCommandOptions extends SimulationOptions {
  readonly file: string;
  readonly levers: readonly Lever[];
  readonly year?: number;
  readonly json: boolean;
}

/** `hiresim attribute SCENARIO`: every subset of levers on common random numbers, Shapley values. */
export async function attributeCommand(options: AttributeCommandOptions): Promise<ExitCode> {
  const given = overridesOf(options);
  // The scenario as the user asked for it: its own scale and replications decide which drafts apply.
  const ownLoaded = loadBlamingFlags(options.file, given, overrideFlags(options));
  checkMemory(ownLoaded, options.threads);
  const own = ownLoaded.scenario;
  const setsScale = options.overrides.some((o) => /^\s*scale\s*=/.test(o));
  const setsReplications = options.reps !== undefined || options.overrides.some((o) => /^\s*replications\s*=/.test(o));
  const draft = [
    ...(!setsScale && own.scale < DRAFT_SCALE ? [`scale=${DRAFT_SCALE}`] : []),
    ...(!setsReplications && own.replications > DRAFT_REPLICATIONS ? [`replications=${DRAFT_REPLICATIONS}`] : []),
  ];
  // Draft defaults are overrides like --set ones: part of the scenario hash and of the provenance record.
  const overrides = [...draft, ...given];
  const inputs = loadAttribution(options.file, { levers: options.levers, year: options.year, overrides });
  const { scenario } = inputs.reference;
  const threads = Math.min(options.threads ?? availableParallelism(), scenario.replications);
  // What the draft replaced, and the options that restore the scenario's own.
  const drafted = draft.map((o) =>
    o.startsWith('scale=')
      ? { used: `1 agent = ${DRAFT_SCALE} persons`, what: `1 agent = ${own.scale} persons`, option: `--set scale=${own.scale}` }
      : { used: `${DRAFT_REPLICATIONS} replications a subset`, what: `${own.replications} replications`, option: `--reps ${own.replications}` },
  );
  const fullStudy = drafted.length === 0 ? '' : ` (draft defaults; the scenario's own ${drafted.map((d) => d.what).join(' and ')}: ${drafted.map((d) => d.option).join(' ')})`;
  const progress = planProgress(
    `attribute: ${inputs.subsets.length} lever subsets × ${count(scenario.replications, 'replication')} of "${scenario.name}" at 1 agent = ${scenario.scale} persons on ${count(threads, 'thread')}${fullStudy}`,
    { parallel: threads, unit: 'replications' },
  );
  const summary = await attributeLevers(inputs, { threads, onProgress: (done, total) => progress.update(done, total) });
  progress.finish();

  const record = provenance('attribute', [inputs.reference], overrides);
  const json = `${JSON.stringify(withProvenance(summary, record), null, 2)}\n`;
  writeOut(options.out, { 'attribution.json': json });
  const note = drafted.length === 0 ? undefined : `Draft: ${drafted.map((d) => d.used).join(' and ')} (attribute's defaults, for a result in about a minute); for the scenario's own ${drafted.map((d) => d.what).join(' and ')}: ${drafted.map((d) => d.option).join(' ')}.`;
  await out(options.json ? json : formatAttribution(summary, { color: useColor(), note }));
  return EXIT.ok;
}
