import { dirname } from 'node:path';
import { buildReport } from '../../report/build.js';
import { makeDirectory, writeFileAtomic } from '../../output/files.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { say } from '../io.js';

export interface ReportCommandOptions {
  readonly inputs: readonly string[];
  readonly html: string;
}

/** `hiresim report RESULTS… --html FILE`: one self-contained HTML report, written atomically. */
export async function reportCommand(options: ReportCommandOptions): Promise<ExitCode> {
  const html = await buildReport(options.inputs);
  makeDirectory(dirname(options.html));
  writeFileAtomic(options.html, html);
  say(`wrote ${options.html}`);
  return EXIT.ok;
}
