import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Command, JourneyState } from '../../src-shared/journeys/model.ts';
import type { PlaybookDefinition } from '../../src-shared/playbooks/model.ts';
import { addClient } from '../../src-main/clients/service.ts';
import { initial } from '../../src-main/db/migrations/001-initial.ts';
import { notifications } from '../../src-main/db/migrations/002-notifications.ts';
import { migrateJourney } from '../../src-main/journeys/migration.ts';
import { loadJourneyState } from '../../src-main/journeys/persist.ts';
import { runJourneyCommand } from '../../src-main/journeys/service.ts';
import { publishPlaybook } from '../../src-main/playbooks/store.ts';
import {
  openWorkspace,
  type Workspace,
} from '../../src-main/workspace/workspace.ts';

const form = {
  schema: {
    type: 'object',
    required: ['answer'],
    properties: { answer: { type: 'string' } },
  },
};

/** Form, review with a rejection path back to it, then two tasks. */
const reviewed: PlaybookDefinition = {
  name: 'Reviewed answer',
  nodes: [
    { key: 'start', kind: 'start', name: 'Start' },
    { key: 'answer', kind: 'form', name: 'Answer', role: 'client', form },
    {
      key: 'review',
      kind: 'approval',
      name: 'Review',
      role: 'reviewer',
      approval: { mode: 'single', approvers: ['reviewer'] },
    },
    { key: 'setup', kind: 'task', name: 'Setup', role: 'coordinator' },
    { key: 'launch', kind: 'task', name: 'Launch', role: 'coordinator' },
    { key: 'end', kind: 'end', name: 'End' },
  ],
  edges: [
    { key: 'e1', from: 'start', to: 'answer' },
    { key: 'e2', from: 'answer', to: 'review' },
    { key: 'e3', from: 'review', to: 'setup' },
    { key: 'e4', from: 'review', to: 'answer', onReject: true },
    { key: 'e5', from: 'setup', to: 'launch' },
    { key: 'e6', from: 'launch', to: 'end' },
  ],
};

let dir: string;
let ws: Workspace;
/** A second connection, so reads come from the file, not a cache. */
let reader: Workspace;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'embark-runs-'));
  ws = openWorkspace(dir, { log: false });
  reader = openWorkspace(dir, { log: false });
});

afterEach(() => {
  ws.close();
  reader.close();
  rmSync(dir, { recursive: true, force: true });
});

function startReviewed(): string {
  const actor = ws.settings.identity();
  const playbook = publishPlaybook(ws, 'reviewed', reviewed, {
    by: actor.name,
  });
  const added = addClient(
    ws,
    { name: 'Runs client', attributes: { employees: 5 } },
    { playbookId: playbook.id },
    actor,
  );
  return added.journeyId!;
}

function storedRunRows(journeyId: string): number {
  return reader.db
    .prepare('SELECT COUNT(*) FROM journey_runs WHERE journey_id = ?')
    .pluck()
    .get(journeyId) as number;
}

