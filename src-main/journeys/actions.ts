import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { EmbarkError } from '../../src-shared/errors.ts';
import { validateFormData } from '../../src-shared/forms/validate.ts';
import type {
  Actor,
  Command,
  DocumentRef,
  JourneyState,
} from '../../src-shared/journeys/model.ts';
import { inspectDocument } from '../documents/inspect.ts';
import { describeOversize } from '../documents/rejection.ts';
import { getPlaybook } from '../playbooks/store.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { nowIso } from '../workspace/workspace.ts';
import { loadJourneyState } from './persist.ts';
import { runJourneyCommand } from './service.ts';

export const stepActions = [
  'submit',
  'upload',
  'approve',
  'reject',
  'complete',
  'skip',
  'reopen',
  'reassign',
] as const;
export type StepAction = (typeof stepActions)[number];

export type StepActionInput = {
  action: string;
  data?: unknown;
  /** Path of the file to upload. */
  file?: string;
  /** Content of the file to upload, in place of `file`. */
  upload?: { name: string; bytes: Uint8Array };
  slot?: string;
  comment?: string;
  reason?: string;
  assignee?: string;
};

/** Performs a coordinator's action on one step of a journey. */
export async function actOnStep(
  ws: Workspace,
  journeyId: string,
  stepKey: string,
  input: StepActionInput,
  actor: Actor,
): Promise<JourneyState> {
  const action = parseAction(input.action);
  if (action === 'upload') {
    return uploadToStep(ws, journeyId, stepKey, input, actor);
  }
  // Form answers are checked after the engine accepted the command, so a
  // step that is not ready reports that rather than its answers.
  const check =
    action === 'submit'
      ? () => validateSubmission(ws, journeyId, stepKey, input)
      : undefined;
  return runJourneyCommand(
    ws,
    journeyId,
    toCommand(action, stepKey, input),
    actor,
    check,
  );
}

function parseAction(value: string): StepAction {
  if ((stepActions as readonly string[]).includes(value)) {
    return value as StepAction;
  }
  throw new EmbarkError(
    'INVALID_INPUT',
    `Unknown action "${value}"; use one of ${stepActions.join(', ')}.`,
  );
}

function toCommand(
  action: Exclude<StepAction, 'upload'>,
  key: string,
  input: StepActionInput,
): Command {
  switch (action) {
    case 'submit':
      return { type: 'submit', key, data: input.data ?? {} };
    case 'reject':
      if (!input.comment?.trim()) {
        throw new EmbarkError(
          'INVALID_INPUT',
          `Rejecting step ${key} needs a comment that says what to change; pass --comment TEXT.`,
        );
      }
      return { type: action, key, comment: input.comment };
    case 'approve':
    case 'complete':
      return { type: action, key, comment: input.comment };
    case 'skip': {
      const reason = (input.reason ?? input.comment)?.trim();
      if (!reason) {
        throw new EmbarkError(
          'INVALID_INPUT',
          `Skipping step ${key} needs a reason; pass --comment TEXT.`,
        );
      }
      return { type: 'skip', key, reason };
    }
    case 'reopen':
      return { type: 'reopen', key, reason: input.reason ?? input.comment };
    case 'reassign':
      if (!input.assignee) {
        throw new EmbarkError(
          'INVALID_INPUT',
          `Reassigning step ${key} needs the new assignee; pass --to NAME.`,
        );
      }
      return { type: 'reassign', key, assignee: input.assignee };
  }
}

function validateSubmission(
  ws: Workspace,
  journeyId: string,
  stepKey: string,
  input: StepActionInput,
): void {
  const state = loadJourneyState(ws, journeyId);
  const playbook = getPlaybook(ws, state.playbookId, state.playbookVersion);
  const node = playbook.nodes.find((candidate) => candidate.key === stepKey);
  if (node?.kind === 'form' && node.form) {
    validateFormData(node.form, input.data ?? {});
  }
}

