// The directory a case runs in, and the only place it may write: a copy of the shipped scenarios,
// the good test fixtures, the observed data and small real results (fixtures.mjs), plus the
// special paths mutations point at: a missing file, a directory, a FIFO, a link to /dev/zero
// (read-only positions only) and an empty file. Every path in a case is relative to it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Files copied from the repository into every sandbox, by their path there. */
const COPIED = ['scenarios', 'test/fixtures/good', 'data/observed.csv'];

/** Where campaigns make their sandboxes: memory when the system has it (a case makes and removes
 * a few dozen files, which costs more than the case on a busy disk). */
export const SANDBOX_PARENT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** The one FIFO of a campaign (`root/fifo`); sandboxes link to it, as Node cannot copy a FIFO. */
export function makeFifo(root) {
  execFileSync('/usr/bin/mkfifo', [join(root, 'fifo')]);
  return join(root, 'fifo');
}

/** Copies the repository's inputs into `template` (results are made beside it by fixtures.mjs). */
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

/**
 * A fresh sandbox for one case at `dir`, with `files` (sandbox path → text) written over it. The
 * results (`results`, a folder holding results/) are copied only for command lines: scenario cases
 * never name them, and copying 600 KB per case would cost more than the case.
 */
export function makeSandbox(template, dir, fifo, files = {}, results = undefined) {
  rmSync(dir, { recursive: true, force: true });
  cpSync(template, dir, { recursive: true });
  if (results !== undefined) cpSync(results, dir, { recursive: true });
  mkdirSync(join(dir, 'a-directory'));
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'empty.yaml'), '');
  symlinkSync('/dev/zero', join(dir, 'dev-zero'));
  symlinkSync(fifo, join(dir, 'a-fifo'));
  writeFiles(dir, files);
}

/** Writes a case's files (sandbox path → text) into a sandbox. */
export function writeFiles(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/**
 * Undoes `writeFiles` in a sandbox that only read them (scenario cases reuse one sandbox per
 * child): each file back as in the template, or gone if the template has none.
 */
export function restoreFiles(template, dir, files) {
  for (const path of Object.keys(files)) {
    if (existsSync(join(template, path))) copyFileSync(join(template, path), join(dir, path));
    else rmSync(join(dir, path), { force: true });
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
