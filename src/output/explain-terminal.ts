/**
 * The terminal view of `hiresim explain`: the scenario's settings and parameters, each with its
 * value in its unit (shares and rates as percentages) and, for parameters, what kind of source
 * backs it (sourced, derived, fitted, assumption) and the source's words; then the bibliography
 * and the assumptions. Every line fits in 100 columns: long values and notes continue on
 * indented lines, nothing is cut off.
 */
import type { ExplainedParameter, Explanation } from '../scenario/explain.js';
import { columns, hang, wrapText } from './wrap.js';

export const WIDTH = 100;
/** Continuation lines of a row (long values, notes that do not fit beside it). */
const INDENT = 6;
/** Longest value kept in its column; longer ones (formulas, distributions) continue below the row. */
const MAX_VALUE = 16;
/** Widest bibliography key kept in its column. */
const MAX_KEY = 24;
/** A source longer than the room beside its row wraps there only when the room is at least this wide (else it goes below). */
const MIN_NOTE = 50;

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - columns(text)));

export interface ExplainFormatOptions {
  /** The path prefixes asked for (`hiresim explain FILE wages`): the header says so, and the scenario's prose is left out. */
  readonly selected?: readonly string[];
}

/** The explanation as text, every line at most WIDTH columns. */
export function formatExplanation(e: Explanation, options: ExplainFormatOptions = {}): string {
  const selected = options.selected ?? [];
  const lines: string[] = [];
  lines.push(...hang('Scenario ', `"${e.scenario.name}" (hash ${e.scenario.hash})`, 2));
  lines.push(...hang('Files: ', e.scenario.files.join(' → '), 7));
  if (selected.length > 0) lines.push(...hang('Showing: ', selected.join(', '), 9));
  else lines.push(...describeCalendar(e.calendar), '', ...wrapText(e.scenario.description, WIDTH));
  if (e.settings.length > 0) lines.push('', 'Settings', ...settingRows(e.settings));
  let section = '';
  let group: ExplainedParameter[] = [];
  const flush = () => {
    if (group.length > 0) lines.push('', `Parameters: ${section}`, ...parameterRows(group));
    group = [];
  };
  for (const p of e.parameters) {
    const top = p.path.split('.')[0];
    if (top !== section) {
      flush();
      section = top;
    }
    group.push(p);
  }
  flush();
  const sources = Object.entries(e.sources);
  if (sources.length > 0) {
    lines.push('', selected.length > 0 ? 'Sources cited' : 'Sources');
    // Keys are short names; a longer one than MAX_KEY stands on its own line(s) above its citation.
    const keyWidth = Math.min(MAX_KEY, Math.max(...sources.map(([k]) => columns(k))));
    for (const [key, text] of sources) {
      if (columns(key) > keyWidth) lines.push(...wrapText(key, WIDTH - 2).map((l) => `  ${l}`), ...hang(' '.repeat(keyWidth + 4), text, keyWidth + 4));
      else lines.push(...hang(`  ${pad(key, keyWidth)}  `, text, keyWidth + 4));
    }
  }
  if (selected.length === 0 && e.assumptions.length > 0) {
    lines.push('', 'Assumptions');
    for (const a of e.assumptions) lines.push(...hang('  - ', a, 4));
  }
  if (e.unsourced.length > 0) lines.push('', ...wrapText(`${e.unsourced.length} parameter(s) have no source: ${e.unsourced.join(', ')}`, WIDTH));
  return `${lines.join('\n')}\n`;
}

/** Widths of the path and value columns: the value column at most MAX_VALUE, the path column what the row leaves of WIDTH. */
function columnWidths(paths: readonly string[], values: readonly string[], unitWidth: number): { path: number; value: number } {
  // Sized by the values that fit: a long formula goes below its row and takes no width here.
  const value = Math.max(1, ...values.map(columns).filter((w) => w <= MAX_VALUE));
  const path = Math.min(Math.max(...paths.map(columns)), WIDTH - (2 + 2 + value + 2 + unitWidth));
  return { path, value };
}

