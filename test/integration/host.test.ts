import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  startServices,
  type Services,
} from '../../src-main/api/service-host.ts';
import { startHost, type Host } from '../../src-main/host/server.ts';

let dir: string;
let services: Services;
let host: Host;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'embark-host-'));
  const renderer = path.join(dir, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(
    path.join(renderer, 'index.html'),
    '<!doctype html><title>Embark</title>',
  );
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  services = startServices(path.join(dir, 'data'));
  host = await startHost({ rendererDir: renderer, services });
});

afterAll(async () => {
  await host.close();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the IPC socket; resolves with the socket or the HTTP status. */
function connect(
  query: string,
  origin: string | undefined,
): Promise<{ socket?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(
      `ws://127.0.0.1:${host.port}/ipc${query}`,
      origin === undefined ? {} : { origin },
    );
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) =>
      resolve({ status: response.statusCode }),
    );
    socket.once('error', () => resolve({}));
  });
}

function roundTrip(socket: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(String(data))));
    socket.send(JSON.stringify(message));
  });
}

describe('headless host', () => {
  it('binds 127.0.0.1 only', () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
  });

  it('rejects connections on other interfaces', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4' && !address.internal);
    if (!external) return;
    await expect(
      fetch(
        `http://${external.address}:${host.port}${'/?token='}${host.token}`,
      ),
    ).rejects.toThrow();
  });

  it('token is 32 random bytes in base64url', () => {
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('page without a token is forbidden', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('printed when it started');
  });

  it('page with a wrong token is forbidden', async () => {
    const response = await fetch(`${host.origin}/index.html?token=wrong`);
    expect(response.status).toBe(403);
  });

  it('page with the token is served with a CSP', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Embark</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(csp).not.toContain('unsafe-eval');
  });

  it('static assets need no token', async () => {
    const response = await fetch(`${host.origin}/assets/app.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
  });

  it('paths outside the renderer are not served', async () => {
    const response = await fetch(`${host.origin}/..%2Fsecret.txt`);
    expect(response.status).toBe(404);
  });

  it('socket without a token is rejected', async () => {
    const result = await connect('', host.origin);
    expect(result.status).toBe(403);
  });

  it('socket with a wrong token is rejected', async () => {
    const result = await connect('?token=wrong', host.origin);
    expect(result.status).toBe(403);
  });

  it('socket from another origin is rejected', async () => {
    const query = `?token=${host.token}`;
    const result = await connect(query, 'http://evil.example');
    expect(result.status).toBe(403);
  });

  it('socket without an origin is rejected', async () => {
    const result = await connect(`?token=${host.token}`, undefined);
    expect(result.status).toBe(403);
  });

  it('call round-trips with the token and origin', async () => {
    const { socket } = await connect(`?token=${host.token}`, host.origin);
    expect(socket).toBeDefined();
    const reply = (await roundTrip(socket!, {
      id: 7,
      channel: 'workspace:info',
      args: {},
    })) as { id: number; ok: boolean; result: { clients: number } };
    expect(reply.id).toBe(7);
    expect(reply.ok).toBe(true);
    expect(reply.result.clients).toBe(0);

    const unknown = (await roundTrip(socket!, {
      id: 8,
      channel: 'nope:nope',
      args: {},
    })) as { id: number; ok: boolean; error: { code: string } };
    expect(unknown.id).toBe(8);
    expect(unknown.error.code).toBe('INVALID_INPUT');

    const notJson = (await new Promise((resolve) => {
      socket!.once('message', (data) => resolve(JSON.parse(String(data))));
      socket!.send('{not json');
    })) as { ok: boolean; error: { code: string } };
    expect(notJson.ok).toBe(false);
    expect(notJson.error.code).toBe('INVALID_INPUT');
    socket!.close();
  });
});
