import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DocumentStore } from '../../src-main/documents/store.ts';
import {
  fireDueTimers,
  stopScheduler,
} from '../../src-main/scheduler/timers.ts';
import { openWorkspace } from '../../src-main/workspace/workspace.ts';
import { embark, embarkJson, expectFailure, tempDir } from '../helpers/cli.ts';
import {
  actOn,
  driveToEnd,
  stepOf,
  writeSamplePdf,
  type JourneyJson,
} from '../helpers/journeys.ts';

type Added = { clientId: string; segment: string; journeyId: string };
type PlaybookJson = {
  name: string;
  nodes: { key: string; kind: string; name: string; role?: string }[];
  edges: { key: string; from: string; to: string }[];
};

let data: { dir: string; remove: () => void };
let pdf: string;

beforeEach(async () => {
  data = tempDir();
  pdf = await writeSamplePdf(data.dir);
});
afterEach(() => data.remove());

async function addClient(
  dir: string,
  name: string,
  attrs: object,
  extra: string[] = [],
): Promise<Added> {
  return embarkJson<Added>(dir, [
    'client',
    'add',
    '--name',
    name,
    '--attrs',
    JSON.stringify(attrs),
    ...extra,
  ]);
}

async function show(dir: string, id: string): Promise<JourneyJson> {
  return embarkJson<JourneyJson>(dir, ['journey', 'show', id]);
}

