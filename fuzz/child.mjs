// Executes cases one after another in this process, as the library and the CLI run in a user's:
// scenario cases through loadScenario, command lines through runCli, both from dist/. It tells the
// driver over IPC when a case starts, when its plan line appears, and how it ended; the driver's
// watchdog kills this process when a case overruns and starts a new one.
import { loadScenario, InputError } from '../dist/index.js';
import { runCli } from '../dist/cli/cli.js';
import { join } from 'node:path';
import { leftoverTemporaries, makeSandbox, removeSandbox, restoreFiles, writeFiles } from './sandbox.mjs';
import { PLAN_LINE } from './oracle.mjs';

/** Most stderr kept per case (the oracle only needs to know it was too much). */
const KEEP = 64_000;

let current;
const send = (message) => process.send(message);

// Everything the commands print is captured per case; nothing reaches the driver's terminal.
const capture = (stream) => (chunk, encoding, callback) => {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  if (current) {
    if (stream === 'stderr') {
      current.stderrBytes += Buffer.byteLength(text);
      if (current.stderr.length < KEEP) current.stderr += text.slice(0, KEEP - current.stderr.length);
      if (!current.announced && PLAN_LINE.test(current.stderr)) {
        current.announced = true;
        send({ type: 'announced', k: current.k });
      }
    } else current.stdoutBytes += Buffer.byteLength(text);
  }
  (typeof encoding === 'function' ? encoding : callback)?.();
  return true;
};
process.stdout.write = capture('stdout');
process.stderr.write = capture('stderr');
process.on('warning', (warning) => current?.warnings.push(`${warning.name}: ${warning.message}`));
// An exception that escapes a command's promise chain: the case fails, and this process (whose
// state is now unknown) ends; the driver starts another for the next case.
process.on('uncaughtException', (error) => {
  if (current) send({ type: 'done', k: current.k, result: { ...snapshot(), thrown: describe(error), escaped: true } });
  process.exit(70);
});

function fresh(k) {
  current = { k, stderr: '', stderrBytes: 0, stdoutBytes: 0, warnings: [], announced: false };
}
const snapshot = () => ({ exit: undefined, stderr: current.stderr, stderrBytes: current.stderrBytes, stdoutBytes: current.stdoutBytes, warnings: [...current.warnings], leftovers: [] });
const describe = (error) => ({ name: error?.name ?? typeof error, message: String(error?.message ?? error).slice(0, 500), stack: String(error?.stack ?? '').slice(0, 2000) });

/** A command line in the sandbox: its exit code, what it printed and what it left behind. */
async function cli(argv, dir) {
  let exit;
  let thrown;
  try {
    exit = await runCli(argv);
  } catch (error) {
    thrown = describe(error);
  }
  // Let streams and workers that finish after the promise settle report their warnings first.
  await new Promise((resolve) => setImmediate(resolve));
  return { ...snapshot(), exit, thrown, leftovers: leftoverTemporaries(dir) };
}

async function scenarioCase(spec, dir, runValid) {
  const result = { warnings: [] };
  try {
    loadScenario(spec.load, { cwd: dir });
    result.loaded = true;
  } catch (error) {
    if (error instanceof InputError) {
      const lines = error.message.split('\n');
      result.issues = { lines: error.issues.map((issue, i) => lines[i] ?? ''), files: new Set(error.issues.map((i) => i.file)).size };
      // The formatted message must be exactly the issues' lines: one line per issue.
      if (lines.length !== error.issues.length) result.issues.lines.push('\n(message has a different number of lines than issues)');
    } else result.thrown = describe(error);
  }
  await new Promise((resolve) => setImmediate(resolve));
  result.warnings = [...current.warnings];
  if (result.loaded && runValid) {
    current.warnings = [];
    result.run = await cli(['run', spec.load, '--set', 'scale=100000', '--reps', '1', '--threads', '1', '--json'], dir);
  }
  return result;
}

/** This child's sandbox for scenario cases, made once: they only read it, and restore what they wrote. */
let shared;

process.on('message', async (message) => {
  if (message.type !== 'case') return;
  const { k, spec, root, template, results, fifo, runValid } = message;
  fresh(k);
  send({ type: 'start', k });
  let result;
  if (spec.family === 'scenario') {
    if (shared === undefined) makeSandbox(template, (shared = join(root, `scenarios-${process.pid}`)), fifo);
    writeFiles(shared, spec.files);
    process.chdir(shared);
    result = await scenarioCase(spec, shared, runValid);
    restoreFiles(template, shared, spec.files);
  } else {
    // A command line may write anywhere in its sandbox: a fresh one, removed afterwards.
    const dir = join(root, `case-${k}`);
    makeSandbox(template, dir, fifo, {}, results);
    process.chdir(dir);
    result = await cli(spec.argv, dir);
    process.chdir(root);
    removeSandbox(dir);
  }
  send({ type: 'done', k, result });
  current = undefined;
});
// The driver gone (finished, interrupted, killed): nothing left to report to.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
