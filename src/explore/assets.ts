/**
 * The chart libraries the page loads from the server, never from a CDN: Observable Plot's UMD
 * build and the d3 it was built against (Plot's own dependency, resolved from Plot's location, so
 * the pair matches wherever npm placed them). Found from this module's location, not the working
 * directory, and read once when the server starts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Assets {
  readonly d3: Buffer;
  readonly plot: Buffer;
}

/** Reads d3.min.js and plot.umd.min.js (the packages export neither path, so they are found beside their entry points). */
export function readAssets(): Assets {
  const plotEntry = createRequire(import.meta.url).resolve('@observablehq/plot');
  const plotFile = join(dirname(plotEntry), '..', 'dist', 'plot.umd.min.js');
  const d3Entry = createRequire(plotEntry).resolve('d3');
  const d3File = join(dirname(d3Entry), 'd3.min.js');
  return { d3: readFileSync(d3File), plot: readFileSync(plotFile) };
}
