import { EmbarkError } from '../../src-shared/errors.ts';
import type { Actor } from '../../src-shared/journeys/model.ts';
import type { RiskTier, Segment } from '../../src-shared/playbooks/model.ts';
import { parseClientCsv } from '../../src-shared/clients/csv.ts';
import { currentJourneyId, runJourneyCommand } from '../journeys/service.ts';
import { getPlaybook } from '../playbooks/store.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { nowIso } from '../workspace/workspace.ts';
import {
  addClient,
  getClient,
  parseClientInput,
  recordClientEvent,
  resolveSegment,
  type AddClientResult,
  type ClientRecord,
} from './service.ts';

export type ClientPatch = {
  name?: string;
  contacts?: unknown;
  attributes?: Record<string, unknown>;
  owner?: string;
  notes?: string;
};

export type UpdateClientResult = {
  client: ClientRecord;
  /** Segment and risk tier that the new attributes classify as. */
  classification: { segment: Segment; riskTier: RiskTier };
  /** True when the classification differs from the recorded one. */
  reclassificationOffered: boolean;
  reclassified: boolean;
  /** Command that moves the running journey to the new segment. */
  migrateHint?: string;
};

/**
 * Edits a client. When new attributes classify differently, the result
 * offers reclassification, which `reclassify` applies to the client record;
 * moving the running journey stays a separate, previewed migration.
 */
export function updateClient(
  ws: Workspace,
  id: string,
  patch: ClientPatch,
  options: { reclassify?: boolean },
  actor: Actor,
): UpdateClientResult {
  const before = getClient(ws, id);
  const changes = Object.entries(patch).filter(
    ([, value]) => value !== undefined,
  );
  if (changes.length === 0 && !options.reclassify) {
    throw new EmbarkError(
      'INVALID_INPUT',
      'Nothing to change; pass --name, --attrs, --contacts, --owner, --notes or --reclassify.',
    );
  }
  const merged = parseClientInput({
    name: patch.name ?? before.name,
    contacts: patch.contacts ?? before.contacts,
    attributes: patch.attributes
      ? { ...before.attributes, ...patch.attributes }
      : before.attributes,
    owner: patch.owner ?? before.owner ?? undefined,
    notes: patch.notes ?? before.notes,
  });
  const classification = resolveSegment(ws, merged.attributes ?? {}, {});
  const offered =
    classification.segment !== before.segment ||
    classification.riskTier !== before.riskTier;
  const reclassify = offered && options.reclassify === true;
  const segment = reclassify ? classification.segment : before.segment;
  const riskTier = reclassify ? classification.riskTier : before.riskTier;
  const journeyId = currentJourneyId(ws, id);
  ws.db
    .transaction(() => {
      ws.db
        .prepare(
          `UPDATE clients SET name = ?, contacts = ?, attributes = ?, owner = ?,
             notes = ?, segment = ?, risk_tier = ?,
             segment_override = CASE WHEN ? THEN NULL ELSE segment_override END,
             updated_at = ? WHERE id = ?`,
        )
        .run(
          merged.name,
          JSON.stringify(merged.contacts ?? []),
          JSON.stringify(merged.attributes ?? {}),
          merged.owner ?? null,
          merged.notes ?? '',
          segment,
          riskTier,
          // Taking the table's segment replaces a manual one.
          reclassify ? 1 : 0,
          nowIso(ws),
          id,
        );
      recordClientEvent(ws, id, 'client.updated', actor, {
        fields: changes.map(([field]) => field),
        ...(reclassify ? { segment, riskTier } : {}),
      });
      if (journeyId && patch.attributes) {
        syncJourneyVars(ws, journeyId, patch.attributes, actor);
      }
      if (journeyId && reclassify && riskTier !== before.riskTier) {
        runJourneyCommand(
          ws,
          journeyId,
          { type: 'setRiskTier', riskTier },
          actor,
        );
      }
    })
    .immediate();
  const client = getClient(ws, id);
  const migrate =
    reclassify && journeyId && segment !== before.segment
      ? `embark journey migrate ${journeyId} --segment ${segment} --dry-run`
      : undefined;
  return {
    client,
    classification: {
      segment: classification.segment,
      riskTier: classification.riskTier,
    },
    reclassificationOffered: offered,
    reclassified: reclassify,
    ...(migrate ? { migrateHint: migrate } : {}),
  };
}

function syncJourneyVars(
  ws: Workspace,
  journeyId: string,
  vars: Record<string, unknown>,
  actor: Actor,
): void {
  runJourneyCommand(ws, journeyId, { type: 'setVars', vars }, actor);
}

export function archiveClient(
  ws: Workspace,
  id: string,
  actor: Actor,
): ClientRecord {
  const client = getClient(ws, id);
  if (client.archivedAt) return client;
  ws.db
    .prepare('UPDATE clients SET archived_at = ?, updated_at = ? WHERE id = ?')
    .run(nowIso(ws), nowIso(ws), id);
  recordClientEvent(ws, id, 'client.archived', actor, {});
  ws.log.info({ clientId: id }, 'client archived');
  return getClient(ws, id);
}

export type ImportResult = {
  added: ({ line: number } & AddClientResult)[];
  errors: { line: number; message: string }[];
};

/**
 * Adds every client of a CSV file in one transaction. Any invalid row
 * rejects the whole file unless `skipInvalid` is set, so a fixed file can be
 * imported again without duplicates.
 */
export function importClients(
  ws: Workspace,
  text: string,
  options: { skipInvalid?: boolean; dryRun?: boolean },
  actor: Actor,
): ImportResult & { valid: number } {
  const parsed = parseClientCsv(text);
  const errors = [...parsed.errors];
  const prepared = parsed.rows.flatMap((row) => {
    try {
      resolveSegment(ws, row.client.attributes ?? {}, {
        segment: row.segment,
        reason: row.segmentReason,
      });
      if (row.playbook) getPlaybook(ws, row.playbook);
      return [row];
    } catch (error) {
      if (!(error instanceof EmbarkError)) throw error;
      errors.push({ line: row.line, message: error.message });
      return [];
    }
  });
  errors.sort((a, b) => a.line - b.line);
  if (options.dryRun) return { added: [], errors, valid: prepared.length };
  if (errors.length > 0 && !options.skipInvalid) {
    const listed = errors
      .slice(0, 5)
      .map(
        (error) => `line ${error.line}: ${error.message.replace(/\.+$/, '')}`,
      )
      .join('; ');
    const more = errors.length > 5 ? `; and ${errors.length - 5} more` : '';
    throw new EmbarkError(
      'CSV_INVALID',
      `${errors.length} invalid row(s), nothing imported: ${listed}${more}. ` +
        'Fix the rows, list them all with --dry-run, or pass --skip-invalid to import the valid ones.',
      { errors },
    );
  }
  const added = ws.db
    .transaction(() =>
      prepared.map((row) => ({
        line: row.line,
        ...addClient(
          ws,
          row.client,
          {
            segment: row.segment,
            reason: row.segmentReason,
            playbookId: row.playbook,
          },
          actor,
        ),
      })),
    )
    .immediate();
  ws.log.info(
    { added: added.length, skipped: errors.length },
    'clients imported',
  );
  return { added, errors, valid: prepared.length };
}
