/**
 * Tidy CSV: one observation per row, long format, so that any tool can
 * pivot it. Numbers are written in full (shortest round-trip form).
 */
import { METRICS } from '../model/metrics.js';
import type { RunSummary, Simulation } from '../sim/simulate.js';
import type { Band } from '../analysis/quantiles.js';

/** `replication,year,metric,value` for every replication, year and metric. */
export function runsCsv(simulation: Simulation): string {
  const { summary, values } = simulation;
  const m = METRICS.length;
  const lines = ['replication,year,metric,value'];
  values.forEach((v, r) => {
    for (let y = 0; y < summary.years.length; y++) {
      for (let k = 0; k < m; k++) lines.push(`${r},${summary.years[y].year},${METRICS[k].name},${v[y * m + k]}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/** `year,metric,p10,p50,p90,mean` across replications. */
export function yearsCsv(summary: RunSummary): string {
  const lines = ['year,metric,p10,p50,p90,mean'];
  for (const row of summary.years) {
    for (const metric of METRICS) {
      const b = row[metric.name] as Band;
      lines.push(`${row.year},${metric.name},${b.p10},${b.p50},${b.p90},${b.mean}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
