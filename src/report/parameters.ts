/**
 * The report's parameter section: the ~180 parameters of every explained scenario in ONE table with
 * a column of values per scenario (scenarios share most values, and a table per scenario made the
 * report thousands of pixels tall), collapsed in <details>; the rows whose values differ between
 * scenarios are marked, and listed again, open, above it, since they are what tells the scenarios
 * apart.
 */
import type { ExplainedParameter } from '../scenario/explain.js';
import { details, escapeHtml, table } from './markup.js';
import type { ExplainedScenario } from './reproduce.js';

/** Column labels: the scenario's name, with its hash when two explained scenarios share a name. */
function labels(scenarios: readonly ExplainedScenario[]): string[] {
  const count = new Map<string, number>();
  for (const s of scenarios) count.set(s.name, (count.get(s.name) ?? 0) + 1);
  return scenarios.map((s) => ((count.get(s.name) ?? 0) > 1 ? `${s.name} (${s.hash})` : s.name));
}

const sourceText = (p: ExplainedParameter | undefined) => (p === undefined || p.source === undefined ? '(none)' : p.citation ? `${p.source}: ${p.citation}` : p.source);

/** Rows keyed by path, in the order paths first appear; a value per scenario ("—" where it has none). */
function merge<T>(lists: readonly (readonly T[])[], path: (item: T) => string): { path: string; items: (T | undefined)[] }[] {
  const order: string[] = [];
  const byPath = lists.map((list) => new Map(list.map((item) => [path(item), item])));
  for (const list of lists) for (const item of list) if (!order.includes(path(item))) order.push(path(item));
  return order.map((p) => ({ path: p, items: byPath.map((m) => m.get(p)) }));
}

/** The parameter section's HTML (without its heading). */
export function parameterSection(scenarios: readonly ExplainedScenario[], unexplained: readonly string[]): string {
  const parts: string[] = [];
  if (scenarios.length === 0) {
    parts.push('<p class="note">No scenario explained: the results name none that could be loaded here.</p>');
  } else {
    const names = labels(scenarios);
    parts.push(`<ul class="scenarios">${scenarios.map((s, k) => `<li><strong>${escapeHtml(names[k])}</strong> (<code>${escapeHtml(s.file)}</code>, hash <code>${escapeHtml(s.hash)}</code>)${s.explanation.scenario.description ? `: ${escapeHtml(s.explanation.scenario.description)}` : ''}${s.note ? ` <span class="note">${escapeHtml(s.note)}.</span>` : ''}</li>`).join('')}</ul>`);
    const parameters = merge(scenarios.map((s) => s.explanation.parameters), (p) => p.path);
    const value = (p: ExplainedParameter | undefined) => p?.shown ?? '—';
    const differs = parameters.map((row) => new Set(row.items.map(value)).size > 1);
    const source = (items: readonly (ExplainedParameter | undefined)[]) => {
      const distinct = [...new Set(items.map(sourceText))];
      return distinct.length === 1 ? distinct[0] : items.map((p, k) => `${names[k]}: ${sourceText(p)}`).join('; ');
    };
    const many = scenarios.length > 1;
    const header = ['parameter', ...(many ? names : ['value']), 'domain', 'source'];
    const numeric = header.map(() => false);
    const row = (r: (typeof parameters)[number]) => [r.path, ...r.items.map(value), r.items.find((p) => p !== undefined)?.domain ?? '', source(r.items)];
    if (many) {
      const different = parameters.filter((_, k) => differs[k]);
      parts.push(`<h3>Parameters that differ between the scenarios</h3>`);
      parts.push(different.length > 0 ? table(header, different.map(row), numeric) : '<p>None: the scenarios share every parameter value.</p>');
    }
    const summary = many
      ? `All ${parameters.length} parameters with value and source, a column per scenario (${differs.filter(Boolean).length} differ, marked)`
      : `${parameters.length} parameters with value and source`;
    parts.push(details(summary, table(header, parameters.map(row), numeric, (k) => (differs[k] ? 'differs' : undefined)), 'parameters'));
    const settings = merge(scenarios.map((s) => s.explanation.settings), (x) => x.path);
    const setting = (x: { value: string | number | boolean } | undefined) => (x === undefined ? '—' : String(x.value));
    parts.push(details(`${settings.length} settings`, table(['setting', ...(many ? names : ['value'])], settings.map((r) => [r.path, ...r.items.map(setting)]), [false, ...scenarios.map(() => false)], (k) => (new Set(settings[k].items.map(setting)).size > 1 ? 'differs' : undefined)), 'settings'));
  }
  if (unexplained.length > 0) parts.push(`<ul class="unexplained">${unexplained.map((u) => `<li class="note">${escapeHtml(u)}.</li>`).join('')}</ul>`);
  return parts.join('\n');
}
