/**
 * The scripts the page loads from the server, never from a CDN: its own (src/explore/page/app.ts,
 * bundled by `npm run build` into dist/explore/page/app.js), Observable Plot's UMD build and the d3
 * it was built against (Plot's own dependency, resolved from Plot's location, so the pair matches
 * wherever npm placed them). Found from this module's location, not the working directory (the
 * page's script from the package root, the same from src/, dist/ and dist/bin/), and read once
 * when the server starts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../package-files.js';

export interface Assets {
  /** The page's script, served as /app.js. */
  readonly app: Buffer;
  readonly d3: Buffer;
  readonly plot: Buffer;
}

/** The page's script as `npm run build` bundles it; a clear error when dist/ has not been built. */
export function readPageScript(): Buffer {
  const file = join(packageRoot(), 'dist', 'explore', 'page', 'app.js');
  if (!existsSync(file)) throw new Error(`explore: the page's script ${file} is missing: build it with npm run build`);
  return readFileSync(file);
}

/** Reads the page's script, d3.min.js and plot.umd.min.js (the packages export neither path, so they are found beside their entry points). */
export function readAssets(): Assets {
  const plotEntry = createRequire(import.meta.url).resolve('@observablehq/plot');
  const plotFile = join(dirname(plotEntry), '..', 'dist', 'plot.umd.min.js');
  const d3Entry = createRequire(plotEntry).resolve('d3');
  const d3File = join(dirname(d3Entry), 'd3.min.js');
  return { app: readPageScript(), d3: readFileSync(d3File), plot: readFileSync(plotFile) };
}
