import { EmbarkError } from '../../src-shared/errors.ts';
import type { Actor } from '../../src-shared/journeys/model.ts';
import type {
  Playbook,
  RiskTier,
  Segment,
} from '../../src-shared/playbooks/model.ts';
import {
  clientInputSchema,
  type ClientInput,
} from '../../src-shared/clients/model.ts';
import { parseClientAttributes } from '../../src-shared/segments/attributes.ts';
import {
  classifyClient,
  parseSegment,
} from '../../src-shared/segments/table.ts';
import { getPlaybook, playbookForSegment } from '../playbooks/store.ts';
import { startClientJourney } from '../journeys/service.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { nowIso } from '../workspace/workspace.ts';

export type AddClientOptions = {
  /** Playbook id to start on instead of the segment's own. */
  playbookId?: string;
  /** Manual segment override; needs a reason. */
  segment?: string;
  reason?: string;
  /** Start no journey (the client is only recorded). */
  noJourney?: boolean;
};

export type AddClientResult = {
  clientId: string;
  segment: Segment;
  riskTier: RiskTier;
  journeyId: string | null;
};

export type ClientRecord = {
  id: string;
  name: string;
  contacts: ClientInput['contacts'];
  attributes: Record<string, unknown>;
  owner: string | null;
  notes: string;
  segment: Segment;
  riskTier: RiskTier;
  segmentOverride: {
    segment: Segment;
    reason: string;
    by: string;
    at: string;
  } | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** Classifies a client, applying a manual override when one is given. */
export function resolveSegment(
  ws: Workspace,
  attributes: Record<string, unknown>,
  override: { segment?: string; reason?: string },
): { segment: Segment; riskTier: RiskTier; overridden: boolean } {
  const classified = classifyClient(
    parseClientAttributes(attributes),
    ws.settings.segmentRules(),
  );
  if (override.segment === undefined) {
    return { ...classified, overridden: false };
  }
  const segment = parseSegment(override.segment);
  if (!override.reason || override.reason.trim() === '') {
    throw new EmbarkError(
      'INVALID_INPUT',
      `Overriding the segment to ${segment} needs a reason; pass --reason TEXT.`,
    );
  }
  return {
    segment,
    riskTier: classified.riskTier,
    overridden: segment !== classified.segment,
  };
}

/** Records a new client and starts its journey, unless `noJourney` is set. */
export function addClient(
  ws: Workspace,
  input: unknown,
  options: AddClientOptions,
  actor: Actor,
): AddClientResult {
  const client = parseClientInput(input);
  const { segment, riskTier } = resolveSegment(ws, client.attributes, options);
  const playbook: Playbook | undefined = options.noJourney
    ? undefined
    : options.playbookId
      ? getPlaybook(ws, options.playbookId)
      : playbookForSegment(ws, segment);
  return ws.db
    .transaction(() => {
      const clientId = insertClient(
        ws,
        client,
        segment,
        riskTier,
        options,
        actor,
      );
      if (!playbook) return { clientId, segment, riskTier, journeyId: null };
      const journey = startClientJourney(
        ws,
        {
          clientId,
          playbook,
          segment,
          riskTier,
          vars: { ...client.attributes, clientName: client.name },
        },
        actor,
      );
      return { clientId, segment, riskTier, journeyId: journey.id };
    })
    .immediate();
}

export function parseClientInput(input: unknown): ClientInput {
  const parsed = clientInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new EmbarkError(
      'INVALID_INPUT',
      `Invalid client: ${where}${issue?.message ?? 'unknown problem'}.`,
    );
  }
  parseClientAttributes(parsed.data.attributes ?? {});
  return parsed.data;
}

