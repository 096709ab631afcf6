/** Exit codes that mean something to scripts and to Slurm. */
export const EXIT = {
  ok: 0,
  /** The program failed (a bug, or a resource such as the disk). */
  failure: 1,
  /** The user's input is wrong: arguments, scenario files, overrides. */
  badInput: 2,
  /**
   * `calibrate --strict`: the fit ran and its results were printed (and written), but at least one
   * target is outside its tolerance; a script can stop before using a fit that is not good enough.
   */
  targetsMissed: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
