/** `backtest.csv`: tidy, one row per compared observation. */
import type { BacktestSummary } from '../studies/backtest/backtest.js';

export const BACKTEST_CSV_HEADER = 'series,metric,compare,base,year,history,value,observed,p10,p50,p90,inside,isBase';

/**
 * `series,metric,compare,base,year,history,value,observed,p10,p50,p90,inside,isBase`: `value` as
 * written in the observed file, `observed` the compared quantity (the value, or its index to `base`),
 * p10–p90 the model's band of the same quantity; `isBase` marks an index's base year (1 = 1, not
 * counted in the coverage). Rows outside the simulated years are not written.
 */
export function backtestCsv(b: BacktestSummary): string {
  const lines = [BACKTEST_CSV_HEADER];
  for (const s of b.series) {
    for (const r of s.rows) {
      lines.push([csvField(s.series), s.metric, s.compare, s.compare === 'index' ? s.base : '', r.year, r.history, r.value, r.observed, r.model.p10, r.model.p50, r.model.p90, r.inside, r.isBase].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A field quoted as RFC 4180 asks when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
