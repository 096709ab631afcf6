/**
 * Every limit on input, in one place, each with the reason for its value. Each is far above what a
 * real scenario or study needs and far below what makes a reader slow, recursive code overflow its
 * stack, memory run out or a message unreadable: input past a limit is refused up front with exit 2
 * and the limit named, never a stack trace. The README's "Limits and safety" section lists them.
 */
export const LIMITS = {
  // Scenario input: files, YAML, formulas, and the messages about them.

  /**
   * Bytes read from one scenario file. The largest shipped scenario is ~20 KB; 1 MB leaves room for
   * long dated series, and reading stops there, so `/dev/zero` or a huge file cannot exhaust memory.
   */
  fileBytes: 1_000_000,
  /**
   * Nesting depth of a YAML document (mappings and lists inside each other). Scenarios nest at most
   * ~6 levels; the YAML library's recursive reader overflows the stack at a few thousand.
   */
  yamlDepth: 64,
  /**
   * Alias expansions (`*name`) in one document, passed to yaml's `maxAliasCount`. Scenarios need
   * few or none; a "billion laughs" chain of aliases would otherwise expand exponentially.
   */
  aliasCount: 100,
  /** Characters in one formula. The longest shipped formula is ~450; 2,000 fits any readable one. */
  formulaLength: 2_000,
  /**
   * Nesting of parentheses, unary signs and `not` in a formula. Readable formulas nest a handful of
   * levels; the formula parser recurses per level and overflows the stack at a few thousand.
   */
  formulaDepth: 64,
  /** Arguments of one function call: `interp` with 100 points needs 201; shipped ones use ~21. */
  formulaArguments: 256,
  /** Characters in one name in a formula (a constant or function); longer is a mistake, not a name. */
  identifierLength: 64,
  /**
   * Characters of each part of a message that can hold input (the file or flag, the path, the found
   * part; the expected part gets four times as many); longer is cut with "… (N characters)".
   */
  foundLength: 200,
  /**
   * Characters of source text quoted inside a YAML syntax error. A file that is not YAML at all
   * (`extends: /etc/passwd`) must not have its content printed; 40 escaped characters locate a
   * mistake in a real scenario without reproducing a secret.
   */
  quotedSource: 40,
  /** Problems listed per file; a broken file can produce thousands, and the first ones say enough. */
  issuesPerFile: 20,

  // Requests: the command line and result files, checked before anything is allocated or run.

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

/** Keys that would reach an object's prototype when read into JavaScript objects; refused anywhere. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

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
