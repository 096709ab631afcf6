/**
 * The explore page's HTTP server (node:http), on the loopback address unless told otherwise.
 *
 * Access is by a random 32-byte token, printed once in the URL (as Jupyter does): every request
 * must carry it, as `?token=` or as the cookie the first page load sets. Before the token, the
 * Host header must name the served address and an Origin header, when sent, must be that address
 * (a page elsewhere, or a DNS name rebound to 127.0.0.1, gets 403 whatever it guesses). Request
 * bodies are limited (413 beyond). The server reads no file after start: the scenario was read by
 * the session, and the page, its script and the chart libraries are held in memory.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { InputError, formatIssue } from '../scenario/issues.js';
import { readAssets, type Assets } from './assets.js';
import { PAGE_STYLE } from './page/style.js';
import { pageHtml } from './page/html.js';
import type { EventSink, ExploreSession } from './session.js';

/** Bytes of a request body: a view is a few hundred bytes; 64 KiB leaves room and bounds memory. */
export const BODY_LIMIT = 64 * 1024;

export interface ServeOptions {
  readonly session: ExploreSession;
  /** Address to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 0: any free port). */
  readonly port?: number;
}

export interface ExploreServer {
  /** The URL to open, token included. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** Stops serving (open streams are ended) and closes the session. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** `host` as it appears in a URL or a Host header: an IPv6 literal in brackets. */
const hostPart = (host: string) => (isIP(host) === 6 ? `[${host}]` : host);

/** The Host values that name the served address (for a loopback address, every loopback name). */
function allowedHosts(host: string, port: number): Set<string> {
  const names = LOOPBACK.has(host) || host.startsWith('127.') ? [host, ...LOOPBACK] : [host];
  return new Set(names.map((name) => `${hostPart(name)}:${port}`.toLowerCase()));
}

/** Constant-time comparison, so the token cannot be found a character at a time by timing. */
function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Headers on every response: nothing cached, no referrer (the URL holds the token), no loads from elsewhere. */
const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Plot sets style attributes on the SVG it draws, hence 'unsafe-inline' for styles only.
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

function reply(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

const replyJson = (res: ServerResponse, status: number, data: unknown) => reply(res, status, 'application/json; charset=utf-8', `${JSON.stringify(data)}\n`);
const refuse = (res: ServerResponse, status: number, message: string) => replyJson(res, status, { error: message });

class TooLarge extends Error {}

/** The request body, at most BODY_LIMIT bytes (TooLarge beyond, before reading more). */
function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > BODY_LIMIT) return Promise.reject(new TooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts serving the session; resolves once listening. A port in use or an address not available is an InputError naming the flag. */
export async function serveExplore(options: ServeOptions): Promise<ExploreServer> {
  const { session } = options;
  const host = options.host ?? '127.0.0.1';
  const token = randomBytes(32).toString('hex');
  const assets: Assets = readAssets();
  const page = pageHtml(session.base.scenario.name);
  let cookieName = 'hiresim-explore';
  let allowed = new Set<string>();
  let origins = new Set<string>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((error) => {
      // A bug, not the user's: said once on stderr, and a 500 for the page.
      process.stderr.write(`hiresim: explore: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
      if (!res.headersSent) refuse(res, 500, 'internal error (see the terminal running hiresim explore)');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowed.has(hostHeader)) return refuse(res, 403, 'forbidden: the Host is not the address hiresim explore serves');
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin.toLowerCase())) return refuse(res, 403, 'forbidden: a request from another origin');
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    const fromQuery = url.searchParams.get('token') ?? undefined;
    const fromCookie = cookieValue(req.headers.cookie, cookieName);
    if (!sameToken(fromQuery, token) && !sameToken(fromCookie, token)) return refuse(res, 403, 'forbidden: open the URL hiresim explore printed (it carries the access token)');
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /':
        // The cookie lets the page's own requests in without the token in every URL.
        return reply(res, 200, 'text/html; charset=utf-8', page, { 'Set-Cookie': `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict` });
      case 'GET /app.js':
        return reply(res, 200, 'text/javascript; charset=utf-8', assets.app);
      case 'GET /style.css':
        return reply(res, 200, 'text/css; charset=utf-8', PAGE_STYLE);
      case 'GET /d3.js':
        return reply(res, 200, 'text/javascript; charset=utf-8', assets.d3);
      case 'GET /plot.js':
        return reply(res, 200, 'text/javascript; charset=utf-8', assets.plot);
      case 'GET /api/setup':
        return replyJson(res, 200, session.setup());
      case 'POST /api/run':
      case 'POST /api/save':
        break;
      default:
        if (['/', '/app.js', '/style.css', '/d3.js', '/plot.js', '/api/setup', '/api/run', '/api/save'].includes(url.pathname)) return refuse(res, 405, `method ${req.method} not allowed here`);
        return refuse(res, 404, 'not found');
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      if (error instanceof TooLarge) {
        res.setHeader('Connection', 'close');
        return refuse(res, 413, `request body over ${BODY_LIMIT} bytes`);
      }
      return refuse(res, 400, 'expected a JSON body');
    }
    if (route === 'POST /api/save') {
      try {
        return replyJson(res, 200, session.save(body));
      } catch (error) {
        if (error instanceof InputError) return replyJson(res, 400, { messages: error.issues.map(formatIssue) });
        throw error;
      }
    }
    res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    let ended = false;
    const sink: EventSink = {
      send(event, data) {
        if (!ended) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      end() {
        if (!ended) res.end();
        ended = true;
      },
    };
    // A page that goes away stops its run: nobody would see the rest.
    res.on('close', () => {
      if (!ended) session.abandon(sink);
      ended = true;
    });
    await session.request(body, sink);
  }

  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      const flag = error.code === 'EADDRINUSE' || error.code === 'EACCES' ? '--port' : '--host';
      const what = flag === '--port' ? `port ${options.port ?? 0}` : `"${host}"`;
      reject(new InputError([{ file: flag, line: 0, column: 0, path: '', expected: flag === '--port' ? 'a free port this user may listen on' : 'an address of this machine to listen on', found: `${what}: ${error.code === 'EADDRINUSE' ? 'in use by another program' : error.message.replace(/^listen \w+: /, '')} (${error.code})` }]));
    };
    server.once('error', failed);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  cookieName = `hiresim-explore-${port}`;
  allowed = allowedHosts(host, port);
  origins = new Set([...allowed].map((h) => `http://${h}`));
  const url = `http://${hostPart(host)}:${port}/?token=${token}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    token,
    close() {
      closing ??= (async () => {
        await session.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
