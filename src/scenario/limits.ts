/**
 * Limits on scenario input, in one place. Each is far above what a real scenario needs and far
 * below what makes the reader slow, recursive code overflow its stack, or an error message
 * unreadable: input past a limit is refused up front with exit 2 and the limit named, never a
 * stack trace (issue 12). The README's "Limits and safety" section lists them.
 */
export const LIMITS = {
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
  /** Characters of the `found` part of a message; longer is cut with "… (N characters)". */
  foundLength: 200,
  /**
   * Characters of source text quoted inside a YAML syntax error. A file that is not YAML at all
   * (`extends: /etc/passwd`) must not have its content printed; 40 escaped characters locate a
   * mistake in a real scenario without reproducing a secret.
   */
  quotedSource: 40,
  /** Problems listed per file; a broken file can produce thousands, and the first ones say enough. */
  issuesPerFile: 20,
} as const;

/** Keys that would reach an object's prototype when read into JavaScript objects; refused anywhere. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
