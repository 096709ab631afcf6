// The fuzzer's driver: `npm run fuzz -- --cases N --seed S` (builds first) or, over an existing
// build, `node fuzz/run.mjs --cases N --seed S`. Generates the cases, hands them to at most two
// child processes (fuzz/child.mjs), watches each case's time, judges the outcome (fuzz/oracle.mjs)
// and prints the counts; exit 1 iff any case failed. `--case K` replays one case and shows it.
import { fork, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CASE_DEFAULTS, makeCase } from './cases.mjs';
import { judgeCli, judgeScenario, judgeTimeout, OUTCOMES } from './oracle.mjs';
import { makeFifo, makeTemplate, ROOT, SANDBOX_PARENT, templateSources } from './sandbox.mjs';

const USAGE = `usage: node fuzz/run.mjs [--cases N] [--seed S] [--case K] [--json]
  --cases N      cases to run (default 1000)
  --seed S       campaign seed (default 1); case k of seed S is the same in any campaign
  --case K       replay case K alone: print its input, run it, print its outcome
  --children C   child processes, 1 or 2 (default 2)
  --timeout T    seconds a case may take (default 15)
  --grace G      seconds a case may still take after its plan line (default 5); then it counts as slow
  --cli-every M  every M-th case is a command line, the others scenario text (default ${CASE_DEFAULTS.cliEvery})
  --run-share P  share of scenario cases also run when valid (default ${CASE_DEFAULTS.runShare})
  --failures D   where failing inputs are written (default fuzz-failures)
  --json         print the summary as one JSON object`;

function parseArgs(argv) {
  const o = { cases: 1000, seed: '1', case: undefined, children: 2, timeout: 15, grace: 5, cliEvery: CASE_DEFAULTS.cliEvery, runShare: CASE_DEFAULTS.runShare, failures: 'fuzz-failures', json: false };
  const numeric = { '--cases': ['cases', 1], '--case': ['case', 0], '--children': ['children', 1], '--timeout': ['timeout', 1], '--grace': ['grace', 0], '--cli-every': ['cliEvery', 1], '--run-share': ['runShare', 0] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') o.json = true;
    else if (flag === '--help' || flag === '-h') usage(0);
    else if (flag === '--seed' || flag === '--failures') {
      if (argv[i + 1] === undefined) usage(2, `${flag} needs a value`);
      o[flag.slice(2)] = argv[++i];
    } else if (flag in numeric) {
      const [key, min] = numeric[flag];
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value < min || (key !== 'runShare' && !Number.isInteger(value))) usage(2, `${flag}: expected a number ≥ ${min}, found ${JSON.stringify(argv[i] ?? '')}`);
      o[key] = value;
    } else usage(2, `unknown option ${JSON.stringify(flag)}`);
  }
  if (o.children > 2) usage(2, '--children: at most 2 (the CI machine has two cores)');
  if (o.runShare > 1) usage(2, '--run-share: a share from 0 to 1');
  return o;
}

function usage(code, message) {
  if (message) process.stderr.write(`fuzz: ${message}\n`);
  (code === 0 ? process.stdout : process.stderr).write(`${USAGE}\n`);
  process.exit(code);
}

/** The command that replays case k, naming every option that changes what a case is. */
function replayCommand(o, k) {
  const extra = [o.cliEvery !== CASE_DEFAULTS.cliEvery ? ` --cli-every ${o.cliEvery}` : '', o.runShare !== CASE_DEFAULTS.runShare ? ` --run-share ${o.runShare}` : ''].join('');
  return `node fuzz/run.mjs --seed ${shellQuote(o.seed)} --case ${k}${extra}`;
}

export function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

