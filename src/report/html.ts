/**
 * The report as one self-contained HTML document: inline CSS, static SVG charts, tables; no
 * scripts, no external resources, nothing that depends on the time or on chance, so the same
 * inputs give the same bytes.
 */
import { describeClosure } from '../analysis/closure.js';
import { percent } from '../output/format.js';
import { coverageLine } from './backtest-charts.js';
import type { ChartSet } from './charts.js';
import type { ReproductionInfo } from './reproduce.js';
import type { ReportData } from './series.js';

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
pre { background: #f6f6f6; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.note { color: #8a5a00; }
.ok { color: #1b7a1b; }
details { margin: 8px 0; }
summary { cursor: pointer; }
`;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderHtml(data: ReportData, charts: ChartSet, info: ReproductionInfo): string {
  const names = data.series.length > 0 ? data.series.map((s) => s.label) : data.attributions.length > 0 ? data.attributions.map((a) => a.scenario.name) : [...info.sensitivities.map((s) => s.summary.scenario.name), ...info.sweeps.map((s) => `sweep ${s.label}`), ...info.backtests.map((b) => `backtest of ${b.summary.scenario.name}`)];
  const title = `hiresim report: ${[...new Set(names)].join(', ')}`;
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(`<p class="lead">When does the GenAI talent gap close? Results of ${data.results.map((r) => `<code>${escapeHtml(r.kind)}</code>`).join(', ')} from hiresim ${escapeHtml(info.version)}.</p>`);

  if (data.series.length > 0) {
    parts.push('<h2>The answer</h2><ul>');
    for (const s of data.series) {
      const c = s.closure;
      // With history years, say that they do not count: the answer starts at the base year.
      const counted = s.startYear < s.baseYear ? `, counted from the base year ${s.baseYear}; ${s.startYear}–${s.baseYear - 1} are history` : '';
      parts.push(`<li><strong>${escapeHtml(s.label)}</strong>: the gap closes (≤ ${escapeHtml(percent(c.threshold))} for ${c.sustainYears} years${escapeHtml(counted)}): ${escapeHtml(describeClosure(c, s.horizon, Math.min(s.horizon, Math.max(s.baseYear, 2030))))}.</li>`);
    }
    parts.push('</ul>');
  }
  for (const d of data.differences) {
    const c = d.closingYear;
    parts.push(`<p>${escapeHtml(d.scenario)} against ${escapeHtml(d.against)}: closes earlier in ${escapeHtml(percent(c.probabilityEarlier))} of paired replications, later in ${escapeHtml(percent(c.probabilityLater))}, the same year in ${escapeHtml(percent(c.probabilitySame))}; neither closes by the horizon in ${escapeHtml(percent(c.probabilityBothCensored))}.</p>`);
  }

  parts.push('<h2>Charts</h2>');
  for (const chart of charts.charts) {
    const note = chart.note === undefined ? '' : `<p class="chart-note">${escapeHtml(chart.note)}</p>`;
    parts.push(`<figure class="chart" id="chart-${chart.id}" data-chart="${chart.id}"><h3>${escapeHtml(chart.title)}</h3>${chart.html}${note}<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`);
  }
  if (charts.omitted.length > 0) parts.push(`<ul class="omitted">${charts.omitted.map((o) => `<li class="note">${escapeHtml(o)}</li>`).join('')}</ul>`);

  for (const a of data.attributions) {
    parts.push(`<h3>Lever attribution — ${escapeHtml(a.scenario.name)}</h3>`);
    parts.push(`<p>${escapeHtml(a.method)}.</p>`);
    parts.push(table(['lever', 'closing year (years), mean [90%]', `gap in ${a.year}, mean [90%]`], [
      ...a.attributions.map((l) => [l.lever, interval(l.closingYear, (x) => signed(x, 2)), interval(l.gap, (x) => signedPercent(x))]),
      ['all levers (total)', interval(a.total.closingYear, (x) => signed(x, 2)), interval(a.total.gap, (x) => signedPercent(x))],
    ], [false, true, true]));
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
        parts.push(table(['parameter', `${label}: μ*`, 'μ', 'σ'], sorted.map((p) => [p.path, p.muStar.toFixed(3), p.mu.toFixed(3), p.sigma.toFixed(3)]), [false, true, true, true]));
      } else parts.push(`<p class="note">The ${escapeHtml(label)} did not vary over the design: no index.</p>`);
    }
  }

  for (const { summary: b } of info.backtests) {
    parts.push(`<h3>Backtest — ${escapeHtml(b.scenario.name)} against <code>${escapeHtml(b.observed.file)}</code></h3>`);
    const t = b.total;
    parts.push(`<p>${t.compared > 0 ? `${t.inside} of ${t.compared} observations (${escapeHtml(percent(t.coverage ?? 0))}) inside the model's 10–90% band over ${b.replications} replications` : 'No observation in the simulated years'}; simulated ${b.startYear}–${b.horizon}, history before ${b.baseYear}. An index's base year (1 against 1) is shown, not counted.</p>`);
    parts.push(table(['series', 'compared with', 'observations (outside the simulated years)', 'coverage and error'], b.series.map((s) => [s.series, `${s.metric}, ${s.compare === 'index' ? `index to ${s.base}` : 'level'}`, `${s.compared}${s.outside.length > 0 ? ` (${s.outside.length})` : ''}`, coverageLine(s).replace(/^Coverage: /, '')]), [false, false, true, false]));
    if (b.context.length > 0) parts.push(`<p>Context (listed, not compared): ${b.context.map((c) => escapeHtml(`${c.series} (${c.years.length} year${c.years.length === 1 ? '' : 's'}, ${c.unit || 'no unit'})`)).join('; ')}.</p>`);
  }

  parts.push('<h2>Reproduce</h2>');
  parts.push(`<p>hiresim version <code>${escapeHtml(info.version)}</code>. Each result is reproduced exactly (the same scenario hash, seed and replications give the same numbers on any machine and thread count) by:</p>`);
  for (const r of info.reproductions) {
    parts.push(`<h3><code>${escapeHtml(r.result)}</code> (${escapeHtml(r.kind)})</h3>`);
    parts.push(table(['scenario', 'file', 'hash', 'seed', 'replications'], r.scenarios.map((s) => [s.name, s.file, s.hash, String(r.seed), String(r.replications)]), [false, false, false, true, true]));
    parts.push(`<pre>${escapeHtml(r.command)}</pre>`);
    parts.push(r.verified ? '<p class="ok">Checked: the scenario files loaded with these options give the recorded hashes.</p>' : `<p class="note">Not checked: ${escapeHtml(r.note ?? '')}.</p>`);
  }

  for (const sweep of info.sweeps) {
    parts.push(`<h3><code>${escapeHtml(sweep.label)}</code> (sweep)</h3>`);
    parts.push(table(['points', 'design', 'replications', 'seed', 'scenario hash'], [[sweep.lines.length === sweep.runListLength ? String(sweep.lines.length) : `${sweep.lines.length} of ≥ ${sweep.runListLength}`, sweep.design, String(sweep.replications), String(sweep.seed), sweep.scenarioHash]], [true, false, true, true, false]));
    parts.push(`<pre>${escapeHtml(sweep.command)}</pre>`);
    parts.push(
      sweep.verified
        ? `<p class="ok">Checked: these ranges, design and samples give every recorded run id, and ${escapeHtml(sweep.scenarioFile ?? '')} loaded with these options gives the recorded scenario hash.</p>`
        : `<p class="note">Not checked: ${escapeHtml(sweep.notes.join('; '))}.</p>`,
    );
  }
  for (const r of info.sensitivities) {
    parts.push(`<h3><code>${escapeHtml(r.result)}</code> (sensitivity)</h3>`);
    parts.push(table(['scenario', 'file', 'hash', 'seed', 'replications'], [[r.summary.scenario.name, r.summary.scenario.file, r.summary.scenario.hash, String(r.summary.seed), String(r.summary.replications)]], [false, false, false, true, true]));
    parts.push(`<pre>${escapeHtml(r.command)}</pre>`);
    parts.push(r.verified ? '<p class="ok">Checked: the scenario file loaded with these options gives the recorded hash.</p>' : `<p class="note">Not checked: ${escapeHtml(r.note ?? '')}.</p>`);
  }

  for (const r of info.backtests) {
    parts.push(`<h3><code>${escapeHtml(r.result)}</code> (backtest)</h3>`);
    parts.push(table(['scenario', 'file', 'hash', 'seed', 'replications', 'observed'], [[r.summary.scenario.name, r.summary.scenario.file, r.summary.scenario.hash, String(r.summary.seed), String(r.summary.replications), r.summary.observed.file]], [false, false, false, true, true, false]));
    parts.push(`<pre>${escapeHtml(r.command)}</pre>`);
    parts.push(r.verified ? '<p class="ok">Checked: the scenario file loaded with these options gives the recorded hash.</p>' : `<p class="note">Not checked: ${escapeHtml(r.note ?? '')}.</p>`);
  }

  parts.push('<h2>Parameters</h2>');
  for (const s of info.scenarios) {
    parts.push(`<h3>${escapeHtml(s.name)} <small>(<code>${escapeHtml(s.file)}</code>, hash <code>${escapeHtml(s.hash)}</code>)</small></h3>`);
    if (s.note) parts.push(`<p class="note">${escapeHtml(s.note)}.</p>`);
    const e = s.explanation;
    if (!e) continue;
    if (e.scenario.description) parts.push(`<p>${escapeHtml(e.scenario.description)}</p>`);
    parts.push(`<details open><summary>${e.parameters.length} parameters with value and source</summary>`);
    parts.push(table(['parameter', 'value', 'domain', 'source'], e.parameters.map((p) => [p.path, p.shown, p.domain, p.source === undefined ? '(none)' : p.citation ? `${p.source}: ${p.citation}` : p.source]), [false, false, false, false]));
    parts.push('</details>');
    parts.push(`<details><summary>${e.settings.length} settings</summary>`);
    parts.push(table(['setting', 'value'], e.settings.map((x) => [x.path, String(x.value)]), [false, false]));
    parts.push('</details>');
  }
  if (info.scenarios.length === 0) parts.push('<p class="note">No scenario files named in the results.</p>');

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

function table(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell, k) => `<td${numeric[k] ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

function estimate(e: { index: number; low: number; high: number }): string {
  return `${e.index.toFixed(3)} [${e.low.toFixed(3)}, ${e.high.toFixed(3)}]`;
}

function interval(d: { mean: number; meanLow: number; meanHigh: number }, format: (x: number) => string): string {
  return `${format(d.mean)} [${format(d.meanLow)}, ${format(d.meanHigh)}]`;
}

const signed = (x: number, digits: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(digits)}`;
const signedPercent = (x: number) => `${signed(x * 100, 1)} pp`;

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
