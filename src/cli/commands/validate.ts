import { InputError, type InputIssue } from '../../scenario/issues.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out } from '../io.js';
import { loadBlamingFlags } from '../simulation-options.js';

/**
 * `hiresim validate FILE…`: one line per valid file on stdout; every problem of
 * every invalid file, then exit 2.
 */
export async function validateCommand(options: { files: readonly string[]; overrides: readonly string[] }): Promise<ExitCode> {
  const issues: InputIssue[] = [];
  const lines: string[] = [];
  for (const file of options.files) {
    try {
      // A problem an override caused is blamed on its --set, not on the file.
      const loaded = loadBlamingFlags(file, options.overrides, options.overrides.map((_, k) => `--set #${k + 1}`));
      lines.push(`${file}: valid (scenario "${loaded.scenario.name}", hash ${loaded.hash})`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (lines.length > 0) await out(`${lines.join('\n')}\n`);
  if (issues.length > 0) throw new InputError(issues);
  return EXIT.ok;
}
