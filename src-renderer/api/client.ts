import {
  contract,
  ipcErrorSchema,
  type ArgsOf,
  type Channel,
  type IpcError,
  type ResultOf,
} from '../../src-shared/ipc/contract.ts';

/** An error returned by the back end, with its stable code. */
export class IpcCallError extends Error {
  override readonly name = 'IpcCallError';
  readonly code: IpcError['code'];
  readonly details: Record<string, unknown>;

  constructor(error: IpcError) {
    super(error.message);
    this.code = error.code;
    this.details = error.details ?? {};
  }
}

type RawReply = { ok: boolean; result?: unknown; error?: unknown };

/** How calls reach the back end: the Electron preload or a WebSocket. */
export type Transport = (channel: Channel, args: unknown) => Promise<RawReply>;

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    embark?: {
      invoke: (channel: string, args: unknown) => Promise<RawReply>;
      /**
       * Subscribes to the native menu's commands (`new-client`,
       * `load-sample`); returns the unsubscribe function.
       */
      onCommand?: (listener: (command: string) => void) => () => void;
    };
  }
}

let transport: Transport | undefined;

export function setTransport(next: Transport): void {
  transport = next;
}

function currentTransport(): Transport {
  if (transport) return transport;
  const bridge = window.embark;
  transport = bridge
    ? (channel, args) => bridge.invoke(channel, args)
    : webSocketTransport();
  return transport;
}

/**
 * Calls the back end and validates its result against the contract, so a
 * screen never renders data of an unexpected shape.
 */
export async function invoke<C extends Channel>(
  channel: C,
  args: ArgsOf<C>,
): Promise<ResultOf<C>> {
  const reply = await currentTransport()(channel, args);
  if (!reply.ok) {
    const parsed = ipcErrorSchema.safeParse(reply.error);
    throw new IpcCallError(
      parsed.success
        ? parsed.data
        : { code: 'INTERNAL', message: 'The back end sent an invalid error.' },
    );
  }
  const result = contract[channel].result.safeParse(reply.result);
  if (!result.success) {
    throw new IpcCallError({
      code: 'INTERNAL',
      message: `The back end sent an invalid result for ${channel}.`,
    });
  }
  return result.data as ResultOf<C>;
}

/**
 * Connects to the headless host. The per-launch token comes from the page
 * address (`?token=`) and is kept for the tab's session.
 */
export function webSocketTransport(): Transport {
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token') ?? sessionStorage.getItem('embark-token');
  if (token) sessionStorage.setItem('embark-token', token);
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ipc?token=${encodeURIComponent(token ?? '')}`;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let nextId = 1;
  const pending = new Map<number, (reply: RawReply) => void>();

  const connect = (): Promise<WebSocket> => {
    if (opened && socket && socket.readyState <= WebSocket.OPEN) return opened;
    opened = new Promise((resolve, reject) => {
      const created = new WebSocket(url);
      socket = created;
      created.onopen = () => resolve(created);
      created.onerror = () =>
        reject(new Error('Cannot reach the Embark back end.'));
      created.onclose = () => {
        for (const settle of pending.values()) {
          settle({
            ok: false,
            error: {
              code: 'INTERNAL',
              message: 'The connection to the Embark back end closed.',
            },
          });
        }
        pending.clear();
      };
      created.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as RawReply & {
          id: number;
        };
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      };
    });
    return opened;
  };

  return async (channel, args) => {
    const open = await connect();
    const id = nextId++;
    return new Promise<RawReply>((resolve) => {
      pending.set(id, resolve);
      open.send(JSON.stringify({ id, channel, args }));
    });
  };
}
