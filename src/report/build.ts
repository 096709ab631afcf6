/**
 * Building a report: results in, one HTML document out. Plot and linkedom are imported here, on
 * demand, so that only `hiresim report` loads them.
 */
import { renderCharts } from './charts.js';
import { renderHtml, renumberIds } from './html.js';
import { loadResults } from './load-results.js';
import { reproductionInfo } from './reproduce.js';
import { gatherReportData } from './series.js';

/** The report's HTML for these inputs (result directories or JSON files). Throws InputError for bad inputs. */
export async function buildReport(inputs: readonly string[]): Promise<string> {
  const results = loadResults(inputs);
  const [Plot, { parseHTML }] = await Promise.all([import('@observablehq/plot'), import('linkedom')]);
  const { document } = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>');
  const data = gatherReportData(results);
  const info = reproductionInfo(results);
  const charts = renderCharts(data, Plot, document as never, { sweeps: info.sweeps, sensitivities: info.sensitivities.map((s) => s.summary), backtests: info.backtests.map((b) => b.summary) });
  return renumberIds(renderHtml(data, charts, info));
}
