/**
 * The services' worker thread: it opens the workspace, fires due timers
 * and answers calls from the service host (service-host.ts), so that no
 * query runs on the event loop of Electron's main process or of the
 * headless host's HTTP server.
 */
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { EmbarkError } from '../../src-shared/errors.ts';
import type { IpcError } from '../../src-shared/ipc/contract.ts';
import { closeLogger, getLogger } from '../log.ts';
import { defaultOutboxHandlers, runOutbox } from '../outbox/runner.ts';
import { fireDueTimers, stopScheduler } from '../scheduler/timers.ts';
import { openWorkspace, type Workspace } from '../workspace/workspace.ts';
import { dispatch, toIpcError } from './dispatch.ts';
import { createHandlers } from './handlers.ts';
import type {
  HostMessage,
  ServiceWorkerData,
  WorkerMessage,
} from './messages.ts';

const TIMER_INTERVAL_MS = 30_000;

const log = getLogger('services');
const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread.');
const { dataDir } = workerData as ServiceWorkerData;
const schedulerOwner = `app-${process.pid}-${randomUUID()}`;

let workspace: Workspace | undefined;
let startError: IpcError | undefined;

/**
 * Opens the workspace, or records why it cannot be opened. A call made
 * while it is not open tries again, so the start-up error screen's
 * "Try again" works once the other process has let go of the database.
 */
function tryOpen(): void {
  try {
    workspace = openWorkspace(dataDir);
    startError = undefined;
    startServices(workspace);
  } catch (error) {
    startError = toIpcError(error, 'workspace:open');
    log.error(
      { code: startError.code, dataDir },
      'workspace could not be opened',
    );
  }
}

async function deliverOutbox(ws: Workspace): Promise<void> {
  await runOutbox(ws, defaultOutboxHandlers(ws));
}

async function runTimers(ws: Workspace): Promise<void> {
  // A run queued before a restore closed this workspace has nothing to do.
  if (ws !== workspace) return;
  try {
    if (fireDueTimers(ws, schedulerOwner) > 0) await deliverOutbox(ws);
  } catch (error) {
    log.error({ err: error }, 'scheduler run failed');
  }
}

let handlers: ReturnType<typeof createHandlers> | undefined;
let queue: Promise<unknown> = Promise.resolve();
let timer: NodeJS.Timeout | undefined;

/**
 * Stops the timers and the scheduler lease and closes the workspace, so a
 * restore can replace its database file.
 */
function closeForRestore(): void {
  const ws = workspace;
  if (timer) clearInterval(timer);
  timer = undefined;
  handlers = undefined;
  workspace = undefined;
  if (!ws) return;
  try {
    stopScheduler(ws, schedulerOwner);
  } catch (error) {
    log.error({ err: error }, 'scheduler lease release failed');
  }
  ws.close();
}

/** Opens the restored data folder and starts the services on it. */
function reopenAfterRestore(): Workspace {
  tryOpen();
  if (!workspace) {
    throw new EmbarkError(
      startError?.code ?? 'INTERNAL',
      startError?.message ?? 'The workspace could not be opened again.',
    );
  }
  return workspace;
}

function startServices(ws: Workspace): void {
  handlers = createHandlers(ws, {
    close: closeForRestore,
    reopen: reopenAfterRestore,
  });
  queue = queue.then(() => runTimers(ws));
  timer = setInterval(() => {
    queue = queue.then(() => runTimers(ws));
  }, TIMER_INTERVAL_MS);
  log.info({ dataDir }, 'services started');
}

tryOpen();

function send(message: WorkerMessage): void {
  port?.postMessage(message);
}

async function answer(id: number, channel: unknown, args: unknown) {
  if (!workspace) tryOpen();
  if (!handlers || !workspace) {
    send({
      kind: 'reply',
      id,
      reply: { ok: false, error: startError ?? unavailable() },
    });
    return;
  }
  const ws = workspace;
  const reply = await dispatch(handlers, channel, args, {
    afterMutation: () => deliverOutbox(ws),
    databaseFile: ws.db.name,
  });
  send({ kind: 'reply', id, reply });
}

function unavailable(): IpcError {
  return toIpcError(
    new EmbarkError('INTERNAL', 'The services are not running.'),
    'workspace:open',
  );
}

function close(): void {
  if (timer) clearInterval(timer);
  queue = queue.then(() => {
    if (workspace) {
      try {
        stopScheduler(workspace, schedulerOwner);
      } catch (error) {
        log.error({ err: error }, 'scheduler lease release failed');
      }
      workspace.close();
    }
    log.info({ dataDir }, 'services stopped');
    closeLogger();
    send({ kind: 'closed' });
    port?.close();
  });
}

// Calls run one at a time, in order: better-sqlite3 is synchronous, and a
// handler that awaits (an upload's inspection) must not interleave with
// another's transaction.
port.on('message', (message: HostMessage) => {
  if (message.kind === 'close') {
    close();
    return;
  }
  queue = queue.then(() => answer(message.id, message.channel, message.args));
});
