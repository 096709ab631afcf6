/**
 * The README's library examples ("As a library") must compile against the library's exports: each
 * ```ts block is type-checked with the project's compiler settings, `'hiresim'` read as src/index.ts.
 * (They are not run: several simulate the full baseline.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### As a library'), readme.indexOf('### Scenarios shipped'));
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('README library examples', () => {
  // Inside the repository, so that node_modules and the project's types resolve.
  const dir = mkdtempSync(join(ROOT, 'test', '.library-examples-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('there are examples of the studies, not only of run', () => {
    const text = blocks.join('\n');
    for (const name of ['runScenario', 'backtest', 'runExpected', 'compareScenarios', 'attributeLevers', 'runSensitivity', 'calibrate']) expect(text).toContain(name);
  });

  it('every example type-checks against src/index.ts', () => {
    const files = blocks.map((code, k) => {
      const file = join(dir, `example-${k + 1}.ts`);
      // Each block is a module of its own (top-level await), importing the library by its package name.
      writeFileSync(file, `${code.replaceAll("from 'hiresim'", `from '${join(ROOT, 'src', 'index.js')}'`)}\nexport {};\n`);
      return file;
    });
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), compilerOptions: { noUnusedLocals: false }, include: files }));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr, 'tsc found errors in a README example').toBe('');
    expect(r.status).toBe(0);
  });
});
