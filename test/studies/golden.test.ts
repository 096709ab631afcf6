/**
 * Golden summaries: two small fixed configurations run through the compiled CLI (`run --json`),
 * reduced to a stable subset (scenario identity, gap bands and a few medians per year, closure,
 * each replication's outcome) and compared exactly with test/golden/*.json.
 *
 * To regenerate after an intended change of the model or of the shipped scenarios:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/studies/golden.test.ts
 *
 * and review the diff of test/golden/ before committing it. Without UPDATE_GOLDEN a missing or
 * different golden file fails the test.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { hiresimAsync } from '../helpers/problems.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = join(ROOT, 'test', 'golden');
const SMALL = ['--reps', '3', '--seed', '7', '--threads', '1', '--set', 'scale=50', '--set', 'horizon=2032'];

interface Band {
  p10: number;
  p50: number;
  p90: number;
  mean: number;
}

/** The parts of `run --json` pinned by the golden files. */
function stableSubset(summary: Record<string, unknown>): unknown {
  const s = summary as {
    scenario: { name: string; hash: string };
    seed: unknown;
    replications: number;
    baseYear: number;
    horizon: number;
    scale: number;
    years: (Record<string, Band> & { year: number })[];
    closure: unknown;
    runs: unknown;
  };
  return {
    scenario: { name: s.scenario.name, hash: s.scenario.hash },
    seed: s.seed,
    replications: s.replications,
    baseYear: s.baseYear,
    horizon: s.horizon,
    scale: s.scale,
    years: s.years.map((row) => ({
      year: row.year,
      gap: row.gap,
      openPositions: row.openPositions.p50,
      qualifiedCandidates: row.qualifiedCandidates.p50,
      employed: row.employed.p50,
      payMedian: row.payMedian.p50,
      hires: row.hires.p50,
      entrantsGraduates: row.entrantsGraduates.p50,
    })),
    closure: s.closure,
    runs: s.runs,
  };
}

const cases: [string, string][] = [
  ['baseline-scale50-2032.json', 'scenarios/baseline.yaml'],
  ['tool-breakthrough-scale50-2032.json', 'scenarios/tool-breakthrough.yaml'],
];

describe('golden summaries', () => {
  for (const [golden, file] of cases) {
    it.concurrent(`${file} (scale 50, to 2032, 3 replications, seed 7) matches test/golden/${golden}`, async () => {
      const r = await hiresimAsync(['run', file, '--json', ...SMALL]);
      expect(r.status, r.stderr).toBe(0);
      const actual = stableSubset(JSON.parse(r.stdout));
      const path = join(GOLDEN, golden);
      if (UPDATE) writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
      expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 to create it`).toBe(true);
      // Numbers round-trip exactly through JSON, so this is an exact comparison.
      expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
    });
  }
});
