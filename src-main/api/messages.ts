import type { Channel, IpcReply } from '../../src-shared/ipc/contract.ts';

/** What the service host sends to the worker. */
export type HostMessage =
  | { kind: 'call'; id: number; channel: unknown; args: unknown }
  | { kind: 'close' };

/** What the worker sends back. */
export type WorkerMessage =
  { kind: 'reply'; id: number; reply: IpcReply<Channel> } | { kind: 'closed' };

/** Data the worker starts with. */
export type ServiceWorkerData = { dataDir: string };
