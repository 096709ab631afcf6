/** Exit codes that mean something to scripts and to Slurm. */
export const EXIT = {
  ok: 0,
  /** The program failed (a bug, or a resource such as the disk). */
  failure: 1,
  /** The user's input is wrong: arguments, scenario files, overrides. */
  badInput: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
