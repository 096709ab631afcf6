/**
 * Writing result files atomically: each file is written to a temporary name in
 * the same directory, flushed to disk, then renamed over the target, so a
 * reader (or a killed run) never sees half a file.
 *
 * The temporary's name ends in random bytes and the file is created exclusively
 * without following a symbolic link (O_CREAT | O_EXCL | O_NOFOLLOW): in a shared
 * directory another user could otherwise plant a link at a predictable name and
 * have the write land on the link's target. The rename then replaces the target
 * name itself (a link there is replaced, not followed).
 *
 * The name also carries the writer's host and PID (`.summary.json.HOST.PID.RANDOM.tmp`): a run
 * killed between creating and renaming its temporary leaves it behind, and the next writer into
 * that directory removes the temporaries whose process is gone — never one of a live process, and
 * never one written from another host (on a cluster's shared filesystem a PID means nothing on
 * another node, so only the host that wrote a temporary can tell that its writer is dead).
 *
 * A set of files (`writeResultFiles`, every `--out DIR`) is one unit through its manifest
 * (src/output/result-set.ts): removed first, written last.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../scenario/issues.js';
import { MANIFEST, manifestText } from './result-set.js';

/** O_NOFOLLOW where the platform has it (not on Windows, where O_EXCL alone refuses an existing link). */
const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** This host as a name part: letters, digits and `-` only (no dot, so the name splits back unambiguously). */
export function hostTag(): string {
  return hostname().replace(/[^A-Za-z0-9-]/g, '-').slice(0, 64) || 'host';
}

/** `.NAME.HOST.PID.RANDOM.tmp`: what a temporary's name says about its writer. */
const TEMPORARY = /^\.(.+)\.([A-Za-z0-9-]+)\.(\d+)\.[0-9a-f]{16}\.tmp$/;

/** The writer recorded in a temporary's name, or undefined for a name that is not one of ours. */
export function temporaryWriter(name: string): { readonly target: string; readonly host: string; readonly pid: number } | undefined {
  const match = TEMPORARY.exec(name);
  return match ? { target: match[1], host: match[2], pid: Number(match[3]) } : undefined;
}

/** A fresh temporary beside `path`, created exclusively: its name and file descriptor. */
function createTemporary(path: string): { temp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const temp = join(dirname(path), `.${basename(path)}.${hostTag()}.${process.pid}.${randomBytes(8).toString('hex')}.tmp`);
    try {
      return { temp, fd: openSync(temp, EXCLUSIVE, 0o644) };
    } catch (error) {
      // 64 random bits collide only when someone planted the name; a few tries, then the error.
      if ((error as { code?: string }).code !== 'EEXIST' || attempt >= 3) throw error;
    }
  }
}

/** Does process `pid` (on this host) still run? EPERM: it does, as another user's. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes from `dir` the temporaries this host's dead processes left (a run killed mid-write), of
 * every target or of `target` only: never a live process's (it is writing now), never another
 * host's, never a directory, and only names of the form this module creates. Returns the names
 * removed.
 */
export function removeStaleTemporaries(dir: string, target?: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const host = hostTag();
  const removed: string[] = [];
  for (const name of names) {
    const writer = temporaryWriter(name);
    if (!writer || (target !== undefined && writer.target !== target)) continue;
    if (writer.host !== host || writer.pid === process.pid || writer.pid <= 0 || processAlive(writer.pid)) continue;
    const path = join(dir, name);
    try {
      // A link is removed itself (never its target); a directory of that name is not ours.
      if (lstatSync(path).isDirectory()) continue;
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: the write goes on either way.
    }
  }
  return removed;
}

/** Flushes a directory's entries (a rename or removal in it) to disk, where the platform allows it. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory for fsync; the renames are still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes one file atomically, first removing the temporaries of that file that dead writers left. */
export function writeFileAtomic(path: string, content: string): void {
  // A directory named as the file (`--html .`) would fail at the rename with EBUSY or EISDIR, after
  // the work: refused up front as the path problem it is.
  if (existsSync(path) && lstatSync(path).isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR', syscall: 'open', path });
  removeStaleTemporaries(dirname(path), basename(path));
  replaceAtomically(path, content);
}

function replaceAtomically(path: string, content: string): void {
  const { temp, fd } = createTemporary(path);
  try {
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * `mkdir -p`, one level at a time from the nearest existing ancestor. Node's own recursive mkdir
 * loops for ever where creating a directory keeps failing with ENOENT (under /proc: `--out
 * /proc/x/y` hung at full CPU); this fails at the first level that cannot be created, with that
 * path in the error.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); ) {
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (error) {
      // Created by someone else in between: fine, it exists now.
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * Writes a set of result files into `dir` (created if needed) as one unit: stale temporaries of
 * dead writers are removed, the old manifest is removed before any file changes, each file is
 * written atomically, and `manifest.json` (every file's name, bytes and sha-256, and the
 * command's provenance) is written last. A run killed anywhere in between leaves no manifest (or
 * the old one over the old, untouched files), and readers refuse a set without one.
 */
export function writeResultFiles(dir: string, files: Readonly<Record<string, string>>): void {
  // A programming error, not the user's: the manifest is this function's own file.
  if (MANIFEST in files) throw new Error(`writeResultFiles: ${MANIFEST} is written by the set itself`);
  makeDirectory(dir);
  removeStaleTemporaries(dir);
  rmSync(join(dir, MANIFEST), { force: true });
  // The removal reaches the disk before any file of the new set does (a power cut in between
  // must not leave the old manifest over new files).
  syncDirectory(dir);
  for (const [name, content] of Object.entries(files)) replaceAtomically(join(dir, name), content);
  syncDirectory(dir);
  replaceAtomically(join(dir, MANIFEST), manifestText(files));
  syncDirectory(dir);
}

/**
 * An exclusive lock on a results file while this process appends to it: `PATH.lock`, created with
 * O_EXCL and holding the PID. Two sweeps appending to one file would each leave a full set of
 * lines (20 lines for 10 runs) that summarize and --resume then refuse; the second is told instead.
 * A lock whose process is gone (killed: no exit handler ran) is stale and taken over. Returns the
 * release function, which is also run when the process exits.
 */
export function lockFile(path: string): () => void {
  const lock = `${path}.lock`;
  // Without its directory there is nothing to lock, and nothing to write: the file's own open then
  // reports the missing directory by the path the user gave (not by the lock's name).
  if (!existsSync(dirname(path))) return () => {};
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(lock, EXCLUSIVE, 0o644);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST' || attempt >= 3) throw error;
      const holder = lockHolder(lock);
      if (holder !== undefined) {
        throw new InputError([{ file: path, line: 1, column: 1, path: '(root)', expected: 'a results file no other hiresim is writing', found: `a file in use by ${holder > 0 ? `PID ${holder}` : 'another process'} (${lock}; delete it only if that process is gone)` }]);
      }
      rmSync(lock, { force: true });
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      process.off('exit', release);
      rmSync(lock, { force: true });
    };
    process.on('exit', release);
    return release;
  }
}

/** The PID holding a lock when that process still runs (0: not yet written); undefined for a stale or vanished lock. */
function lockHolder(lock: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch {
    // Removed in between (its holder finished): the next attempt takes it.
    return undefined;
  }
  const pid = Number(text.trim());
  // A lock being written this instant is empty: count it as held, not stale.
  if (text.trim() === '') return 0;
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return processAlive(pid) ? pid : undefined;
}
