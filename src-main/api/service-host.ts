/**
 * Starts the services' worker thread (worker.ts) and forwards calls to it.
 * Both the Electron main process and the headless host use this.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Channel, IpcReply } from '../../src-shared/ipc/contract.ts';
import { getLogger } from '../log.ts';
import type {
  HostMessage,
  ServiceWorkerData,
  WorkerMessage,
} from './messages.ts';

const log = getLogger('services');

export type Services = {
  /** Runs one call in the worker; never rejects. */
  call: (channel: unknown, args: unknown) => Promise<IpcReply<Channel>>;
  /** Closes the workspace and stops the worker. */
  close: () => Promise<void>;
};

/**
 * Returns the URL of tsx's ESM register API. It is read from tsx's package
 * exports because tsx 4.23's CommonJS entry fails to load its ESM half
 * from an eval worker.
 */
function tsxRegisterUrl(): string {
  const require = createRequire(import.meta.url);
  const manifestFile = require.resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = manifest.exports['./esm/api']?.import.default;
  if (!entry) throw new Error('tsx does not export ./esm/api.');
  return pathToFileURL(path.join(path.dirname(manifestFile), entry)).href;
}

/**
 * Starts the worker. From the sources (tsx, vitest) the worker is
 * TypeScript and is loaded through tsx's loader. In the electron-vite build
 * it is `worker.js` beside the bundled main process and host.
 */
function startWorker(data: ServiceWorkerData): Worker {
  const source = new URL('./worker.ts', import.meta.url);
  if (source.protocol === 'file:' && existsSync(fileURLToPath(source))) {
    const tsx = tsxRegisterUrl();
    const bootstrap =
      `import(${JSON.stringify(tsx)}).then((api) => {` +
      ' api.register();' +
      ` return import(${JSON.stringify(source.href)});` +
      '});';
    return new Worker(bootstrap, { eval: true, workerData: data });
  }
  // The bundle puts this module beside worker.js, or in a chunk folder
  // below it when the Electron main process and the host both import it.
  const bundled = ['./worker.js', '../worker.js']
    .map((name) => new URL(name, import.meta.url))
    .find((url) => existsSync(fileURLToPath(url)));
  return new Worker(bundled ?? new URL('./worker.js', import.meta.url), {
    workerData: data,
  });
}

function stoppedReply(message: string): IpcReply<Channel> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

export function startServices(dataDir: string): Services {
  const worker = startWorker({ dataDir });
  const pending = new Map<number, (reply: IpcReply<Channel>) => void>();
  let nextId = 1;
  let exited = false;
  let closing: Promise<void> | undefined;

  const failPending = (message: string) => {
    for (const settle of pending.values()) settle(stoppedReply(message));
    pending.clear();
  };

  worker.on('message', (message: WorkerMessage) => {
    if (message.kind !== 'reply') return;
    pending.get(message.id)?.(message.reply);
    pending.delete(message.id);
  });
  worker.on('error', (error) => {
    log.error({ err: error, dataDir }, 'services worker failed');
    failPending('The Embark services stopped after an error; restart Embark.');
  });
  worker.on('exit', (code) => {
    exited = true;
    if (code !== 0) log.error({ code, dataDir }, 'services worker exited');
    failPending('The Embark services are not running; restart Embark.');
  });

  const post = (message: HostMessage) => worker.postMessage(message);

  return {
    call: (channel, args) => {
      if (exited || closing) {
        return Promise.resolve(
          stoppedReply('The Embark services are not running; restart Embark.'),
        );
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        post({ kind: 'call', id, channel, args });
      });
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        if (exited) {
          resolve();
          return;
        }
        worker.once('exit', () => resolve());
        post({ kind: 'close' });
      });
      return closing;
    },
  };
}
