/**
 * A tiny RFC 4180 reader, independent of the writer under test: fields split on commas, a quoted
 * field may hold commas, doubled quotes and line breaks. Tools such as pandas, R and DuckDB read
 * CSV this way; a file this reader takes apart into rows of equal length loads in them too.
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with a line break');
  return rows;
}

/** Rows as records keyed by the header (the first row); every row must have the header's length. */
export function readCsvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header, ...rows] = readCsv(text);
  rows.forEach((r, k) => {
    if (r.length !== header.length) throw new Error(`row ${k + 2} has ${r.length} fields, the header ${header.length}`);
  });
  return { header, records: rows.map((r) => Object.fromEntries(header.map((h, c) => [h, r[c]]))) };
}
