/** The validate, explain and schema commands, every command's --help end to end, and the command table's shape. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { loadScenario } from '../../src/scenario/load.js';
import { COMMANDS, DEFINITIONS } from '../../src/cli/cli.js';
import type { CommandDefinition } from '../../src/cli/definitions/definition.js';
import { BASELINE, expectProblem, hiresimAsync as hiresim, STACK_TRACE } from '../helpers/problems.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const SHIPPED = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `scenarios/${f}`);

describe.concurrent('hiresim schema', () => {
  it('prints the committed schema/scenario.schema.json byte for byte', async () => {
    const r = await hiresim(['schema']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const committed = readFileSync(join(ROOT, 'schema', 'scenario.schema.json'), 'utf8');
    // On failure: regenerate with `node dist/bin/hiresim.js schema > schema/scenario.schema.json`.
    expect(r.stdout === committed, 'hiresim schema differs from schema/scenario.schema.json').toBe(true);
  });

  it('prints a draft-07 JSON Schema that rejects unknown keys', async () => {
    const schema = JSON.parse((await hiresim(['schema'])).stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties as object)).toEqual(expect.arrayContaining(['name', 'extends', 'seed', 'attrition', 'demand']));
  });
});

/** Every command line of the table that has a --help of its own: each command, and each subcommand of a group. */
function helpCommands(definitions: readonly CommandDefinition[], prefix: string[] = []): string[][] {
  return definitions.flatMap((d) => {
    const name = d.command.split(' ')[0];
    // A group's default subcommand (`sweep <file>`) has the group's help.
    if (name === '$0') return [];
    const words = [...prefix, name];
    return [words, ...helpCommands(d.subcommands ?? [], words)];
  });
}

describe.concurrent('--help', () => {
  const commands = [[], ...helpCommands(DEFINITIONS)];

  it('covers every command and subcommand of the table', () => {
    expect(commands.map((c) => c.join(' '))).toEqual(expect.arrayContaining(['', 'run', 'sweep', 'sweep summarize', 'sweep export', 'slurm status', 'schema']));
    expect(commands).toHaveLength(1 + COMMANDS.length + 5);
  });

  for (const words of commands) {
    const name = ['hiresim', ...words].join(' ');
    it(`${name} --help exits 0 with examples before the options`, async () => {
      const r = await hiresim([...words, '--help']);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      const examples = r.stdout.indexOf('Examples:');
      const options = r.stdout.indexOf('\nOptions:');
      expect(examples).toBeGreaterThanOrEqual(0);
      expect(options).toBeGreaterThan(examples);
      // The examples are commands of this program, not only a heading.
      expect(r.stdout.slice(examples, options)).toMatch(new RegExp(`\\n\\s*${name === 'hiresim' ? 'hiresim \\w+' : name} `));
      expect(r.stdout.slice(options)).toContain('--help');
    });
  }
});

