import { EmbarkError } from '../../src-shared/errors.ts';
import {
  playbookSchema,
  segments,
  type Playbook,
  type PlaybookDefinition,
  type Segment,
} from '../../src-shared/playbooks/model.ts';
import { validatePlaybook } from '../../src-shared/playbooks/validate.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { nowIso } from '../workspace/workspace.ts';
import { statement } from '../db/statements.ts';

type PlaybookRow = {
  id: string;
  version: number;
  name: string;
  segment: string | null;
  definition: string;
};

export type PlaybookSummary = {
  id: string;
  name: string;
  segment: Segment | null;
  version: number;
};

// Parsed playbook versions per connection: a published version never
// changes, so each is parsed once.
const parsedByDb = new WeakMap<Workspace['db'], Map<string, Playbook>>();

function parsedCache(ws: Workspace): Map<string, Playbook> {
  let cache = parsedByDb.get(ws.db);
  if (!cache) {
    cache = new Map();
    parsedByDb.set(ws.db, cache);
  }
  return cache;
}

function fromRow(ws: Workspace, row: PlaybookRow): Playbook {
  const parsed = parsedCache(ws);
  const cacheKey = `${row.id}@${row.version}`;
  const cached = parsed.get(cacheKey);
  if (cached) return cached;
  const playbook = playbookSchema.parse({
    ...(JSON.parse(row.definition) as object),
    id: row.id,
    version: row.version,
  });
  parsed.set(cacheKey, playbook);
  return playbook;
}

/** Lists the latest version of every playbook. */
export function listPlaybooks(ws: Workspace): PlaybookSummary[] {
  const rows = ws.db
    .prepare(
      `SELECT p.id, p.name, p.segment, p.version FROM playbooks p
       WHERE p.version = (SELECT MAX(version) FROM playbooks WHERE id = p.id)
       ORDER BY p.builtin DESC, p.name`,
    )
    .all() as PlaybookSummary[];
  return rows.map((row) => ({ ...row, segment: row.segment ?? null }));
}

/** Loads one version of a playbook, the latest when `version` is absent. */
export function getPlaybook(
  ws: Workspace,
  id: string,
  version?: number,
): Playbook {
  if (version !== undefined) {
    const cached = parsedCache(ws).get(`${id}@${version}`);
    if (cached) return cached;
  }
  const row = (
    version === undefined
      ? statement(
          ws.db,
          'SELECT * FROM playbooks WHERE id = ? ORDER BY version DESC LIMIT 1',
        ).get(id)
      : statement(
          ws.db,
          'SELECT * FROM playbooks WHERE id = ? AND version = ?',
        ).get(id, version)
  ) as PlaybookRow | undefined;
  if (!row) {
    const what = version === undefined ? id : `${id} version ${version}`;
    throw new EmbarkError(
      'NOT_FOUND',
      `Playbook ${what} not found; run "embark playbook list" to see the playbooks.`,
      { playbookId: id, version },
    );
  }
  return fromRow(ws, row);
}

/** Returns the playbook that new journeys of a segment start on. */
export function playbookForSegment(ws: Workspace, segment: Segment): Playbook {
  if (!segments.includes(segment)) {
    throw new EmbarkError('UNKNOWN_SEGMENT', `Unknown segment "${segment}".`);
  }
  return getPlaybook(ws, segment);
}

/**
 * Validates a definition and stores it as the next version of `id` (version
 * 1 for a new id). Invalid definitions are rejected with every error.
 */
export function publishPlaybook(
  ws: Workspace,
  id: string,
  definition: PlaybookDefinition,
  options: { builtin?: boolean; by: string },
): Playbook {
  const result = validatePlaybook(definition);
  if (!result.valid) {
    const lines = result.errors.map((issue) => issue.message);
    throw new EmbarkError(
      'PLAYBOOK_INVALID',
      `Playbook "${definition.name}" is invalid: ${lines.join('; ')}`,
      { errors: result.errors },
    );
  }
  const latest = ws.db
    .prepare('SELECT MAX(version) AS version FROM playbooks WHERE id = ?')
    .get(id) as { version: number | null };
  const version = (latest.version ?? 0) + 1;
  ws.db
    .prepare(
      `INSERT INTO playbooks
         (id, version, name, segment, definition, builtin, published_at, published_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      version,
      definition.name,
      definition.segment ?? null,
      JSON.stringify(definition),
      options.builtin ? 1 : 0,
      nowIso(ws),
      options.by,
    );
  ws.log.info({ playbookId: id, version }, 'playbook published');
  return getPlaybook(ws, id, version);
}
