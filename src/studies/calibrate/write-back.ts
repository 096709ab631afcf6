/**
 * Writing a calibrated scenario: the original file with the fitted values set,
 * keeping its comments and layout. A value written in the file is replaced in
 * place, by its character range, so every other byte stays as it was; a value
 * inherited through `extends` is added with yaml's Document API. Each fitted
 * value says where it came from, in its source (targets, residuals,
 * evaluations, replications, seed and the --set overrides of the fit) and in a
 * comment with the date of the run and the same overrides.
 *
 * The file also starts with the fit's provenance as a comment block (comments
 * are outside the scenario's hash): the record of `provenance()` — version,
 * command, every override, the scenario's files with their sha-256 and the
 * resolved hash, seed, replications — and the commands that reproduce the
 * fit's figures from the written file. A fit is only as good as the settings
 * it ran under (a fit at `--set scale=50` is not a fit at scale 10), so the
 * block names them; uncommented, it is YAML. Each --write replaces the block
 * it finds, so a file calibrated again says how it was made last.
 */
import { readFileSync } from 'node:fs';
import { parseDocument, stringify } from 'yaml';
import { commandLine, type Provenance } from '../../output/provenance.js';
import type { CalibrationResult } from './calibrate.js';

/** The first and last lines of the provenance block (a later --write finds and replaces it). */
export const PROVENANCE_START = '# hiresim calibrate: how the fitted values below were made (each --write replaces this block; uncommented it is YAML)';
export const PROVENANCE_END = '# end of hiresim calibrate provenance';

export interface WriteBackOptions {
  /** The day of the run (a comment: outside the scenario's hash). */
  readonly date: string;
  /** Where the file is written, as the reproducing commands name it. */
  readonly out: string;
  /** The fit's provenance (`provenance('calibrate', [loaded], overrides)`). */
  readonly provenance: Provenance;
}

export function calibratedScenarioText(file: string, result: CalibrationResult, options: WriteBackOptions): string {
  const { date } = options;
  let text = readFileSync(file, 'utf8');
  // Targets read from files are named by their files (a long list would swamp the scenario); others one by one.
  const within = result.targets.filter((t) => t.within).length;
  const targets =
    result.targetFiles.length > 0
      ? `the ${result.targets.length} targets of ${result.targetFiles.join(', ')} (${within} within tolerance, objective ${round(result.objective)})`
      : result.targets.map((t) => `${t.target}=${t.value}±${t.tolerance} (simulated ${round(t.simulated)}, residual ${round(t.residual)})`).join('; ');
  const run = result.engine === 'expected' ? 'on the expected-value recursion' : `${result.replications} replications, seed ${result.seed}`;
  // A fit is only as good as the settings it ran under (a coarser scale, a nearer horizon): say which.
  const settings = result.overrides.length > 0 ? ` with ${result.overrides.map((o) => `--set ${shellWord(o)}`).join(' ')}` : '';
  const edits: { start: number; end: number; path: string[]; value: { value: number; source: string }; comment: string }[] = [];
  const doc = parseDocument(text);
  for (const p of result.parameters) {
    const path = p.path.split('.');
    // The value as evaluated (calibrate rounds candidates to 6 significant digits), so the file reproduces the fit.
    const value = { value: p.value, source: `calibrated by hiresim calibrate to ${targets}; ${result.evaluations} evaluations, ${run}${settings}` };
    const comment = `calibrated ${date}${settings}: was ${round(p.start)}, range ${p.low}:${p.high}${p.log ? ':log' : ''}`;
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    edits.push({ start: node?.range?.[0] ?? -1, end: node?.range?.[1] ?? -1, path, value, comment });
  }
  // In-place replacements, last first so that earlier offsets stay valid.
  for (const e of edits.filter((x) => x.start >= 0).sort((a, b) => b.start - a.start)) {
    const flow = stringify(e.value, { flowCollectionPadding: true, lineWidth: 0, collectionStyle: 'flow' }).trim();
    const lineEnd = text.indexOf('\n', e.end);
    const restOfLine = text.slice(e.end, lineEnd < 0 ? text.length : lineEnd);
    text = `${text.slice(0, e.start)}${flow}${restOfLine.includes('#') ? '' : ` # ${e.comment}`}${text.slice(e.end)}`;
  }
  const inherited = edits.filter((x) => x.start < 0);
  if (inherited.length > 0) {
    // Values the file did not write (they came through extends): added as overrides at their path.
    const withAdditions = parseDocument(text);
    for (const e of inherited) {
      const node = withAdditions.createNode(e.value);
      (node as { flow?: boolean; comment?: string }).flow = true;
      (node as { comment?: string }).comment = ` ${e.comment}`;
      withAdditions.setIn(e.path, node);
    }
    text = withAdditions.toString({ lineWidth: 0 }).replace(/\n?$/, '\n');
  }
  return withProvenanceBlock(text, provenanceBlock(result, options));
}

