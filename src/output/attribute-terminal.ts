/**
 * The terminal view of a lever attribution: a table and bars of each lever's Shapley value, every
 * difference in words ("2.1 years earlier", "8.5 pp narrower"), and "not measurable" where the
 * horizon rather than the lever decides a closing-year difference.
 */
import type { PairedDifference, PairedRatio } from '../analysis/paired.js';
import type { AttributionSummary, OpenRuns } from '../studies/attribute.js';
import { gapInWords, intervalInWords, yearsInWords } from './change-in-words.js';
import { table, times } from './format.js';

/** "16.2 years earlier ±1.6", with ~ when the 90 % interval spans zero. */
function withInterval(d: PairedDifference, words: (x: number) => string, scale = 1): string {
  const half = (scale * (d.meanHigh - d.meanLow)) / 2;
  return `${words(d.mean)} ±${half.toFixed(1)}${d.withinNoise ? ' ~' : ''}`;
}

/** "×1.35 (×1.20–×1.52)": a factor with its 90% interval, ~ when the interval spans ×1. */
function factorCell(r: PairedRatio): string {
  return `${times(r.geometricMean)} (${times(r.low)}–${times(r.high)})${r.withinNoise ? ' ~' : ''}`;
}

export function formatAttribution(a: AttributionSummary, options: { color: boolean; note?: string }): string {
  const horizon = a.horizon ?? 0;
  const lines: string[] = [];
  const scale = a.scale === undefined ? '' : ` at 1 agent = ${a.scale} persons`;
  lines.push(`hiresim attribute: "${a.scenario.name}" (hash ${a.scenario.hash}), ${a.replications} replications × ${a.subsets.length} lever subsets${scale}, seed ${a.seed}`);
  lines.push('');

  // Closing-year cells: "not measurable¹" where both runs stay open in most comparisons, a * where some do.
  const notes: string[] = [];
  const bound = { used: false };
  const closingCell = (text: string, open: OpenRuns | undefined, why: (o: OpenRuns) => string) => {
    if (!open) return text;
    if (!open.measurable) {
      notes.push(why(open));
      return `not measurable${superscript(notes.length)}`;
    }
    if (open.bothOpen > 0 || open.oneOpen > 0) {
      bound.used = true;
      return `${text} *`;
    }
    return text;
  };
  const runs = (count: number) => `${count} of ${a.replications} replication${a.replications === 1 ? '' : 's'}`;
  const rows = a.attributions.map((x) => [
    x.lever,
    closingCell(withInterval(x.closingYear, yearsInWords), x.closingYearOpen, (o) => `${x.lever}, Shapley value: in ${Math.round(100 * o.bothOpen)}% of its weighted comparisons neither run closes by ${horizon}; those count as no difference by construction.`),
    closingCell(yearsInWords(x.aloneOn.closingYear.mean), x.aloneOn.open, (o) => `${x.lever} alone on: ${runs(o.bothOpen)} do not close by ${horizon} with only this lever on (nor with every lever off), so the difference is 0 by construction.`),
    closingCell(yearsInWords(x.aloneOff.closingYear.mean), x.aloneOff.open, (o) => `${x.lever} alone off: ${runs(o.bothOpen)} do not close by ${horizon} with every lever on but this one (nor with every lever on), so the difference is 0 by construction.`),
    // Candidates per 100 as a factor where recorded (older results: the gap in pp).
    x.candidatesPer100 ? factorCell(x.candidatesPer100) : withInterval(x.gap, gapInWords, 100),
  ]);
  const factors = a.total.candidatesPer100 !== undefined;
  rows.push(['all levers', closingCell(yearsInWords(a.total.closingYear.mean), a.total.open, (o) => `all levers: ${runs(o.bothOpen)} do not close by ${horizon} with every lever on (nor with every lever off).`), '', '', a.total.candidatesPer100 ? factorCell(a.total.candidatesPer100) : gapInWords(a.total.gap.mean)]);
  lines.push(
    factors
      ? `Contribution of each lever: how much earlier (or later) the gap closes, and by what factor it multiplies qualified candidates per 100 open positions in ${a.year} (×1.5: half as many again; the factors multiply to all levers on ÷ all off)`
      : `Contribution of each lever: how much earlier (or later) the gap closes, and how many percentage points (pp) narrower (or wider) it is in ${a.year}`,
  );
  lines.push(`Shapley value ± half its 90% interval (factors: with their 90% interval; ~: within noise); alone on: the lever alone against no lever; alone off: every lever against every lever but this one`);
  lines.push(table(['lever', 'closing year (Shapley)', 'alone on', 'alone off', factors ? `per 100 in ${a.year} (Shapley)` : `gap in ${a.year} (Shapley)`], rows));
  notes.forEach((text, k) => lines.push(`${superscript(k + 1)} not measurable: ${text}`));
  if (bound.used) lines.push(`* a bound: in some replications a compared run does not close by ${horizon} and counts as closing in ${horizon + 1}.`);
  lines.push('');

  lines.push('Years earlier (█) or later (▒) that each lever closes the gap (Shapley value):');
  const widest = Math.max(0.5, ...a.attributions.map((x) => Math.abs(x.closingYear.mean)));
  const name = Math.max(...a.attributions.map((x) => x.lever.length));
  const order = [...a.attributions].sort((p, q) => p.closingYear.mean - q.closingYear.mean);
  for (const x of order) {
    if (x.closingYearOpen && !x.closingYearOpen.measurable) {
      lines.push(`  ${x.lever.padEnd(name)} not measurable (see above)`);
      continue;
    }
    const length = Math.round((Math.abs(x.closingYear.mean) / widest) * 40);
    const earlier = x.closingYear.mean <= 0;
    const bar = (earlier ? '█' : '▒').repeat(length);
    const painted = options.color ? `\x1b[${earlier ? '36' : '33'}m${bar}\x1b[0m` : bar;
    lines.push(`  ${x.lever.padEnd(name)} ${painted}${length > 0 ? ' ' : ''}${yearsInWords(x.closingYear.mean)}`);
  }
  lines.push('');
  const best = order.find((x) => !x.closingYearOpen || x.closingYearOpen.measurable);
  if (best && best.closingYear.mean < 0) {
    lines.push(`Largest contribution: ${best.lever}, ${yearsInWords(best.closingYear.mean)} (90% interval ${intervalInWords(best.closingYear.meanLow, best.closingYear.meanHigh, yearsInWords)}).`);
  } else {
    lines.push(`No lever closes the gap earlier in these runs.`);
  }
  lines.push(`Method: ${a.method}.`);
  if (options.note) lines.push(options.note);
  return `${lines.join('\n')}\n`;
}

/** ¹ ² ³ … for footnotes (marks, not letters, so that a cell reads as what it is). */
function superscript(k: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(k).split('').map((d) => digits[Number(d)]).join('');
}
