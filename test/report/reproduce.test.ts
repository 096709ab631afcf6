/**
 * `hiresim report` reproduces a result from its provenance record, end to end: it shows the recorded
 * command, checks it by loading the recorded scenario files with the recorded overrides (comparing
 * every file's sha-256 and the resolved hash) and says which file changed; a result without a record
 * is said to have none, nothing guessed; a record naming a file outside the current directory never
 * makes the report read it; a damaged record is a positioned problem, exit 2.
 *
 * Each test works in its own copy of the shipped baseline and tool-breakthrough scenarios, as
 * `scenarios/…` under a temporary working directory.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { hiresimAsync, STACK_TRACE, tempDir } from '../helpers/problems.js';

type LinkedDocument = ReturnType<typeof parseHTML>['document'];

const RUN = ['run', 'scenarios/tool-breakthrough.yaml', '--set', 'scale=50', '--reps', '2', '--set', 'horizon=2027', '--threads', '1', '--out', 'result'];

let dir = '';
let cleanup = () => {};
let summary: { provenance: { command: string; scenarios: { hash: string }[] } } & Record<string, unknown>;
const baseline = () => readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8');

/** A fresh working directory with the two scenario files and the run's result; `change` edits it first. */
function workdir(name: string, change: (cwd: string) => void = () => {}): string {
  const cwd = join(dir, name);
  mkdirSync(join(cwd, 'scenarios'), { recursive: true });
  mkdirSync(join(cwd, 'result'), { recursive: true });
  for (const file of ['baseline.yaml', 'tool-breakthrough.yaml']) copyFileSync(join(dir, 'made', 'scenarios', file), join(cwd, 'scenarios', file));
  copyFileSync(join(dir, 'made', 'result', 'summary.json'), join(cwd, 'result', 'summary.json'));
  change(cwd);
  return cwd;
}

// The file itself, not its directory: the tests edit summary.json, and a directory is read only as
// the set its manifest lists (an edited file would be refused as not the one written with the others).
async function report(cwd: string, input = join('result', 'summary.json')): Promise<{ html: string; document: LinkedDocument }> {
  const r = await hiresimAsync(['report', input, '--html', 'report.html'], { cwd });
  expect(r.status, r.stderr).toBe(0);
  const html = readFileSync(join(cwd, 'report.html'), 'utf8');
  return { html, document: parseHTML(html).document };
}

const fileRows = (document: LinkedDocument) => [...document.querySelectorAll('table')].filter((t) => t.querySelector('th')?.textContent === 'recorded file').flatMap((t) => [...t.querySelectorAll('tr')].slice(1).map((tr) => ({ cells: [...tr.querySelectorAll('td')].map((td) => td.textContent), changed: tr.getAttribute('class') === 'changed' })));
const verdict = (document: LinkedDocument) => document.querySelector('p.verdict')?.textContent ?? '';

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('hiresim-report-reproduce-'));
  const made = join(dir, 'made');
  mkdirSync(join(made, 'scenarios'), { recursive: true });
  for (const file of ['baseline.yaml', 'tool-breakthrough.yaml']) copyFileSync(join(ROOT, 'scenarios', file), join(made, 'scenarios', file));
  const r = await hiresimAsync(RUN, { cwd: made });
  expect(r.status, r.stderr).toBe(0);
  summary = JSON.parse(readFileSync(join(made, 'result', 'summary.json'), 'utf8'));
}, 120_000);
afterAll(() => cleanup());

