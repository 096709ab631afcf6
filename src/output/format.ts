/** Number formats for terminal tables. */

/** 34,023 → "34.0k", 1,234,567 → "1.23M"; small numbers as they are. */
export function compact(x: number): string {
  const abs = Math.abs(x);
  if (!Number.isFinite(x)) return String(x);
  if (abs >= 1e9) return `${(x / 1e9).toPrecision(3)}B`;
  if (abs >= 1e6) return `${(x / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${(x / 1e3).toFixed(1)}k`;
  if (abs >= 100) return Math.round(x).toLocaleString('en-US');
  return Number(x.toPrecision(3)).toString();
}

/** "×1.35": a ratio with two decimals, or two significant digits for ratios far from 1. */
export function times(x: number): string {
  return `×${x >= 10 || x < 0.1 ? x.toPrecision(2) : x.toFixed(2)}`;
}

/** A share as a percentage: 0.532 → "53%". */
export function percent(x: number, digits = 0): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** Right-aligned table with a header row; columns sized to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => cell.padStart(widths[c])).join('  ');
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Word-wraps one line to `width` columns; continuation lines are indented two spaces more than the
 * line's own indent. A word longer than the width stays whole on its own line.
 */
export function wrap(line: string, width: number): string[] {
  const indent = /^ */.exec(line)![0];
  const words = line.slice(indent.length).split(' ');
  const lines: string[] = [];
  let current = indent;
  let prefix = indent;
  for (const word of words) {
    if (current.trim() !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      prefix = `${indent}  `;
      current = prefix + word;
    } else current = current.trim() === '' ? prefix + word : `${current} ${word}`;
  }
  lines.push(current);
  return lines;
}

/** `n` with its noun in the singular or the plural ("1 replication", "40 replications"). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}
