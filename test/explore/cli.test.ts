/**
 * `hiresim explore` as users run it (the compiled CLI, spawned): the URL is the one line on
 * stdout, the plan line and messages go to stderr, SIGTERM closes it cleanly with exit 0; a port
 * in use, a wildcard address or a port out of range is exit 2 naming the flag; --open without
 * xdg-open says it could not open a browser.
 */
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { BASELINE, hiresimAsync, STACK_TRACE } from '../helpers/problems.js';

const TINY = ['--threads', '1', '--set', 'scale=500', '--set', 'replications=1', '--set', 'startYear=2025', '--set', 'horizon=2027'];

describe('hiresim explore on the command line', () => {
  it('prints the URL, serves the page, says it cannot open a browser without xdg-open, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'explore', BASELINE, ...TINY, '--open'], { env: { ...process.env, PATH: '/nonexistent', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (t: string) => {
        stdout += t;
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
      });
      child.on('exit', () => reject(new Error(`explore exited early: ${stderr}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
    const status = await new Promise<number>((resolve, reject) => get(url, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject));
    expect(status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toBe(`${url}\n`);
    expect(stderr).toContain('hiresim: explore: serving "baseline"');
    expect(stderr).toContain('--open: could not open a browser (no xdg-open on PATH)');
    expect(stderr).toMatch(/hiresim: explore: the scenario's draft first, 1 replication of "baseline" at 1 agent = 500 persons on 1 thread; then each what-if the page asks for …/);
    expect(stderr.trimEnd().split('\n').pop()).toBe('hiresim: explore: stopped (SIGTERM).');
    expect(stderr).not.toMatch(STACK_TRACE);
  }, 30_000);

  it('refuses a port in use, a wildcard address and a port out of range, naming the flag', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const [inUse, wildcard, range] = await Promise.all([
        hiresimAsync(['explore', BASELINE, ...TINY, '--port', String(port)]),
        hiresimAsync(['explore', BASELINE, '--host', '0.0.0.0']),
        hiresimAsync(['explore', BASELINE, '--port', '70000']),
      ]);
      expect(inUse.status).toBe(2);
      expect(inUse.stderr).toBe(`--port: expected a free port this user may listen on, found port ${port}: in use by another program (EADDRINUSE)\n1 problem found.\n`);
      expect(inUse.stdout).toBe('');
      expect(wildcard.status).toBe(2);
      expect(wildcard.stderr.split('\n')[0]).toBe('--host: expected one address of this machine to listen on (127.0.0.1, ::1, or a network address), not every interface, found "0.0.0.0"');
      expect(range.status).toBe(2);
      expect(range.stderr.split('\n')[0]).toBe('--port: expected a port number from 0 to 65535 (0: any free port), found "70000"');
      for (const r of [inUse, wildcard, range]) expect(r.stderr).not.toMatch(STACK_TRACE);
    } finally {
      blocker.close();
    }
  }, 30_000);
});
