/** The terminal view of a lever attribution: a table and bars of each lever's Shapley value. */
import type { AttributionSummary } from '../sim/attribute.js';
import { table } from './format.js';

const signed = (x: number, digits = 1) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(digits)}`;

export function formatAttribution(a: AttributionSummary, options: { color: boolean }): string {
  const lines: string[] = [];
  lines.push(`hiresim attribute: "${a.scenario.name}" (hash ${a.scenario.hash}), ${a.replications} replications × ${a.subsets.length} lever subsets, seed ${a.seed}`);
  lines.push('');
  const rows = a.attributions.map((x) => [
    x.lever,
    `${signed(x.closingYear.mean)} [${signed(x.closingYear.meanLow)}, ${signed(x.closingYear.meanHigh)}]${x.closingYear.withinNoise ? ' ~' : ''}`,
    signed(x.aloneOn.closingYear.mean),
    signed(x.aloneOff.closingYear.mean),
    `${signed(100 * x.gap.mean)} [${signed(100 * x.gap.meanLow)}, ${signed(100 * x.gap.meanHigh)}]${x.gap.withinNoise ? ' ~' : ''}`,
  ]);
  rows.push(['all levers', signed(a.total.closingYear.mean), '', '', signed(100 * a.total.gap.mean)]);
  lines.push(`Contribution of each lever (Shapley value; negative = closes the gap earlier / narrows it; [90% interval]; ~ = within noise)`);
  lines.push(table(['lever', 'closing year, years', 'alone on', 'alone off', `gap in ${a.year}, points`], rows));
  lines.push('');
  lines.push('Years earlier that each lever closes the gap (Shapley):');
  const widest = Math.max(0.5, ...a.attributions.map((x) => Math.abs(x.closingYear.mean)));
  const name = Math.max(...a.attributions.map((x) => x.lever.length));
  for (const x of [...a.attributions].sort((p, q) => p.closingYear.mean - q.closingYear.mean)) {
    const length = Math.round((Math.abs(x.closingYear.mean) / widest) * 40);
    const bar = (x.closingYear.mean <= 0 ? '█' : '▒').repeat(length);
    const painted = options.color ? `\x1b[${x.closingYear.mean <= 0 ? '36' : '33'}m${bar}\x1b[0m` : bar;
    lines.push(`  ${x.lever.padEnd(name)} ${painted} ${signed(-x.closingYear.mean)} years`);
  }
  lines.push('');
  const best = [...a.attributions].sort((p, q) => p.closingYear.mean - q.closingYear.mean)[0];
  lines.push(`Largest contribution: ${best.lever}, ${signed(-best.closingYear.mean)} years earlier (90% interval ${signed(-best.closingYear.meanHigh)} to ${signed(-best.closingYear.meanLow)}).`);
  lines.push(`Method: ${a.method}.`);
  return `${lines.join('\n')}\n`;
}
