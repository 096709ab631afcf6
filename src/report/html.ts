/**
 * The report as one self-contained HTML document: inline CSS, static SVG charts, tables; no
 * scripts, no external resources, nothing that depends on the time or on chance, so the same
 * inputs give the same bytes.
 */
import { answerText, closureMeaning } from './answer.js';
import { coverageLine } from './backtest-charts.js';
import type { ChartSet } from './charts.js';
import { escapeHtml, table } from './markup.js';
import { times } from '../output/format.js';
import { parameterSection } from './parameters.js';
import type { ReproductionInfo } from './reproduce.js';
import { reproduceSection } from './reproduce-section.js';
import type { ReportData } from './series.js';
import { gapChangeInWords, intervalInWords, percentText, yearsInWords } from './words.js';

const CSS = `
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; background: #fff; margin: 0; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 60px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 22px 0 6px; }
p.lead { color: #555; margin-top: 0; }
figure.chart { margin: 18px 0 28px; }
figure.chart figcaption { color: #555; font-size: 13px; margin-top: 6px; }
figure.chart h3 { margin-bottom: 8px; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 3px 8px; border-bottom: 1px solid #eee; }
th { background: #f6f6f6; }
td.num { font-variant-numeric: tabular-nums; }
code, pre { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
pre { background: #f6f6f6; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
.note { color: #8a5a00; }
.ok { color: #1b7a1b; }
details { margin: 8px 0; }
summary { cursor: pointer; color: #1f4fb0; }
tr.differs td, tr.changed td { background: #fff6dd; }
ul.answer li { margin-bottom: 8px; }
pre.command { background: #eef3fb; }
`;

export { escapeHtml };

