/**
 * A run that outgrows memory while it runs. The memory check before a run (cli/simulation-options)
 * counts the starting population; a valid scenario can still explode later (a growth rate of 15 a
 * year multiplies postings by e^15 each year, npm run fuzz found), and the first allocation past
 * what a typed array or the machine can hold would end in a RangeError. Arrays sized by the market
 * check here first, and the run stops with an input problem the CLI places on the scenario file.
 */
import { totalmem } from 'node:os';
import { InputError } from '../scenario/issues.js';

/** The file of an input problem that a run found: the engine replaces it with the scenario's file. */
export const RUN_PROBLEM_FILE = '(scenario)';

/** Entries a typed array may have here. */
const MAX_LENGTH = 2 ** 31 - 1;

/** Throws when `count` entries of `bytesEach` bytes (for `what`: "agents", "open postings") cannot be held. */
export function checkCapacity(count: number, what: string, bytesEach: number): void {
  const most = Math.min(MAX_LENGTH, Math.floor(totalmem() / 2 / bytesEach));
  if (count <= most) return;
  const n = (x: number) => (x >= 1e9 ? x.toExponential(1) : Math.round(x).toLocaleString('en-US'));
  throw new InputError([
    {
      file: RUN_PROBLEM_FILE,
      line: 0,
      column: 0,
      path: '(run)',
      expected: `a market that fits in memory while it runs (at most ${n(most)} ${what} at a time)`,
      found: `${n(count)} ${what}: a growth rate or a count makes the market explode; check them, or raise scale (persons per agent)`,
    },
  ]);
}
