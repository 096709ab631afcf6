/** compare's `differences.csv` (--csv, and --out): the paired differences as tidy rows. */
import type { PairedDifference } from '../analysis/paired.js';
import { COMPARED_METRICS, type ComparisonSummary } from '../studies/compare.js';

/** Tidy rows: scenario, against, year, history (true before the base year), metric, statistic, value. */
export function differencesCsv(c: ComparisonSummary): string {
  const lines = ['scenario,against,year,history,metric,statistic,value'];
  const stats: (keyof PairedDifference)[] = ['mean', 'meanLow', 'meanHigh', 'p5', 'p50', 'p95'];
  for (const d of c.differences) {
    for (const y of d.years) {
      const r = y.candidatesPer100Ratio;
      for (const [s, value] of [['geometricMean', r.geometricMean], ['low', r.low], ['high', r.high], ['p5', r.p5], ['p50', r.p50], ['p95', r.p95]] as const) lines.push(`${csv(d.scenario)},${csv(d.against)},${y.year},${y.history},candidatesPer100Ratio,${s},${value}`);
      for (const metric of COMPARED_METRICS) for (const s of stats) lines.push(`${csv(d.scenario)},${csv(d.against)},${y.year},${y.history},${metric},${s},${y[metric][s]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function csv(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
