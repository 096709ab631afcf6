/**
 * Writing a calibrated scenario: the original file with the fitted values set,
 * keeping its comments and layout. A value written in the file is replaced in
 * place, by its character range, so every other byte stays as it was; a value
 * inherited through `extends` is added with yaml's Document API. Each fitted
 * value says where it came from, in its source (targets, residuals,
 * evaluations, replications, seed and the --set overrides of the fit) and in a
 * comment with the date of the run and the same overrides.
 */
import { readFileSync } from 'node:fs';
import { parseDocument, stringify } from 'yaml';
import type { CalibrationResult } from './calibrate.js';

export function calibratedScenarioText(file: string, result: CalibrationResult, date: string): string {
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
    const value = { value: Number(p.value.toPrecision(6)), source: `calibrated by hiresim calibrate to ${targets}; ${result.evaluations} evaluations, ${run}${settings}` };
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
  if (inherited.length === 0) return text;
  // Values the file did not write (they came through extends): added as overrides at their path.
  const withAdditions = parseDocument(text);
  for (const e of inherited) {
    const node = withAdditions.createNode(e.value);
    (node as { flow?: boolean; comment?: string }).flow = true;
    (node as { comment?: string }).comment = ` ${e.comment}`;
    withAdditions.setIn(e.path, node);
  }
  return withAdditions.toString({ lineWidth: 0 }).replace(/\n?$/, '\n');
}

function round(x: number | null): string {
  return x === null ? 'none' : String(Number(x.toPrecision(4)));
}

/** An override as a shell word: as is when plain, else JSON-quoted (which also keeps a comment on one line). */
function shellWord(text: string): string {
  return /^[\w.@%+=:,/-]+$/.test(text) ? text : JSON.stringify(text);
}
