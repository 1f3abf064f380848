import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import {
  playbookDefinitionSchema,
  segments,
} from '../../src-shared/playbooks/model.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { publishPlaybook } from './store.ts';

const resourcesDir = fileURLToPath(
  new URL('../../resources/playbooks/', import.meta.url),
);

/** Reads a built-in playbook definition shipped in `resources/playbooks`. */
export function readBuiltinDefinition(segment: string) {
  const text = readFileSync(`${resourcesDir}${segment}.json`, 'utf8');
  return playbookDefinitionSchema.parse(JSON.parse(text));
}

/**
 * Publishes each built-in playbook under the id of its segment, as a new
 * version whenever the shipped definition differs from the stored one.
 */
export function seedBuiltinPlaybooks(ws: Workspace): void {
  ws.db.transaction(() => seedAll(ws)).immediate();
}

function seedAll(ws: Workspace): void {
  for (const segment of segments) {
    const definition = readBuiltinDefinition(segment);
    const row = ws.db
      .prepare(
        `SELECT definition FROM playbooks WHERE id = ? AND builtin = 1
         ORDER BY version DESC LIMIT 1`,
      )
      .get(segment) as { definition: string } | undefined;
    if (row && isDeepStrictEqual(JSON.parse(row.definition), definition)) {
      continue;
    }
    publishPlaybook(ws, segment, definition, { builtin: true, by: 'Embark' });
  }
}
