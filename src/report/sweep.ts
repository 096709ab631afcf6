/**
 * Sweep results in a report: the JSON lines of `hiresim sweep --out FILE.jsonl`, checked line by
 * line (a bad line, or a damaged provenance record on a line, is `FILE:LINE:1`), and what the
 * lines say about the sweep that wrote them.
 *
 * The lines record each point's parameter values, the design, seed, replications and scenario hash;
 * their provenance record (each line carries the sweep's) adds the command line, and with it the
 * `--param` ranges, which set each response chart's axis (its span, and whether it is a log scale).
 * Lines written before records existed have none: the axes then span the points, on a linear scale.
 */
import { basename } from 'node:path';
import type { Provenance } from '../output/provenance.js';
import { describeValue, type InputIssue } from '../scenario/issues.js';
import { parseParamRanges, type ParamRange } from '../studies/sweep/param-spec.js';
import { readResultLines, type SweepLine } from '../studies/sweep/result-lines.js';
import { DESIGNS, type DesignName } from '../studies/sweep/run-list.js';
import { readProvenance } from './provenance-record.js';

/** A line of a sweep the report can redraw: laid out by a design `hiresim sweep --design` takes. */
export type SweepDesignLine = SweepLine & { readonly design: DesignName };

/**
 * Parses and checks every line of a sweep file (result-lines.ts); every problem is one issue at
 * FILE:LINE:1. Lines are returned in run-list order.
 */
export function parseSweepLines(file: string, text: string): { lines: SweepDesignLine[]; issues: InputIssue[]; record?: Provenance; recordsDiffer: boolean } {
  const { lines, issues } = readResultLines(file, text, { halfWrittenLastLine: 'report', emptyFile: 'report' });
  const [first] = lines;
  // Every line has the first one's design (or is an issue already).
  if (first && !(DESIGNS as readonly string[]).includes(first.value.design)) {
    // A sensitivity study's points (hiresim sensitivity --results) are reported through their indices.
    const study = first.value.design === 'saltelli' || first.value.design === 'morris' ? ': these are the points of a sensitivity study; report its sensitivity.json (hiresim sensitivity … --results FILE --resume --out DIR writes it)' : '';
    return { lines: [], issues: [...issues, { file, line: first.line, column: 1, path: 'design', expected: `a design of hiresim sweep (${DESIGNS.join(', ')})${study}`, found: describeValue(first.value.design) }], recordsDiffer: false };
  }
  // Every line carries the sweep's record: each one is checked, the first line's is kept.
  const records = lines.map((l) => readProvenance(l.value, file, { line: l.line }));
  const kept = records.find((r) => r.record !== undefined)?.record;
  const texts = new Set(records.map((r) => JSON.stringify(r.record ?? null)));
  return {
    lines: lines.map((l) => l.value as SweepDesignLine).sort((a, b) => a.index - b.index),
    issues: [...issues, ...records.flatMap((r) => (r.issue ? [r.issue] : []))],
    ...(kept ? { record: kept } : {}),
    recordsDiffer: texts.size > 1,
  };
}

/** What the lines say about their sweep. */
export interface SweepInfo {
  readonly file: string;
  readonly label: string;
  readonly lines: readonly SweepDesignLine[];
  readonly params: readonly string[];
  /** The recorded years, ascending. */
  readonly years: readonly number[];
  readonly design: DesignName;
  readonly replications: number;
  /** The --param ranges of the recorded command line (none without a record). */
  readonly ranges?: readonly ParamRange[];
  /** The horizon, when the lines record it. */
  readonly horizon?: number;
}

export function sweepInfo(file: string, lines: readonly SweepDesignLine[], record?: Provenance): SweepInfo {
  const first = lines[0];
  const ranges = record ? recordedRanges(record.argv) : undefined;
  return {
    file,
    label: basename(file),
    lines,
    params: Object.keys(first.point),
    years: Object.keys(first.gap).map(Number).sort((a, b) => a - b),
    design: first.design,
    replications: first.replications,
    ...(ranges ? { ranges } : {}),
    ...(first.horizon !== undefined ? { horizon: first.horizon } : {}),
  };
}

/**
 * The `--param` ranges of a recorded command line, read as the CLI reads them: `--param=X`, or
 * `--param` followed by every argument up to the next option (it is an array option); undefined
 * when they do not parse.
 */
export function recordedRanges(argv: readonly string[]): ParamRange[] | undefined {
  const specs: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    if (argv[k].startsWith('--param=')) specs.push(argv[k].slice('--param='.length));
    else if (argv[k] === '--param') while (k + 1 < argv.length && !argv[k + 1].startsWith('-')) specs.push(argv[++k]);
  }
  try {
    return parseParamRanges(specs);
  } catch {
    return undefined;
  }
}