function insertClient(
  ws: Workspace,
  client: ClientInput,
  segment: Segment,
  riskTier: RiskTier,
  options: AddClientOptions,
  actor: Actor,
): string {
  const id = ws.newId();
  const now = nowIso(ws);
  const override =
    options.segment === undefined
      ? null
      : { segment, reason: options.reason, by: actor.name, at: now };
  ws.db
    .prepare(
      `INSERT INTO clients (id, name, contacts, attributes, owner, notes,
         segment, risk_tier, segment_override, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      client.name,
      JSON.stringify(client.contacts ?? []),
      JSON.stringify(client.attributes ?? {}),
      client.owner ?? actor.name,
      client.notes ?? '',
      segment,
      riskTier,
      override ? JSON.stringify(override) : null,
      now,
      now,
    );
  recordClientEvent(ws, id, 'client.added', actor, { segment, riskTier });
  if (override) {
    recordClientEvent(ws, id, 'segment.overridden', actor, override);
  }
  return id;
}

export function recordClientEvent(
  ws: Workspace,
  clientId: string,
  type: string,
  actor: Actor,
  data: Record<string, unknown>,
): void {
  ws.db
    .prepare(
      `INSERT INTO events (client_id, type, at, by, data) VALUES (?, ?, ?, ?, ?)`,
    )
    .run(clientId, type, nowIso(ws), actor.name, JSON.stringify(data));
}

type ClientRow = {
  id: string;
  name: string;
  contacts: string;
  attributes: string;
  owner: string | null;
  notes: string;
  segment: Segment;
  risk_tier: RiskTier;
  segment_override: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
};

function fromRow(row: ClientRow): ClientRecord {
  return {
    id: row.id,
    name: row.name,
    contacts: JSON.parse(row.contacts) as ClientRecord['contacts'],
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    owner: row.owner,
    notes: row.notes,
    segment: row.segment,
    riskTier: row.risk_tier,
    segmentOverride: row.segment_override
      ? (JSON.parse(row.segment_override) as ClientRecord['segmentOverride'])
      : null,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getClient(ws: Workspace, id: string): ClientRecord {
  const row = ws.db.prepare('SELECT * FROM clients WHERE id = ?').get(id) as
    ClientRow | undefined;
  if (!row) {
    throw new EmbarkError(
      'NOT_FOUND',
      `Client ${id} not found; run "embark client list" to see the clients.`,
      { clientId: id },
    );
  }
  return fromRow(row);
}

export function listClients(
  ws: Workspace,
  options: { archived?: boolean } = {},
): ClientRecord[] {
  const rows = ws.db
    .prepare(
      `SELECT * FROM clients WHERE (archived_at IS NOT NULL) = ?
       ORDER BY name, id`,
    )
    .all(options.archived ? 1 : 0) as ClientRow[];
  return rows.map(fromRow);
}

/**
 * Starts a new journey for a client whose last journey ended, on the
 * client's segment playbook or the one given.
 */
export function startJourneyForClient(
  ws: Workspace,
  clientId: string,
  playbookId: string | undefined,
  actor: Actor,
): { journeyId: string } {
  const client = getClient(ws, clientId);
  const running = ws.db
    .prepare(
      `SELECT id FROM journeys WHERE client_id = ?
       AND status IN ('active', 'paused') LIMIT 1`,
    )
    .get(clientId) as { id: string } | undefined;
  if (running) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `${client.name} already has a running journey (${running.id}); cancel it first or keep working on it.`,
      { journeyId: running.id },
    );
  }
  if (client.archivedAt) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `${client.name} is archived; a journey cannot start for an archived client.`,
    );
  }
  const playbook = playbookId
    ? getPlaybook(ws, playbookId)
    : playbookForSegment(ws, client.segment);
  const journey = ws.db
    .transaction(() =>
      startClientJourney(
        ws,
        {
          clientId,
          playbook,
          segment: client.segment,
          riskTier: client.riskTier,
          vars: { ...client.attributes, clientName: client.name },
        },
        actor,
      ),
    )
    .immediate();
  return { journeyId: journey.id };
}