describe('hiresim report reproduces a result from its provenance record', () => {
  it('shows the recorded command and checks it: every file unchanged, the recorded hash', async () => {
    const { html, document } = await report(workdir('same'));
    expect(summary.provenance.command).toBe('hiresim run scenarios/tool-breakthrough.yaml --set scale=50 --reps 2 --set horizon=2027');
    expect(html).toContain(`<pre class="command">${summary.provenance.command}</pre>`);
    expect(fileRows(document).map((r) => [r.cells[0], r.cells[3]])).toEqual([
      ['scenarios/baseline.yaml', 'unchanged'],
      ['scenarios/tool-breakthrough.yaml', 'unchanged'],
    ]);
    expect(verdict(document)).toBe('Checked: scenarios/tool-breakthrough.yaml and the files it extends have the recorded sha-256, and loaded with the recorded overrides (scale=50, horizon=2027, replications=2) gives the recorded hash.');
    expect(document.querySelector('p.verdict')!.getAttribute('class')).toContain('ok');
    // The parameters are those of the recorded scenario, loaded with the recorded overrides.
    expect(html).toContain(`<strong>tool-breakthrough</strong> (<code>scenarios/tool-breakthrough.yaml</code>, hash <code>${summary.provenance.scenarios[0].hash}</code>)`);
    expect(document.querySelectorAll('details.parameters').length).toBe(1);
  });

  it('flags a changed file by name when the change alters the model inputs', async () => {
    const cwd = workdir('changed', (at) => writeFileSync(join(at, 'scenarios', 'baseline.yaml'), baseline().replace('seed: 20250101', 'seed: 20250102')));
    const { document } = await report(cwd);
    const rows = fileRows(document);
    expect(rows.map((r) => [r.cells[0], r.cells[3], r.changed])).toEqual([
      ['scenarios/baseline.yaml', 'CHANGED', true],
      ['scenarios/tool-breakthrough.yaml', 'unchanged', false],
    ]);
    expect(verdict(document)).toMatch(/^Changed: scenarios\/baseline\.yaml has changed since the result was made \(sha-256 now [0-9a-f]{12}…, recorded [0-9a-f]{12}…\): scenarios\/tool-breakthrough\.yaml loaded with the recorded overrides \(scale=50, horizon=2027, replications=2\) gives the hash [0-9a-f]{16}, not the recorded [0-9a-f]{16}\. The command reproduces the result only with the files as they were\.$/);
    expect(document.querySelector('p.verdict')!.getAttribute('class')).toContain('note');
    expect(document.querySelector('ul.scenarios')!.textContent).toContain('values may differ from the result\'s');
  });

  it('says a change that leaves the hash alone (a comment) still reproduces the result', async () => {
    const cwd = workdir('comment', (at) => writeFileSync(join(at, 'scenarios', 'baseline.yaml'), `${baseline()}\n# a comment added later\n`));
    const { document } = await report(cwd);
    expect(fileRows(document).map((r) => r.cells[3])).toEqual(['CHANGED', 'unchanged']);
    expect(verdict(document)).toMatch(/^Checked: scenarios\/baseline\.yaml has changed since the result was made \(.*\), but loaded with the recorded overrides \(.*\) it still gives the recorded hash: the change does not touch the model's inputs/);
  });

  it('says what is missing, without checking', async () => {
    const cwd = workdir('missing', (at) => rmSync(join(at, 'scenarios', 'tool-breakthrough.yaml')));
    const { document } = await report(cwd);
    expect(fileRows(document).map((r) => r.cells[3])).toEqual(['unchanged', 'not here']);
    expect(verdict(document)).toBe('Not checked: scenarios/tool-breakthrough.yaml is not here (the report reads only scenario YAML files under the current directory: run it where the command was run).');
    expect(document.querySelector('ul.unexplained')!.textContent).toContain('scenarios/tool-breakthrough.yaml (summary.json): scenarios/tool-breakthrough.yaml is not here');
  });

  it('says "not recorded by this version" for a result without a record, and guesses nothing', async () => {
    const cwd = workdir('old', (at) => {
      const { provenance: _, ...old } = summary;
      writeFileSync(join(at, 'result', 'summary.json'), JSON.stringify(old, null, 2));
    });
    const { html, document } = await report(cwd);
    expect(html).toContain('Command not recorded by this version');
    expect(document.querySelector('pre')).toBe(null);
    expect(html).not.toContain('hiresim run scenarios');
    expect(document.querySelector('details.parameters')).toBe(null);
    expect(document.querySelector('ul.unexplained')!.textContent).toContain('tool-breakthrough (summary.json): not recorded by this version, so its parameters are not shown');
  });

  it('never reads a file the record names outside the current directory, nor one that is not scenario YAML', async () => {
    const cwd = workdir('outside', (at) => {
      writeFileSync(join(dir, 'outside.yaml'), 'name: SECRET-OUTSIDE\ndescription: SECRET-OUTSIDE\n');
      writeFileSync(join(at, 'notes.txt'), 'SECRET-NOTES\n');
      // Under the current directory, but extending a file outside it: a scenario whose description would be SECRET.
      writeFileSync(join(at, 'scenarios', 'inside.yaml'), `extends: ../../outside-parent.yaml\n`);
      writeFileSync(join(dir, 'outside-parent.yaml'), baseline().replace(/^description: .*$/m, 'description: SECRET-PARENT').replace(/^name: .*$/m, 'name: SECRET-NAME'));
      // A file that does not load, whose parent's text must not appear in the problem either.
      writeFileSync(join(at, 'scenarios', 'broken.yaml'), `extends: ../../outside.yaml\n`);
      const record = JSON.parse(JSON.stringify(summary.provenance));
      record.scenarios = [
        { file: '../outside.yaml', files: [{ file: '../outside.yaml', sha256: null }], hash: '0000000000000000' },
        { file: 'notes.txt', files: [{ file: '/etc/hostname', sha256: null }, { file: 'notes.txt', sha256: null }], hash: '0000000000000000' },
        { file: 'scenarios/inside.yaml', files: [{ file: 'scenarios/inside.yaml', sha256: null }], hash: '0000000000000000' },
        { file: 'scenarios/broken.yaml', files: [{ file: 'scenarios/broken.yaml', sha256: null }], hash: '0000000000000000' },
      ];
      writeFileSync(join(at, 'result', 'summary.json'), JSON.stringify({ ...summary, provenance: record, scenario: { ...(summary.scenario as object), file: '/etc/hostname' } }, null, 2));
    });
    const { html, document } = await report(cwd);
    expect(html).not.toContain('SECRET');
    expect(html).not.toContain(readFileSync('/etc/hostname', 'utf8').trim() || 'no hostname file content');
    expect(fileRows(document).map((r) => [r.cells[0], r.cells[2], r.cells[3]])).toEqual([
      ['../outside.yaml', '—', 'not read (outside the current directory, or not YAML)'],
      ['/etc/hostname', '—', 'not read (outside the current directory, or not YAML)'],
      ['notes.txt', '—', 'not read (outside the current directory, or not YAML)'],
      ['scenarios/inside.yaml', expect.stringMatching(/^[0-9a-f]{16}$/), 'not recorded then'],
      ['scenarios/broken.yaml', expect.stringMatching(/^[0-9a-f]{16}$/), 'not recorded then'],
    ]);
    expect(verdict(document)).toContain('Not checked: ../outside.yaml is outside the current directory; notes.txt is not a scenario YAML file; scenarios/inside.yaml extends a file the report does not read (');
    expect(verdict(document)).toContain('scenarios/broken.yaml with the recorded overrides does not load here (');
    expect(document.querySelector('details.parameters')).toBe(null);
  });

  it('hashes the data files a record names (observed series, targets) and names one that changed', async () => {
    const csv = 'series,year,value\nx,2025,1\n';
    const withData = (text: string) => (at: string) => {
      mkdirSync(join(at, 'data'));
      writeFileSync(join(at, 'data', 'observed.csv'), text);
      const data = [{ file: 'data/observed.csv', sha256: createHash('sha256').update(csv).digest('hex') }];
      writeFileSync(join(at, 'result', 'summary.json'), JSON.stringify({ ...summary, provenance: { ...summary.provenance, data } }, null, 2));
    };
    const same = await report(workdir('data-same', withData(csv)));
    expect(fileRows(same.document).map((r) => [r.cells[0], r.cells[3]])).toEqual([
      ['scenarios/baseline.yaml', 'unchanged'],
      ['scenarios/tool-breakthrough.yaml', 'unchanged'],
      ['data/observed.csv', 'unchanged'],
    ]);
    expect(verdict(same.document)).toMatch(/^Checked: /);
    const changed = await report(workdir('data-changed', withData(`${csv}x,2026,2\n`)));
    expect(fileRows(changed.document).map((r) => r.cells[3])).toEqual(['unchanged', 'unchanged', 'CHANGED']);
    expect(verdict(changed.document)).toMatch(/^Changed: the data file data\/observed\.csv has changed since the result was made \(sha-256 now [0-9a-f]{12}…, recorded [0-9a-f]{12}…\)\. The command reproduces the result only with the data as it was\.$/);
  });

  it('rejects a damaged record at the line of its "provenance" key, exit 2, and writes nothing', async () => {
    const cwd = workdir('damaged', (at) => writeFileSync(join(at, 'result', 'summary.json'), JSON.stringify({ ...summary, provenance: { ...summary.provenance, argv: 3 } }, null, 2)));
    const r = await hiresimAsync(['report', join('result', 'summary.json'), '--html', 'never.html'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toContain(`${join('result', 'summary.json')}:2:1 provenance.argv: expected a list of texts, found number 3`);
    expect(existsSync(join(cwd, 'never.html'))).toBe(false);
  });
});
