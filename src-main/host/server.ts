/**
 * The headless host's HTTP server: it serves the built renderer on
 * 127.0.0.1 and carries the IPC contract over a WebSocket at `/ipc`. A
 * random per-launch token guards the page and the socket, and the socket
 * also requires the host's own Origin, so another web page in the same
 * browser can reach neither.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../electron/window-options.ts';
import type { Services } from '../api/service-host.ts';
import { getLogger } from '../log.ts';

const log = getLogger('host');

/** Largest WebSocket message: a 25 MiB upload grows by a third in base64. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export type HostOptions = {
  /** Folder of the built renderer, with its index.html. */
  rendererDir: string;
  services: Pick<Services, 'call'>;
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** Fixed token, for tests; by default 32 random bytes. */
  token?: string;
};

export type Host = {
  /** Address to open, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  /** Stops accepting connections and closes open sockets. */
  close: () => Promise<void>;
};

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const forbiddenPage =
  '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
  '<title>Embark: forbidden</title></head><body><h1>Forbidden</h1>' +
  '<p>This address needs the token of the running Embark host. Open the ' +
  'address that Embark printed when it started, which ends with ' +
  '<code>?token=</code>.</p></body></html>';

function securityHeaders(origin: string): Record<string, string> {
  const socketOrigin = origin.replace(/^http/, 'ws');
  return {
    'Content-Security-Policy': contentSecurityPolicy([socketOrigin]),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** Resolves a request path inside `root`, or returns null. */
function staticFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function sendFile(
  response: http.ServerResponse,
  file: string,
  headers: Record<string, string>,
): void {
  const type =
    contentTypes[path.extname(file).toLowerCase()] ??
    'application/octet-stream';
  response.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Cache-Control': 'no-cache',
  });
  createReadStream(file).pipe(response);
}

function reject(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
}

function serveSocket(socket: WebSocket, services: HostOptions['services']) {
  socket.on('message', (data) => {
    let message: { id?: unknown; channel?: unknown; args?: unknown };
    try {
      message = JSON.parse(String(data)) as typeof message;
    } catch {
      log.warn('IPC message is not JSON');
      socket.send(
        JSON.stringify({
          id: null,
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: 'The message is not JSON; send {id, channel, args}.',
          },
        }),
      );
      return;
    }
    const id = message?.id ?? null;
    void services.call(message?.channel, message?.args).then((reply) => {
      if (socket.readyState === socket.OPEN) {
        socket.send(JSON.stringify({ id, ...reply }));
      }
    });
  });
}

/** Starts the host on 127.0.0.1 and resolves once it listens. */
export async function startHost(options: HostOptions): Promise<Host> {
  const root = path.resolve(options.rendererDir);
  const token = options.token ?? newToken();
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
  });
  let origin = '';

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const headers = securityHeaders(origin);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!tokenMatches(token, url.searchParams.get('token'))) {
        log.warn({ path: url.pathname }, 'page request without a valid token');
        response
          .writeHead(403, {
            ...headers,
            'Content-Type': 'text/html; charset=utf-8',
          })
          .end(forbiddenPage);
        return;
      }
      sendFile(response, path.join(root, 'index.html'), {
        ...headers,
        'Cache-Control': 'no-store',
      });
      return;
    }
    const file = staticFile(root, url.pathname);
    if (!file && url.pathname === '/favicon.ico') {
      // Browsers ask for it unprompted; an empty reply keeps the console
      // free of a 404 error.
      response.writeHead(204, headers).end();
      return;
    }
    if (!file || path.basename(file) === 'index.html') {
      response.writeHead(404, headers).end();
      return;
    }
    sendFile(response, file, headers);
  });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname !== '/ipc') {
      reject(socket, '404 Not Found');
      return;
    }
    const validToken = tokenMatches(token, url.searchParams.get('token'));
    const validOrigin = request.headers.origin === origin;
    if (!validToken || !validOrigin) {
      log.warn(
        { validToken, origin: request.headers.origin ?? null },
        'WebSocket connection rejected',
      );
      reject(socket, '403 Forbidden');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => {
      serveSocket(client, options.services);
    });
  });

  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  log.info({ port }, 'host listening');

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      log.info({ port }, 'host stopped');
    },
  };
}
