/**
 * The back end of the IPC contract: one handler per channel, over the
 * services of an open workspace. Handlers receive arguments already parsed
 * by the contract's schema (see dispatch.ts) and return the result shape.
 */
import { existsSync } from 'node:fs';
import { EmbarkError } from '../../src-shared/errors.ts';
import { classifyClient } from '../../src-shared/segments/table.ts';
import { parseClientAttributes } from '../../src-shared/segments/attributes.ts';
import { archiveClient, importClients, updateClient } from '../clients/edit.ts';
import { addClient, getClient } from '../clients/service.ts';
import { backupDatabase } from '../db/backup.ts';
import { boardData } from '../journeys/board.ts';
import { createSampleWorkspace } from '../sample/workspace.ts';
import {
  checkAbsolutePath,
  describeBackup,
  restoreWorkspace,
  type RestoreHooks,
} from '../workspace/restore.ts';
import { currentActor, type Workspace } from '../workspace/workspace.ts';
import { journeyHandlers } from './journey-handlers.ts';
import { playbookHandlers } from './playbook-handlers.ts';
import { settingsHandlers } from './settings-handlers.ts';
import type { AreaHandlers, Handlers, ParsedArgs } from './types.ts';

export type { Handlers } from './types.ts';

function countRows(ws: Workspace, sql: string): number {
  return (ws.db.prepare(sql).get() as { count: number }).count;
}

/** Returns whether the workspace never had a client, archived ones included, and no start was chosen. */
function isFirstRun(ws: Workspace): boolean {
  if (ws.settings.startChoice()) return false;
  return countRows(ws, 'SELECT COUNT(*) AS count FROM clients') === 0;
}

/**
 * Callbacks of the owner of the open workspace around a restore: stop its
 * services and close the workspace, then open it again and start them on
 * the new workspace (see worker.ts).
 */
export type WorkspaceHooks = RestoreHooks;

function checkBackupTarget(file: string, overwrite: boolean | undefined) {
  checkAbsolutePath(file);
  if (existsSync(file) && overwrite !== true) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `The file ${file} already exists; choose another name, or replace it.`,
      { file, exists: true },
    );
  }
}

async function restore(ws: Workspace, file: string, hooks: WorkspaceHooks) {
  const summary = await restoreWorkspace(ws, file, hooks);
  const restored = summary.workspace;
  return {
    file: summary.file,
    documents: summary.documents,
    previousDatabase: summary.previousDatabase,
    clients: countRows(
      restored,
      'SELECT COUNT(*) AS count FROM clients WHERE archived_at IS NULL',
    ),
    journeys: countRows(restored, 'SELECT COUNT(*) AS count FROM journeys'),
  };
}

function workspaceHandlers(
  ws: Workspace,
  hooks: WorkspaceHooks,
): AreaHandlers<'workspace'> {
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
    'workspace:backup': ({ file, overwrite }) => {
      checkBackupTarget(file, overwrite);
      return backupDatabase(ws.db, ws.documents, file, { overwrite });
    },
    'workspace:checkBackup': ({ file }) => describeBackup(file),
    'workspace:restore': ({ file }) => restore(ws, file, hooks),
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

/**
 * Returns the handler of every channel, bound to `ws`. `hooks` let a
 * restore close the workspace and open it again.
 */
export function createHandlers(ws: Workspace, hooks: WorkspaceHooks): Handlers {
  return {
    ...workspaceHandlers(ws, hooks),
    'board:get': (query) => boardData(ws, query),
    ...clientHandlers(ws),
    ...journeyHandlers(ws),
    ...playbookHandlers(ws),
    ...settingsHandlers(ws),
  };
}
