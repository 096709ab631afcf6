/**
 * Reading a terminal table (src/output/format.ts's `table`) back into columns, for tests of what
 * each column holds: the rule line of ─ runs gives every column's span.
 */

export interface ParsedTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * The table whose header cells begin with `firstHeaders` (e.g. "scenario", "median"): its header
 * cells and body rows, up to the first line that is not as wide as the rule (lines of ╌, history
 * dividers, are skipped).
 */
export function tableAfter(text: string, ...firstHeaders: string[]): ParsedTable {
  const lines = text.split('\n');
  const starts = (line: string) => {
    const cells = line.trim().split(/ {2,}/);
    return firstHeaders.every((h, k) => cells[k] === h);
  };
  const at = lines.findIndex((line, k) => starts(line) && /^[─ ]+$/.test(lines[k + 1] ?? ''));
  if (at < 0) throw new Error(`no table with the first headers ${firstHeaders.join(', ')}`);
  const rule = lines[at + 1];
  const spans: [number, number][] = [];
  for (const m of rule.matchAll(/─+/g)) spans.push([m.index, m.index + m[0].length]);
  const cells = (line: string) => spans.map(([from, to]) => line.slice(from, to).trim());
  const rows: string[][] = [];
  for (const line of lines.slice(at + 2)) {
    if (line.startsWith('╌') || line.includes('╌╌')) continue;
    if (line.length !== rule.length) break;
    rows.push(cells(line));
  }
  return { header: cells(lines[at]), rows };
}

/** The cells of the column named `name`. */
export function column(t: ParsedTable, name: string): string[] {
  const k = t.header.indexOf(name);
  if (k < 0) throw new Error(`no column "${name}" in ${t.header.join(' | ')}`);
  return t.rows.map((row) => row[k]);
}
