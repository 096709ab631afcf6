// One measurement in a fresh process; prints one JSON line. Used by bench/run.mjs.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../dist/scenario/load.js';
import { initialState } from '../dist/model/init.js';
import { stepYear } from '../dist/model/step.js';
import { METRICS, recordYear } from '../dist/model/metrics.js';
import { streamRng } from '../dist/random/seed-tree.js';
import { zigguratNormal } from '../dist/random/ziggurat.js';
import { simulate } from '../dist/studies/run.js';
import { yearCount } from '../dist/scenario/calendar.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const baseline = `${root}scenarios/baseline.yaml`;
const [what, ...args] = process.argv.slice(2);

/**
 * Steps one replication; set-up timed apart from stepping (as Mesa's benchmarks do). Stepping counts
 * the burn-in years, which are stepped like any other. `observe` wraps each phase (stepYear's observer).
 */
function timeReplication(scenario, replication, observe, prepare) {
  let t0 = performance.now();
  const state = initialState(scenario, scenario.seed, replication);
  prepare?.(state);
  const setupMs = performance.now() - t0;
  const c0 = cpuMs();
  const agents = state.population.alive;
  const row = new Float64Array(METRICS.length);
  let agentYears = 0;
  t0 = performance.now();
  const burnIn = scenario.burnInYears ?? 0;
  for (let b = 0; b < burnIn; b++) {
    agentYears += state.population.alive;
    stepYear(state, observe);
  }
  state.burnIn = false;
  for (let y = 0; y < yearCount(scenario); y++) {
    state.yearIndex = y;
    agentYears += state.population.alive;
    stepYear(state, observe);
    recordYear(state, row);
  }
  const t1 = performance.now();
  return { setupMs, stepMs: t1 - t0, stepCpuMs: cpuMs() - c0, agents, agentYears, years: burnIn + yearCount(scenario), state, stepping: [t0, t1] };
}

const print = (o) => console.log(JSON.stringify(o));

/**
 * Waits until BENCH_START_AT (epoch milliseconds), when it is set: bench/run.mjs starts two processes
 * with the same time, so that both measure while the other is working too (each loads and warms up
 * first, at its own pace).
 */
