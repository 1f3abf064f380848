import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbarkError } from '../../src-shared/errors.ts';
import { validatePlaybook } from '../../src-shared/playbooks/validate.ts';
import {
  getPlaybook,
  listPlaybooks,
  publishPlaybook,
} from '../playbooks/store.ts';
import { exportPlaybook, readPlaybookFile } from '../playbooks/transfer.ts';
import { currentActor, type Workspace } from '../workspace/workspace.ts';
import { decodeBase64 } from './journey-handlers.ts';
import type { AreaHandlers, ParsedArgs } from './types.ts';

/** Returns a new playbook id made from its name and a random suffix. */
function newPlaybookId(ws: Workspace, name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'playbook'}-${ws.newId().slice(0, 8)}`;
}

function publish(ws: Workspace, args: ParsedArgs<'playbooks:publish'>) {
  // Publishing a next version needs an existing id: getPlaybook throws
  // NOT_FOUND otherwise.
  const id =
    args.id === undefined
      ? newPlaybookId(ws, args.definition.name)
      : getPlaybook(ws, args.id).id;
  const playbook = ws.db
    .transaction(() =>
      publishPlaybook(ws, id, args.definition, {
        by: currentActor(ws).name,
      }),
    )
    .immediate();
  return { id: playbook.id, version: playbook.version };
}

/**
 * Reads an uploaded BPMN (or playbook JSON) file without publishing it. The
 * bytes go to a private temporary folder under the file's own name, so the
 * import report and its errors name the file the user chose.
 */
async function importFile(args: ParsedArgs<'playbooks:importBpmn'>) {
  const bytes = decodeBase64(args.base64, 'base64');
  const folder = mkdtempSync(path.join(os.tmpdir(), 'embark-import-'));
  try {
    const file = path.join(folder, path.basename(args.name) || 'import.bpmn');
    writeFileSync(file, bytes);
    const { definition, warnings } = await readPlaybookFile(file, {
      processId: args.processId,
    });
    return { definition, warnings };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function exportFile(ws: Workspace, args: ParsedArgs<'playbooks:export'>) {
  const text = await exportPlaybook(ws, args.id, args.format, args.version);
  const extension = args.format === 'bpmn' ? 'bpmn' : 'json';
  return { name: `${args.id}.${extension}`, text };
}

/** Handlers of the `playbooks:*` channels. */
export function playbookHandlers(ws: Workspace): AreaHandlers<'playbooks'> {
  return {
    'playbooks:list': () => listPlaybooks(ws),
    'playbooks:get': ({ id, version }) => getPlaybook(ws, id, version),
    'playbooks:validate': ({ definition }) => validatePlaybook(definition),
    'playbooks:publish': (args) => publish(ws, args),
    'playbooks:importBpmn': (args) => importFile(args),
    'playbooks:export': (args) => exportFile(ws, args),
  };
}

/** Rejects a stage list that leaves a milestone of a playbook without one. */
export function checkMilestoneStages(ws: Workspace, stages: string[]): void {
  for (const summary of listPlaybooks(ws)) {
    const playbook = getPlaybook(ws, summary.id);
    const orphan = playbook.nodes.find(
      (node) =>
        node.kind === 'milestone' &&
        node.stage !== undefined &&
        !stages.includes(node.stage),
    );
    if (orphan?.stage !== undefined) {
      throw new EmbarkError(
        'INVALID_INPUT',
        `Stage "${orphan.stage}" is used by milestone ${orphan.key} of ` +
          `playbook ${playbook.id}; keep it in the stage list.`,
        { stage: orphan.stage, playbookId: playbook.id, nodeKey: orphan.key },
      );
    }
  }
}
