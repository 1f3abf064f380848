import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBpmnBytes, importBpmn } from '../../src-shared/bpmn/import.ts';
import { exportBpmn } from '../../src-shared/bpmn/export.ts';
import { EmbarkError } from '../../src-shared/errors.ts';
import type { Actor } from '../../src-shared/journeys/model.ts';
import {
  playbookDefinitionSchema,
  type PlaybookDefinition,
} from '../../src-shared/playbooks/model.ts';
import {
  validatePlaybook,
  type PlaybookIssue,
} from '../../src-shared/playbooks/validate.ts';
import { parseSegment } from '../../src-shared/segments/table.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { getPlaybook, publishPlaybook } from './store.ts';

export type ImportReport = {
  id: string;
  version: number;
  name: string;
  nodes: number;
  warnings: { elementId: string; message: string }[];
};

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch {
    throw new EmbarkError('NOT_FOUND', `File ${file} not found.`, { file });
  }
}

function isJsonFile(file: string, bytes: Uint8Array): boolean {
  if (file.toLowerCase().endsWith('.json')) return true;
  const first = bytes.find((byte) => byte > 0x20);
  return first === 0x7b; // '{'
}

/** Reads a playbook file: BPMN 2.0 XML, or a playbook definition in JSON. */
export async function readPlaybookFile(
  file: string,
  options: { segment?: string; processId?: string } = {},
): Promise<{
  definition: PlaybookDefinition;
  warnings: ImportReport['warnings'];
  format: 'json' | 'bpmn';
}> {
  const bytes = readBytes(file);
  const segment =
    options.segment === undefined ? undefined : parseSegment(options.segment);
  if (isJsonFile(file, bytes)) {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      throw new EmbarkError(
        'PLAYBOOK_INVALID',
        `${path.basename(file)} is not valid JSON: ${(error as Error).message}`,
      );
    }
    const parsed = playbookDefinitionSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EmbarkError(
        'PLAYBOOK_INVALID',
        `${path.basename(file)} is not a playbook: ${issue?.path.join('.')}: ${issue?.message}`,
      );
    }
    const definition = segment ? { ...parsed.data, segment } : parsed.data;
    return { definition, warnings: [], format: 'json' };
  }
  const xml = decodeBpmnBytes(bytes);
  const imported = await importBpmn(xml, {
    processId: options.processId,
    segment,
  });
  return { ...imported, format: 'bpmn' };
}

/**
 * Rejects a BPMN file whose imported playbook does not validate, such as
 * one with a condition in JavaScript, as BPMN_INVALID. The message names
 * each element and adds the import report's warning about it.
 */
function checkImportedBpmn(
  file: string,
  definition: PlaybookDefinition,
  warnings: ImportReport['warnings'],
): void {
  const result = validatePlaybook(definition);
  if (result.valid) return;
  const problems = result.errors.map((issue) => {
    const elementId = issue.edgeKey ?? issue.nodeKey;
    const reported = warnings.find(
      (warning) => warning.elementId === elementId,
    );
    return reported
      ? `${issue.message} Import report: ${reported.message}.`
      : issue.message;
  });
  throw new EmbarkError(
    'BPMN_INVALID',
    `${path.basename(file)} cannot be imported as a playbook: ${problems.join(' ')}`,
    { file, errors: result.errors },
  );
}

function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'playbook';
}

/**
 * Imports a playbook file and publishes it as version 1 of a new id, or,
 * with `options.id`, as the next version of that existing playbook.
 * Throws NOT_FOUND when `options.id` names no playbook.
 */
export async function importPlaybookFile(
  ws: Workspace,
  file: string,
  options: { segment?: string; processId?: string; id?: string },
  actor: Actor,
): Promise<ImportReport> {
  const { definition, warnings, format } = await readPlaybookFile(
    file,
    options,
  );
  if (format === 'bpmn') checkImportedBpmn(file, definition, warnings);
  let id: string;
  if (options.id === undefined) {
    id = `${slugify(definition.name)}-${ws.newId().slice(0, 8)}`;
  } else {
    id = getPlaybook(ws, options.id).id;
  }
  const playbook = ws.db
    .transaction(() => publishPlaybook(ws, id, definition, { by: actor.name }))
    .immediate();
  ws.log.info(
    { playbookId: id, file: path.basename(file), warnings: warnings.length },
    'playbook imported',
  );
  return {
    id: playbook.id,
    version: playbook.version,
    name: playbook.name,
    nodes: playbook.nodes.length,
    warnings,
  };
}

export async function exportPlaybook(
  ws: Workspace,
  id: string,
  format: string,
  version?: number,
): Promise<string> {
  const playbook = getPlaybook(ws, id, version);
  const { id: _id, version: _version, ...definition } = playbook;
  if (format === 'json') return `${JSON.stringify(definition, null, 2)}\n`;
  if (format === 'bpmn') return exportBpmn(definition);
  throw new EmbarkError(
    'INVALID_INPUT',
    `Unknown export format "${format}"; use bpmn or json.`,
  );
}

/** Checks a playbook file without publishing it. */
export async function validatePlaybookFile(file: string): Promise<{
  valid: boolean;
  errors: PlaybookIssue[];
  warnings: PlaybookIssue[];
}> {
  try {
    const { definition, warnings } = await readPlaybookFile(file);
    const result = validatePlaybook(definition);
    const importWarnings = warnings.map((warning) => ({
      nodeKey: warning.elementId,
      message: warning.message,
    }));
    return { ...result, warnings: [...importWarnings, ...result.warnings] };
  } catch (error) {
    if (error instanceof EmbarkError && error.code !== 'NOT_FOUND') {
      return {
        valid: false,
        errors: [{ message: error.message }],
        warnings: [],
      };
    }
    throw error;
  }
}