/**
 * `path  value  unit` (and, for parameters, `[kind] note`), aligned. A path too long for its column
 * stands on its own line; a value too long for its column (a formula, a distribution) continues
 * on indented lines below the row, marked ↓ in the column.
 */
function row(path: string, value: string, unit: string, widths: { path: number; value: number }, unitWidth: number): { lines: string[]; head: string; longValue: boolean } {
  const longPath = columns(path) > widths.path;
  const longValue = columns(value) > widths.value;
  const head = `  ${pad(longPath ? '' : path, widths.path)}  ${pad(longValue ? '↓' : value, widths.value)}  ${pad(unit, unitWidth)}  `;
  // A path longer than a whole line (a firm segment with a very long name) is cut into pieces, every character kept.
  return { lines: longPath ? wrapText(path, WIDTH - 2).map((l) => `  ${l}`) : [], head, longValue };
}

const below = (text: string) => wrapText(text, WIDTH - INDENT).map((l) => ' '.repeat(INDENT) + l);

function settingRows(settings: Explanation['settings']): string[] {
  const unitWidth = Math.max(...settings.map((s) => columns(s.unit.label)));
  const widths = columnWidths(settings.map((s) => s.path), settings.map((s) => s.display), unitWidth);
  return settings.flatMap((s) => {
    const r = row(s.path, s.display, s.unit.label, widths, unitWidth);
    return [...r.lines, r.head.trimEnd(), ...(r.longValue ? below(s.display) : [])];
  });
}

/** `[assumption] why`, `[sourced] linkedin2018`, `[fitted] calibrated by …`: the kind first, then the source's words. */
function sourceText(p: ExplainedParameter): string {
  const words = p.note ?? (p.kind === 'sourced' || p.kind === 'stated' ? p.source : undefined);
  return words === undefined ? `[${p.kind}]` : `[${p.kind}] ${words}`;
}

/**
 * One section's parameters. The source goes beside the row when it fits there or has room to
 * wrap under itself, otherwise on indented lines below; a source equal to the row above's reads
 * "as above". A share's or rate's formula yields a fraction, which its line says.
 */
function parameterRows(params: readonly ExplainedParameter[]): string[] {
  const unitWidth = Math.max(...params.map((p) => columns(p.unit.label)));
  const widths = columnWidths(params.map((p) => p.path), params.map((p) => p.display), unitWidth);
  let previous: string | undefined;
  return params.flatMap((p) => {
    const r = row(p.path, p.display, p.unit.label, widths, unitWidth);
    const text = sourceText(p);
    const note = text === previous && p.note !== undefined ? `[${p.kind}] as above` : text;
    previous = text;
    const value = p.unit.percent && p.spec.kind === 'formula' ? `${p.display}   (a fraction: 1 = 100%)` : p.display;
    const room = WIDTH - columns(r.head);
    const beside = columns(note) <= room || room >= MIN_NOTE;
    return [
      ...r.lines,
      ...(beside ? hang(r.head, note, columns(r.head), WIDTH, 1) : [r.head.trimEnd()]),
      ...(r.longValue ? below(value) : []),
      ...(beside ? [] : below(note)),
    ];
  });
}

/**
 * The calendar: the four settings, then what they mean ("history 2022–2024 (after 5 unrecorded
 * burn-in years); the answer (closing year, P(closed by year)) from the base year 2025 to 2045").
 */
export function describeCalendar(c: Explanation['calendar']): string[] {
  const burnIn = c.burnInYears > 0 ? ` (after ${c.burnInYears} unrecorded burn-in year${c.burnInYears === 1 ? '' : 's'})` : '';
  const history = c.startYear < c.baseYear ? `history ${c.startYear === c.baseYear - 1 ? c.startYear : `${c.startYear}–${c.baseYear - 1}`}${burnIn}` : `no history${burnIn}`;
  return [
    ...hang('Years: ', `startYear ${c.startYear}, baseYear ${c.baseYear}, horizon ${c.horizon}, burnInYears ${c.burnInYears}`, 7),
    ...hang('  ', `${history}; the answer (closing year, P(closed by year)) from the base year ${c.baseYear} to ${c.horizon}`, 4),
  ];
}
