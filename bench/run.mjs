// hiresim benchmarks: measures and prints, never fails on time. `npm run bench` (builds first).
// Each measurement that needs a clean heap or its own peak RSS runs in a child process.
//   --quick  fewer replications, 1 M agents only, no world run and no studies
//   --json   one JSON object with every figure below (nothing else on stdout), for tracking
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');

/** The command line of one measurement (bench/measure.mjs with the given arguments) and how to read its last line. */
const command = (args) => [process.execPath, ['--max-old-space-size=16000', `${here}measure.mjs`, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 }];
const lastLine = (out) => JSON.parse(out.trim().split('\n').pop());

/** Runs one measurement in a fresh process and parses its JSON line. */
const measure = (...args) => lastLine(execFileSync(...command(args)));

/** The same, without waiting, measuring from the epoch time `at` (ms): two of them run at once. */
const measureAsync = async (at, ...args) => {
  const [file, argv, options] = command(args);
  return lastLine((await promisify(execFile)(file, argv, { ...options, env: { ...process.env, BENCH_START_AT: String(at) } })).stdout);
};

const fmt = (x, d = 1) => (x >= 1e6 ? `${(x / 1e6).toFixed(d)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(d)} k` : x.toFixed(d));
const line = (label, value) => {
  if (!json) console.log(`${label.padEnd(58)} ${value}`);
};
const figures = { node: process.version, cores: availableParallelism(), quick };

if (!json) console.log(`hiresim bench (node ${process.version}, ${figures.cores} cores)${quick ? ' --quick' : ''}\n`);

const model = measure('model', quick ? '2' : '4');
figures.model = model;
line('model: baseline, one thread, stepping only', `${fmt(model.agentYearsPerSecond)} agent-years/s (${model.agents.toLocaleString('en-US')} agents at the start, ${model.years} years with the burn-in, ${model.stepMs.toFixed(0)} ms/replication + ${model.setupMs.toFixed(0)} ms set-up)`);
line('garbage collection while stepping (main thread, share of stepping)', `${(100 * model.gcShareOfStepping).toFixed(2)}%`);
const kernel = measure('kernel', String(model.agents));
figures.kernel = kernel;
line('ceiling kernel: one pass, one random number per agent', `${fmt(kernel.agentStepsPerSecond)} agent-steps/s`);
figures.ratio = model.agentYearsPerSecond / kernel.agentStepsPerSecond;
// The same ratio in CPU time: on a machine shared with other work, wall time counts the waits too.
figures.cpuRatio = model.agentYearsPerCpuSecond / kernel.agentStepsPerCpuSecond;
line('ratio model ÷ kernel', `${figures.ratio.toFixed(3)} (in CPU time ${figures.cpuRatio.toFixed(3)})`);

const phases = measure('phases', quick ? '2' : '3');
figures.phases = phases;
line('where the stepping time goes (phases, share of stepping)', [...phases.phases.filter((p) => p.share >= 0.02).map((p) => `${p.phase} ${(100 * p.share).toFixed(0)}%`), `outside the phases ${(100 * phases.outside.share).toFixed(0)}%`].join(', '));

// Amdahl's law on the phases row, against the 0.2 target: for the k costliest phases, the ratio the
// model would reach if they took no time at all, and how many times faster they would have to run
// together (the rest as it is) to reach 0.2; none when even taking no time would not.
const target = 0.2;
let costliest = 0;
figures.towardsTarget = phases.phases.slice(0, 5).map((p, k) => {
  costliest += p.share;
  const allowed = figures.ratio / target - (1 - costliest);
  return { phases: phases.phases.slice(0, k + 1).map((q) => q.phase), share: costliest, ratioIfFree: figures.ratio / (1 - costliest), speedupNeeded: allowed > 0 ? costliest / allowed : null };
});
figures.towardsTarget.push({ phases: ['every phase', 'outside the phases'], share: 1, ratioIfFree: null, speedupNeeded: target / figures.ratio });
line(
  'for 0.2: how much faster the costliest phases must run (Amdahl)',
  figures.towardsTarget.map((r) => `${r.phases.join(' + ')} (${(100 * r.share).toFixed(0)}%) ${r.speedupNeeded === null ? `out of reach: ${r.ratioIfFree.toFixed(3)} if free` : `${r.speedupNeeded.toFixed(1)}×`}`).join('; '),
);

// How much of the time per agent-year the random draws take, beside the model's time and the time
// the 0.2 target allows: what is left is visits to agents and the bookkeeping around them.
const draws = measure('draws', quick ? '1' : '2');
figures.draws = { ...draws, modelNsPerAgentYear: 1e9 / model.agentYearsPerSecond, targetNsPerAgentYear: 1e9 / (target * kernel.agentStepsPerSecond) };
line(
  'random draws per agent-year',
  `${draws.uniformsPerAgentYear.toFixed(2)} uniforms × ${draws.nsPerUniform.toFixed(1)} ns = ${draws.drawNsPerAgentYear.toFixed(0)} ns of the model's ${figures.draws.modelNsPerAgentYear.toFixed(0)} ns (0.2 × the kernel allows ${figures.draws.targetNsPerAgentYear.toFixed(0)} ns)`,
);

