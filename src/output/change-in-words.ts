/**
 * Differences said in words for compare and attribute: "2.1 years earlier", "0.5 years later",
 * "8.5 pp narrower", "no difference", and closing years that do not come by the horizon as
 * "after 2045". A bare negative number meaning "earlier" misreads too easily.
 */

/** A value that rounds to zero at the shown precision is "no difference" rather than "0.0 years earlier". */
function roundsToZero(x: number, digits: number): boolean {
  return Math.abs(x) < 0.5 * 10 ** -digits;
}

/** A closing-year difference B − A in years (negative: earlier) as "2.1 years earlier", "1 year later", "no difference". */
export function yearsInWords(difference: number, digits = 1): string {
  if (roundsToZero(difference, digits)) return 'no difference';
  const size = Math.abs(difference).toFixed(digits);
  return `${size} ${size === '1' ? 'year' : 'years'} ${difference < 0 ? 'earlier' : 'later'}`;
}

/** A gap difference as a share (−0.085: narrower) in percentage points: "8.5 pp narrower", "no difference". */
export function gapInWords(difference: number, digits = 1): string {
  const pp = 100 * difference;
  if (roundsToZero(pp, digits)) return 'no difference';
  return `${Math.abs(pp).toFixed(digits)} pp ${pp < 0 ? 'narrower' : 'wider'}`;
}

/**
 * A 90 % interval [low, high] of differences in words, from the high end to the low end so that a
 * range of earlier years reads from the smaller to the larger: "14.6 to 17.8 years earlier",
 * "0.5 years later to 0.9 years earlier".
 */
export function intervalInWords(low: number, high: number, words: (x: number) => string): string {
  const from = words(high);
  const to = words(low);
  if (from === to) return from;
  // Same unit and direction: say it once ("14.6 to 17.8 years earlier").
  const unit = (text: string) => text.replace(/^[\d.]+ /, '');
  if (from !== 'no difference' && to !== 'no difference' && unit(from) === unit(to)) return `${from.split(' ')[0]} to ${to}`;
  return `${from} to ${to}`;
}

/** A closing year, or "after 2045" when it does not come by the horizon. */
export function closingYearInWords(year: number | null, horizon: number): string {
  return year === null ? `after ${horizon}` : String(year);
}

/** The 10–90 % range of closing years: "2027–2032", "2033 to after 2045", "after 2045". */
export function closingRangeInWords(p10: number | null, p90: number | null, horizon: number): string {
  if (p10 === null) return `after ${horizon}`;
  if (p90 === null) return `${p10} to after ${horizon}`;
  return `${p10}–${p90}`;
}
