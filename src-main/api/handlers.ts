/**
 * The back end of the IPC contract: one handler per channel, over the
 * services of an open workspace. Handlers receive arguments already parsed
 * by the contract's schema (see dispatch.ts) and return the result shape.
 */
import path from 'node:path';
import { classifyClient } from '../../src-shared/segments/table.ts';
import { parseClientAttributes } from '../../src-shared/segments/attributes.ts';
import { archiveClient, importClients, updateClient } from '../clients/edit.ts';
import { addClient, getClient } from '../clients/service.ts';
import { backupDatabase } from '../db/backup.ts';
import { boardData } from '../journeys/board.ts';
import { createSampleWorkspace } from '../sample/workspace.ts';
import { currentActor, type Workspace } from '../workspace/workspace.ts';
import { journeyHandlers } from './journey-handlers.ts';
import { checkMilestoneStages, playbookHandlers } from './playbook-handlers.ts';
import type { AreaHandlers, Handlers, ParsedArgs } from './types.ts';

export type { Handlers } from './types.ts';

function countRows(ws: Workspace, sql: string): number {
  return (ws.db.prepare(sql).get() as { count: number }).count;
}

/** A workspace that never had a client, archived ones included. */
function isFirstRun(ws: Workspace): boolean {
  if (ws.settings.startChoice()) return false;
  return countRows(ws, 'SELECT COUNT(*) AS count FROM clients') === 0;
}

function workspaceHandlers(ws: Workspace): AreaHandlers<'workspace'> {
  return {
    'workspace:info': () => ({
      dataDir: ws.dataDir,
      identity: ws.settings.identity(),
      clients: countRows(
        ws,
        'SELECT COUNT(*) AS count FROM clients WHERE archived_at IS NULL',
      ),
      journeys: countRows(ws, 'SELECT COUNT(*) AS count FROM journeys'),
      firstRun: isFirstRun(ws),
    }),
    'workspace:loadSample': ({ clients, first }) => {
      if (!ws.settings.startChoice()) ws.settings.setStartChoice('sample');
      return createSampleWorkspace(ws, clients, { first });
    },
    'workspace:chooseStart': ({ choice }) => ({
      choice: ws.settings.setStartChoice(choice),
    }),
    'workspace:backup': ({ file }) =>
      backupDatabase(ws.db, ws.documents, path.resolve(file)),
  };
}

function addClientFrom(ws: Workspace, args: ParsedArgs<'clients:add'>) {
  const { segment, reason, playbookId, ...input } = args;
  return addClient(
    ws,
    input,
    { segment, reason, playbookId },
    currentActor(ws),
  );
}

function clientHandlers(ws: Workspace): AreaHandlers<'clients'> {
  return {
    'clients:classify': ({ attributes }) => {
      const result = classifyClient(
        parseClientAttributes(attributes),
        ws.settings.segmentRules(),
      );
      return {
        segment: result.segment,
        riskTier: result.riskTier,
        segmentRule: result.segmentRule,
        riskRule: result.riskRule,
      };
    },
    'clients:add': (args) => addClientFrom(ws, args),
    'clients:get': ({ id }) => getClient(ws, id),
    'clients:update': ({ id, reclassify, ...patch }) =>
      updateClient(ws, id, patch, { reclassify }, currentActor(ws)),
    'clients:archive': ({ id }) => archiveClient(ws, id, currentActor(ws)),
    'clients:importCsv': ({ text, skipInvalid }) =>
      importClients(ws, text, { skipInvalid }, currentActor(ws)),
  };
}

function settingsHandlers(ws: Workspace): AreaHandlers<'settings'> {
  return {
    'settings:get': () => ({
      identity: ws.settings.identity(),
      segmentRules: ws.settings.segmentRules(),
      stages: ws.settings.stages(),
      dataDir: ws.dataDir,
      maxDocumentBytes: ws.settings.maxDocumentBytes(),
    }),
    'settings:setIdentity': (identity) => ws.settings.setIdentity(identity),
    'settings:setSegmentRules': ({ rules }) =>
      ws.settings.setSegmentRules(rules),
    'settings:setStages': ({ stages }) => {
      checkMilestoneStages(
        ws,
        stages.map((stage) => stage.trim()),
      );
      return ws.settings.setStages(stages);
    },
  };
}

/** Returns the handler of every channel, bound to `ws`. */
export function createHandlers(ws: Workspace): Handlers {
  return {
    ...workspaceHandlers(ws),
    'board:get': (query) => boardData(ws, query),
    ...clientHandlers(ws),
    ...journeyHandlers(ws),
    ...playbookHandlers(ws),
    ...settingsHandlers(ws),
  };
}
