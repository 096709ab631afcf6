/**
 * Where the installed package's own files are. Code runs from three places: the TypeScript sources
 * (tests), the compiled library (`dist/…`) and the CLI bundle (`dist/bin/`), at different depths, so
 * the package root is found by walking up to hiresim's package.json rather than by a fixed `../..`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly bin: Readonly<Record<string, string>>;
}

let found: { root: string; pkg: PackageJson } | undefined;

function packageJson(): { root: string; pkg: PackageJson } {
  if (found) return found;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
      if (pkg.name === 'hiresim') return (found = { root: dir, pkg });
    }
    if (dirname(dir) === dir) throw new Error(`hiresim's package.json was not found above ${fileURLToPath(import.meta.url)}`);
  }
}

/** The package root: the directory of hiresim's package.json (the same from src/, dist/ and dist/bin/). */
export function packageRoot(): string {
  return packageJson().root;
}

/** The installed hiresim version. */
export function hiresimVersion(): string {
  return packageJson().pkg.version;
}

/** The absolute path of the `hiresim` executable (the CLI bundle), as job scripts must call it. */
export function cliPath(): string {
  const { root, pkg } = packageJson();
  return join(root, pkg.bin.hiresim);
}
