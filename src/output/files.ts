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
import { closeSync, constants, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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