async function uploadToStep(
  ws: Workspace,
  journeyId: string,
  stepKey: string,
  input: StepActionInput,
  actor: Actor,
): Promise<JourneyState> {
  const { name, bytes } = uploadContent(
    input,
    stepKey,
    ws.settings.maxDocumentBytes(),
  );
  const state = loadJourneyState(ws, journeyId);
  const playbook = getPlaybook(ws, state.playbookId, state.playbookVersion);
  const node = playbook.nodes.find((candidate) => candidate.key === stepKey);
  const slots = node?.slots ?? [];
  const slot =
    slots.find((candidate) => candidate.name === input.slot) ??
    (input.slot === undefined
      ? firstOpenSlot(state, stepKey, slots)
      : undefined);
  const info = await inspectDocument(bytes, {
    name,
    accept: slot?.accept ?? ['*/*'],
    maxBytes: ws.settings.maxDocumentBytes(),
  });
  const document: DocumentRef = {
    id: ws.newId(),
    name,
    mime: info.mime,
    size: info.size,
    hash: info.hash,
    version: nextDocumentVersion(ws, journeyId, stepKey, slot?.name),
  };
  const command: Command = {
    type: 'upload',
    key: stepKey,
    slot: input.slot ?? slot?.name,
    document,
  };
  return runJourneyCommand(ws, journeyId, command, actor, () => {
    ws.documents.put(bytes);
    ws.db
      .prepare(
        `INSERT INTO documents (id, journey_id, step_key, slot, name, mime,
           size, hash, version, info, uploaded_by, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        document.id,
        journeyId,
        stepKey,
        command.slot ?? null,
        name,
        info.mime,
        info.size,
        info.hash,
        document.version,
        JSON.stringify({
          pages: info.pages,
          hasText: info.hasText,
          warnings: info.warnings,
        }),
        actor.name,
        nowIso(ws),
      );
  });
}

function uploadContent(
  input: StepActionInput,
  stepKey: string,
  maxBytes: number,
): { name: string; bytes: Uint8Array } {
  if (input.upload) {
    const name = path.basename(input.upload.name);
    checkUploadSize(name, input.upload.bytes.byteLength, maxBytes);
    return { name, bytes: input.upload.bytes };
  }
  if (!input.file) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `Uploading to step ${stepKey} needs a file; pass --file PATH.`,
    );
  }
  return {
    name: path.basename(input.file),
    bytes: readUpload(input.file, maxBytes),
  };
}

function checkUploadSize(name: string, size: number, maxBytes: number): void {
  if (size > maxBytes) {
    throw new EmbarkError(
      'DOCUMENT_REJECTED',
      `${name} is ${describeOversize(size, maxBytes)}; send a smaller file.`,
      { reason: 'too_large', size, maxBytes },
    );
  }
}

function readUpload(file: string, maxBytes: number): Buffer {
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) {
      throw new EmbarkError(
        'INVALID_INPUT',
        `${file} is not a file; pass the path of the document to upload.`,
        { file },
      );
    }
    size = stats.size;
  } catch (error) {
    if (error instanceof EmbarkError) throw error;
    throw new EmbarkError('NOT_FOUND', `File ${file} not found.`, { file });
  }
  checkUploadSize(path.basename(file), size, maxBytes);
  return readFileSync(file);
}

function firstOpenSlot(
  state: JourneyState,
  stepKey: string,
  slots: { name: string; accept: string[] }[],
) {
  const run = [...state.runs].reverse().find((r) => r.key === stepKey);
  return slots.find((slot) => !run?.files?.[slot.name]) ?? slots[0];
}

function nextDocumentVersion(
  ws: Workspace,
  journeyId: string,
  stepKey: string,
  slot: string | undefined,
): number {
  const row = ws.db
    .prepare(
      `SELECT MAX(version) AS version FROM documents
       WHERE journey_id = ? AND step_key = ? AND slot IS ?`,
    )
    .get(journeyId, stepKey, slot ?? null) as { version: number | null };
  return (row.version ?? 0) + 1;
}
