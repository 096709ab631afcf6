/**
 * The report's "Reproduce" section: per result, what it states (scenarios, hashes, seed,
 * replications), the command line its provenance record gives, each recorded file with its
 * sha-256 then and now, and the verdict of checking the record against the files here. A result
 * without a record says that its version did not record one.
 */
import { escapeHtml, table } from './markup.js';
import type { FileStatus } from './provenance-check.js';
import type { ReproductionInfo } from './reproduce.js';

const STATUS: Record<FileStatus, string> = {
  same: 'unchanged',
  changed: 'CHANGED',
  missing: 'not here',
  'not read': 'not read (outside the current directory, or not YAML)',
  'not recorded': 'not recorded then',
};

const sha = (x: string | null) => (x === null ? '—' : x.slice(0, 16));

/** The section's HTML (without its heading). */
export function reproduceSection(info: ReproductionInfo): string {
  const parts: string[] = [];
  parts.push(`<p>This is hiresim <code>${escapeHtml(info.version)}</code>. Each result records the command that made it; the same scenario hash, seed and replications give the same numbers on any machine and thread count. Run the commands from the directory they name their files from.</p>`);
  for (const r of info.reproductions) {
    parts.push(`<h3><code>${escapeHtml(r.result)}</code> (${escapeHtml(r.what)})</h3>`);
    const header = ['scenario', 'file', 'hash', 'seed', 'replications', ...r.more.map(([name]) => name)];
    const rows = r.scenarios.map((s) => [s.name || '(not recorded)', s.file || '(not recorded)', s.hash, String(r.seed), String(r.replications), ...r.more.map(([, value]) => value)]);
    parts.push(table(header, rows, header.map((h) => h === 'replications')));
    if (r.record === undefined || r.check === undefined) {
      parts.push('<p class="note">Command not recorded by this version: the result file has no provenance record (it was written by a hiresim that did not record one), so the command line, its <code>--set</code> overrides and the scenario files are not known and are not guessed.</p>');
      continue;
    }
    parts.push(`<pre class="command">${escapeHtml(r.record.command)}</pre>`);
    const files = [...r.check.scenarios.flatMap((s) => s.files), ...r.check.data];
    if (files.length > 0) parts.push(table(['recorded file', 'sha-256 then', 'sha-256 here', 'file here'], files.map((f) => [f.file, sha(f.recorded), sha(f.now), STATUS[f.status]]), [false, false, false, false], (k) => (files[k].status === 'changed' ? 'changed' : undefined)));
    const [verdict, ...more] = r.check.sentences;
    parts.push(`<p class="${r.check.verdict === 'reproduces' ? 'ok' : 'note'} verdict">${escapeHtml(verdict)}</p>`);
    for (const line of [...more, ...r.notes]) parts.push(`<p class="note">${escapeHtml(line)}</p>`);
  }
  return parts.join('\n');
}