async function snapshot(dir: string, id: string): Promise<string> {
  return (await embark(dir, ['--json', 'journey', 'show', id])).stdout;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('backup and restore through the CLI', () => {
  let fresh: { dir: string; remove: () => void };
  beforeEach(() => {
    fresh = tempDir();
  });
  afterEach(() => fresh.remove());

  /** Adds a client, completes its intake and uploads its registration PDF. */
  async function journeyWithUpload(): Promise<Added> {
    const added = await addClient(data.dir, 'Lakeside Dental', {
      employees: 9,
      risk: 'medium',
    });
    let journey = await show(data.dir, added.journeyId);
    journey = await actOn(
      data.dir,
      journey.id,
      stepOf(journey, 'intake_form'),
      pdf,
    );
    await actOn(data.dir, journey.id, stepOf(journey, 'documents'), pdf);
    return added;
  }

  test('restore into a fresh folder brings everything back', async () => {
    const added = await journeyWithUpload();
    const file = path.join(fresh.dir, 'embark-backup.db');
    const backup = await embarkJson<{ documents: number }>(data.dir, [
      'backup',
      file,
    ]);
    expect(backup.documents).toBe(1);

    const target = path.join(fresh.dir, 'restored');
    const restored = await embarkJson<{ documents: number }>(target, [
      'restore',
      file,
    ]);
    expect(restored.documents).toBe(1);
    expect(await snapshot(target, added.journeyId)).toBe(
      await snapshot(data.dir, added.journeyId),
    );
    const clients = await embarkJson<{ id: string }[]>(target, [
      'client',
      'list',
    ]);
    expect(clients.map((client) => client.id)).toEqual([added.clientId]);

    const db = new Database(path.join(target, 'embark.db'), {
      readonly: true,
    });
    const documents = db
      .prepare('SELECT name, hash, slot FROM documents')
      .all() as { name: string; hash: string; slot: string }[];
    db.close();
    expect(documents).toHaveLength(1);
    expect(documents[0]!.slot).toBe('business_registration');
    const store = new DocumentStore(path.join(target, 'documents'));
    expect(store.read(documents[0]!.hash).equals(readFileSync(pdf))).toBe(true);
  });

  test('backup does not overwrite an existing file', async () => {
    await journeyWithUpload();
    const file = path.join(fresh.dir, 'existing.db');
    writeFileSync(file, 'an older backup\n');
    expectFailure(
      await embark(data.dir, ['backup', file]),
      'INVALID_INPUT',
      'already exists',
    );
    expect(readFileSync(file, 'utf8')).toBe('an older backup\n');

    const replaced = await embarkJson<{ documents: number }>(data.dir, [
      'backup',
      file,
      '--overwrite',
    ]);
    expect(replaced.documents).toBe(1);
    expect(readFileSync(file).subarray(0, 15).toString()).toBe(
      'SQLite format 3',
    );
  });

  test('backup target must be a file in a folder', async () => {
    const plain = path.join(fresh.dir, 'plain.txt');
    writeFileSync(plain, 'not a folder\n');
    const cases: [string, string][] = [
      [path.join(plain, 'x.db'), 'is a file, not a folder'],
      [path.join(plain, 'deeper', 'x.db'), 'is a file, not a folder'],
      [fresh.dir, 'is a folder'],
      ['/proc/missing/x.db', 'Cannot create the folder /proc/missing'],
    ];
    for (const [target, message] of cases) {
      const result = await embark(data.dir, ['backup', target, '--overwrite']);
      expectFailure(result, 'INVALID_INPUT', message);
      expect(result.code).toBe(2);
    }
    expect(readFileSync(plain, 'utf8')).toBe('not a folder\n');
    // Missing folders on a writable path are created.
    const nested = path.join(fresh.dir, 'new', 'folder', 'x.db');
    expect((await embark(data.dir, ['backup', nested])).code).toBe(0);
    expect(existsSync(nested)).toBe(true);
  });

  test('restore of a folder is refused', async () => {
    expectFailure(
      await embark(data.dir, ['restore', fresh.dir, '--overwrite']),
      'BACKUP_INVALID',
      'it is a folder',
    );
  });

  test('restore of a non-backup file changes nothing', async () => {
    const added = await journeyWithUpload();
    const database = path.join(data.dir, 'embark.db');
    const journeyBefore = await snapshot(data.dir, added.journeyId);
    const before = sha256(database);
    const notBackup = path.join(fresh.dir, 'notes.db');
    writeFileSync(notBackup, 'meeting notes, not a database\n'.repeat(200));
    expectFailure(
      await embark(data.dir, ['restore', notBackup, '--overwrite']),
      'BACKUP_INVALID',
      'is not an Embark backup',
    );
    expect(sha256(database)).toBe(before);
    expect(await snapshot(data.dir, added.journeyId)).toBe(journeyBefore);
  });

  /** Writes each kind of file that a restore must reject, by case name. */
  async function rejectedFiles(): Promise<Record<string, string>> {
    const backup = path.join(fresh.dir, 'good.embark-backup');
    await embarkJson(data.dir, ['backup', backup]);
    const truncated = path.join(fresh.dir, 'truncated.embark-backup');
    writeFileSync(truncated, readFileSync(backup).subarray(0, 8192));
    const empty = path.join(fresh.dir, 'empty.db');
    writeFileSync(empty, '');
    const otherApp = path.join(fresh.dir, 'other-app.db');
    const other = new Database(otherApp);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    other.close();
    return {
      pdf,
      truncated,
      empty,
      'other app': otherApp,
      missing: path.join(fresh.dir, 'absent.embark-backup'),
      'live database': path.join(data.dir, 'embark.db'),
    };
  }

  test('rejected restore leaves folder unchanged', async () => {
    await journeyWithUpload();
    const files = await rejectedFiles();
    const database = path.join(data.dir, 'embark.db');
    const before = sha256(database);
    const listing = readdirSync(data.dir).sort();
    for (const [name, file] of Object.entries(files)) {
      for (const flags of [['--overwrite'], []]) {
        const result = await embark(data.dir, ['restore', file, ...flags]);
        expect(result.code, `${name} ${flags.join(' ')}`).toBe(1);
        expect(result.stdout, name).toBe('');
        expect(result.stderr, `${name} ${flags.join(' ')}`).toContain(
          '[BACKUP_INVALID]',
        );
        expect(readdirSync(data.dir).sort(), name).toEqual(listing);
        expect(sha256(database), name).toBe(before);
      }
    }
  });

  test('previous database named by timestamp', async () => {
    await journeyWithUpload();
    const file = path.join(fresh.dir, 'embark-backup.db');
    await embarkJson(data.dir, ['backup', file]);
    const restored = await embarkJson<{ previousDatabase: string }>(data.dir, [
      'restore',
      file,
      '--overwrite',
    ]);
    expect(path.dirname(restored.previousDatabase)).toBe(data.dir);
    expect(path.basename(restored.previousDatabase)).toMatch(
      /^embark\.db\.before-restore-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/,
    );
  });

  test('restore over existing data needs --overwrite', async () => {
    const added = await journeyWithUpload();
    const file = path.join(fresh.dir, 'embark-backup.db');
    await embarkJson(data.dir, ['backup', file]);
    const database = path.join(data.dir, 'embark.db');
    const before = sha256(database);
    expectFailure(
      await embark(data.dir, ['restore', file]),
      'INVALID_INPUT',
      '--overwrite',
    );
    expect(sha256(database)).toBe(before);

    const restored = await embarkJson<{ previousDatabase: string }>(data.dir, [
      'restore',
      file,
      '--overwrite',
    ]);
    expect(sha256(restored.previousDatabase)).toBe(before);
    const journey = await snapshot(data.dir, added.journeyId);
    expect(journey).toContain(added.journeyId);
  });
});

describe('a newer playbook version', () => {
  /** Exports smb and inserts a `welcome_call` task after the intake form. */
  async function writeVersionTwo(): Promise<string> {
    const file = path.join(data.dir, 'smb-v2.json');
    await embarkJson(data.dir, [
      'playbook',
      'export',
      'smb',
      '--format',
      'json',
      '--out',
      file,
    ]);
    const playbook = JSON.parse(readFileSync(file, 'utf8')) as PlaybookJson;
    const edge = playbook.edges.find(
      (candidate) =>
        candidate.from === 'intake_form' && candidate.to === 'documents',
    );
    expect(edge).toBeDefined();
    edge!.to = 'welcome_call';
    playbook.nodes.push({
      key: 'welcome_call',
      kind: 'task',
      name: 'Welcome call',
      role: 'coordinator',
    });
    playbook.edges.push({
      key: 'welcome_call__documents',
      from: 'welcome_call',
      to: 'documents',
    });
    writeFileSync(file, JSON.stringify(playbook, null, 2));
    return file;
  }

  test('import --id publishes the next version', async () => {
    const file = await writeVersionTwo();
    const report = await embarkJson<{ id: string; version: number }>(data.dir, [
      'playbook',
      'import',
      file,
      '--id',
      'smb',
    ]);
    expect(report).toMatchObject({ id: 'smb', version: 2, nodes: 11 });
    const list = await embarkJson<{ id: string; version: number }[]>(data.dir, [
      'playbook',
      'list',
    ]);
    expect(list.find((playbook) => playbook.id === 'smb')?.version).toBe(2);

    const copy = await embarkJson<{ id: string; version: number }>(data.dir, [
      'playbook',
      'import',
      file,
    ]);
    expect(copy.id).not.toBe('smb');
    expect(copy.version).toBe(1);
  });

  test('import --id of an unknown playbook adds nothing', async () => {
    const file = await writeVersionTwo();
    const before = await embarkJson(data.dir, ['playbook', 'list']);
    expectFailure(
      await embark(data.dir, ['playbook', 'import', file, '--id', 'nope']),
      'NOT_FOUND',
      'Playbook nope not found',
    );
    expect(await embarkJson(data.dir, ['playbook', 'list'])).toEqual(before);
  });

  test('journey migrates to version 2 after a dry run', async () => {
    const added = await addClient(data.dir, 'Corner Bakery', {
      employees: 9,
      risk: 'low',
    });
    const id = added.journeyId;
    let journey = await show(data.dir, id);
    journey = await actOn(data.dir, id, stepOf(journey, 'intake_form'), pdf);
    journey = await actOn(data.dir, id, stepOf(journey, 'documents'), pdf);
    expect(stepOf(journey, 'documents').state).toBe('in_progress');
    await embarkJson(data.dir, [
      'playbook',
      'import',
      await writeVersionTwo(),
      '--id',
      'smb',
    ]);

    const before = await snapshot(data.dir, id);
    const plan = await embarkJson<{
      added: string[];
      removed: string[];
      kept: string[];
    }>(data.dir, [
      'journey',
      'migrate',
      id,
      '--playbook',
      'smb',
      '--version',
      '2',
      '--dry-run',
    ]);
    expect(plan.added).toEqual(['welcome_call']);
    expect(plan.removed).toEqual([]);
    expect(plan.kept).toContain('intake_form');
    expect(await snapshot(data.dir, id)).toBe(before);

    await embarkJson(data.dir, [
      'journey',
      'migrate',
      id,
      '--playbook',
      'smb',
      '--version',
      '2',
      '--reason',
      'Welcome calls for every client',
    ]);
    const moved = await show(data.dir, id);
    expect(moved.playbookVersion).toBe(2);
    expect(stepOf(moved, 'intake_form').state).toBe('done');
    expect(stepOf(moved, 'intake_form').attempt).toBe(1);
    expect(stepOf(moved, 'welcome_call').state).toBe('ready');
    // A started upload after the new step waits for it and keeps its files.
    expect(stepOf(moved, 'documents').state).toBe('blocked');
    const uploaded = (step: { slots?: { document?: unknown }[] }) =>
      (step.slots ?? []).filter((slot) => slot.document).length;
    expect(uploaded(stepOf(moved, 'documents'))).toBe(1);

    const next = await actOn(data.dir, id, stepOf(moved, 'welcome_call'), pdf);
    expect(stepOf(next, 'welcome_call').state).toBe('done');
    expect(stepOf(next, 'documents').state).toBe('in_progress');
    expect(stepOf(next, 'documents').attempt).toBe(1);
    expect(uploaded(stepOf(next, 'documents'))).toBe(1);
    const final = await driveToEnd(data.dir, id, pdf);
    expect(final.status).toBe('completed');
    for (const step of final.steps) {
      if (step.attempt > 0) expect(step.attempt, step.key).toBe(1);
    }
  });
});

describe('wait timers', () => {
  const waitPlaybook = {
    name: 'Cooling-off onboarding',
    nodes: [
      { key: 'start', kind: 'start', name: 'Start' },
      {
        key: 'sign_contract',
        kind: 'task',
        name: 'Sign contract',
        role: 'coordinator',
      },
      {
        key: 'cooling_off',
        kind: 'wait',
        name: 'Cooling-off period',
        wait: { duration: 'PT1H' },
      },
      {
        key: 'kickoff_call',
        kind: 'task',
        name: 'Kickoff call',
        role: 'coordinator',
      },
      { key: 'end', kind: 'end', name: 'End' },
    ],
    edges: [
      { key: 'to_contract', from: 'start', to: 'sign_contract' },
      { key: 'to_wait', from: 'sign_contract', to: 'cooling_off' },
      { key: 'to_kickoff', from: 'cooling_off', to: 'kickoff_call' },
      { key: 'to_end', from: 'kickoff_call', to: 'end' },
    ],
  };

  const inTwoHours = () => new Date(Date.now() + 2 * 3_600_000);

  /** Starts a journey on the wait playbook and completes its first task. */
  async function waitingJourney(): Promise<string> {
    const file = path.join(data.dir, 'cooling-off.json');
    writeFileSync(file, JSON.stringify(waitPlaybook));
    const playbook = await embarkJson<{ id: string }>(data.dir, [
      'playbook',
      'import',
      file,
    ]);
    const added = await addClient(
      data.dir,
      'Harbour Florist',
      {
        employees: 12,
      },
      ['--playbook', playbook.id],
    );
    const journey = await embarkJson<JourneyJson>(data.dir, [
      'journey',
      'act',
      added.journeyId,
      'sign_contract',
      '--action',
      'complete',
    ]);
    expect(stepOf(journey, 'cooling_off').state).not.toBe('done');
    expect(stepOf(journey, 'kickoff_call').state).toBe('blocked');
    return added.journeyId;
  }

  /** Opens the data folder two hours ahead and fires what fell due. */
  function fireInTwoHours(): number {
    const ws = openWorkspace(data.dir, { clock: inTwoHours, log: false });
    try {
      return fireDueTimers(ws, 'test');
    } finally {
      stopScheduler(ws, 'test');
      ws.close();
    }
  }

  function pendingTimers(): number {
    const db = new Database(path.join(data.dir, 'embark.db'), {
      readonly: true,
    });
    try {
      return db
        .prepare('SELECT count(*) FROM timers WHERE fired_at IS NULL')
        .pluck()
        .get() as number;
    } finally {
      db.close();
    }
  }

  test('a due timer fires once after a restart', async () => {
    const id = await waitingJourney();
    expect(pendingTimers()).toBe(1);
    expect(fireInTwoHours()).toBe(1);
    expect(fireInTwoHours()).toBe(0);
    expect(pendingTimers()).toBe(0);
    const journey = await show(data.dir, id);
    expect(stepOf(journey, 'cooling_off').state).toBe('done');
    expect(stepOf(journey, 'kickoff_call').state).toBe('ready');
    expect(stepOf(journey, 'kickoff_call').attempt).toBe(1);
  });

  test('a paused journey keeps its timer until resumed', async () => {
    const id = await waitingJourney();
    await embarkJson(data.dir, ['journey', 'pause', id]);
    expect(fireInTwoHours()).toBe(0);
    expect(pendingTimers()).toBe(1);
    expect(stepOf(await show(data.dir, id), 'kickoff_call').state).toBe(
      'blocked',
    );

    await embarkJson(data.dir, ['journey', 'resume', id]);
    expect(fireInTwoHours()).toBe(1);
    const journey = await show(data.dir, id);
    expect(stepOf(journey, 'cooling_off').state).toBe('done');
    expect(stepOf(journey, 'kickoff_call').state).toBe('ready');
  });

  test('due timer skipped while locked', async () => {
    const id = await waitingJourney();
    const other = new Database(path.join(data.dir, 'embark.db'));
    other.prepare('UPDATE timers SET fire_at = ?').run('2000-01-01T00:00:00Z');
    other.exec('BEGIN IMMEDIATE');
    try {
      const result = await embark(data.dir, ['--json', 'journey', 'show', id], {
        EMBARK_BUSY_TIMEOUT_MS: '100',
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const journey = JSON.parse(result.stdout) as JourneyJson;
      expect(stepOf(journey, 'cooling_off').state).not.toBe('done');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(pendingTimers()).toBe(1);
    const journey = await show(data.dir, id);
    expect(stepOf(journey, 'cooling_off').state).toBe('done');
    expect(pendingTimers()).toBe(0);
  });
});

describe('sample workspace', () => {
  test('fills clients across the three segments', async () => {
    const result = await embarkJson<{ clients: number; journeys: number }>(
      data.dir,
      ['sample-workspace', '--clients', '9'],
    );
    expect(result).toEqual({ clients: 9, journeys: 9 });
    const clients = await embarkJson<{ segment: string }[]>(data.dir, [
      'client',
      'list',
    ]);
    expect(clients).toHaveLength(9);
    const perSegment = new Map<string, number>();
    for (const client of clients) {
      perSegment.set(client.segment, (perSegment.get(client.segment) ?? 0) + 1);
    }
    expect(Object.fromEntries(perSegment)).toEqual({
      smb: 3,
      'mid-market': 3,
      enterprise: 3,
    });
    const journeys = await embarkJson<{ progress: number }[]>(data.dir, [
      'journey',
      'list',
    ]);
    expect(journeys).toHaveLength(9);
    const progress = new Set(journeys.map((journey) => journey.progress));
    expect(progress.size).toBeGreaterThan(2);
  });

  test('invalid client counts add nothing', async () => {
    for (const count of ['0', '-3', 'many', '2.5']) {
      expectFailure(
        await embark(data.dir, ['sample-workspace', `--clients=${count}`]),
        'INVALID_INPUT',
        '--clients must be a whole number',
      );
    }
    expect(
      existsSync(path.join(data.dir, 'embark.db'))
        ? await embarkJson(data.dir, ['client', 'list'])
        : [],
    ).toEqual([]);
  });
});
