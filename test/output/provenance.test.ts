/**
 * The provenance record every result carries: a command line that reproduces the result (without
 * the options that only choose threads, formats or destinations, so results stay byte-identical),
 * quoted so a shell reads back the same arguments, and each scenario file with its sha-256.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandLine, provenance, reproducingArgs, shellQuote } from '../../src/output/provenance.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ROOT } from '../helpers/cli.js';

describe('reproducingArgs', () => {
  it('drops threads, output formats and destinations in both spellings, and keeps everything else in order', () => {
    const argv = ['run', 'a.yaml', '--threads', '2', '--set', 'scale=50', '--out=dir', '--json', '--reps', '8', '--shard', '0/4', '--resume', '--results', 'r.jsonl', '--csv', '--threads=1'];
    expect(reproducingArgs(argv)).toEqual(['run', 'a.yaml', '--set', 'scale=50', '--reps', '8']);
  });

  it('never keeps an option it drops, and keeps every argument it does not know', () => {
    const arg = fc.oneof(fc.constantFrom('--threads', '--out', '--json', '--set', '--reps', 'x.yaml', 'scale=1'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 12 }), (argv) => {
        const kept = reproducingArgs(argv);
        expect(kept.some((a) => ['--threads', '--out', '--json', '--csv', '--resume'].includes(a))).toBe(false);
        const dropped = new Set(['--threads', '--out', '--results', '--shard', '--html', '--write', '--json', '--csv', '--resume', '--quiet', '--no-color']);
        expect(kept.length).toBeLessThanOrEqual(argv.length);
        if (!argv.some((a) => dropped.has(a.includes('=') ? a.slice(0, a.indexOf('=')) : a))) expect(kept).toEqual(argv);
      }),
    );
  });
});

describe('shellQuote', () => {
  it('gives back the same arguments when a POSIX shell reads the command line', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\0')), { minLength: 1, maxLength: 5 }), (args) => {
        const script = `for a in ${args.map(shellQuote).join(' ')}; do printf '%s\\0' "$a"; done`;
        const echoed = execFileSync('sh', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
        expect(echoed).toEqual(args);
      }),
      { numRuns: 50 },
    );
  });

  it('leaves plain arguments unquoted', () => {
    expect(commandLine(['run', 'scenarios/baseline.yaml', '--set', 'scale=50'])).toBe('hiresim run scenarios/baseline.yaml --set scale=50');
    expect(commandLine(['run', 'a b.yaml', '--set', "demand.growth='0.1 * t'"])).toBe(`hiresim run 'a b.yaml' --set 'demand.growth='\\''0.1 * t'\\'''`);
  });
});

describe('provenance', () => {
  it('records the version, the command, the overrides and every file of the extends chain with its sha-256', () => {
    const file = 'test/fixtures/good/grandchild.yaml';
    const loaded = loadScenario(file, { cwd: ROOT, overrides: ['scale=50'] });
    const record = provenance('run', [loaded], ['scale=50'], { argv: ['run', file, '--set', 'scale=50', '--threads', '2'] });
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(record.hiresim).toBe(version);
    expect(record.command).toBe(`hiresim run ${file} --set scale=50`);
    expect(record.overrides).toEqual(['scale=50']);
    expect(record.scenarios[0].hash).toBe(loaded.hash);
    expect(record.scenarios[0].files.map((f) => f.file)).toEqual(loaded.files);
    expect(record.scenarios[0].files.length).toBeGreaterThan(1);
    for (const f of record.scenarios[0].files) expect(f.sha256).toBe(createHash('sha256').update(readFileSync(join(ROOT, f.file))).digest('hex'));
    expect(record.seed).toBe(loaded.scenario.seed);
    expect(record.replications).toBe(loaded.scenario.replications);
  });
});