/** The sandbox template (inputs and real results) and a PATH whose only sbatch always fails. */
function prepare(root) {
  const template = join(root, 'template');
  makeTemplate(template);
  const results = join(root, 'results');
  const made = spawnSync(process.execPath, [join(ROOT, 'fuzz/fixtures.mjs'), template, results], { encoding: 'utf8' });
  if (made.status !== 0) {
    process.stderr.write(`fuzz: could not make the result fixtures (is dist/ built? npm run build):\n${made.stdout}${made.stderr}`);
    process.exit(1);
  }
  const bin = join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'sbatch'), '#!/bin/sh\necho "fuzz: sbatch is disabled" >&2\nexit 1\n');
  chmodSync(join(bin, 'sbatch'), 0o755);
  return { template, results, bin, fifo: makeFifo(root) };
}

/** Runs `ks` on up to `o.children` children; calls `record(k, spec, verdict, result)` per case. */
function runCases(o, ks, specOf, env, record) {
  const queue = [...ks];
  return new Promise((resolveAll) => {
    let live = 0;
    const start = () => {
      if (queue.length === 0) return;
      live++;
      const child = fork(join(ROOT, 'fuzz/child.mjs'), [], { cwd: env.root, env: { ...process.env, PATH: env.bin, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'advanced' });
      let raw = '';
      child.stdout.on('data', (d) => (raw = (raw + d).slice(-4000)));
      child.stderr.on('data', (d) => (raw = (raw + d).slice(-4000)));
      let running; // { k, spec, timer, deadline, announced }
      const next = () => {
        const k = queue.shift();
        if (k === undefined) return child.kill('SIGKILL');
        const spec = specOf(k);
        running = { k, spec, announced: false };
        child.send({ type: 'case', k, spec, root: env.root, fifo: env.fifo, template: env.template, results: spec.family === 'cli' ? env.results : undefined, runValid: spec.runValid === true });
      };
      const arm = (ms) => {
        clearTimeout(running.timer);
        running.deadline = Date.now() + ms;
        running.timer = setTimeout(() => {
          const { k, spec, announced } = running;
          running = undefined;
          child.kill('SIGKILL');
          rmSync(join(env.root, `case-${k}`), { recursive: true, force: true });
          record(k, spec, judgeTimeout(announced, o.timeout));
        }, ms);
      };
      child.on('message', (m) => {
        if (m.type === 'ready') next();
        else if (!running || m.k !== running.k) return;
        else if (m.type === 'start') arm(o.timeout * 1000);
        else if (m.type === 'announced') {
          running.announced = true;
          arm(Math.min(running.deadline - Date.now(), o.grace * 1000));
        } else if (m.type === 'done') {
          clearTimeout(running.timer);
          const { k, spec } = running;
          running = undefined;
          const verdict = spec.family === 'scenario' ? judgeScenario(m.result) : judgeCli(m.result, spec.argv);
          record(k, spec, verdict, m.result);
          if (!m.result.escaped) next();
        }
      });
      child.on('exit', (code, signal) => {
        live--;
        if (running) {
          // Died during a case without reporting it: an abort, out of memory, a native crash.
          clearTimeout(running.timer);
          const { k, spec } = running;
          running = undefined;
          rmSync(join(env.root, `case-${k}`), { recursive: true, force: true });
          record(k, spec, { outcome: 'failure', reason: `child died (${signal ?? `exit ${code}`}): ${raw.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}` });
        }
        if (queue.length > 0) start();
        else if (live === 0) resolveAll();
      });
    };
    for (let c = 0; c < Math.min(o.children, queue.length); c++) start();
    if (queue.length === 0) resolveAll();
  });
}

/** Where a failing case's input goes: its files, its command line, and the replay command. */
function saveFailure(o, k, spec, verdict) {
  const dir = resolve(o.failures, `seed-${o.seed.replace(/[^\w-]/g, '_')}-case-${k}`);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(spec.files ?? {})) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const replay = replayCommand(o, k);
  writeFileSync(join(dir, 'case.json'), `${JSON.stringify({ seed: o.seed, case: k, replay, ...verdict, spec: { ...spec, files: Object.keys(spec.files ?? {}) } }, null, 2)}\n`);
  if (spec.argv) writeFileSync(join(dir, 'command.sh'), `# run in a sandbox made like fuzz/sandbox.mjs makes it\nhiresim ${spec.argv.map(shellQuote).join(' ')}\n`);
  return dir;
}

