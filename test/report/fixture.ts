/**
 * Small fixed results for report tests: a run, a comparison and an attribution (tool-breakthrough) of the shipped
 * scenarios (4 replications, seed 7, 1 agent = 50 persons, to 2030), written by the compiled CLI
 * into a fresh temporary directory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { hiresimAsync } from '../helpers/problems.js';

export const SMALL = ['--reps', '4', '--seed', '7', '--threads', '1', '--set', 'scale=50', '--set', 'horizon=2030'];

export interface ReportInputs {
  readonly dir: string;
  readonly run: string;
  readonly compare: string;
  readonly attribute: string;
}

export async function makeReportInputs(): Promise<ReportInputs> {
  const dir = mkdtempSync(join(tmpdir(), 'hiresim-report-'));
  const inputs = { dir, run: join(dir, 'run'), compare: join(dir, 'compare'), attribute: join(dir, 'attribute') };
  const results = await Promise.all([
    hiresimAsync(['run', 'scenarios/baseline.yaml', ...SMALL, '--out', inputs.run]),
    hiresimAsync(['compare', 'scenarios/baseline.yaml', 'scenarios/tool-breakthrough.yaml', ...SMALL, '--out', inputs.compare]),
    hiresimAsync(['attribute', 'scenarios/tool-breakthrough.yaml', '--levers', 'upskilling,tools', '--year', '2028', ...SMALL, '--out', inputs.attribute]),
  ]);
  for (const r of results) expect(r.status, r.stderr).toBe(0);
  return inputs;
}
