/**
 * The what-if against the scenario, replication by replication on the same random numbers: the
 * paired closing-year difference in words, as `compare` and `report` say it ("closes 2.4 years
 * earlier, 90% interval 1.1–3.5 years earlier"), with the sign test's verdict. A run that does not
 * close by the horizon counts as closing the year after it (as `attribute` counts it), so where
 * such runs take part the mean is a bound, and the sentence says so.
 */
import { closingYearOrAfter, type ClosureOutcome } from '../analysis/closure.js';
import { closingYearDifference, pairedDifference } from '../analysis/paired.js';
import { intervalInWords, yearsInWords } from '../report/words.js';

export interface ClosingDifference {
  /** Pairs compared (replications done in both). */
  readonly pairs: number;
  /** Mean of what-if minus scenario, in years (negative: earlier); null without pairs. */
  readonly mean: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** Pairs where a run stays open past the horizon (the mean is then a bound). */
  readonly open: number;
  /** Share of pairs where the what-if closes earlier, later (a run that closes counts against one that does not). */
  readonly probabilityEarlier: number;
  readonly probabilityLater: number;
  /** The sentence for the page. */
  readonly words: string;
}

const years = (x: number) => yearsInWords(x, 1);
const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** Pairs the outcomes of the replications done in both (`undefined` where a replication has not finished). */
export function closingDifference(base: readonly (ClosureOutcome | undefined)[], whatIf: readonly (ClosureOutcome | undefined)[], horizon: number): ClosingDifference {
  const a: ClosureOutcome[] = [];
  const b: ClosureOutcome[] = [];
  for (let r = 0; r < Math.min(base.length, whatIf.length); r++) {
    if (base[r] && whatIf[r]) {
      a.push(base[r]!);
      b.push(whatIf[r]!);
    }
  }
  const n = a.length;
  if (n === 0) return { pairs: 0, mean: null, low: null, high: null, open: 0, probabilityEarlier: 0, probabilityLater: 0, words: 'no paired replications yet' };
  const year = (o: ClosureOutcome) => closingYearOrAfter(o.kind === 'closed' ? o.year : null, horizon);
  const open = a.filter((o, r) => o.kind === 'censored' || b[r].kind === 'censored').length;
  const bothOpen = a.filter((o, r) => o.kind === 'censored' && b[r].kind === 'censored').length;
  const d = pairedDifference(a.map(year), b.map(year));
  const verdict = closingYearDifference(a, b);
  const counted = `${n} paired replication${n === 1 ? '' : 's'}`;
  let words: string;
  if (bothOpen === n) words = `Neither closes by ${horizon} in any of the ${counted}.`;
  else {
    const bound = open > 0 ? `; ${open} of the pairs have a run still open in ${horizon}, counted as closing in ${horizon + 1}, so this is a bound` : '';
    const interval = n >= 2 && Number.isFinite(d.meanLow) && Number.isFinite(d.meanHigh) ? `, 90% interval ${intervalInWords(d.meanLow, d.meanHigh, years)}` : '';
    const head = years(d.mean) === 'no change' ? 'closes in the same year on average' : `closes ${years(d.mean)}`;
    const t = verdict.signTest;
    const test = t.earlier + t.later === 0 ? 'every pair closes in the same year' : t.resolved ? `sign test: ${t.direction} (${pValue(t.pValue)})` : `sign test: within noise (${pValue(t.pValue)}${t.replicationsToResolve === null ? '' : `; about ${t.replicationsToResolve} replications would resolve it`})`;
    words = `The what-if ${head} than the scenario${interval} (mean over ${counted}${bound}); ${test}.`;
  }
  return {
    pairs: n,
    mean: d.mean,
    low: n >= 2 ? d.meanLow : null,
    high: n >= 2 ? d.meanHigh : null,
    open,
    probabilityEarlier: verdict.probabilityEarlier,
    probabilityLater: verdict.probabilityLater,
    words,
  };
}
