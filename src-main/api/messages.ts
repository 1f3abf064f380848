import type { Channel, IpcReply } from '../../src-shared/ipc/contract.ts';

/** Message from the service host to the worker. */
export type HostMessage =
  | { kind: 'call'; id: number; channel: unknown; args: unknown }
  | { kind: 'close' };

/** Message from the worker back to the service host. */
export type WorkerMessage =
  { kind: 'reply'; id: number; reply: IpcReply<Channel> } | { kind: 'closed' };

/** Data the worker starts with. */
export type ServiceWorkerData = { dataDir: string };