/**
 * The commands that give the fit's figures again from the written file: `calibrate` with the same
 * ranges, targets and overrides and one evaluation (the start, which is the written value), and for
 * the agent-based model `run` with the same overrides (its yearly medians are the levels fitted).
 */
export function reproducingCommands(result: CalibrationResult, options: Pick<WriteBackOptions, 'out' | 'provenance'>): { calibrate: string; run?: string } {
  const sets = options.provenance.overrides.flatMap((o) => ['--set', o]);
  const fits = result.parameters.flatMap((p) => ['--fit', `${p.path}=${p.low}:${p.high}${p.log ? ':log' : ''}`]);
  // Twelve digits: the targets as given, without a float's tail (0.2 × 5% is 0.010000000000000002).
  const num = (x: number) => String(Number(x.toPrecision(12)));
  const targets = result.targets.flatMap((t) => ['--target', `${t.target}=${num(t.value)}±${num(t.tolerance)}`]);
  const calibrate = commandLine(['calibrate', options.out, ...(result.engine === 'expected' ? ['--engine', 'expected'] : []), ...fits, ...targets, ...sets, '--max-evaluations', '1']);
  return result.engine === 'expected' ? { calibrate } : { calibrate, run: commandLine(['run', options.out, ...sets]) };
}

/** The comment block: a YAML document behind "# ". */
function provenanceBlock(result: CalibrationResult, options: WriteBackOptions): string {
  const reproduce = reproducingCommands(result, options);
  const met = result.targets.filter((t) => t.within).length;
  // The command line says what argv would, once: the rest of the record as is.
  const { argv: _argv, ...recorded } = options.provenance;
  const record = {
    date: options.date,
    provenance: recorded,
    engine: result.engine === 'expected' ? 'expected-value recursion (deterministic)' : `agent-based model, median over ${result.replications} replications`,
    evaluations: `${result.evaluations} of at most ${result.maxEvaluations}, ${result.converged ? `converged (${result.reason})` : `not converged (${result.reason})`}`,
    targetsMet: `${met} of ${result.targets.length}${result.outside.length > 0 ? `; missed: ${result.outside.join(', ')}` : ''}`,
    reproduce: {
      note: 'run this file with the same overrides: the figures fitted come out again (the overrides are part of the fit)',
      ...reproduce,
    },
  };
  const body = stringify({ 'hiresim-calibration': record }, { lineWidth: 0 }).trimEnd();
  return [PROVENANCE_START, ...body.split('\n').map((line) => `# ${line}`), PROVENANCE_END].join('\n');
}

/**
 * `text` with `block` in place of an earlier block, or else at the top (after a first
 * `# yaml-language-server:` line, which editors read there).
 */
function withProvenanceBlock(text: string, block: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(PROVENANCE_START);
  const end = start >= 0 ? lines.indexOf(PROVENANCE_END, start) : -1;
  if (start >= 0 && end > start) return [...lines.slice(0, start), block, ...lines.slice(end + 1)].join('\n');
  const at = lines[0]?.startsWith('# yaml-language-server:') ? 1 : 0;
  return [...lines.slice(0, at), block, ...lines.slice(at)].join('\n');
}

function round(x: number | null): string {
  return x === null ? 'none' : String(Number(x.toPrecision(4)));
}

/** An override as a shell word: as is when plain, else JSON-quoted (which also keeps a comment on one line). */
function shellWord(text: string): string {
  return /^[\w.@%+=:,/-]+$/.test(text) ? text : JSON.stringify(text);
}
