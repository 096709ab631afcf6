import { explainScenario, type Explanation } from '../../scenario/explain.js';
import { loadScenario } from '../../scenario/load.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out } from '../cli.js';

/** `hiresim explain FILE`: the resolved scenario as a table, or as JSON. */
export async function explainCommand(options: { file: string; overrides: readonly string[]; json: boolean }): Promise<ExitCode> {
  const explanation = explainScenario(loadScenario(options.file, { overrides: options.overrides }));
  await out(options.json ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation));
  return EXIT.ok;
}

/** The human-readable form: settings, then parameters grouped by section, then sources. */
export function formatExplanation(e: Explanation): string {
  const lines: string[] = [];
  lines.push(`Scenario "${e.scenario.name}" (hash ${e.scenario.hash})`);
  lines.push(`Files: ${e.scenario.files.join(' → ')}`);
  lines.push(describeCalendar(e.calendar));
  lines.push('', e.scenario.description, '');
  lines.push('Settings');
  const settingWidth = Math.max(...e.settings.map((s) => s.path.length));
  for (const s of e.settings) lines.push(`  ${s.path.padEnd(settingWidth)}  ${String(s.value)}`);

  const pathWidth = Math.max(...e.parameters.map((p) => p.path.length));
  const valueWidth = Math.min(44, Math.max(...e.parameters.map((p) => p.shown.length)));
  let section = '';
  for (const p of e.parameters) {
    const top = p.path.split('.')[0];
    if (top !== section) {
      section = top;
      lines.push('', `Parameters: ${section}`);
    }
    const source = p.source === undefined ? '(no source)' : p.source;
    lines.push(`  ${p.path.padEnd(pathWidth)}  ${p.shown.padEnd(valueWidth)}  ${source}`);
  }
  lines.push('', 'Sources');
  const keyWidth = Math.max(0, ...Object.keys(e.sources).map((k) => k.length));
  for (const [key, text] of Object.entries(e.sources)) lines.push(`  ${key.padEnd(keyWidth)}  ${text}`);
  if (e.assumptions.length > 0) {
    lines.push('', 'Assumptions');
    for (const a of e.assumptions) lines.push(`  - ${a}`);
  }
  if (e.unsourced.length > 0) lines.push('', `${e.unsourced.length} parameter(s) have no source: ${e.unsourced.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The calendar: the four settings, then what they mean ("history 2022–2024 (after 5 unrecorded
 * burn-in years); the answer (closing year, P(closed by year)) from the base year 2025 to 2045").
 */
export function describeCalendar(c: Explanation['calendar']): string {
  const burnIn = c.burnInYears > 0 ? ` (after ${c.burnInYears} unrecorded burn-in year${c.burnInYears === 1 ? '' : 's'})` : '';
  const history = c.startYear < c.baseYear ? `history ${c.startYear === c.baseYear - 1 ? c.startYear : `${c.startYear}–${c.baseYear - 1}`}${burnIn}` : `no history${burnIn}`;
  return [
    `Years: startYear ${c.startYear}, baseYear ${c.baseYear}, horizon ${c.horizon}, burnInYears ${c.burnInYears}`,
    `  ${history}; the answer (closing year, P(closed by year)) from the base year ${c.baseYear} to ${c.horizon}`,
  ].join('\n');
}
