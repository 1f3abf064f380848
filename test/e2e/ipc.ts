/**
 * Calls the headless host's IPC contract from the test process, over the
 * same WebSocket the renderer uses. Tests use it to work through steps that
 * are not under test, so that the screen under test shows a later state.
 */
import WebSocket from 'ws';
import { sampleAnswer } from '../../src-shared/forms/sample.ts';
import type {
  ArgsOf,
  Channel,
  IpcReply,
  ResultOf,
} from '../../src-shared/ipc/contract.ts';
import type { RunningHost } from '../helpers/host-process.ts';

export async function ipcCall<C extends Channel>(
  host: RunningHost,
  channel: C,
  args: ArgsOf<C>,
): Promise<ResultOf<C>> {
  const address = new URL(host.url);
  const token = address.searchParams.get('token') ?? '';
  const socket = new WebSocket(
    `ws://${address.host}/ipc?token=${encodeURIComponent(token)}`,
    { origin: host.origin },
  );
  const reply = await new Promise<IpcReply<C>>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () =>
      socket.send(JSON.stringify({ id: 1, channel, args })),
    );
    socket.once('message', (data) => {
      resolve(JSON.parse(String(data)) as IpcReply<C>);
    });
  });
  socket.close();
  if (!reply.ok) {
    throw new Error(
      `${channel} failed: [${reply.error.code}] ${reply.error.message}`,
    );
  }
  return reply.result;
}

type Slot = { name: string; accept: string[]; document?: unknown };
type Approval = { approvers: string[]; votes: unknown[] };

const csv = Buffer.from('field,source\nname,crm\n').toString('base64');

/**
 * Finishes one ready step the way the people it waits for would: submits a
 * form with sample values, fills every slot of a file request and accepts
 * it, votes once per approver role, or completes a task. `pdf` is the
 * base64 of a PDF for slots that take one.
 */
export async function finishStep(
  host: RunningHost,
  journeyId: string,
  key: string,
  pdf: string,
): Promise<void> {
  const view = await ipcCall(host, 'journeys:get', { id: journeyId });
  const step = view.steps.find((candidate) => candidate.key === key);
  if (!step) throw new Error(`step ${key} is not in journey ${journeyId}`);
  const act = (args: Omit<ArgsOf<'journeys:act'>, 'id' | 'stepKey'>) =>
    ipcCall(host, 'journeys:act', { id: journeyId, stepKey: key, ...args });
  switch (step.kind) {
    case 'form':
      await act({ action: 'submit', data: sampleAnswer(step.form) });
      return;
    case 'fileRequest':
      for (const slot of (step.slots ?? []) as Slot[]) {
        const takesPdf = slot.accept.includes('application/pdf');
        await act({
          action: 'upload',
          slot: slot.name,
          file: takesPdf
            ? { name: `${slot.name}.pdf`, base64: pdf }
            : { name: `${slot.name}.csv`, base64: csv },
        });
      }
      if (step.review) await act({ action: 'approve' });
      return;
    case 'approval': {
      const approval = step.approval as Approval;
      const saved = (await ipcCall(host, 'settings:get', {})).identity;
      for (const role of approval.approvers.slice(approval.votes.length)) {
        await ipcCall(host, 'settings:setIdentity', {
          name: `${role} approver`,
          roles: [role],
        });
        await act({ action: 'approve' });
      }
      await ipcCall(host, 'settings:setIdentity', saved);
      return;
    }
    default:
      await act({ action: 'complete' });
  }
}
