import { execFileSync } from 'node:child_process';

/** Builds dist/ (the library and the CLI bundle) so that end-to-end tests spawn the CLI users run. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
}