function describeCase(spec) {
  const lines = [`family: ${spec.family}${spec.template ? ` (template ${spec.template})` : ''}`, `mutations: ${spec.mutations.join('; ') || 'none'}`];
  if (spec.argv) lines.push(`command: hiresim ${spec.argv.map((a) => shellQuote(a.length > 300 ? `${a.slice(0, 300)}…(${a.length} characters)` : a)).join(' ')}`);
  else {
    lines.push(`loaded: ${spec.load}${spec.runValid ? ' (and run when valid: hiresim run FILE --set scale=100000 --reps 1 --threads 1 --json)' : ''}`);
    for (const [path, text] of Object.entries(spec.files)) lines.push(`--- ${path} (${text.length} characters)`, text.length > 20_000 ? `${text.slice(0, 20_000)}\n… (cut)` : text, '---');
  }
  return lines.join('\n');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const root = mkdtempSync(join(SANDBOX_PARENT, 'hiresim-fuzz-'));
  // Interrupted (Ctrl-C, a test's timeout): the sandboxes go too; the children die with their IPC channel.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { rmSync(root, { recursive: true, force: true }); process.exit(130); });
  try {
    const env = { root, ...prepare(root) };
    const sources = templateSources(env.template);
    const specOf = (k) => makeCase(o.seed, k, sources, o);
    const replay = o.case !== undefined;
    const ks = replay ? [o.case] : Array.from({ length: o.cases }, (_, k) => k);
    const counts = { scenario: Object.fromEntries(OUTCOMES.map((x) => [x, 0])), cli: Object.fromEntries(OUTCOMES.map((x) => [x, 0])) };
    const failures = [];
    let done = 0;
    await runCases(replay ? { ...o, children: 1 } : o, ks, specOf, env, (k, spec, verdict, result) => {
      counts[spec.family][verdict.outcome]++;
      if (process.env.FUZZ_DEBUG) process.stderr.write(`case ${k} ${spec.family} ${verdict.outcome} at ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      if (verdict.outcome === 'failure') failures.push({ case: k, family: spec.family, reason: verdict.reason, replay: replayCommand(o, k), saved: saveFailure(o, k, spec, verdict) });
      if (replay) {
        process.stdout.write(`${describeCase(spec)}\n`);
        if (result?.issues) process.stdout.write(`problems:\n${result.issues.lines.join('\n')}\n`);
        const cli = spec.family === 'cli' ? result : result?.run;
        if (cli) process.stdout.write(`exit ${cli.exit}; stdout ${cli.stdoutBytes} bytes; stderr:\n${cli.stderr}\n`);
        process.stdout.write(`outcome: ${verdict.outcome}${verdict.reason ? `: ${verdict.reason}` : ''}\n`);
      } else if (!o.json && process.stderr.isTTY && ++done % 50 === 0) process.stderr.write(`\rfuzz: ${done}/${ks.length} cases, ${failures.length} failures`);
    });
    failures.sort((a, b) => a.case - b.case);
    const seconds = (Date.now() - started) / 1000;
    if (o.json) process.stdout.write(`${JSON.stringify({ seed: o.seed, cases: ks.length, counts, failures })}\n`);
    else if (!replay) {
      if (process.stderr.isTTY) process.stderr.write('\n');
      const line = (family) => `${family.padEnd(9)} ${OUTCOMES.map((x) => `${x} ${counts[family][x]}`).join(', ')}`;
      process.stdout.write(`fuzz: seed ${o.seed}, ${ks.length} cases in ${seconds.toFixed(0)} s\n${line('scenario')}\n${line('cli')}\n`);
      for (const f of failures) process.stdout.write(`FAILED case ${f.case} (${f.family}): ${f.reason}\n  replay: ${f.replay}\n  input: ${f.saved}\n`);
    }
    process.exitCode = failures.length > 0 ? 1 : 0;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
