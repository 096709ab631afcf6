/**
 * `hiresim explore FILE`: serves the what-if page until SIGINT or SIGTERM, then closes cleanly
 * (exit 0). The URL, with its token, is the one line on stdout; messages go to stderr.
 */
import { accessSync, constants } from 'node:fs';
import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { EXIT, type ExitCode } from '../cli/exit-codes.js';
import { out, say } from '../cli/io.js';
import { planProgress } from '../cli/progress.js';
import { startExplore } from './explore.js';

export interface ExploreCommandOptions {
  readonly file: string;
  readonly overrides: readonly string[];
  readonly host?: string;
  readonly port?: number;
  readonly threads?: number;
  readonly open: boolean;
}

/** The first executable `name` on PATH, or undefined. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Opens `url` with xdg-open when there is one; says so when there is not, or when it fails. */
function openInBrowser(url: string): void {
  const opener = onPath('xdg-open');
  if (opener === undefined) {
    say('hiresim: explore: --open: could not open a browser (no xdg-open on PATH); open the URL above yourself.');
    return;
  }
  const child = spawn(opener, [url], { detached: true, stdio: 'ignore' });
  child.on('error', (error) => say(`hiresim: explore: --open: could not open a browser (${error.message}); open the URL above yourself.`));
  child.unref();
}

export async function exploreCommand(options: ExploreCommandOptions): Promise<ExitCode> {
  const explore = await startExplore({ file: options.file, overrides: options.overrides, host: options.host, port: options.port, threads: options.threads });
  // Installed before anything is announced, so a Ctrl-C from now on always closes cleanly.
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await out(`${explore.url}\n`);
  say(`hiresim: explore: serving "${explore.session.base.scenario.name}" (${options.file}) at the URL above; open it in a browser. Ctrl-C stops.`);
  if (!['127.0.0.1', '::1', 'localhost'].includes(explore.host) && !explore.host.startsWith('127.')) {
    say(`hiresim: explore: ${explore.host} is not a loopback address: anyone who can reach it and has the URL (its token) can use the page and save files beside ${options.file}.`);
  }
  // Said, not refused: overrides and calibrations move values, and variants drop programmes.
  for (const slider of explore.session.controls.sliders) if (slider.note) say(`hiresim: explore: ${slider.note}.`);
  for (const reason of explore.session.controls.left) say(`hiresim: explore: ${reason}.`);
  if (options.open) openInBrowser(explore.url);
  explore.warmUp(planProgress(explore.warmUpPlan, { parallel: explore.session.threads, unit: 'replications' }));
  const signal = await stopped;
  await explore.close();
  say(`hiresim: explore: stopped (${signal}).`);
  return EXIT.ok;
}
