/**
 * Runs of the shipped baseline shared by the tests that check it (calibration, stylized facts,
 * backtest, agreement with the expected-value recursion, scale). A run is simulated once for a
 * given scenario content and build of the model, on two threads, and kept in the system's
 * temporary directory: the suite pays for it once, and a test file run alone still works.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRICS } from '../../src/model/metrics.js';
import { loadScenario, type LoadedScenario } from '../../src/scenario/load.js';
import { simulate, summarize, type RunSummary } from '../../src/studies/run.js';
import { BASELINE } from './problems.js';
import { ROOT } from './cli.js';

export interface SharedRun {
  readonly loaded: LoadedScenario;
  readonly summary: RunSummary;
  /** values[r][yearIndex * METRICS.length + metric] */
  readonly values: readonly Float64Array[];
}

const CACHE = join(tmpdir(), 'hiresim-test-runs');

/** A fingerprint of the compiled model (the worker threads run dist/): a changed model is a new run. */
function buildFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) hash.update(name).update(readFileSync(path));
    }
  };
  walk(join(ROOT, 'dist'));
  return hash.digest('hex').slice(0, 16);
}

let fingerprint: string | undefined;

/** The baseline (or another scenario file) with `overrides`, every replication kept. */
export async function sharedRun(overrides: readonly string[] = [], file = BASELINE): Promise<SharedRun> {
  const loaded = loadScenario(file, { overrides });
  fingerprint ??= buildFingerprint();
  const key = createHash('sha256').update(JSON.stringify([loaded.hash, loaded.scenario.seed, loaded.scenario.replications, fingerprint, METRICS.map((m) => m.name)])).digest('hex').slice(0, 24);
  const path = join(CACHE, `${key}.json`);
  let values: Float64Array[];
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as string[];
    values = stored.map((b64) => new Float64Array(new Uint8Array(Buffer.from(b64, 'base64')).buffer));
  } catch {
    values = [...(await simulate(loaded, { threads: 2 })).values];
    mkdirSync(CACHE, { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(values.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'))));
    renameSync(temporary, path);
  }
  return { loaded, summary: summarize(loaded, values), values };
}

/** The yearly values of one metric in one replication, indexed from the first simulated year. */
export function series(values: Float64Array, metric: string): number[] {
  const k = METRICS.findIndex((m) => m.name === metric);
  if (k < 0) throw new Error(`no metric ${metric}`);
  const years = values.length / METRICS.length;
  return Array.from({ length: years }, (_, y) => values[y * METRICS.length + k]);
}