export function renderHtml(data: ReportData, charts: ChartSet, info: ReproductionInfo): string {
  const names = data.series.length > 0 ? data.series.map((s) => s.label) : data.attributions.length > 0 ? data.attributions.map((a) => a.scenario.name) : [...info.sensitivities.map((s) => s.summary.scenario.name), ...info.sweeps.map((s) => `sweep ${s.label}`), ...info.backtests.map((b) => `backtest of ${b.summary.scenario.name}`)];
  const title = `hiresim report: ${[...new Set(names)].join(', ')}`;
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(`<p class="lead">When does the GenAI talent gap close? Results of ${data.results.map((r) => `<code>${escapeHtml(r.kind)}</code>`).join(', ')}, reported by hiresim ${escapeHtml(info.version)}.</p>`);

  if (data.series.length > 0) {
    parts.push('<h2>The answer</h2><ul class="answer">');
    for (const s of data.series) parts.push(`<li><strong>${escapeHtml(s.label)}</strong>: ${escapeHtml(answerText(s))}</li>`);
    parts.push('</ul>');
    const meanings = [...new Set(data.series.map(closureMeaning))];
    for (const meaning of meanings) {
      const which = meanings.length > 1 ? `${data.series.filter((s) => closureMeaning(s) === meaning).map((s) => s.label).join(', ')}: ` : '';
      parts.push(`<p class="definition">${escapeHtml(which + meaning)}</p>`);
    }
  }
  for (const d of data.differences) {
    const c = d.closingYear;
    const t = c.signTest;
    const verdict = t === undefined ? '' : t.resolved ? ` Sign test over the pairs (a pair where only one run closes counts): ${t.direction}, p = ${t.pValue.toFixed(3)}.` : ` Sign test over the pairs (a pair where only one run closes counts): within noise, p = ${t.pValue.toFixed(3)}${t.replicationsToResolve === null ? '' : `; about ${t.replicationsToResolve} replications would resolve it`}.`;
    parts.push(`<p>${escapeHtml(d.scenario)} against ${escapeHtml(d.against)}: closes earlier in ${escapeHtml(percentText(c.probabilityEarlier))} of paired replications, later in ${escapeHtml(percentText(c.probabilityLater))}, the same year in ${escapeHtml(percentText(c.probabilitySame))}; neither closes by the horizon in ${escapeHtml(percentText(c.probabilityBothCensored))}.${escapeHtml(verdict)}</p>`);
  }

  parts.push('<h2>Charts</h2>');
  for (const chart of charts.charts) {
    const note = chart.note === undefined ? '' : `<p class="chart-note">${escapeHtml(chart.note)}</p>`;
    parts.push(`<figure class="chart" id="chart-${chart.id}" data-chart="${chart.id}"><h3>${escapeHtml(chart.title)}</h3>${chart.html}${note}<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`);
  }
  if (charts.omitted.length > 0) parts.push(`<ul class="omitted">${charts.omitted.map((o) => `<li class="note">${escapeHtml(o)}</li>`).join('')}</ul>`);

  for (const a of data.attributions) {
    parts.push(`<h3>Lever attribution — ${escapeHtml(a.scenario.name)}</h3>`);
    parts.push(`<p>${escapeHtml(a.method.charAt(0).toUpperCase() + a.method.slice(1))}. Levers are listed by the size of their contribution to the closing year.</p>`);
    const levers = [...a.attributions].sort((x, y) => Math.abs(y.closingYear.mean) - Math.abs(x.closingYear.mean) || (x.lever < y.lever ? -1 : 1));
    const years = (d: { mean: number; meanLow: number; meanHigh: number }) => `${yearsInWords(d.mean)} (90%: ${intervalInWords(d.meanLow, d.meanHigh, yearsInWords)})`;
    const gap = (d: { mean: number; meanLow: number; meanHigh: number }) => `${gapChangeInWords(d.mean)} (90%: ${intervalInWords(d.meanLow, d.meanHigh, gapChangeInWords)})`;
    // Candidates per 100 as a factor where the result records it; older results: the gap in pp.
    const factor = (r: { geometricMean: number; low: number; high: number }) => `${times(r.geometricMean)} (90%: ${times(r.low)}–${times(r.high)})`;
    const byFactor = a.total.candidatesPer100 !== undefined && levers.every((l) => l.candidatesPer100 !== undefined);
    parts.push(table(['lever', 'closing year, mean (90% interval of the mean)', byFactor ? `qualified candidates per 100 open positions in ${a.year}, factor (90% interval)` : `gap in ${a.year}, mean (90% interval)`], [
      ...levers.map((l) => [l.lever, years(l.closingYear), byFactor ? factor(l.candidatesPer100!) : gap(l.gap)]),
      ['all levers (total)', years(a.total.closingYear), byFactor ? factor(a.total.candidatesPer100!) : gap(a.total.gap)],
    ], [false, false, false]));
  }

  for (const r of info.sensitivities) {
    const s = r.summary;
    parts.push(`<h3>Sensitivity — ${escapeHtml(s.scenario.name)} (${escapeHtml(s.method === 'sobol' ? 'Sobol\'' : 'Morris')})</h3>`);
    parts.push(`<p>${escapeHtml(s.note)}.</p>`);
    for (const o of s.outputs) {
      const label = o.output === 'closingYear' ? 'median closing year' : `median gap in ${s.year}`;
      if (o.sobol) {
        const sorted = [...o.sobol].sort((a, b) => b.total.index - a.total.index || (a.path < b.path ? -1 : 1));
        parts.push(table(['parameter', `${label}: total index [95%]`, 'first-order index [95%]'], sorted.map((p) => [p.path, estimate(p.total), estimate(p.first)]), [false, true, true]));
      } else if (o.morris) {
        const sorted = [...o.morris].sort((a, b) => b.muStar - a.muStar || (a.path < b.path ? -1 : 1));
        // μ keeps its sign (a number column), so the header says what a negative effect means.
        const mu = o.output === 'closingYear' ? 'μ (years; below 0: earlier)' : 'μ (gap; below 0: narrower)';
        parts.push(table(['parameter', `${label}: μ*`, mu, 'σ'], sorted.map((p) => [p.path, p.muStar.toFixed(3), p.mu.toFixed(3), p.sigma.toFixed(3)]), [false, true, true, true]));
      } else parts.push(`<p class="note">The ${escapeHtml(label)} did not vary over the design: no index.</p>`);
    }
  }

  for (const { summary: b } of info.backtests) {
    parts.push(`<h3>Backtest — ${escapeHtml(b.scenario.name)} against <code>${escapeHtml(b.observed.file)}</code></h3>`);
    const t = b.total;
    parts.push(`<p>${t.compared > 0 ? `${t.inside} of ${t.compared} observations (${escapeHtml(percentText(t.coverage ?? 0))}) inside the model's 10–90% band over ${b.replications} replications` : 'No observation in the simulated years'}; simulated ${b.startYear}–${b.horizon}, history before ${b.baseYear}. An index's base year (1 against 1) is shown, not counted.</p>`);
    parts.push(table(['series', 'compared with', 'observations (outside the simulated years)', 'coverage and error'], b.series.map((s) => [s.series, `${s.metric}, ${s.compare === 'index' ? `index to ${s.base}` : 'level'}`, `${s.compared}${s.outside.length > 0 ? ` (${s.outside.length})` : ''}`, coverageLine(s).replace(/^Coverage: /, '')]), [false, false, true, false]));
    if (b.context.length > 0) parts.push(`<p>Context (listed, not compared): ${b.context.map((c) => escapeHtml(`${c.series} (${c.years.length} year${c.years.length === 1 ? '' : 's'}, ${c.unit || 'no unit'})`)).join('; ')}.</p>`);
  }

  parts.push('<h2>Reproduce</h2>');
  parts.push(reproduceSection(info));

  parts.push('<h2>Parameters</h2>');
  parts.push(parameterSection(info.scenarios, info.unexplained));

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hiresim ${escapeHtml(info.version)}">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${parts.join('\n')}
</main>
</body>
</html>
`;
}

function estimate(e: { index: number; low: number; high: number }): string {
  return `${e.index.toFixed(3)} [${e.low.toFixed(3)}, ${e.high.toFixed(3)}]`;
}

/**
 * Plot numbers its clip paths, markers and patterns with process-wide counters; renumber them in
 * order of appearance so the HTML does not depend on what was drawn before in the same process.
 */
export function renumberIds(html: string): string {
  const seen = new Map<string, string>();
  return html.replace(/plot-(clip|marker|pattern)-\d+/g, (id, kind: string) => {
    let renamed = seen.get(id);
    if (renamed === undefined) {
      renamed = `plot-${kind}-r${[...seen.values()].filter((v) => v.startsWith(`plot-${kind}-`)).length + 1}`;
      seen.set(id, renamed);
    }
    return renamed;
  });
}
