/** The terminal view of a sensitivity analysis: a table and a tornado chart per output. */
import type { OutputSensitivity, SensitivitySummary } from '../sweep/sensitivity.js';
import { table } from './format.js';

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const LABEL = { closingYear: 'median closing year', gap: 'median gap' } as const;

export function formatSensitivity(s: SensitivitySummary, options: { color: boolean }): string {
  const lines = [`hiresim sensitivity: "${s.scenario.name}" (hash ${s.scenario.hash}), ${s.method}, ${s.evaluations} points × ${s.replications} replications, seed ${s.seed}`, ''];
  for (const output of s.outputs) {
    const title = `${LABEL[output.output]}${output.output === 'gap' ? ` in ${s.year}` : ''}`;
    lines.push(`Sensitivity of the ${title}`);
    if (output.constant) {
      lines.push('  the output did not vary over the design: no index can be computed', '');
      continue;
    }
    lines.push(tableOf(output), '', tornado(output, options.color), '');
  }
  lines.push(`Method: ${s.note}.`);
  return `${lines.join('\n')}\n`;
}

function tableOf(o: OutputSensitivity): string {
  if (o.sobol) return table(['parameter', 'first order', '95% interval', 'total', '95% interval'], o.sobol.map((x) => [x.path, f(x.first.index), `${f(x.first.low)}…${f(x.first.high)}`, f(x.total.index), `${f(x.total.low)}…${f(x.total.high)}`]));
  return table(['parameter', 'μ*', 'μ', 'σ'], (o.morris ?? []).map((x) => [x.path, f(x.muStar), f(x.mu), f(x.sigma)]));
}

/** Bars of the total index (Sobol') or μ* (Morris), largest first. */
function tornado(o: OutputSensitivity, color: boolean): string {
  const rows = o.sobol ? o.sobol.map((x) => ({ path: x.path, value: Math.max(0, x.total.index) })) : (o.morris ?? []).map((x) => ({ path: x.path, value: x.muStar }));
  rows.sort((a, b) => b.value - a.value);
  const widest = Math.max(1e-12, ...rows.map((r) => r.value));
  const name = Math.max(...rows.map((r) => r.path.length));
  return rows
    .map((r) => {
      const bar = '█'.repeat(Math.max(0, Math.round((r.value / widest) * 40)));
      return `  ${r.path.padEnd(name)} ${color ? `\x1b[36m${bar}\x1b[0m` : bar} ${f(r.value)}`;
    })
    .join('\n');
}
