/**
 * History years in terminal output: a scenario with `startYear` before `baseYear` simulates history
 * years first (compared with observed data); tables and charts show them apart from the projection,
 * which starts at the base year, with a note on what they are.
 */

/** The history years at the start of a run's years (before the base year), or undefined when there are none. */
export function historyYears(years: readonly { readonly year: number; readonly history?: boolean }[]): { readonly first: number; readonly last: number; readonly count: number } | undefined {
  const count = years.findIndex((row) => !row.history);
  const n = count < 0 ? years.length : count;
  return n === 0 ? undefined : { first: years[0].year, last: years[n - 1].year, count: n };
}

/** What a history row is, in one line (run and compare print it under their tables). */
export function historyNote(history: { readonly first: number; readonly last: number }, baseYear: number): string {
  return `History (${historySpan(history)}): years before the base year ${baseYear}, simulated from a stationary start to compare with observed data; the projection, the closing year and P(closed by year) start in ${baseYear}.`;
}

/**
 * A `table` whose first `count` data rows are history (years before the base year): a dashed line
 * naming where the projection starts follows them, and with colour they are grey.
 */
export function markHistoryRows(text: string, count: number, label: string, color: boolean): string {
  const lines = text.split('\n');
  const width = Math.max(...lines.map((l) => l.length));
  const head = `╌╌╌╌ ${label} `;
  const divider = `${head}${'╌'.repeat(Math.max(4, width - head.length))}`;
  const history = lines.slice(2, 2 + count).map((l) => (color ? `\x1b[90m${l}\x1b[0m` : l));
  return [...lines.slice(0, 2), ...history, divider, ...lines.slice(2 + count)].join('\n');
}

/**
 * The year axis under a chart of two-character year columns that start `indent` characters in, with
 * a one-character divider before column `split` when it is > 0: the first year under the first
 * column, the base year under the first column after the divider, the last year ending under the
 * last column. A label that would touch the one before it is left out (the first year) or moved
 * right (the last year).
 */
export function yearAxis(years: readonly number[], split: number, indent: number): string {
  const column = (c: number) => indent + 2 * c + (split > 0 && c >= split ? 1 : 0);
  const end = column(years.length - 1) + 2;
  let axis = ' '.repeat(indent);
  const place = (text: string, at: number) => {
    if (at < axis.length + (axis.trim() === '' ? 0 : 1)) return false;
    axis = axis.padEnd(at) + text;
    return true;
  };
  const first = String(years[0]);
  const base = split > 0 ? String(years[split]) : undefined;
  if (base === undefined || column(0) + first.length < column(split)) place(first, column(0));
  if (base !== undefined) place(base, column(split));
  const last = String(years[years.length - 1]);
  if (!place(last, end - last.length)) axis = `${axis} ${last}`;
  return axis;
}

/** Chart rows with a │ before column `split` (no divider when it is 0): each cell is one year. */
export function dividedRow(cells: readonly string[], split: number): string {
  return split > 0 ? `${cells.slice(0, split).join('')}│${cells.slice(split).join('')}` : cells.join('');
}

/** "2022–2024", or "2024" for one year. */
export function historySpan(history: { readonly first: number; readonly last: number }): string {
  return history.first === history.last ? String(history.first) : `${history.first}–${history.last}`;
}
