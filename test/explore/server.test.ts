/**
 * The explore server's guards, in process and without a browser: the token (in the URL or the
 * cookie the page gets), the Host and Origin checks, the body limit, methods and paths; the page's
 * script as built; "save as scenario" beside the explored file, never over a file; a port in use
 * named as the problem.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExplore, type ExploreHandle } from '../../src/explore/explore.js';
import { BODY_LIMIT } from '../../src/explore/server.js';
import { InputError } from '../../src/scenario/issues.js';
import { ROOT } from '../helpers/cli.js';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

describe('the explore server', () => {
  let dir: string;
  let explore: ExploreHandle;
  let host: string;

  /** A request with the served Host unless `headers` says otherwise. */
  function send(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: explore.port, method, path, headers: { Host: host, ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }), ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      // The server may answer 413 and close before the whole body is written.
      req.on('error', (error) => ((error as { code?: string }).code === 'ECONNRESET' || (error as { code?: string }).code === 'EPIPE' ? undefined : reject(error)));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hiresim-explore-server-'));
    copyFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), join(dir, 'baseline.yaml'));
    explore = await startExplore({ file: 'baseline.yaml', cwd: dir, overrides: ['scale=400', 'replications=2'], threads: 1 });
    host = `127.0.0.1:${explore.port}`;
  });

  afterAll(async () => {
    await explore?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a loopback URL with a 32-byte token', () => {
    expect(explore.url).toBe(`http://127.0.0.1:${explore.port}/?token=${explore.token}`);
    expect(explore.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the page for the token and sets the cookie that lets its own requests in', async () => {
    const page = await send('GET', `/?token=${explore.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/plot.js" defer></script>');
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect(cookie).toBe(`hiresim-explore-${explore.port}=${explore.token}`);
    expect(String(page.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    for (const path of ['/app.js', '/plot.js', '/d3.js', '/style.css', '/api/setup']) expect((await send('GET', path, { Cookie: cookie })).status, path).toBe(200);
    expect((await send('GET', '/plot.js', { Cookie: cookie })).body).toContain('@observablehq/plot');
  });

  it('serves as /app.js the page script npm run build bundled from src/explore/page/app.ts', async () => {
    const cookie = `hiresim-explore-${explore.port}=${explore.token}`;
    const app = await send('GET', '/app.js', { Cookie: cookie });
    expect(app.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(app.body).toBe(readFileSync(join(ROOT, 'dist', 'explore', 'page', 'app.js'), 'utf8'));
    // A classic script (an IIFE, no module syntax) that sets the object the page keeps its answers in.
    expect(app.body).toMatch(/^"use strict";\n\(\(\) => \{\n[^]*\n  window\.hiresimExplore = explore;\n[^]*\}\)\(\);\n$/);
  });

  it('refuses a request without the token, with a wrong one, or with a wrong cookie', async () => {
    expect((await send('GET', '/')).status).toBe(403);
    expect((await send('GET', '/api/setup')).status).toBe(403);
    const wrong = `${explore.token.slice(0, -1)}${explore.token.endsWith('0') ? '1' : '0'}`;
    expect((await send('GET', `/?token=${wrong}`)).status).toBe(403);
    expect((await send('GET', '/?token=x')).status).toBe(403);
    expect((await send('GET', '/', { Cookie: `hiresim-explore-${explore.port}=nope` })).status).toBe(403);
    expect((await send('POST', '/api/run', {}, '{}')).status).toBe(403);
  });

  it('refuses another Host (a rebound DNS name) and another Origin, even with the token', async () => {
    const withToken = `/api/setup?token=${explore.token}`;
    expect((await send('GET', withToken, { Host: `evil.example:${explore.port}` })).status).toBe(403);
    expect((await send('GET', withToken, { Host: '127.0.0.1:1' })).status).toBe(403);
    expect((await send('GET', withToken, { Host: `localhost:${explore.port}` })).status).toBe(200);
    expect((await send('GET', withToken, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await send('GET', withToken, { Origin: 'null' })).status).toBe(403);
    expect((await send('GET', withToken, { Origin: `http://127.0.0.1:${explore.port}` })).status).toBe(200);
  });

  it('limits request bodies and answers wrong methods, paths and bodies plainly', async () => {
    const token = `?token=${explore.token}`;
    expect((await send('POST', `/api/run${token}`, {}, 'x'.repeat(BODY_LIMIT + 1))).status).toBe(413);
    expect((await send('POST', `/api/save${token}`, { 'Content-Length': String(10 * BODY_LIMIT) })).status).toBe(413);
    expect((await send('POST', `/api/run${token}`, {}, '{not json')).status).toBe(400);
    expect((await send('GET', `/api/run${token}`)).status).toBe(405);
    expect((await send('DELETE', `/${token}`)).status).toBe(405);
    expect((await send('GET', `/../../etc/passwd${token}`)).status).toBe(404);
  });

  it('saves a view beside the explored file, never over a file, and names bad names', async () => {
    const token = `?token=${explore.token}`;
    const view = { levers: { migration: false }, values: { 'acquihires.probability': 0.5 }, draft: { scale: 400, replications: 2, seed: 20250101 } };
    const saved = await send('POST', `/api/save${token}`, {}, JSON.stringify({ view, name: 'no-migration' }));
    expect(saved.status, saved.body).toBe(200);
    const body = JSON.parse(saved.body) as { file: string; text: string; command: string };
    expect(body.file).toBe('no-migration.yaml');
    expect(existsSync(join(dir, 'no-migration.yaml'))).toBe(true);
    expect(body.command).toBe('hiresim run no-migration.yaml --set scale=400 --seed 20250101 --reps 2');
    const again = await send('POST', `/api/save${token}`, {}, JSON.stringify({ view, name: 'no-migration.yaml' }));
    expect(again.status).toBe(400);
    expect(JSON.parse(again.body).messages).toEqual([`<name>: expected a name not taken in ${dir}, found no-migration.yaml, which exists (choose another name)`]);
    for (const name of ['../escape', 'sub/dir.yaml', '', '.hidden']) {
      const bad = await send('POST', `/api/save${token}`, {}, JSON.stringify({ view, name }));
      expect(bad.status, name).toBe(400);
      expect(JSON.parse(bad.body).messages[0], name).toMatch(/^<name>: expected a file name of letters, digits/);
    }
    expect(existsSync(join(dir, '..', 'escape.yaml'))).toBe(false);
  });

  it('names the port when it is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await startExplore({ file: 'baseline.yaml', cwd: dir, port, threads: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues[0]).toMatchObject({ file: '--port', expected: 'a free port this user may listen on', found: `port ${port}: in use by another program (EADDRINUSE)` });
    } finally {
      blocker.close();
    }
  });
});
