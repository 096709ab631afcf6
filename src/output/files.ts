/**
 * Writing result files atomically: each file is written to a temporary name in
 * the same directory, flushed to disk, then renamed over the target, so a
 * reader (or a killed run) never sees half a file.
 *
 * The temporary name is random and the file is created exclusively without
 * following a symbolic link (O_CREAT | O_EXCL | O_NOFOLLOW): in a shared
 * directory another user could otherwise plant a link at a predictable name
 * (`.summary.json.<pid>.tmp`) and have the write land on the link's target.
 * The rename then replaces the target name itself (a link there is replaced,
 * not followed).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../scenario/issues.js';

/** O_NOFOLLOW where the platform has it (not on Windows, where O_EXCL alone refuses an existing link). */
const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** A fresh temporary beside `path`, created exclusively: its name and file descriptor. */
function createTemporary(path: string): { temp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
    try {
      return { temp, fd: openSync(temp, EXCLUSIVE, 0o644) };
    } catch (error) {
      // 64 random bits collide only when someone planted the name; a few tries, then the error.
      if ((error as { code?: string }).code !== 'EEXIST' || attempt >= 3) throw error;
    }
  }
}

export function writeFileAtomic(path: string, content: string): void {
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

/** Writes several files into `dir` (created if needed), each atomically. */
export function writeResultFiles(dir: string, files: Readonly<Record<string, string>>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileAtomic(join(dir, name), content);
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
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM' ? pid : undefined;
  }
}
