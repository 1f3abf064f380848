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
 * version whenever the shipped definition differs from the stored one. The
 * stored versions are compared first without a lock, so an up-to-date
 * workspace opens without waiting for another process's write transaction.
 */
export function seedBuiltinPlaybooks(ws: Workspace): void {
  if (outdatedSegments(ws).length === 0) return;
  ws.db
    .transaction(() => {
      // Read again under the lock: another process may have published them.
      for (const segment of outdatedSegments(ws)) {
        publishPlaybook(ws, segment, readBuiltinDefinition(segment), {
          builtin: true,
          by: 'Embark',
        });
      }
    })
    .immediate();
}

/** Lists the segments whose stored built-in playbook is missing or older. */
function outdatedSegments(ws: Workspace): string[] {
  return segments.filter((segment) => {
    const row = ws.db
      .prepare(
        `SELECT definition FROM playbooks WHERE id = ? AND builtin = 1
         ORDER BY version DESC LIMIT 1`,
      )
      .get(segment) as { definition: string } | undefined;
    return (
      !row ||
      !isDeepStrictEqual(
        JSON.parse(row.definition),
        readBuiltinDefinition(segment),
      )
    );
  });
}
