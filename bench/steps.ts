// Engine step completions committed one per transaction with
// synchronous=FULL, against raw better-sqlite3 commits of the same rows.
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

/** Commits the same rows the engine writes, with no engine work in between. */
function measureRaw(ws: Workspace, count: number): number {
  const db = openDatabase(`${ws.dataDir}/raw.db`);
  db.exec(`CREATE TABLE IF NOT EXISTS raw_journeys (id TEXT PRIMARY KEY, state TEXT,
    status TEXT, stage TEXT, progress INTEGER, next_step TEXT, updated_at TEXT);
    CREATE TABLE IF NOT EXISTS raw_events (seq INTEGER PRIMARY KEY, journey_id TEXT,
    type TEXT, at TEXT, by TEXT, step_key TEXT, data TEXT);
    CREATE TABLE IF NOT EXISTS raw_outbox (id TEXT PRIMARY KEY, journey_id TEXT,
    type TEXT, payload TEXT, idempotency_key TEXT UNIQUE, created_at TEXT);`);
  const sample = ws.db
    .prepare('SELECT id, state FROM journeys LIMIT 1')
    .get() as {
    id: string;
    state: string;
  };
  db.prepare(
    'INSERT OR REPLACE INTO raw_journeys (id, state) VALUES (?, ?)',
  ).run(sample.id, sample.state);
  const read = db.prepare('SELECT state FROM raw_journeys WHERE id = ?');
  const update = db.prepare(
    `UPDATE raw_journeys SET state = ?, status = 'active', stage = 'Setup',
     progress = 50, next_step = 'task_2', updated_at = ? WHERE id = ?`,
  );
  const event = db.prepare(
    `INSERT INTO raw_events (journey_id, type, at, by, step_key, data)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const outbox = db.prepare(
    `INSERT INTO raw_outbox (id, journey_id, type, payload, idempotency_key,
     created_at) VALUES (?, ?, 'notify', ?, ?, ?)`,
  );
  let sequence = 0;
  const commit = db.transaction(() => {
    const row = read.get(sample.id) as { state: string };
    const now = new Date().toISOString();
    update.run(row.state, now, sample.id);
    event.run(sample.id, 'step.completed', now, 'bench', 'task_1', null);
    event.run(sample.id, 'step.ready', now, 'bench', 'task_2', null);
    sequence += 1;
    const id = `raw-${sequence}`;
    outbox.run(id, sample.id, '{"type":"notify"}', `${sample.id}:${id}`, now);
  });
  const started = performance.now();
  for (let i = 0; i < count; i += 1) commit.immediate();
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
