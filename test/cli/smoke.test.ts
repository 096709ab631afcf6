import { describe, expect, it } from 'vitest';
import { hiresim } from '../helpers/cli.js';

describe('hiresim (spawned)', () => {
  it('validates the shipped baseline', () => {
    const r = hiresim(['validate', 'scenarios/baseline.yaml']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^scenarios\/baseline\.yaml: valid \(scenario "baseline", hash [0-9a-f]{16}\)\n$/);
  });

  it('exits 2 with a usage hint for an unknown command', () => {
    const r = hiresim(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Run "hiresim --help"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
