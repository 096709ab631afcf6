/**
 * Sweep results: append-only JSON lines, one per finished run, flushed to
 * disk as they are written. A killed sweep leaves at most one half-written
 * last line; `--resume` cuts it off and skips the runs already there.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { InputError, readInputText } from '../../scenario/issues.js';
import { readResultLines, type SweepLine } from './result-lines.js';

/**
 * The lines of an existing results file, every one checked (result-lines.ts), for a sweep to
 * continue; none when there is no file. A half-written last line is cut off the file, so that the
 * next line is appended after a newline, and is run again.
 */
export function readForResume(path: string): SweepLine[] {
  if (!existsSync(path)) return [];
  const text = readInputText(path, 'results file (JSON lines) to resume');
  if (typeof text !== 'string') throw new InputError([text]);
  const { lines, issues, dropped } = readResultLines(path, text, { halfWrittenLastLine: 'drop', emptyFile: 'allow' });
  if (issues.length > 0) throw new InputError(issues);
  if (dropped) {
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, Buffer.byteLength(text) - Buffer.byteLength(dropped.text));
    closeSync(fd);
  }
  return lines.map((l) => l.value);
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
