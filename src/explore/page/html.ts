/**
 * The explore page: a static document whose controls and charts the script (/app.js) fills from
 * /api/setup and the run events. It loads nothing but the server's own files: d3 and Observable
 * Plot (served from the package), the script and the style sheet.
 */
import { escapeHtml } from '../../report/markup.js';

export function pageHtml(scenarioName: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hiresim explore: ${escapeHtml(scenarioName)}</title>
<link rel="stylesheet" href="/style.css">
<link rel="icon" href="data:,">
<script src="/d3.js" defer></script>
<script src="/plot.js" defer></script>
<script src="/app.js" defer></script>
</head>
<body>
<header><h1>hiresim explore: what if…?</h1><p id="scenario">loading the scenario…</p></header>
<main>
<aside>
<section id="levers"><h2>Levers</h2></section>
<section id="sliders"><h2>Inputs</h2></section>
<section class="draft"><h2>Agent-based draft</h2>
<label>persons per agent (scale) <select id="draft-scale"></select></label>
<label>replications <input id="draft-reps" type="number" min="1" max="200" step="1"></label>
<label>seed <input id="draft-seed" type="text"></label>
<p class="cost" id="draft-cost"></p>
</section>
<section><h2>Share</h2>
<p><button id="copy-command" type="button">Copy command</button> the <code>hiresim run</code> line that reproduces this view</p>
<textarea id="command" rows="4" readonly></textarea>
<p><label>Save as scenario <input id="save-name" type="text" value="what-if.yaml"></label> <button id="save" type="button">Save</button></p>
<p class="saved" id="saved"></p>
<details><summary>the scenario file</summary><textarea id="yaml" rows="12" readonly></textarea></details>
</section>
</aside>
<section id="results">
<p id="status">starting…</p>
<p id="answer"></p>
<p id="difference"></p>
<p id="expected-answer"></p>
<figure id="chart-candidates" data-chart="candidates"><h3>Qualified candidates per 100 open positions</h3><div class="plot"></div><figcaption></figcaption></figure>
<figure id="chart-closed" data-chart="closed"><h3>P(closed by year)</h3><div class="plot"></div><figcaption></figcaption></figure>
<figure id="chart-pay" data-chart="pay"><h3>Median GenAI pay (nominal US dollars)</h3><div class="plot"></div><figcaption></figcaption></figure>
</section>
</main>
</body>
</html>
`;
}
