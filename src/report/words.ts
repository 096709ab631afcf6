/**
 * How the report writes numbers a person reads (issue 11's conventions): a sign in words, never a
 * bare negative meaning earlier ("2.1 years earlier", "0.8 years later"); shares as percentages;
 * year ranges as "2033–2035" (a range that ends after the horizon says so in words); plain decimals
 * on axes ("0.02", not "20m"); candidates per 100 open positions as whole numbers.
 */

/** "2.10 years earlier", "0.80 years later", "no change" (negative: earlier). */
export function yearsInWords(x: number, digits = 2): string {
  const size = Math.abs(x).toFixed(digits);
  if (Number(size) === 0) return 'no change';
  return `${size} year${size === (1).toFixed(digits) ? '' : 's'} ${x < 0 ? 'earlier' : 'later'}`;
}

/** "3.1 pp narrower", "0.4 pp wider", "no change" (a change of the gap; negative: narrower). */
export function gapChangeInWords(x: number, digits = 1): string {
  const size = (Math.abs(x) * 100).toFixed(digits);
  if (Number(size) === 0) return 'no change';
  return `${size} pp ${x < 0 ? 'narrower' : 'wider'}`;
}

/**
 * An interval in words: "0.50–1.90 years earlier" when both ends go the same way, else "1.08 years
 * earlier to 0.08 years later" (`words` writes one value: its size, then its direction).
 */
export function intervalInWords(low: number, high: number, words: (x: number) => string): string {
  const [a, b] = [words(low), words(high)];
  const split = (text: string) => /^([\d.,]+) (.*)$/.exec(text);
  const [x, y] = [split(a), split(b)];
  if (x && y && x[2].replace(/^years? /, '') === y[2].replace(/^years? /, '') && (low < 0) === (high < 0)) {
    const [small, large] = Number(x[1]) <= Number(y[1]) ? [x, y] : [y, x];
    return `${small[1]}–${large[1]} ${large[2].replace(/^year /, 'years ')}`;
  }
  return `${a} to ${b}`;
}

/** A share as a whole percentage: "47%". */
export const percentText = (x: number) => `${Math.round(x * 100)}%`;

/**
 * A plain decimal without exponent or SI prefix, to 3 significant digits and without trailing
 * zeros: 0.02 → "0.02", 0.2 → "0.2", 1500 → "1,500".
 */
export function plainNumber(x: number): string {
  if (x === 0) return '0';
  const rounded = Number(x.toPrecision(3));
  const digits = Math.max(0, -Math.floor(Math.log10(Math.abs(rounded))) + 2);
  const [whole, fraction] = rounded.toFixed(Math.min(digits, 12)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const kept = (fraction ?? '').replace(/0+$/, '');
  return kept === '' ? grouped : `${grouped}.${kept}`;
}

/** "2033–2035", "2033", or "2033 to after 2045" (null: not reached by the horizon). */
export function yearRange(low: number | null, high: number | null, horizon: number): string {
  const show = (y: number | null) => (y === null ? `after ${horizon}` : String(y));
  if (low !== null && low === high) return String(low);
  if (low === null || high === null) return `${show(low)} to ${show(high)}`;
  return `${low}–${high}`;
}

/**
 * Ticks of a log axis at 1, 2 and 5 times powers of ten inside [low, high] (both > 0), so a reader
 * finds round numbers (10, 20, 50, 100, 200, 500) whatever the span.
 */
export function logTicks(low: number, high: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(low)) - 1; e <= Math.ceil(Math.log10(high)); e++) {
    for (const m of [1, 2, 5]) {
      const t = Number((m * 10 ** e).toPrecision(1));
      if (t >= low * (1 - 1e-9) && t <= high * (1 + 1e-9)) ticks.push(t);
    }
  }
  return ticks;
}

/**
 * The nearest 1–2–5 steps at or below `low` and at or above `high`: a log domain with round ends
 * (two steps apart at least, so that a flat series still gets an axis).
 */
export function logDomain(low: number, high: number): [number, number] {
  const steps = (x: number) => [0.5, 1, 2, 5, 10, 20].map((m) => Number((m * 10 ** Math.floor(Math.log10(x))).toPrecision(1)));
  const below = Math.max(...steps(low).filter((t) => t <= low));
  const above = Math.min(...steps(high).filter((t) => t >= high && t > below));
  return [below, above];
}

/** Round factors a reader recognises on a ratio axis (×½, ×0.8, ×1, ×1.25, ×2…). */
const FACTORS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2, 3, 4, 5, 10, 20, 50, 100];

/**
 * Ticks of a log axis of ratios inside [low, high]: the round factors that fall inside, or, on a
 * span too narrow for three of them, five steps equally spaced on the log scale (three digits).
 * Given explicitly, so that no tick is left unlabelled (a log scale's own ticks hide some labels).
 */
export function factorTicks(low: number, high: number): number[] {
  // At most about eight ticks: outward from ×1 (or the nearest round factor), a tick is kept when it
  // stands at least an eighth of the axis (on the log scale) from the last one kept.
  const gap = Math.log(high / low) / 8;
  const round = FACTORS.filter((t) => t >= low && t <= high);
  const centre = round.reduce((best, t) => (Math.abs(Math.log(t)) < Math.abs(Math.log(best)) ? t : best), round[0] ?? 1);
  const keep = (side: number[]) => side.reduce<number[]>((kept, t) => (Math.abs(Math.log(t / kept[kept.length - 1])) >= gap - 1e-12 ? [...kept, t] : kept), [centre]).slice(1);
  const inside = [...keep(round.filter((t) => t < centre).reverse()).reverse(), ...(round.length > 0 ? [centre] : []), ...keep(round.filter((t) => t > centre))];
  if (inside.length >= 3) return inside;
  const steps = Array.from({ length: 5 }, (_, k) => Number((low * (high / low) ** (k / 4)).toPrecision(3)));
  return [...new Set(steps)].filter((t) => t > 0);
}
