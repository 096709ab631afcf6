/**
 * Atomic result files (src/output/files.ts): a temporary in the target directory with a random name,
 * created exclusively, never through a symbolic link someone planted; stale temporaries of dead
 * writers removed, a live writer's kept; and a set of files as one unit, checked against its
 * manifest (src/output/result-set.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** When set, the next random bytes are these (to make the "random" name predictable in one test). */
const fixed: { bytes?: Buffer } = {};
/** Every draw, in hex. */
const drawn: string[] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const randomBytes = (n: number) => {
    const bytes = fixed.bytes?.subarray(0, n) ?? actual.randomBytes(n);
    drawn.push(bytes.toString('hex'));
    return bytes;
  };
  return { ...actual, randomBytes };
});
const { hostTag, removeStaleTemporaries, temporaryWriter, writeFileAtomic, writeResultFiles } = await import('../../src/output/files.js');
const { MANIFEST, manifestText, readResultSet } = await import('../../src/output/result-set.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hiresim-files-'));
  fixed.bytes = undefined;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('leaves exactly the target, with the content, whatever the content', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (content) => {
        writeFileAtomic(join(dir, 'summary.json'), content);
        expect(readFileSync(join(dir, 'summary.json'), 'utf8')).toBe(content);
        expect(readdirSync(dir)).toEqual(['summary.json']);
      }),
      { numRuns: 50 },
    );
  });

  it('a link planted at the old predictable name (.summary.json.<pid>.tmp) is not followed', () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, `.summary.json.${process.pid}.tmp`));
    writeFileAtomic(join(dir, 'summary.json'), 'result');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).toBe('result');
  });

  it('temporary names come from fresh random bytes on every write', () => {
    drawn.length = 0;
    for (let k = 0; k < 20; k++) writeFileAtomic(join(dir, 'x.json'), String(k));
    expect(drawn).toHaveLength(20);
    expect(drawn.every((hex) => hex.length === 16)).toBe(true);
    expect(new Set(drawn).size).toBe(20);
  });

  it('a link planted at the very name the temporary gets makes the write fail, never follow it', () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    fixed.bytes = Buffer.alloc(8, 0xab);
    const planted = join(dir, `.summary.json.${hostTag()}.${process.pid}.${'ab'.repeat(8)}.tmp`);
    symlinkSync(victim, planted);
    // Every try draws the same planted name: after a few, the error (EEXIST), and nothing written.
    expect(() => writeFileAtomic(join(dir, 'summary.json'), 'result')).toThrow(/EEXIST/);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(planted).isSymbolicLink()).toBe(true);
    expect(existsSync(join(dir, 'summary.json'))).toBe(false);
  });

  it('a link at the target itself is replaced, not written through', () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'summary.json'));
    writeFileAtomic(join(dir, 'summary.json'), 'result');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'summary.json')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).toBe('result');
  });
});

