/**
 * `startExplore`: the what-if page as a library call. Reads the scenario (and its extends chain)
 * once, starts the engine's worker pool and the HTTP server, and returns the URL to open (token
 * included) with `close()`. `warmUp` runs the scenario's own draft at once, so that the first
 * what-if finds it cached; the CLI announces it with its plan line.
 */
import type { Progress } from '../cli/progress.js';
import { count } from '../output/format.js';
import { serveExplore } from './server.js';
import { ExploreSession } from './session.js';

export interface ExploreOptions {
  /** The scenario file, as the user names it. */
  readonly file: string;
  /** `--set path=value` overrides, part of every view. */
  readonly overrides?: readonly string[];
  /** Address to listen on (default 127.0.0.1) and port (default 0: any free one). */
  readonly host?: string;
  readonly port?: number;
  /** Worker threads (default: the machine's cores). */
  readonly threads?: number;
  /** Directory the scenario's path is relative to (default: the process's). */
  readonly cwd?: string;
}

export interface ExploreHandle {
  /** The URL to open, with its access token. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  readonly session: ExploreSession;
  /** What `warmUp` will run, in the words of a plan line. */
  readonly warmUpPlan: string;
  /** Runs the scenario's draft now (progress on `progress`, when given). */
  warmUp(progress?: Progress): void;
  /** Stops the server and the workers. */
  close(): Promise<void>;
}

export async function startExplore(options: ExploreOptions): Promise<ExploreHandle> {
  const session = new ExploreSession({ file: options.file, overrides: options.overrides, threads: options.threads, cwd: options.cwd });
  let server;
  try {
    server = await serveExplore({ session, host: options.host, port: options.port });
  } catch (error) {
    await session.close();
    throw error;
  }
  const { draft } = session;
  return {
    url: server.url,
    host: server.host,
    port: server.port,
    token: server.token,
    session,
    warmUpPlan: `explore: the scenario's draft first, ${count(draft.replications, 'replication')} of "${session.base.scenario.name}" at 1 agent = ${draft.scale} persons on ${count(session.threads, 'thread')}; then each what-if the page asks for`,
    warmUp: (progress) => session.warmUp(progress),
    close: () => server.close(),
  };
}
