/** The report's HTML building blocks: escaping, tables and collapsed sections. */

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A table of plain-text cells; `numeric[k]` marks column k as numbers (right-aligned figures).
 * `rowClass` may name a class per row (such as the rows that differ between scenarios).
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[], rowClass?: (row: number) => string | undefined): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row, r) => {
      const cls = rowClass?.(r);
      return `<tr${cls ? ` class="${escapeHtml(cls)}"` : ''}>${row.map((cell, k) => `<td${numeric[k] ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

/** A closed <details> section: `summary` is plain text, `body` HTML. */
export function details(summary: string, body: string, className?: string): string {
  return `<details${className ? ` class="${escapeHtml(className)}"` : ''}><summary>${escapeHtml(summary)}</summary>\n${body}\n</details>`;
}