describe('the command table', () => {
  it('names the same commands in messages as in the help', () => {
    expect([...COMMANDS].sort()).toEqual(DEFINITIONS.map((d) => d.command.split(' ')[0]).sort());
  });

  it('keeps cli.ts a table: under 450 lines, imported only by main.ts', () => {
    expect(readFileSync(join(ROOT, 'src/cli/cli.ts'), 'utf8').split('\n').length).toBeLessThan(450);
    const importers = sourceFiles().filter((f) => importsOf(f).includes(join(ROOT, 'src/cli/cli.ts')));
    expect(importers.map((f) => relative(ROOT, f))).toEqual(['src/cli/main.ts']);
  });

  it('has no import cycle through src/cli (static or dynamic imports)', () => {
    const cli = join(ROOT, 'src/cli');
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      state.set(file, 'open');
      for (const next of importsOf(file)) {
        if (state.get(next) === 'open') {
          const cycle = [...path.slice(path.indexOf(next)), file, next];
          if (cycle.some((f) => f.startsWith(cli))) cycles.push(cycle.map((f) => relative(ROOT, f)).join(' → '));
        } else if (!state.has(next)) visit(next, [...path, file]);
      }
      state.set(file, 'done');
    };
    for (const file of sourceFiles()) if (!state.has(file)) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

/** Every TypeScript file under src/. */
function sourceFiles(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The files a source file imports by a relative path: `from '…'`, `import '…'` or `await import('…')`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\b(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)].map((m) => resolve(dirname(file), `${m[1]}.ts`));
}

describe.concurrent('hiresim explain', () => {
  it('--json gives the hash and every parameter with path, shown value, unit, domain and source', async () => {
    const r = await hiresim(['explain', 'scenarios/baseline.yaml', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.scenario.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(e.scenario.name).toBe('baseline');
    expect(e.scenario.files).toEqual(['scenarios/baseline.yaml']);
    expect(e.parameters.length).toBeGreaterThan(50);
    for (const p of e.parameters) {
      expect(typeof p.path).toBe('string');
      expect(p.path).toMatch(/^[A-Za-z][\w.-]*$/);
      expect(typeof p.shown).toBe('string');
      expect(p.shown).not.toBe('');
      expect(typeof p.domain).toBe('string');
      expect(typeof p.source).toBe('string');
    }
    const paths = e.parameters.map((p: { path: string }) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
    // attrition.turnover as the file has it (the baseline is recalibrated from time to time: its figures are read, not pinned).
    const { scenario } = loadScenario(BASELINE);
    const expected = scenario.attrition.turnover;
    const turnover = e.parameters.find((p: { path: string }) => p.path === 'attrition.turnover');
    expect(turnover).toMatchObject({ shown: expected.describe(), domain: 'a probability in [0, 1]', source: expected.source, spec: expected.spec, unit: { label: 'per year', percent: true }, kind: 'sourced' });
    // Its source is a key of `sources`, whose text is the citation.
    expect(turnover.citation).toBe(scenario.sources[expected.source as string]);
    expect(turnover.citation).not.toBe('');
    // The hash is the one validate reports.
    expect((await hiresim(['validate', 'scenarios/baseline.yaml'])).stdout).toContain(`hash ${e.scenario.hash})`);
  });

  it.each(SHIPPED)('every parameter of %s has a source and a unit, and the table fits in 100 columns', async (file) => {
    const r = await hiresim(['explain', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.parameters.length).toBeGreaterThan(0);
    expect(e.unsourced).toEqual([]);
    for (const item of [...e.parameters, ...e.settings]) {
      expect(typeof item.unit.label, item.path).toBe('string');
      expect(item.unit.label, item.path).not.toMatch(/^$|no unit/);
      expect(typeof item.display).toBe('string');
    }
    for (const p of e.parameters) expect(['sourced', 'derived', 'fitted', 'assumption', 'stated']).toContain(p.kind);
    const table = await hiresim(['explain', file]);
    expect(table.status).toBe(0);
    const wide = table.stdout.split('\n').filter((l) => [...l].length > 100);
    expect(wide).toEqual([]);
  });

  it('prints a table with attrition.turnover as a percentage per year, the kind of its source and the source', async () => {
    const r = await hiresim(['explain', 'scenarios/baseline.yaml']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Scenario "baseline" \(hash [0-9a-f]{16}\)\n/);
    const turnover = loadScenario(BASELINE).scenario.attrition.turnover;
    const percent = `${Number(((turnover.spec as { value: number }).value * 100).toPrecision(6))}%`;
    expect(r.stdout).toMatch(new RegExp(`^ {2}attrition\\.turnover +${escapeRegExp(percent)} +per year +\\[sourced\\] ${escapeRegExp(turnover.source as string)}$`, 'm'));
    expect(r.stdout).toMatch(/^Parameters: attrition$/m);
    expect(r.stdout).toMatch(/^ {2}wages\.adjacentPay +↓ +USD nominal per year$/m);
    expect(r.stdout).not.toContain('[none]');
  });

  it('shows --set overrides in the resolved scenario, in their units', async () => {
    const r = await hiresim(['explain', 'scenarios/baseline.yaml', 'attrition', 'tools.productivityGain', '--set', 'attrition.turnover=0.25', '--set', 'tools.productivityGain={dist: uniform, min: 0, max: 0.5}']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // An override written without a source has none, and says so.
    expect(r.stdout).toMatch(/^ {2}attrition\.turnover +25% +per year +\[none\]$/m);
    expect(r.stdout).toMatch(/^ {2}tools\.productivityGain +↓ +per unit maturity +\[none\]\n {6}uniform\(min 0%, max 50%\)$/m);
  });

  it('shows only the subtrees named, and the sources they cite', async () => {
    const r = await hiresim(['explain', 'scenarios/baseline.yaml', 'wages', 'demand.growth']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Showing: wages, demand.growth');
    const paths = [...r.stdout.matchAll(/^ {2}([a-z]\w*(?:\.\w+)+) /gm)].map((m) => m[1]);
    expect(paths).toEqual(['demand.growth', 'wages.adjacentPay', 'wages.curveElasticity', 'wages.adjustment', 'wages.downwardAdjustment', 'wages.dispersion']);
    expect(r.stdout).toMatch(/^Sources cited$/m);
    expect(r.stdout).toMatch(/^ {2}dickens2007 /m);
    expect(r.stdout).not.toMatch(/^ {2}linkedin2018 /m);
    expect(r.stdout).not.toContain('Assumptions');
    const json = JSON.parse((await hiresim(['explain', 'scenarios/baseline.yaml', 'wages', '--json'])).stdout);
    expect(json.parameters.map((p: { path: string }) => p.path)).toEqual(paths.slice(1));
  });

  it('exits 2 on a path the scenario lacks, naming the closest one, in one line without a stack trace', async () => {
    const r = await hiresim(['explain', 'scenarios/baseline.yaml', 'wages', 'demand.grwth']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toBe('scenarios/baseline.yaml demand.grwth: expected a path of the scenario (a section such as wages, or a field such as demand.growth), found no such path (did you mean "demand.growth"?)\n1 problem found.\n');
  });
});

describe.concurrent('hiresim validate', () => {
  it('prints one "valid" line per good file and still exits 2 when one is bad', async () => {
    const good = ['scenarios/baseline.yaml', 'test/fixtures/good/child.yaml', 'test/fixtures/good/grandchild.yaml'];
    const bad = 'test/fixtures/bad/unknown-key.yaml';
    const r = await hiresim(['validate', good[0], bad, good[1], good[2]]);
    expectProblem(r, { file: bad, line: 4, column: 3, path: 'attrition.turnovr', found: 'did you mean "turnover"?' });
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    good.forEach((file, i) => expect(lines[i]).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}: valid \\(scenario "\\w+", hash [0-9a-f]{16}\\)$`)));
  });

  it('exits 0 when every file is valid', async () => {
    const r = await hiresim(['validate', ...SHIPPED, 'test/fixtures/good/grandchild.yaml']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(SHIPPED.length + 1);
  });

  it('reports the problems of every bad file together', async () => {
    const r = await hiresim(['validate', 'test/fixtures/bad/negative-count.yaml', 'scenarios/baseline.yaml', 'test/fixtures/bad/wrong-type.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['test/fixtures/bad/negative-count.yaml:4:15', 'test/fixtures/bad/wrong-type.yaml:3:15', '2']);
    expect(lines.at(-1)).toBe('2 problems found.');
    expect(r.stdout).toMatch(/^scenarios\/baseline\.yaml: valid /);
  });

  it('applies --set to every file, and a valid override changes the hash', async () => {
    const plain = await hiresim(['validate', 'scenarios/baseline.yaml']);
    const changed = await hiresim(['validate', 'scenarios/baseline.yaml', '--set', 'demand.growth="0.2 * exp(-t/5)"']);
    expect(changed.status).toBe(0);
    const hash = (out: string) => /hash ([0-9a-f]{16})/.exec(out)?.[1];
    expect(hash(changed.stdout)).toBeDefined();
    expect(hash(changed.stdout)).not.toBe(hash(plain.stdout));
  });

  it('exits 2 with usage help when no file is named', async () => {
    const r = await hiresim(['validate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Run "hiresim validate --help" for the options.');
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout).toBe('');
  });
});
