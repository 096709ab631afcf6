/**
 * Sweep results: append-only JSON lines, one per finished run, flushed to
 * disk as they are written. A killed sweep leaves at most one half-written
 * last line; `--resume` cuts it off and skips the runs already there.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { InputError } from '../scenario/issues.js';

export interface ResultLine {
  readonly runId: string;
  readonly index: number;
  readonly [key: string]: unknown;
}

/** Reads the complete lines of an existing results file, truncating a half-written last line. */
export function readForResume(path: string): ResultLine[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const lines: ResultLine[] = [];
  let end = 0;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    const line = text.slice(start, nl);
    try {
      const parsed = JSON.parse(line) as ResultLine;
      if (typeof parsed.runId !== 'string' || typeof parsed.index !== 'number') throw new Error('not a result line');
      lines.push(parsed);
    } catch {
      throw new InputError([{ file: path, line: lines.length + 1, column: 1, path: '(root)', expected: 'a sweep result line (JSON with runId and index)', found: JSON.stringify(line.slice(0, 60)) }]);
    }
    end = nl + 1;
    start = nl + 1;
  }
  if (end < Buffer.byteLength(text)) {
    // The last line was cut by a kill: drop it, it will be run again.
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
    closeSync(fd);
  }
  return lines;
}

/** An open results file that appends whole lines and flushes each to disk. */
export class ResultsWriter {
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }

  append(line: object): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}
