/**
 * Where two recorded command lines differ, in words: when a results file was written by another
 * command than the one resuming it (or one shard by another command than the rest), quoting the
 * other command whole hides the difference once it is cut at the message limit (200 characters;
 * two long commands usually differ near their end). The first argument that differs is shown
 * instead, on both sides, with the flag it belongs to (`--set scale=50` against `--set
 * replications=2`), each cut to a window around the first differing character, so the message
 * stays short whatever the commands hold.
 */
import { shellQuote } from '../../output/provenance.js';

/** At most this many characters of an argument are shown, around where it differs. */
export const WINDOW = 60;

/** Characters shown before the first differing one, when an argument is cut. */
const LEAD = 20;

export interface CommandDifference {
  /** 1-based position, in the recorded arguments (after `hiresim`), of the first that differs. */
  readonly position: number;
  /** On each side, in words: `argument 7: --set scale=50`, or `argument 7: none (the command ends before it)`. */
  readonly expected: string;
  readonly found: string;
}

/** A flag that takes its value as the next argument (`--set`, not `--set=x`). */
const isFlag = (arg: string | undefined): arg is string => arg !== undefined && arg.startsWith('--') && !arg.includes('=');

/** `word`, quoted for a shell, cut to WINDOW characters around its first difference from `other`. */
function clip(word: string, other: string | undefined): string {
  const quoted = shellQuote(word);
  if (quoted.length <= WINDOW) return quoted;
  let at = 0;
  if (other !== undefined) {
    const theirs = shellQuote(other);
    while (at < quoted.length && quoted[at] === theirs[at]) at++;
  }
  const start = Math.max(0, Math.min(at - LEAD, quoted.length - WINDOW));
  return `${start > 0 ? '…' : ''}${quoted.slice(start, start + WINDOW)}${start + WINDOW < quoted.length ? '…' : ''}`;
}

/** What stands at index `k` of `argv`, with its flag: the flag and its value together, or the word alone. */
function shown(argv: readonly string[], k: number, other: readonly string[]): string {
  const word = argv[k];
  if (word === undefined) return `argument ${k + 1}: none (the command ends before it)`;
  const before = argv[k - 1];
  const after = argv[k + 1];
  // A value: shown after its flag (the same flag on both sides, since everything before k is equal).
  if (isFlag(before) && !word.startsWith('--')) return `argument ${k + 1}: ${clip(before, undefined)} ${clip(word, other[k])}`;
  // A flag: shown with its value, since the value is what the flag changes.
  if (isFlag(word) && after !== undefined && !after.startsWith('--')) return `argument ${k + 1}: ${clip(word, other[k])} ${clip(after, undefined)}`;
  return `argument ${k + 1}: ${clip(word, other[k])}`;
}

/** The first difference between the arguments of two commands; undefined when they are the same. */
export function commandDifference(expected: readonly string[], found: readonly string[]): CommandDifference | undefined {
  const n = Math.max(expected.length, found.length);
  let k = 0;
  while (k < n && expected[k] === found[k]) k++;
  if (k === n) return undefined;
  return { position: k + 1, expected: shown(expected, k, found), found: shown(found, k, expected) };
}
