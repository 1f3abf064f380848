import { EmbarkError } from '../../src-shared/errors.ts';
import type { JourneyViewData } from '../../src-shared/ipc/contract.ts';
import { actOnStep } from '../journeys/actions.ts';
import { migrateJourney } from '../journeys/migration.ts';
import {
  assertJourneyExists,
  journeyTimeline,
  runJourneyCommand,
  showJourney,
  viewJourney,
  type JourneyView,
} from '../journeys/service.ts';
import type { Command, JourneyState } from '../../src-shared/journeys/model.ts';
import { currentActor, type Workspace } from '../workspace/workspace.ts';
import type { AreaHandlers, ParsedArgs } from './types.ts';

function journeyView(view: JourneyView): JourneyViewData {
  return {
    id: view.id,
    clientId: view.clientId,
    clientName: view.clientName,
    playbookId: view.playbookId,
    playbookVersion: view.playbookVersion,
    segment: view.segment,
    riskTier: view.riskTier,
    status: view.status,
    stage: view.stage,
    progress: view.progress,
    incidents: view.incidents,
    vars: view.vars,
    steps: view.steps,
  };
}

function stateView(ws: Workspace, state: JourneyState): JourneyViewData {
  return journeyView(viewJourney(ws, state));
}

/** Decodes base64 strictly, so a damaged upload is rejected, not stored. */
export function decodeBase64(text: string, field: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  const valid =
    compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
  if (!valid) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `${field} is not valid base64; send the file content base64-encoded.`,
      { field },
    );
  }
  return Buffer.from(compact, 'base64');
}

function statusCommand(args: ParsedArgs<'journeys:setStatus'>): Command {
  switch (args.status) {
    case 'pause':
      return { type: 'pause', reason: args.reason };
    case 'resume':
      return { type: 'resume' };
    case 'cancel': {
      const reason = args.reason?.trim();
      if (!reason) {
        throw new EmbarkError(
          'INVALID_INPUT',
          `Cancelling journey ${args.id} needs a reason.`,
          { field: 'reason' },
        );
      }
      return { type: 'cancel', reason };
    }
  }
}

function documents(ws: Workspace, journeyId: string) {
  assertJourneyExists(ws, journeyId);
  return ws.db
    .prepare(
      `SELECT id, step_key AS stepKey, slot, name, mime, size, version,
         uploaded_by AS uploadedBy, uploaded_at AS uploadedAt
       FROM documents WHERE journey_id = ?
       ORDER BY uploaded_at, step_key, slot, version`,
    )
    .all(journeyId) as {
    id: string;
    stepKey: string | null;
    slot: string | null;
    name: string;
    mime: string;
    size: number;
    version: number;
    uploadedBy: string;
    uploadedAt: string;
  }[];
}

function readDocument(ws: Workspace, id: string) {
  const row = ws.db
    .prepare('SELECT name, mime, hash FROM documents WHERE id = ?')
    .get(id) as { name: string; mime: string; hash: string } | undefined;
  if (!row) {
    throw new EmbarkError('NOT_FOUND', `Document ${id} not found.`, {
      documentId: id,
    });
  }
  const bytes = ws.documents.read(row.hash);
  return { name: row.name, mime: row.mime, base64: bytes.toString('base64') };
}

/** Handlers of the `journeys:*` and `documents:*` channels. */
export function journeyHandlers(
  ws: Workspace,
): AreaHandlers<'journeys'> & AreaHandlers<'documents'> {
  return {
    'journeys:get': ({ id }) => journeyView(showJourney(ws, id)),
    'journeys:act': async (args) => {
      const upload = args.file && {
        name: args.file.name,
        bytes: decodeBase64(args.file.base64, 'file.base64'),
      };
      const state = await actOnStep(
        ws,
        args.id,
        args.stepKey,
        {
          action: args.action,
          data: args.data,
          upload,
          slot: args.slot,
          comment: args.comment,
          assignee: args.assignee,
        },
        currentActor(ws),
      );
      return stateView(ws, state);
    },
    'journeys:timeline': ({ id }) => journeyTimeline(ws, id),
    'journeys:documents': ({ id }) => documents(ws, id),
    'journeys:resolve': ({ id, branchKey, edgeKey }) =>
      stateView(
        ws,
        runJourneyCommand(
          ws,
          id,
          { type: 'resolve', branchKey, edgeKey },
          currentActor(ws),
        ),
      ),
    'journeys:setStatus': (args) =>
      stateView(
        ws,
        runJourneyCommand(ws, args.id, statusCommand(args), currentActor(ws)),
      ),
    'journeys:migrate': (args) =>
      migrateJourney(
        ws,
        args.id,
        {
          segment: args.segment,
          playbookId: args.playbookId,
          version: args.version,
        },
        { dryRun: args.dryRun, reason: args.reason },
        currentActor(ws),
      ),
    'documents:read': ({ id }) => readDocument(ws, id),
  };
}
