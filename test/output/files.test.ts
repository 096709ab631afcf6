/**
 * Atomic result files (src/output/files.ts): a temporary in the target directory with a random name,
 * created exclusively, never through a symbolic link someone planted.
 */
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
const { writeFileAtomic, writeResultFiles } = await import('../../src/output/files.js');

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
    const planted = join(dir, `.summary.json.${'ab'.repeat(8)}.tmp`);
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
  it('creates the directory and writes every file, with no temporaries left', () => {
    const out = join(dir, 'a', 'b');
    writeResultFiles(out, { 'summary.json': '{}', 'years.csv': 'year\n' });
    expect(readdirSync(out).sort()).toEqual(['summary.json', 'years.csv']);
  });
});
