/**
 * Quoted figures in the documents: `<!-- fig:NAME -->text<!-- /fig -->` or, with a format,
 * `<!-- fig:NAME|FORMAT -->text<!-- /fig -->`. The text is what `formatFigure` makes of
 * docs/figures.json's value; scripts/model-figures.mjs writes it and test/docs/figures.test.ts
 * checks it. Also the fingerprint of the inputs the figures came from.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = /<!-- fig:([A-Za-z0-9_.-]+)(?:\|([a-z0-9]+))? -->([\s\S]*?)<!-- \/fig -->/g;

/** The code, scenarios and data every figure depends on (documentation and command-line text excluded). */
const INPUTS = ['src/model', 'src/expected', 'src/scenario', 'src/random', 'src/analysis', 'src/studies/backtest', 'src/studies/calibrate', 'src/studies/run.ts', 'src/engine', 'scenarios', 'data/observed.csv'];

export function inputsFingerprint(root) {
  const hash = createHash('sha256');
  const add = (path) => {
    const full = join(root, path);
    if (statSync(full).isDirectory()) for (const name of readdirSync(full).sort()) add(join(path, name));
    else hash.update(path).update('\0').update(readFileSync(full));
  };
  for (const input of INPUTS) add(input);
  return hash.digest('hex').slice(0, 16);
}

const thousands = (x) => Math.round(x).toLocaleString('en-US');
const compact = (x) => (Math.abs(x) >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : Math.abs(x) >= 1e4 ? `${(x / 1e3).toFixed(1)}k` : thousands(x));
const usd = (x) => (Math.abs(x) >= 1e6 ? `$${(x / 1e6).toFixed(2)}M` : `$${(x / 1e3).toFixed(0)}k`);
const pct = (x, digits = 0) => `${(x * 100).toFixed(digits)}%`;

const FORMATS = {
  pct: (x) => pct(x),
  pct1: (x) => pct(x, 1),
  int: thousands,
  k: compact,
  usd,
  r1: (x) => x.toFixed(1),
  r2: (x) => x.toFixed(2),
  r3: (x) => x.toFixed(3),
  year: (x) => (x === null ? 'after the horizon' : String(x)),
  text: (x) => String(x),
};

const TABLES = {
  'table.history': (rows) => [
    '| year | | candidates per 100 positions | gap | open positions | qualified candidates | employed | median pay | AI premium | switchers | graduates |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.year} | ${r.history ? 'history' : ''} | ${r.candidatesPer100.toFixed(0)} | ${pct(r.gap)} | ${compact(r.openPositions)} | ${compact(r.qualifiedCandidates)} | ${compact(r.employed)} | ${usd(r.payMedian)} | ${r.aiPremium.toFixed(3)} | ${compact(r.switchers)} | ${compact(r.graduates)} |`),
  ],
  'table.targets': (rows) => [
    '| target | value ± tolerance | agents (median of 40) | residual | expected-value recursion |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| \`${r.target}\` | ${r.value} ± ${r.tolerance} | ${r.agents === null ? '—' : r.agents.toPrecision(3)} | ${r.agentsResidual === null ? '—' : r.agentsResidual.toFixed(2)} | ${r.expected === null ? '—' : r.expected.toPrecision(3)} |`),
  ],
  'table.backtest': (rows) => [
    '| series | compared as | observations | inside the 10–90% band | coverage | median error |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| \`${r.series}\` | ${r.compare} | ${r.compared} | ${r.inside} | ${pct(r.coverage)} | ${r.compare === 'index' ? (r.error ?? 0).toFixed(3) : pct(r.error ?? 0, 1)} |`),
  ],
  'table.parameters': (rows) => [
    '| parameter | value (base year; a formula as written) | kind | source |',
    '|---|---|---|---|',
    ...rows.map((r) => `| \`${r.path}\` | ${r.shown.replace(/\|/g, '\\|')} | ${r.kind} | ${r.source.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`),
  ],
  'table.scenarios': (rows) => [
    '| scenario | median closing year | 10–90% | P(closed by 2030) |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| \`${r.scenario}.yaml\` | ${r.median ?? 'after 2045'} | ${r.p10 ?? 'after 2045'}–${r.p90 ?? 'after 2045'} | ${r.by2030.toFixed(2)} |`),
  ],
};

/** The text a figure shows in a document. */
export function formatFigure(name, value, format) {
  if (TABLES[name]) return `\n${TABLES[name](value).join('\n')}\n`;
  if (format === 'code') return `\n\`\`\`\n${value}\n\`\`\`\n`;
  if (value === undefined) return undefined;
  const f = FORMATS[format ?? 'text'];
  if (!f) throw new Error(`unknown figure format ${format} for ${name}`);
  return f(value);
}

/** Every quoted figure of a document: name, format and the text it shows. */
export function quotedFigures(text) {
  return [...text.matchAll(MARKER)].map((m) => ({ name: m[1], format: m[2], shown: m[3] }));
}

/** The document with every quoted figure rewritten from `figures`; names it quotes that `figures` lacks. */
export function replaceFigures(text, figures) {
  const missing = [];
  const next = text.replace(MARKER, (whole, name, format) => {
    if (!(name in figures)) {
      missing.push(name);
      return whole;
    }
    return `<!-- fig:${name}${format ? `|${format}` : ''} -->${formatFigure(name, figures[name], format)}<!-- /fig -->`;
  });
  return { text: next, missing };
}
