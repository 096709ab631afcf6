/**
 * The terminal view of a sensitivity analysis: a table and a tornado chart per output, then the
 * warnings about estimates too noisy to read and the command that reruns with enough samples.
 * Morris effects are in the output's units: the closing year's in years (μ's sign in words, earlier
 * or later), the gap's in percentage points; Sobol' indices are shares of the output's variance.
 */
import { outputLabel, type OutputSensitivity, type SensitivitySummary, type SensitivityWarning } from '../studies/sensitivity.js';
import { table } from './format.js';

/** A number with three decimals, the minus sign a real one; "n/a" when not a number. */
const f = (x: number, digits = 3) => (!Number.isFinite(x) ? 'n/a' : x < 0 && Number(x.toFixed(digits)) !== 0 ? `−${(-x).toFixed(digits)}` : Math.abs(x).toFixed(digits));
const interval = (low: number, high: number) => `${f(low)}–${f(high)}`;

/** A Morris effect in the output's unit: years, or percentage points of the gap. */
const effect = (o: OutputSensitivity, x: number) => (o.unit === 'share' ? f(100 * x, 2) : f(x, 2));
/** A signed effect on the closing year in words: "2.10 earlier", "0.80 later"; on the gap, a signed number of pp. */
function signedEffect(o: OutputSensitivity, x: number): string {
  if (o.unit === 'share') return effect(o, x);
  if (!Number.isFinite(x)) return 'n/a';
  const size = Math.abs(x).toFixed(2);
  return Number(size) === 0 ? '0.00' : `${size} ${x < 0 ? 'earlier' : 'later'}`;
}
const UNIT = { years: 'years', share: 'pp' } as const;

export function formatSensitivity(s: SensitivitySummary, options: { color: boolean }): string {
  const lines = [`hiresim sensitivity: "${s.scenario.name}" (hash ${s.scenario.hash}), ${s.method}, ${s.evaluations} points × ${s.replications} replications, seed ${s.seed}`, ''];
  const { warnings } = s;
  for (const o of s.outputs) {
    const units = o.morris ? (o.unit === 'share' ? ' (effects in percentage points, pp)' : ' (effects in years)') : '';
    lines.push(`Sensitivity of the ${outputLabel(o.output, s.year)}${units}`);
    if (o.constant) {
      lines.push('  the output did not vary over the design: no index can be computed', '');
      continue;
    }
    lines.push(
      o.sobol ? "  Sobol' indices: shares of the output's variance, from 0 (no influence) to 1 (all of it)" : "  Morris effects: the change in the output over each parameter's whole range",
      tableOf(o),
      '',
      tornado(o, options.color),
      '',
    );
    const mine = warnings.filter((w) => w.output === o.output);
    if (mine.length > 0) lines.push(`  Unreliable at ${s.samples} base rows:`, ...mine.map((w) => `  ! ${w.parameter}: ${w.problems.join('; ')}; about ${w.samples} base rows would do`), '');
  }
  lines.push(`Method: ${s.note}.`);
  if (warnings.length > 0) lines.push('', rerunAdvice(warnings, s));
  return `${lines.join('\n')}\n`;
}

/** One paragraph: the estimates flagged above are noise at this N, and the command that fixes them all. */
export function rerunAdvice(warnings: readonly SensitivityWarning[], s: Pick<SensitivitySummary, 'samples' | 'replications'>): string {
  const most = warnings.reduce((a, b) => (b.samples > a.samples ? b : a));
  return [
    `Warning: the estimates marked ! above are too noisy to read at ${s.samples} base rows. Intervals narrow as 1/√N: about ${most.samples} base rows`,
    `(${most.points} points × ${s.replications} replications) would narrow every flagged interval to 0.1. Rerun with:`,
    `  ${most.command}`,
  ].join('\n');
}

function tableOf(o: OutputSensitivity): string {
  if (o.sobol) return table(['parameter', 'first order', '95% interval', 'total', '95% interval'], o.sobol.map((x) => [x.path, f(x.first.index), interval(x.first.low, x.first.high), f(x.total.index), interval(x.total.low, x.total.high)]));
  const u = UNIT[o.unit];
  const mu = o.unit === 'years' ? 'μ (years, raising it)' : `μ (${u})`;
  return table(['parameter', `μ* (${u})`, mu, `σ (${u})`], (o.morris ?? []).map((x) => [x.path, effect(o, x.muStar), signedEffect(o, x.mu), effect(o, x.sigma)]));
}

/** Bars of the total index (Sobol') or μ* (Morris, in the output's unit), largest first. */
function tornado(o: OutputSensitivity, color: boolean): string {
  const rows = o.sobol
    ? o.sobol.map((x) => ({ path: x.path, value: Math.max(0, x.total.index), text: f(Math.max(0, x.total.index)) }))
    : (o.morris ?? []).map((x) => ({ path: x.path, value: x.muStar, text: `${effect(o, x.muStar)} ${UNIT[o.unit]}` }));
  rows.sort((a, b) => b.value - a.value);
  const widest = Math.max(1e-12, ...rows.map((r) => r.value));
  const name = Math.max(...rows.map((r) => r.path.length));
  return rows
    .map((r) => {
      const bar = '█'.repeat(Math.max(0, Math.round((r.value / widest) * 40)));
      return `  ${r.path.padEnd(name)} ${color ? `\x1b[36m${bar}\x1b[0m` : bar} ${r.text}`;
    })
    .join('\n');
}