describe('writeResultFiles', () => {
  it('creates the directory and writes every file and the manifest, with no temporaries left', () => {
    const out = join(dir, 'a', 'b');
    writeResultFiles(out, { 'summary.json': '{}', 'years.csv': 'year\n' });
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'summary.json', 'years.csv']);
  });

  it('the manifest lists every file with its bytes and sha-256, and holds no PID, host or time (byte-identical for any writer)', () => {
    const files = { 'summary.json': `${JSON.stringify({ provenance: { command: 'hiresim run x.yaml' }, years: [] })}\n`, 'years.csv': 'year,gap\n2030,0.5\n', 'runs.csv': 'é\n' };
    writeResultFiles(dir, files);
    const text = readFileSync(join(dir, MANIFEST), 'utf8');
    expect(text).toBe(manifestText(files));
    const manifest = JSON.parse(text) as { provenance: { command: string }; files: { name: string; bytes: number }[] };
    expect(manifest.provenance.command).toBe('hiresim run x.yaml');
    expect(manifest.files.map((f) => [f.name, f.bytes])).toEqual([['summary.json', files['summary.json'].length], ['years.csv', 18], ['runs.csv', 3]]);
    expect(text).not.toContain(String(process.pid));
    expect(text).not.toContain(hostname());
    expect(text).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });

  it('any set reads back as written, and any one file changed afterwards is named as the one that differs', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9]{0,8}\.(json|csv)$/);
    fc.assert(
      fc.property(fc.dictionary(name, fc.string({ unit: 'binary', maxLength: 300 }), { minKeys: 1, maxKeys: 5 }), fc.nat(), fc.string({ minLength: 1, maxLength: 5 }), (files, pick, extra) => {
        const out = mkdtempSync(join(dir, 'set-'));
        writeResultFiles(out, files);
        const set = readResultSet(out);
        expect('texts' in set && Object.fromEntries(set.texts)).toEqual(files);
        const names = Object.keys(files);
        const changed = names[pick % names.length];
        writeFileSync(join(out, changed), files[changed] + extra);
        const issue = readResultSet(out);
        expect('texts' in issue).toBe(false);
        expect(issue).toMatchObject({ file: join(out, changed), line: 1, column: 1, path: '(root)' });
        expect((issue as { found: string }).found).toMatch(/the set is mixed/);
      }),
      { numRuns: 40 },
    );
  });

  it('a run killed mid-write (old manifest removed, a new summary.json beside the old years.csv) is an incomplete set', () => {
    writeResultFiles(dir, { 'summary.json': '{"seed": 1}\n', 'years.csv': 'seed 1\n' });
    // What the killed writer had done: the manifest removed first, then one file renamed into place.
    rmSync(join(dir, MANIFEST));
    writeFileAtomic(join(dir, 'summary.json'), '{"seed": 2}\n');
    const issue = readResultSet(dir, { command: () => 'hiresim run x.yaml --seed 2' });
    expect(issue).toMatchObject({ file: join(dir, MANIFEST), line: 1, column: 1, path: '(root)' });
    expect((issue as { found: string }).found).toBe('no manifest: the set is incomplete (its writer was stopped) or from an older hiresim; re-run the command that wrote it (hiresim run x.yaml --seed 2)');
  });

  it('a listed file that is missing is named, with the recorded command to re-run', () => {
    writeResultFiles(dir, { 'summary.json': '{"provenance": {"command": "hiresim run y.yaml"}}', 'runs.csv': 'r\n' });
    rmSync(join(dir, 'runs.csv'));
    expect(readResultSet(dir)).toMatchObject({ file: join(dir, 'runs.csv'), found: 'no such file: the set is incomplete; re-run the command that wrote it (hiresim run y.yaml)' });
  });

  it('a manifest naming a file outside its directory is refused without opening it', () => {
    writeResultFiles(dir, { 'summary.json': '{}' });
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { files: { name: string }[] };
    for (const name of ['../summary.json', '/etc/passwd', '.hidden', 'a/b', MANIFEST, 'x'.repeat(256)]) {
      manifest.files[0].name = name;
      writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest));
      expect(readResultSet(dir)).toMatchObject({ file: join(dir, MANIFEST), path: 'files.0.name', expected: 'a plain file name in this directory, listed once' });
    }
  });

  it('a manifest that is not JSON is positioned in it', () => {
    writeResultFiles(dir, { 'summary.json': '{}' });
    writeFileSync(join(dir, MANIFEST), '{\n  "manifest": 1,\n  "files": [');
    expect(readResultSet(dir)).toMatchObject({ file: join(dir, MANIFEST), line: 3, path: '(root)' });
  });
});

describe('stale temporaries', () => {
  /** A PID that certainly ran and is gone: a finished child's. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;
  const temporary = (name: string, host: string, pid: number) => `.${name}.${host}.${pid}.${'0123456789abcdef'}.tmp`;

  it('a temporary\'s name gives back its target, host and PID; names of other forms are not ours', () => {
    // (That writes use exactly this form is pinned by the planted-name test above: the write fails on it.)
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z.]{0,10}[a-z]$/), fc.integer({ min: 1, max: 2 ** 22 }), (target, pid) => {
        expect(temporaryWriter(temporary(target, hostTag(), pid))).toEqual({ target, host: hostTag(), pid });
      }),
    );
    expect(hostTag()).toMatch(/^[A-Za-z0-9-]+$/);
    for (const name of ['.x.json.0123456789abcdef.tmp', `.x.json.${process.pid}.tmp`, 'x.json', `.x.json.h.1.${'0'.repeat(15)}.tmp`]) expect(temporaryWriter(name)).toBeUndefined();
  });

  it('a dead PID\'s temporary is removed by the next write; a live one, another host\'s and a directory are kept', () => {
    const dead = temporary('summary.json', hostTag(), deadPid());
    const live = temporary('years.csv', hostTag(), process.ppid);
    const mine = temporary('runs.csv', hostTag(), process.pid);
    const elsewhere = temporary('summary.json', `${hostTag()}-other-node`, deadPid());
    const folder = temporary('folder', hostTag(), deadPid());
    for (const name of [dead, live, mine, elsewhere]) writeFileSync(join(dir, name), 'half');
    mkdirSync(join(dir, folder));
    writeResultFiles(dir, { 'summary.json': '{}' });
    expect(readdirSync(dir).sort()).toEqual([elsewhere, folder, live, mine, MANIFEST, 'summary.json'].sort());
  });

  it('a single file\'s write removes its own dead temporaries, not those of other files', () => {
    const own = temporary('report.html', hostTag(), deadPid());
    const other = temporary('summary.json', hostTag(), deadPid());
    for (const name of [own, other]) writeFileSync(join(dir, name), 'half');
    writeFileAtomic(join(dir, 'report.html'), '<html>');
    expect(readdirSync(dir).sort()).toEqual([other, 'report.html'].sort());
  });

  it('a dead PID\'s link is removed itself, never its target', () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const link = temporary('summary.json', hostTag(), deadPid());
    symlinkSync(victim, join(dir, link));
    expect(removeStaleTemporaries(dir)).toEqual([link]);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });

  it('a directory that does not exist has nothing to remove', () => {
    expect(removeStaleTemporaries(join(dir, 'none'))).toEqual([]);
  });
});
