/**
 * What the explore page's script finds on `window`: Observable Plot's UMD build, served by hiresim
 * as /plot.js and loaded before /app.js (the package ships its types).
 */
declare const Plot: typeof import('@observablehq/plot');
