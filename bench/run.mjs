// hiresim benchmarks: measures and prints, never fails on time. `npm run bench` (builds first).
// Each measurement that needs a clean heap or its own peak RSS runs in a child process.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const quick = process.argv.includes('--quick');

/** Runs bench/measure.mjs with the given arguments in a fresh process and parses its JSON line. */
function measure(...args) {
  const out = execFileSync(process.execPath, ['--max-old-space-size=16000', `${here}measure.mjs`, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop());
}

const fmt = (x, d = 1) => (x >= 1e6 ? `${(x / 1e6).toFixed(d)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(d)} k` : x.toFixed(d));
const line = (label, value) => console.log(`${label.padEnd(58)} ${value}`);

console.log(`hiresim bench (node ${process.version}, ${(await import('node:os')).availableParallelism()} cores)${quick ? ' --quick' : ''}\n`);

const model = measure('model', quick ? '2' : '4');
line('model: baseline, one thread, stepping only', `${fmt(model.agentYearsPerSecond)} agent-years/s (${model.agents.toLocaleString('en-US')} agents at the start, ${model.years} years with the burn-in, ${model.stepMs.toFixed(0)} ms/replication + ${model.setupMs.toFixed(0)} ms set-up)`);
const kernel = measure('kernel', String(model.agents));
line('ceiling kernel: one pass, one random number per agent', `${fmt(kernel.agentStepsPerSecond)} agent-steps/s`);
line('ratio model ÷ kernel', (model.agentYearsPerSecond / kernel.agentStepsPerSecond).toFixed(3));

const sizes = quick ? [1e6] : [1e6, 1e7];
const big = sizes.map((n) => measure('size', String(n)));
for (const b of big) line(`memory at ${fmt(b.agents, 0)} agents (peak RSS ÷ agents)`, `${(b.peakRss / b.agents).toFixed(0)} bytes/agent (typed arrays ${(b.arrayBytes / b.agents).toFixed(0)} bytes/agent; ${b.stepMs.toFixed(0)} ms for ${b.years} years)`);
if (big.length === 2) line('time ratio 10M ÷ 1M agents (10 = linear)', (big[1].stepMs / big[0].stepMs).toFixed(2));

// The baseline's own 40 replications, each count in a cold process as the CLI runs it: every worker
// thread warms its JIT up on its first replications, which short runs do not amortise.
const one = measure('threads', '1', quick ? '8' : '40');
const two = measure('threads', '2', quick ? '8' : '40');
line(`replications: ${one.replications} on 1 thread vs 2 threads`, `${(one.ms / 1000).toFixed(1)} s vs ${(two.ms / 1000).toFixed(1)} s: speed-up ${(one.ms / two.ms).toFixed(2)}× (same output: ${one.digest === two.digest})`);

const cli = measure('cli');
line('README main command (hiresim run scenarios/baseline.yaml)', `${(cli.ms / 1000).toFixed(1)} s wall`);
