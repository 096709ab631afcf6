// What counts as a good outcome. Only two are: accepted (valid), or refused with a bounded,
// positioned message and exit 2 (bad input). A valid request that is merely large may instead be
// announced on stderr and killed at the time limit (slow). Anything else is a failure.
export const OUTCOMES = ['valid', 'bad input', 'slow (announced)', 'failure'];

/** Bounds on what a person is shown (the README's "Limits and safety"). */
export const BOUNDS = {
  /** Characters of one problem line: path + expected + found (cut at 200) + hint stay well within. */
  issueLine: 1_000,
  /** Problems per file (LIMITS.issuesPerFile) plus the one "N more not listed" line. */
  issuesPerFile: 21,
  /** Bytes on stderr for one command. */
  stderrBytes: 20_000,
  /** Characters of one stderr line. */
  stderrLine: 2_000,
};

/**
 * Exit 1 means a real failure of the program or its environment. The only ones a fuzz case may
 * cause: sbatch refusing to submit (the fuzzer puts a stand-in sbatch that always fails first on
 * PATH, so a mutation that drops --dry-run never reaches a cluster). Nothing else is allowed.
 */
export const ALLOWED_FAILURES = [/^hiresim: sbatch .* failed: .*fuzz: sbatch is disabled/m];

/** The plan line every simulating command prints before it starts (src/cli/progress.ts). */
export const PLAN_LINE = /^hiresim: [a-z][\w ()'-]*: .* …/m;

const STACK = /\n\s+at .+[(:]\d+/;

/**
 * A scenario case: `result` is what the child saw (see child.mjs): `{ loaded }`, `{ issues }` (the
 * InputError's formatted lines and files), or `{ thrown }`; plus `warnings` and, for a sampled valid
 * scenario, `run` (a command-line result of `hiresim run` on it).
 */
export function judgeScenario(result) {
  if (result.warnings.length > 0) return fail(`Node warning: ${result.warnings[0]}`);
  if (result.thrown) return fail(`${result.thrown.name} thrown by loadScenario: ${result.thrown.message}`);
  if (result.issues) {
    const { lines, files } = result.issues;
    if (lines.length === 0) return fail('InputError without problems');
    const long = lines.find((l) => l.length > BOUNDS.issueLine);
    if (long !== undefined) return fail(`problem line of ${long.length} characters: ${long.slice(0, 120)}…`);
    if (lines.some((l) => /[\n\r]/.test(l))) return fail('problem line with a line break');
    if (lines.length > BOUNDS.issuesPerFile * files) return fail(`${lines.length} problem lines for ${files} file(s)`);
    return { outcome: 'bad input' };
  }
  if (result.run) {
    const run = judgeCli(result.run, ['run']);
    if (run.outcome === 'failure') return fail(`valid, but hiresim run on it: ${run.reason}`);
  }
  return { outcome: 'valid' };
}

/** A command-line case: `result` has exit, stderr, stdoutBytes, warnings, leftovers, thrown. */
export function judgeCli(result, argv) {
  if (result.thrown) return fail(`runCli threw ${result.thrown.name}: ${result.thrown.message}`);
  if (result.warnings.length > 0) return fail(`Node warning: ${result.warnings[0]}`);
  const { stderr } = result;
  if (/internal error/.test(stderr)) return fail(`internal error: ${firstLine(stderr, /internal error/)}`);
  if (STACK.test(stderr)) return fail(`stack trace on stderr: ${stderr.slice(0, 200)}`);
  if (result.stderrBytes > BOUNDS.stderrBytes) return fail(`${result.stderrBytes} bytes on stderr`);
  const long = stderr.split('\n').find((l) => l.length > BOUNDS.stderrLine);
  if (long !== undefined) return fail(`stderr line of ${long.length} characters: ${long.slice(0, 120)}…`);
  if (result.leftovers.length > 0) return fail(`temporaries left behind: ${result.leftovers.join(', ')}`);
  switch (result.exit) {
    case 0:
      return { outcome: 'valid' };
    case 2:
      return stderr.trim() === '' ? fail('exit 2 without a message') : { outcome: 'bad input' };
    case 3:
      return argv.includes('--strict') ? { outcome: 'valid' } : fail('exit 3 without --strict');
    case 1:
      return ALLOWED_FAILURES.some((re) => re.test(stderr)) ? { outcome: 'valid', note: 'sbatch refused' } : fail(`exit 1: ${stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 300)}`);
    default:
      return fail(`exit ${result.exit}`);
  }
}

/** A case that did not end within its time: slow if it had announced its plan, else a hang. */
export function judgeTimeout(announced, seconds) {
  return announced ? { outcome: 'slow (announced)' } : fail(`no end within ${seconds} s and no plan line on stderr`);
}

const fail = (reason) => ({ outcome: 'failure', reason });
const firstLine = (text, re) => text.split('\n').find((l) => re.test(l)).slice(0, 200);
