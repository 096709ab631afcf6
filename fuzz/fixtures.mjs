// Small real results in the template's results/ folder, so that report, merge, sweep summarize and
// export, slurm status and --resume have genuine inputs to start from. Made once per campaign by
// the real CLI (cheap settings; deterministic, so every campaign of a seed sees the same files).
// Run as `node fuzz/fixtures.mjs TEMPLATE_DIR RESULTS_DIR` in its own process, before the children
// start: it works in a copy of the template and keeps only the results/ folder, in RESULTS_DIR.
import { runCli } from '../dist/cli/cli.js';

const CHEAP = ['--set', 'scale=100000', '--threads', '1'];
const COMMANDS = [
  ['run', 'scenarios/baseline.yaml', ...CHEAP, '--reps', '2', '--out', 'results/run'],
  ['compare', 'scenarios/baseline.yaml', 'scenarios/tool-breakthrough.yaml', ...CHEAP, '--reps', '2', '--out', 'results/compare'],
  ['attribute', 'scenarios/baseline.yaml', '--levers', 'tools,migration', ...CHEAP, '--reps', '1', '--out', 'results/attribute'],
  ['sweep', 'scenarios/baseline.yaml', '--param', 'demand.growth=0:0.2', '--samples', '2', '--reps', '1', ...CHEAP, '--out', 'results/sweep.jsonl'],
  ['sweep', 'scenarios/baseline.yaml', '--param', 'demand.growth=0:0.2', '--samples', '3', '--reps', '1', ...CHEAP, '--shard', '0/2', '--out', 'results/shard-0.jsonl'],
  ['sweep', 'scenarios/baseline.yaml', '--param', 'demand.growth=0:0.2', '--samples', '3', '--reps', '1', ...CHEAP, '--shard', '1/2', '--out', 'results/shard-1.jsonl'],
  ['sensitivity', 'scenarios/baseline.yaml', '--method', 'morris', '--param', 'demand.growth=0:0.2', '--param', 'tools.breakthroughProbability=0.01:0.2', '--samples', '2', '--reps', '1', ...CHEAP, '--out', 'results/sens', '--results', 'results/sens.jsonl'],
  ['backtest', 'scenarios/baseline.yaml', '--observed', 'data/observed.csv', ...CHEAP, '--reps', '2', '--out', 'results/backtest'],
  ['slurm', 'sweep', 'scenarios/baseline.yaml', '--param', 'demand.growth=0:0.2', '--samples', '2', '--reps', '1', '--tasks', '2', '--out', 'results/slurm', '--dry-run'],
];

import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const [template, results] = process.argv.slice(2);
cpSync(template, results, { recursive: true });
process.chdir(results);
const write = process.stdout.write;
process.stdout.write = (chunk, encoding, callback) => ((typeof encoding === 'function' ? encoding : callback)?.(), true);
process.stderr.write = process.stdout.write;
for (const argv of COMMANDS) {
  const code = await runCli(argv);
  if (code !== 0) {
    write.call(process.stdout, `fuzz fixtures: hiresim ${argv.join(' ')} exited ${code}\n`);
    process.exit(1);
  }
}
process.chdir(join(results, 'results'));
for (const name of ['scenarios', 'test', 'data']) rmSync(join(results, name), { recursive: true, force: true });
