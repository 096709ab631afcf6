/**
 * The `hiresim` executable as a bundle: `dist/bin/hiresim.js`, its worker `dist/bin/worker.js`, and
 * one chunk per command's code (loaded only when that command runs). Node 20 resolves and compiles
 * an ESM module graph file by file, and the CLI's graph is several hundred files (yargs, zod, yaml,
 * mathjs…): bundled, `hiresim validate` takes half the time (1.05 s → 0.56 s; README, Performance).
 * The library (`dist/index.js` and the rest of dist/) stays as tsc compiled it; its worker pool, like
 * the executable's, starts the bundled worker.
 *
 * Also the explore page's script, `src/explore/page/app.ts` (browser code, which tsc leaves out):
 * one readable IIFE file, `dist/explore/page/app.js`, that the server reads at start and serves as
 * /app.js (a plain script file suits the page's CSP: scripts from the server only, no eval).
 *
 * Run by `npm run build` after tsc.
 */
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bin`;

/** mathjs-parser.ts loads mathjs's single-file build; the bundle takes the cut-down parser instead. */
const mathjsParser = {
  name: 'mathjs-parser',
  setup(b) {
    b.onResolve({ filter: /\/mathjs-parser\.js$/ }, (args) => ({ path: `${args.resolveDir}/mathjs-parser.bundle.ts` }));
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { hiresim: 'src/cli/main.ts', worker: 'src/engine/worker.ts' },
  outdir,
  // Chunks sit beside the entries: the engine's pool, bundled or not (dist/engine/pool.js), starts
  // dist/bin/worker.js.
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: names stay readable in the stack trace of a real failure.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  // The CommonJS packages inside (seedrandom, yargs's helpers) call `require`, which ESM lacks.
  banner: { js: "import { createRequire as __hiresimRequire } from 'node:module'; const require = __hiresimRequire(import.meta.url);" },
  plugins: [mathjsParser],
  logLevel: 'warning',
});
chmodSync(`${outdir}/hiresim.js`, 0o755);

await build({
  absWorkingDir: root,
  entryPoints: ['src/explore/page/app.ts'],
  outfile: `${root}dist/explore/page/app.js`,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  // Not minified: the served script stays readable in the browser's developer tools.
  minify: false,
  logLevel: 'warning',
});