const sizes = quick ? [1e6] : [1e6, 1e7];
const big = sizes.map((n) => measure('size', String(n)));
figures.sizes = big.map((b) => ({ ...b, bytesPerAgent: b.peakRss / b.agents, arrayBytesPerAgent: b.arrayBytes / b.agents }));
for (const b of big) line(`memory at ${fmt(b.agents, 0)} agents (peak RSS ÷ agents)`, `${(b.peakRss / b.agents).toFixed(0)} bytes/agent (typed arrays ${(b.arrayBytes / b.agents).toFixed(0)} bytes/agent; ${b.stepMs.toFixed(0)} ms for ${b.years} years)`);
if (big.length === 2) {
  figures.time10MOver1M = big[1].stepMs / big[0].stepMs;
  line('time ratio 10M ÷ 1M agents (10 = linear)', figures.time10MOver1M.toFixed(2));
}

// The baseline's own 40 replications, each count in a cold process as the CLI runs it: every worker
// thread warms its JIT up on its first replications, which short runs do not amortise.
const one = measure('threads', '1', quick ? '8' : '40');
const two = measure('threads', '2', quick ? '8' : '40');
figures.threads = { replications: one.replications, oneThreadMs: one.ms, twoThreadsMs: two.ms, speedup: one.ms / two.ms, sameOutput: one.digest === two.digest };
line(`replications: ${one.replications} on 1 thread vs 2 threads`, `${(one.ms / 1000).toFixed(1)} s vs ${(two.ms / 1000).toFixed(1)} s: speed-up ${(one.ms / two.ms).toFixed(2)}× (same output: ${one.digest === two.digest})`);

// What two cores give two independent processes (no threads, nothing shared but the machine): the
// ceiling for the threads' speed-up. The kernel streams through its arrays; the model does not. Both
// start measuring at the same moment, a few seconds after they are started (loading and warming up
// take about two), and their work is counted over the span from the first one's start to the last
// one's end, so that time one of them ran alone is not counted as shared.
const together = (...args) => {
  const at = Date.now() + 5000;
  return Promise.all([measureAsync(at, ...args), measureAsync(at, ...args)]);
};
const [modelA, modelB] = await together('model', quick ? '2' : '4');
const [kernelA, kernelB] = await together('kernel', String(model.agents));
const seconds = (...runs) => (Math.max(...runs.map((r) => r.window[1])) - Math.min(...runs.map((r) => r.window[0]))) / 1000;
const overlap = (a, b) => Math.max(0, Math.min(a.window[1], b.window[1]) - Math.max(a.window[0], b.window[0])) / 1000 / seconds(a, b);
figures.twoProcesses = {
  model: (modelA.agentYears + modelB.agentYears) / seconds(modelA, modelB) / (model.agentYears / seconds(model)),
  kernel: (kernelA.agentSteps + kernelB.agentSteps) / seconds(kernelA, kernelB) / (kernel.agentSteps / seconds(kernel)),
  overlap: { model: overlap(modelA, modelB), kernel: overlap(kernelA, kernelB) },
};
line('two processes at once vs one (throughput over the span both ran): model, kernel', `${figures.twoProcesses.model.toFixed(2)}×, ${figures.twoProcesses.kernel.toFixed(2)}× (they ran together ${(100 * figures.twoProcesses.overlap.model).toFixed(0)}% and ${(100 * figures.twoProcesses.overlap.kernel).toFixed(0)}% of it)`);

const startup = measure('startup', quick ? '5' : '9');
figures.startup = startup;
line('start-up: hiresim validate scenarios/baseline.yaml', `${startup.validateMs.toFixed(0)} ms median of ${startup.runs} (fastest ${startup.validateMinMs.toFixed(0)} ms; a bare node -e 0 takes ${startup.nodeMs.toFixed(0)} ms)`);

const cli = measure('cli');
figures.cli = { command: 'hiresim run scenarios/baseline.yaml', ms: cli.ms };
line('README main command (hiresim run scenarios/baseline.yaml)', `${(cli.ms / 1000).toFixed(1)} s wall`);

if (!quick) {
  // One replication of every software developer on earth (30 M agents, 1 agent = 1 person), 20 years.
  const world = measure('world', '30000000');
  figures.world = world;
  line(`world run: ${fmt(world.agents, 0)} agents at 1 person each, ${world.years} years`, `${(world.stepMs / 1000).toFixed(0)} s stepping + ${(world.setupMs / 1000).toFixed(0)} s set-up (${fmt(world.agentYearsPerSecond)} agent-years/s), ${world.bytesPerAgent.toFixed(0)} bytes/agent peak RSS`);

  // Studies a user waits for, through the CLI on 2 threads: attribute with its defaults (32 lever
  // subsets × 8 replications at scale 50), and a Sobol' study of 6 parameters, N = 64 base rows
  // ((6 + 2) × 64 = 512 points) × 8 replications at scale 50.
  const attribute = measure('study', 'attribute', 'scenarios/baseline.yaml', '--threads', '2', '--json');
  const sobolParams = ['demand.payElasticity=0.2:1', 'upskilling.selfStudyRate=0.02:0.2', 'matching.screening=0.05:0.5:log', 'wages.curveElasticity=0.1:0.6', 'demand.postingLifetimeMonths=1:12', 'attrition.seekerExitRate=0.1:0.6'];
  const sobol = measure('study', 'sensitivity', 'scenarios/baseline.yaml', '--method', 'sobol', '--samples', '64', '--reps', '8', '--set', 'scale=50', '--threads', '2', '--json', ...sobolParams.flatMap((p) => ['--param', p]));
  figures.studies = { attribute, sobol };
  line('attribute, baseline, defaults, 2 threads', `${(attribute.ms / 1000).toFixed(0)} s wall`);
  line('Sobol\', 6 parameters, N = 64, 8 reps, scale 50, 2 threads', `${(sobol.ms / 1000).toFixed(0)} s wall`);
}

if (json) console.log(JSON.stringify(figures, null, 2));
