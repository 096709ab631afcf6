/** Which charts of a report have marks: read with linkedom (as the report is drawn). */
import { parseHTML } from 'linkedom';

export interface ChartMarks {
  readonly id: string;
  /** Mark groups of the chart's SVG (Plot's aria-labels), axes and grids excluded. */
  readonly marks: readonly string[];
  /** Drawn elements inside those groups: paths with a non-trivial `d`, rects, circles, lines, texts. */
  readonly drawn: number;
  /** Mark groups with nothing drawn. */
  readonly empty: readonly string[];
}

const AXIS = /axis|grid/;

/** Every figure.chart of the document with its marks. */
export function chartMarks(html: string): ChartMarks[] {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll('figure.chart')].map((figure) => {
    const groups = [...figure.querySelectorAll('svg [aria-label]')].filter((g) => !AXIS.test(g.getAttribute('aria-label') ?? ''));
    let drawn = 0;
    const empty: string[] = [];
    for (const g of groups) {
      const n = [...g.querySelectorAll('path, rect, circle, line, text')].filter((el) => (el.tagName.toLowerCase() === 'path' ? /[0-9]/.test(el.getAttribute('d') ?? '') : true)).length;
      if (n === 0) empty.push(g.getAttribute('aria-label') ?? '');
      drawn += n;
    }
    return { id: figure.getAttribute('data-chart') ?? '', marks: groups.map((g) => g.getAttribute('aria-label') ?? ''), drawn, empty };
  });
}

/** Resource URLs: src/href/url(…) that point anywhere but inside the document. */
export function externalReferences(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/\b(?:src|href|xlink:href|action|poster|srcset)\s*=\s*["']?([^"'\s>]+)/gi)) if (!m[1].startsWith('#')) found.push(m[0]);
  for (const m of html.matchAll(/url\(\s*["']?([^)"']*)/gi)) if (!m[1].startsWith('#')) found.push(m[0]);
  for (const m of html.matchAll(/@import[^;]*/gi)) found.push(m[0]);
  // Any http(s) URL outside an xmlns declaration.
  for (const m of html.matchAll(/(\S*)(https?:\/\/[^\s"'<>)]+)/gi)) if (!/xmlns(:\w+)?=["']?$/.test(m[1])) found.push(m[2]);
  return found;
}