async function startTogether() {
  const wait = Number(process.env.BENCH_START_AT ?? 0) - (performance.timeOrigin + performance.now());
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
/** CPU time of this process (all its threads) in ms: steadier than wall time on a shared machine. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

if (what === 'model') {
  const { scenario } = loadScenario(baseline);
  timeReplication(scenario, 99); // warm-up
  await startTogether();
  // The main thread's garbage collections (V8's gc performance entries) that start while stepping:
  // set-up, which allocates the population's arrays, is left out.
  const collections = [];
  const observer = new PerformanceObserver((list) => collections.push(...list.getEntries().map((e) => [e.startTime, e.duration])));
  observer.observe({ entryTypes: ['gc'] });
  const reps = Number(args[0]);
  const stepping = [];
  let setupMs = 0, stepMs = 0, stepCpuMs = 0, agentYears = 0, agents = 0, years = 0;
  for (let r = 0; r < reps; r++) {
    const t = timeReplication(scenario, r);
    setupMs += t.setupMs; stepMs += t.stepMs; stepCpuMs += t.stepCpuMs; agentYears += t.agentYears; agents = t.agents; years = t.years;
    stepping.push(t.stepping);
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // the observer is told asynchronously
  observer.disconnect();
  const gcMs = collections.filter(([start]) => stepping.some(([from, to]) => start >= from && start <= to)).reduce((sum, [, ms]) => sum + ms, 0);
  // `window`: from the first replication's stepping to the last one's end, as epoch milliseconds, so
  // that two of these processes run at once can be timed together over the span both were working.
  const window = [performance.timeOrigin + stepping[0][0], performance.timeOrigin + stepping[stepping.length - 1][1]];
  print({ agents, years, setupMs: setupMs / reps, stepMs: stepMs / reps, agentYears, window, agentYearsPerSecond: agentYears / (stepMs / 1000), agentYearsPerCpuSecond: agentYears / (stepCpuMs / 1000), gcShareOfStepping: gcMs / stepMs });
} else if (what === 'phases') {
  // Where the stepping time goes: each phase of the year timed through stepYear's observer (the
  // observer's own cost, two clock reads a phase, is under 1%), summed over replications. Shares are
  // of the whole stepping time in the same replications; what no phase holds (the start of each
  // year's matching, the year's metrics, the counters) is reported as "outside the phases".
  const { scenario } = loadScenario(baseline);
  const reps = Number(args[0] ?? 3);
  const ms = new Map();
  const observe = (phase, run) => {
    const t0 = performance.now();
    run();
    ms.set(phase, (ms.get(phase) ?? 0) + performance.now() - t0);
  };
  timeReplication(scenario, 99); // warm-up
  let stepMs = 0;
  for (let r = 0; r < reps; r++) stepMs += timeReplication(scenario, r, observe).stepMs;
  const inPhases = [...ms.values()].reduce((a, b) => a + b, 0);
  const phases = [...ms].sort((a, b) => b[1] - a[1]).map(([phase, t]) => ({ phase, ms: t / reps, share: t / stepMs }));
  print({ replications: reps, stepMs: stepMs / reps, phases, outside: { ms: (stepMs - inPhases) / reps, share: (stepMs - inPhases) / stepMs } });
} else if (what === 'draws') {
  // The random draws' part of the time per agent-year. Every uniform a phase draws (each normal
  // takes one or more) is counted through counting wrappers of the replication's streams, over the
  // stepping of `reps` replications; one uniform's time is measured in this process on 8 streams
  // taken in turn, as the phases draw them. The wrappers only count: no time is measured with them.
  const { scenario } = loadScenario(baseline);
  const reps = Number(args[0] ?? 2);
  let uniforms = 0;
  let agentYears = 0;
  const counting = (state) => {
    const streams = state.streams;
    for (const name of Object.keys(streams)) {
      const base = streams[name];
      const wrapped = () => {
        uniforms++;
        return base();
      };
      wrapped.normal = () => zigguratNormal(wrapped);
      streams[name] = wrapped;
    }
  };
  for (let r = 0; r < reps; r++) agentYears += timeReplication(scenario, r, undefined, counting).agentYears;
  const streams = Array.from({ length: 8 }, (_, k) => streamRng(scenario.seed, 0, `draws ${k}`));
  const drawAll = (n) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += streams[i & 7]();
    return sum;
  };
  drawAll(1e6); // warm-up
  const n = 2e7;
  const t0 = performance.now();
  const sink = drawAll(n);
  const nsPerUniform = ((performance.now() - t0) * 1e6) / n;
  print({ replications: reps, uniformsPerAgentYear: uniforms / agentYears, nsPerUniform, drawNsPerAgentYear: (uniforms / agentYears) * nsPerUniform, sink });
} else if (what === 'kernel') {
  // The ceiling: one in-order pass over the population's typed arrays, one random number per agent.
  const { scenario } = loadScenario(baseline);
  const { population } = initialState(scenario, scenario.seed, 0);
  const n = population.highWater;
  const rng = streamRng(scenario.seed, 0, 'kernel');
  // Every per-agent array the model keeps is read once per agent (skills: all five), one uniform is
  // drawn, and one array is written: the cheapest possible "step" over the same state.
  const { status, origin, skills, aptitude, experience, employer, pay, programme, timer, cliffYear } = population;
  const pass = () => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const u = rng();
      if (status[i] === 255) continue;
      const b = i * 5;
      const skill = skills[b] + skills[b + 1] + skills[b + 2] + skills[b + 3] + skills[b + 4];
      sum += skill * aptitude[i] + experience[i] + pay[i] + timer[i] + employer[i] + programme[i] + cliffYear[i] + origin[i];
      if (u < 0.01) origin[i] ^= 4;
    }
    return sum;
  };
  pass();
  await startTogether();
  // At least 200 passes and one second, so that two kernels run at once overlap over most of their time.
  const t0 = performance.now();
  const c0 = cpuMs();
  let sink = 0;
  let passes = 0;
  while (passes < 200 || performance.now() - t0 < 1000) {
    sink += pass();
    passes++;
  }
  const t1 = performance.now();
  const ms = t1 - t0;
  const window = [performance.timeOrigin + t0, performance.timeOrigin + t1];
  print({ agents: n, agentSteps: n * passes, window, agentStepsPerSecond: (n * passes) / (ms / 1000), agentStepsPerCpuSecond: (n * passes) / ((cpuMs() - c0) / 1000), sink });
} else if (what === 'size') {
  // About `agents` agents at full scale: the adjacent workforce (a level held every year) is sized to
  // reach the target; no burn-in, 2023 to 2026 (the horizon must lie past the base year, 2025).
  const target = Number(args[0]);
  const short = ['scale=1', 'startYear=2023', 'burnInYears=0', 'horizon=2026'];
  const base = loadScenario(baseline, { overrides: [...short, 'population.adjacent=0'] }).scenario;
  const others = initialState(base, base.seed, 0).population.alive;
  const { scenario } = loadScenario(baseline, { overrides: [...short, `population.adjacent=${Math.max(0, Math.round(target - others))}`] });
  // A warm-up on a few thousand agents first (the same years at the baseline's scale, no adjacent
  // workforce), so that the timed run is not also the JIT's first: a fixed cost that made 10 M ÷ 1 M
  // read 7.2 in some runs. Small, so that it adds next to nothing to the peak RSS.
  timeReplication(loadScenario(baseline, { overrides: ['startYear=2023', 'burnInYears=0', 'horizon=2026', 'population.adjacent=0'] }).scenario, 99);
  const t = timeReplication(scenario, 0);
  print({ agents: t.state.population.alive, years: yearCount(scenario), stepMs: t.stepMs, peakRss: process.resourceUsage().maxRSS * 1024, arrayBytes: t.state.population.bytes() });
} else if (what === 'world') {
  // The world run: every software developer on earth at 1 agent = 1 person, about `agents` of them
  // (the adjacent workforce, a level held every year, sized to reach it), for 20 years from the base
  // year without a burn-in. Set-up (drawing 30 M workers) is timed apart from stepping.
  const target = Number(args[0] ?? 30e6);
  const world = ['scale=1', 'startYear=2025', 'burnInYears=0', 'horizon=2044'];
  const base = loadScenario(baseline, { overrides: [...world, 'population.adjacent=0'] }).scenario;
  const others = initialState(base, base.seed, 0).population.alive;
  const { scenario } = loadScenario(baseline, { overrides: [...world, `population.adjacent=${Math.max(0, Math.round(target - others))}`] });
  const t = timeReplication(scenario, 0);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  print({ agents: t.agents, agentsAtEnd: t.state.population.alive, years: t.years, setupMs: t.setupMs, stepMs: t.stepMs, agentYearsPerSecond: t.agentYears / (t.stepMs / 1000), peakRss, bytesPerAgent: peakRss / Math.max(t.agents, t.state.population.alive), arrayBytes: t.state.population.bytes() });
} else if (what === 'study') {
  // A study as a user runs it: the compiled CLI in its own process, wall time, on the given threads.
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [`${root}dist/bin/hiresim.js`, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  print({ command: `hiresim ${args.join(' ')}`, ms: performance.now() - t0 });
} else if (what === 'threads') {
  const [threads, reps] = args.map(Number);
  const loaded = loadScenario(baseline, { overrides: [`replications=${reps}`] });
  const t0 = performance.now();
  const sim = await simulate(loaded, { threads });
  const ms = performance.now() - t0;
  print({ threads, replications: reps, ms, digest: createHash('sha256').update(JSON.stringify(sim.summary)).digest('hex').slice(0, 16) });
} else if (what === 'startup') {
  // Start-up as a user meets it: `hiresim validate` on the baseline, each in a fresh process, beside
  // a bare `node -e 0` (the floor no command can go under). Medians of `runs` alternating runs.
  const runs = Number(args[0] ?? 9);
  const time = (argv) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return performance.now() - t0;
  };
  const validate = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    validate.push(time([`${root}dist/bin/hiresim.js`, 'validate', baseline]));
    bare.push(time(['-e', '0']));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  print({ runs, validateMs: median(validate), validateMinMs: Math.min(...validate), nodeMs: median(bare) });
} else if (what === 'cli') {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [`${root}dist/bin/hiresim.js`, 'run', baseline], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  print({ ms: performance.now() - t0 });
} else {
  throw new Error(`unknown measurement ${what}`);
}
