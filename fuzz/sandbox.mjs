// The directory a case runs in, and the only place it may write: a copy of the shipped scenarios,
// the good test fixtures, the observed data and small real results (fixtures.mjs), plus the
// special paths mutations point at: a missing file, a directory, a FIFO, a link to /dev/zero
// (read-only positions only) and an empty file. Every path in a case is relative to it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Files copied from the repository into every sandbox, by their path there. */
const COPIED = ['scenarios', 'test/fixtures/good', 'data/observed.csv'];

/** Copies the repository's inputs into `template` (results are added by fixtures.mjs). */
export function makeTemplate(template) {
  rmSync(template, { recursive: true, force: true });
  for (const path of COPIED) cpSync(join(ROOT, path), join(template, path), { recursive: true });
}

/** Every text file of the template by sandbox path (the scenario mutator's sources). */
export function templateSources(template) {
  const sources = {};
  for (const path of ['scenarios', 'test/fixtures/good']) {
    for (const name of readdirSync(join(template, path)).sort()) sources[`${path}/${name}`] = readFileSync(join(template, path, name), 'utf8');
  }
  return sources;
}

/** A fresh sandbox for one case at `dir`, with `files` (sandbox path → text) written over it. */
export function makeSandbox(template, dir, files = {}) {
  rmSync(dir, { recursive: true, force: true });
  cpSync(template, dir, { recursive: true });
  mkdirSync(join(dir, 'a-directory'));
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'empty.yaml'), '');
  symlinkSync('/dev/zero', join(dir, 'dev-zero'));
  execFileSync('/usr/bin/mkfifo', [join(dir, 'a-fifo')]);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Temporaries (`.NAME.HEX.tmp`) left anywhere in the sandbox: a finished case must leave none. */
export function leftoverTemporaries(dir) {
  const found = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tmp$/.test(entry.name) && entry.name !== 'x.tmp' && !/^\.summary\.json\.1\.tmp$/.test(entry.name)) found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found;
}

export function removeSandbox(dir) {
  rmSync(dir, { recursive: true, force: true });
}