describe('step runs stored in rows of their own', () => {
  it('stored state equals each result', () => {
    const journeyId = startReviewed();
    const reviewer = { name: 'Rita Reviewer', roles: ['reviewer'] };
    const commands: Command[] = [
      { type: 'submit', key: 'answer', data: { answer: 'first' } },
      { type: 'reject', key: 'review', comment: 'Say more.' },
      { type: 'submit', key: 'answer', data: { answer: 'second' } },
      { type: 'approve', key: 'review', comment: 'Fine.' },
      { type: 'reassign', key: 'setup', assignee: 'Sam' },
      { type: 'complete', key: 'setup' },
      { type: 'reopen', key: 'setup', reason: 'Missed a setting.' },
      { type: 'complete', key: 'setup' },
      { type: 'skip', key: 'launch', reason: 'Launched by the client.' },
    ];
    let returned: JourneyState | undefined;
    for (const command of commands) {
      returned = runJourneyCommand(ws, journeyId, command, reviewer);
      expect(loadJourneyState(reader, journeyId)).toEqual(returned);
    }
    expect(returned!.status).toBe('completed');
    expect(storedRunRows(journeyId)).toBe(returned!.runs.length);
    const stateColumn = reader.db
      .prepare('SELECT state FROM journeys WHERE id = ?')
      .pluck()
      .get(journeyId) as string;
    expect(JSON.parse(stateColumn)).not.toHaveProperty('runs');
  });

  it('migrated journey reads back whole', () => {
    const journeyId = startReviewed();
    const actor = ws.settings.identity();
    runJourneyCommand(
      ws,
      journeyId,
      { type: 'submit', key: 'answer', data: { answer: 'yes' } },
      actor,
    );
    const withoutReview: PlaybookDefinition = {
      ...reviewed,
      nodes: reviewed.nodes.filter((node) => node.key !== 'review'),
      edges: [
        { key: 'e1', from: 'start', to: 'answer' },
        { key: 'e2', from: 'answer', to: 'setup' },
        { key: 'e5', from: 'setup', to: 'launch' },
        { key: 'e6', from: 'launch', to: 'end' },
      ],
    };
    publishPlaybook(ws, 'reviewed', withoutReview, { by: actor.name });
    migrateJourney(
      ws,
      journeyId,
      { playbookId: 'reviewed', version: 2 },
      { reason: 'Reviews dropped.' },
      actor,
    );
    const moved = loadJourneyState(reader, journeyId);
    expect(moved.playbookVersion).toBe(2);
    const returned = runJourneyCommand(
      ws,
      journeyId,
      { type: 'complete', key: 'setup' },
      actor,
    );
    expect(loadJourneyState(reader, journeyId)).toEqual(returned);
    expect(storedRunRows(journeyId)).toBe(returned.runs.length);
  });

  it('a command sees steps another connection committed', () => {
    const journeyId = startReviewed();
    const reviewer = { name: 'Rita Reviewer', roles: ['reviewer'] };
    // The first connection caches the journey after its own command.
    runJourneyCommand(
      ws,
      journeyId,
      { type: 'submit', key: 'answer', data: { answer: 'cached' } },
      ws.settings.identity(),
    );
    runJourneyCommand(
      reader,
      journeyId,
      { type: 'approve', key: 'review' },
      reviewer,
    );
    // Setup is ready only in the second connection's commit.
    const after = runJourneyCommand(
      ws,
      journeyId,
      { type: 'complete', key: 'setup' },
      ws.settings.identity(),
    );
    expect(after.runs.map((run) => [run.key, run.state])).toEqual([
      ['start', 'done'],
      ['answer', 'done'],
      ['review', 'done'],
      ['setup', 'done'],
      ['launch', 'ready'],
    ]);
    expect(loadJourneyState(reader, journeyId)).toEqual(after);
  });

  it('version-2 database is upgraded', () => {
    const journeyId = startReviewed();
    runJourneyCommand(
      ws,
      journeyId,
      { type: 'submit', key: 'answer', data: { answer: 'kept' } },
      ws.settings.identity(),
    );
    const before = loadJourneyState(reader, journeyId);
    const copy = (table: string) =>
      ws.db.prepare(`SELECT * FROM ${table}`).all() as Record<
        string,
        unknown
      >[];
    const rows = {
      playbooks: copy('playbooks'),
      clients: copy('clients'),
      journeys: copy('journeys'),
    };
    ws.close();
    reader.close();

    const oldDir = mkdtempSync(path.join(os.tmpdir(), 'embark-runs-v2-'));
    try {
      const old = new Database(path.join(oldDir, 'embark.db'));
      initial.up(old);
      notifications.up(old);
      old.pragma('user_version = 2');
      for (const [table, tableRows] of Object.entries(rows)) {
        for (const row of tableRows) {
          const columns = Object.keys(row);
          const values = Object.values(row);
          if (table === 'journeys') {
            // A version-2 row keeps its runs inside the state JSON.
            values[columns.indexOf('state')] = JSON.stringify(before);
          }
          old
            .prepare(
              `INSERT INTO ${table} (${columns.join(', ')})
               VALUES (${columns.map(() => '?').join(', ')})`,
            )
            .run(...values);
        }
      }
      old.close();

      const upgraded = openWorkspace(oldDir, { log: false });
      try {
        expect(loadJourneyState(upgraded, journeyId)).toEqual(before);
        const runRows = upgraded.db
          .prepare('SELECT COUNT(*) FROM journey_runs')
          .pluck()
          .get();
        expect(runRows).toBe(before.runs.length);
        const returned = runJourneyCommand(
          upgraded,
          journeyId,
          { type: 'approve', key: 'review' },
          { name: 'Rita Reviewer', roles: ['reviewer'] },
        );
        expect(returned.runs.find((run) => run.key === 'setup')?.state).toBe(
          'ready',
        );
      } finally {
        upgraded.close();
      }
    } finally {
      rmSync(oldDir, { recursive: true, force: true });
    }
    // The afterEach hook closes these again; reopen so that it can.
    ws = openWorkspace(dir, { log: false });
    reader = openWorkspace(dir, { log: false });
  });
});
