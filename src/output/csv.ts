/**
 * Tidy CSV: one observation per row, long format, so that any tool can
 * pivot it. Numbers are written in full (shortest round-trip form). Every
 * row carries `history` (true for a year before the base year), so that a
 * reader can keep the projection, or the history, without knowing the base year.
 */
import { METRICS } from '../model/metrics.js';
import type { RunSummary, Simulation } from '../studies/run.js';
import type { Band } from '../analysis/quantiles.js';

/** `replication,year,history,metric,value` for every replication, year and metric. */
export function runsCsv(simulation: Simulation): string {
  const { summary, values } = simulation;
  const m = METRICS.length;
  const lines = ['replication,year,history,metric,value'];
  values.forEach((v, r) => {
    for (let y = 0; y < summary.years.length; y++) {
      const { year, history } = summary.years[y];
      for (let k = 0; k < m; k++) lines.push(`${r},${year},${history},${METRICS[k].name},${v[y * m + k]}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/** `year,history,metric,p10,p50,p90,mean` across replications. */
export function yearsCsv(summary: RunSummary): string {
  const lines = ['year,history,metric,p10,p50,p90,mean'];
  for (const row of summary.years) {
    for (const metric of METRICS) {
      const b = row[metric.name] as Band;
      lines.push(`${row.year},${row.history},${metric.name},${b.p10},${b.p50},${b.p90},${b.mean}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
