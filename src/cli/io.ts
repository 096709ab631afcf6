/**
 * Where a command's output goes: data to stdout, messages for people to stderr, result files to
 * --out. Commands import these from here, not from the parser, so no command depends on cli.ts.
 */
import { writeResultFiles } from '../output/files.js';

/** Writes to stdout, resolving once the data is handed to the OS (so piping to `head` loses nothing). */
export function out(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

/** Messages for people go to stderr; data goes to stdout. */
export function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Colour in terminal views: only on a terminal, and never with NO_COLOR set. */
export function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}

/** `--out DIR`: a command's result files, each written atomically, and one line saying so. */
export function writeOut(dir: string | undefined, files: Readonly<Record<string, string>>): void {
  if (dir === undefined) return;
  writeResultFiles(dir, files);
  const names = Object.keys(files);
  say(`wrote ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]} to ${dir}`);
}
