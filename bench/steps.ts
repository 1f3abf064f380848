// Engine step completions committed one per transaction with
// synchronous=FULL, against raw better-sqlite3 commits of the same rows.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { PlaybookDefinition } from '../src-shared/playbooks/model.ts';
import { runJourneyCommand } from '../src-main/journeys/service.ts';
import { publishPlaybook } from '../src-main/playbooks/store.ts';
import { addClient } from '../src-main/clients/service.ts';
import {
  openWorkspace,
  type Workspace,
} from '../src-main/workspace/workspace.ts';
import { openDatabase } from '../src-main/db/open.ts';
import { atLeast, round, tempDataDir, type BenchResult } from './result.ts';

const taskCount = 40;
const journeyCount = 100;

function chainPlaybook(): PlaybookDefinition {
  const keys = Array.from({ length: taskCount }, (_, i) => `task_${i + 1}`);
  return {
    name: 'Benchmark chain',
    nodes: [
      { key: 'start', kind: 'start', name: 'Start' },
      ...keys.map((key, i) => ({
        key,
        kind: 'task' as const,
        name: `Task ${i + 1}`,
        role: 'coordinator',
        dueInDays: 3,
      })),
      { key: 'end', kind: 'end', name: 'End' },
    ],
    edges: ['start', ...keys].map((from, i) => ({
      key: `e${i}`,
      from,
      to: keys[i] ?? 'end',
    })),
  };
}

type Sample = { journeyId: string; key: string };

function prepareJourneys(ws: Workspace): Sample[][] {
  const actor = ws.settings.identity();
  const playbook = publishPlaybook(ws, 'bench-chain', chainPlaybook(), {
    by: actor.name,
  });
  const journeys: string[] = [];
  ws.db.transaction(() => {
    for (let i = 0; i < journeyCount; i += 1) {
      const added = addClient(
        ws,
        { name: `Bench client ${i}`, attributes: { employees: 10 } },
        { playbookId: playbook.id },
        actor,
      );
      journeys.push(added.journeyId!);
    }
  })();
  return Array.from({ length: taskCount }, (_, step) =>
    journeys.map((journeyId) => ({ journeyId, key: `task_${step + 1}` })),
  );
}

function measureEngine(ws: Workspace, rounds: Sample[][]): number {
  const actor = ws.settings.identity();
  let count = 0;
  const started = performance.now();
  for (const round of rounds) {
    for (const sample of round) {
      runJourneyCommand(
        ws,
        sample.journeyId,
        { type: 'complete', key: sample.key },
        actor,
      );
      count += 1;
    }
  }
  return count / ((performance.now() - started) / 1000);
}

/**
 * Commits the same rows the engine wrote per step, into a database with the
 * same schema, with no engine work in between. Steps go round the same
 * journeys in the same order as the engine's: read the journey, update its
 * row with the same state, update the finished run and add the next one,
 * and insert as many events and outbox entries.
 */
function measureRaw(ws: Workspace, count: number): number {
  const perStep = (table: string) =>
    Math.round(
      (
        ws.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as {
          n: number;
        }
      ).n / count,
    );
  const eventsPerStep = perStep("events WHERE type LIKE 'step.%'");
  const outboxPerStep = perStep('outbox');
  const db = openDatabase(`${ws.dataDir}/raw/embark.db`);
  const copy = (table: string, where = 'TRUE') => {
    const rows = ws.db
      .prepare(`SELECT * FROM ${table} WHERE ${where} ORDER BY rowid`)
      .all() as Record<string, unknown>[];
    const columns = Object.keys(rows[0] ?? {});
    const insert = db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')})
       VALUES (${columns.map(() => '?').join(', ')})`,
    );
    db.transaction(() => {
      for (const row of rows) insert.run(...Object.values(row));
    })();
    return rows;
  };
  copy('playbooks', "id = 'bench-chain'");
  copy('clients');
  const journeys = copy('journeys') as { id: string; client_id: string }[];
  const read = db.prepare('SELECT * FROM journeys WHERE id = ?');
  const update = db.prepare(
    `UPDATE journeys SET playbook_id = ?, playbook_version = ?, segment = ?,
       risk_tier = ?, status = ?, stage = ?, progress = ?, next_step = ?,
       next_due_at = ?, has_incident = ?, state = ?, updated_at = ?
     WHERE id = ?`,
  );
  const event = db.prepare(
    `INSERT INTO events (journey_id, client_id, type, at, by, step_key, data)
     VALUES (?, ?, 'step.completed', ?, 'bench', 'task_1', NULL)`,
  );
  const outbox = db.prepare(
    `INSERT INTO outbox (id, journey_id, type, payload, idempotency_key,
       created_at) VALUES (?, ?, 'notify', ?, ?, ?)`,
  );
  const run = ws.db
    .prepare('SELECT run FROM journey_runs WHERE seq = 1 LIMIT 1')
    .pluck()
    .get() as string;
  const upsertRun = db.prepare(
    `INSERT INTO journey_runs (journey_id, seq, run) VALUES (?, ?, ?)
       ON CONFLICT (journey_id, seq) DO UPDATE SET run = excluded.run`,
  );
  const payload = JSON.stringify({ type: 'notify', topic: 'step.ready' });
  const commit = db.transaction((step: number) => {
    const journey = journeys[step % journeys.length]!;
    const seq = Math.floor(step / journeys.length) + 1;
    const row = read.get(journey.id) as Record<string, unknown>;
    const now = new Date().toISOString();
    update.run(
      row.playbook_id,
      row.playbook_version,
      row.segment,
      row.risk_tier,
      row.status,
      row.stage,
      row.progress,
      row.next_step,
      row.next_due_at,
      row.has_incident,
      row.state,
      now,
      journey.id,
    );
    upsertRun.run(journey.id, seq, run);
    upsertRun.run(journey.id, seq + 1, run);
    for (let i = 0; i < eventsPerStep; i += 1) {
      event.run(journey.id, journey.client_id, now);
    }
    for (let i = 0; i < outboxPerStep; i += 1) {
      const id = randomUUID();
      outbox.run(id, journey.id, payload, `${journey.id}:${id}`, now);
    }
  });
  const started = performance.now();
  for (let i = 0; i < count; i += 1) commit.immediate(i);
  const rate = count / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

export async function benchStepCommits(): Promise<BenchResult[]> {
  const dataDir = tempDataDir('steps');
  const ws = openWorkspace(dataDir, { log: false });
  try {
    const rounds = prepareJourneys(ws);
    const engineRate = measureEngine(ws, rounds);
    const rawRate = measureRaw(ws, taskCount * journeyCount);
    return [
      atLeast(
        'engine step completions, one commit each (synchronous=FULL)',
        round(engineRate, 0),
        'steps/s',
        2000,
      ),
      atLeast(
        'engine commits as a ratio of raw better-sqlite3 commits',
        round(engineRate / rawRate, 2),
        'ratio',
        0.5,
      ),
      {
        name: 'raw better-sqlite3 commits of the same rows',
        value: round(rawRate, 0),
        unit: 'commits/s',
        budget: 'reference',
        pass: true,
      },
    ];
  } finally {
    ws.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
