/**
 * Text fitted to a terminal width without losing any of it: words are moved to continuation lines
 * at spaces, and a word longer than a whole line (a long formula, a URL) is cut into pieces, every
 * character kept. Widths count code points (the tables use no double-width characters).
 */

/** Width of `text` in columns. */
export const columns = (text: string): number => [...text].length;

/**
 * `text` in lines of at most `width` columns (the first line: `firstWidth`); runs of white space
 * between words become one space. Widths below 1 are taken as 1.
 */
export function wrapText(text: string, width: number, firstWidth = width): string[] {
  const lines: string[] = [];
  const limit = () => Math.max(1, lines.length === 0 ? firstWidth : width);
  let line: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let rest = [...word];
    if (line.length > 0 && line.length + 1 + rest.length <= limit()) {
      line.push(' ', ...rest);
      continue;
    }
    if (line.length > 0) lines.push(line.join(''));
    while (rest.length > limit()) {
      const cut = limit();
      lines.push(rest.slice(0, cut).join(''));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line.length > 0 || lines.length === 0) lines.push(line.join(''));
  return lines;
}

/**
 * `lead` followed by `text`, wrapped to `width`: continuation lines start with `indent` spaces.
 * When the lead leaves fewer than `minRoom` columns, the text starts on the next line instead.
 */
export function hang(lead: string, text: string, indent: number, width = 100, minRoom = 24): string[] {
  if (text.trim() === '') return [lead.trimEnd()];
  const pad = ' '.repeat(indent);
  const room = width - columns(lead);
  if (room < minRoom) return [lead.trimEnd(), ...wrapText(text, width - indent).map((l) => pad + l)];
  const [first, ...rest] = wrapText(text, width - indent, room);
  return [lead + first, ...rest.map((l) => pad + l)];
}
