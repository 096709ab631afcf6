/**
 * Limits on the size of a request, enforced before anything is allocated or run (exit 2 naming the
 * limit). Each is far above any study the model is meant for, and each stops a typo (an extra zero,
 * 1e15) from running for hours or dying of an out-of-memory abort with a stack trace instead of a
 * message. They live in one place so that the README and the messages quote the same numbers.
 */

export const LIMITS = {
  /**
   * --reps: at 10,000 replications the Monte Carlo error of P(closed by Y) is below 0.005; more adds
   * nothing a reader can see and a baseline run of that size already takes hours on a laptop.
   */
  replications: 10_000,
  /** --samples of sobol, lhs and morris: points of a design (a Sobol' study runs N × (d + 2) of them). */
  samples: 100_000,
  /**
   * Entries of a run list (grid points, or `runs` in a results file's header): the list is expanded
   * in memory before the first run, about a kilobyte per entry.
   */
  runs: 1_000_000,
  /**
   * Bytes per worker agent at peak (resident memory ÷ agents, measured by `npm run bench` at millions
   * of agents: typed arrays ~60 B, the rest member lists, firms and the yearly records).
   */
  bytesPerAgent: 170,
} as const;

/** A limit exceeded: what was asked, and what the limit is. */
export interface LimitProblem {
  readonly expected: string;
  readonly found: string;
}

/** The number of runs `levels` multiply to, or a problem if the product passes LIMITS.runs. */
export function runListProblem(runs: number): LimitProblem | undefined {
  if (runs <= LIMITS.runs) return undefined;
  return { expected: `at most ${LIMITS.runs.toLocaleString('en-US')} runs in a run list (the list is built in memory first)`, found: `${runs >= 1e15 ? runs.toExponential(1) : runs.toLocaleString('en-US')} runs` };
}
