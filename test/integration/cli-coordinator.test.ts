import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { embark, embarkJson, expectFailure, tempDir } from '../helpers/cli.ts';
import {
  actOn,
  openSteps,
  stepOf,
  writeSamplePdf,
  type JourneyJson,
} from '../helpers/journeys.ts';

type Added = {
  clientId: string;
  segment: string;
  riskTier: string;
  journeyId: string;
};

type EventRow = { type: string; by: string; step_key: string | null };

let data: { dir: string; remove: () => void };
let pdf: string;

beforeEach(async () => {
  data = tempDir();
  pdf = await writeSamplePdf(data.dir);
});
afterEach(() => data.remove());

/** Runs a query on the data folder's database through a read-only handle. */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(data.dir, 'embark.db'), {
    readonly: true,
  });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function addClient(
  name: string,
  attrs: object,
  extra: string[] = [],
): Promise<Added> {
  return embarkJson<Added>(data.dir, [
    'client',
    'add',
    '--name',
    name,
    '--attrs',
    JSON.stringify(attrs),
    ...extra,
  ]);
}

async function smbJourney(): Promise<JourneyJson> {
  const added = await addClient('Lakeside Dental', {
    employees: 9,
    risk: 'medium',
  });
  return show(added.journeyId);
}

async function show(id: string): Promise<JourneyJson> {
  return embarkJson<JourneyJson>(data.dir, ['journey', 'show', id]);
}

/** Returns the journey exactly as `journey show --json` prints it. */
async function snapshot(id: string): Promise<string> {
  return (await embark(data.dir, ['--json', 'journey', 'show', id])).stdout;
}

async function act(id: string, key: string, args: string[]) {
  return embark(data.dir, ['--json', 'journey', 'act', id, key, ...args]);
}

function journeyEvents(journeyId: string): EventRow[] {
  return query<EventRow>(
    'SELECT type, by, step_key FROM events WHERE journey_id = ? ORDER BY seq',
    journeyId,
  );
}

describe('coordinator actions through the CLI', () => {
  test('skip needs a reason', async () => {
    const journey = await smbJourney();
    const before = await snapshot(journey.id);
    for (const extra of [[], ['--comment', ''], ['--comment', '   ']]) {
      const result = await act(journey.id, 'intake_form', [
        '--action',
        'skip',
        ...extra,
      ]);
      expectFailure(result, 'INVALID_INPUT', 'needs a reason');
    }
    expect(await snapshot(journey.id)).toBe(before);

    const skipped = await act(journey.id, 'intake_form', [
      '--action',
      'skip',
      '--comment',
      'Collected on the phone',
    ]);
    expect(skipped.code).toBe(0);
    const after = JSON.parse(skipped.stdout) as JourneyJson;
    expect(stepOf(after, 'intake_form').state).toBe('skipped');
    expect(stepOf(after, 'documents').state).toBe('ready');
    const event = query<{ data: string }>(
      `SELECT data FROM events WHERE journey_id = ? AND type = 'step.skipped'`,
      journey.id,
    );
    expect(event).toHaveLength(1);
    expect(JSON.parse(event[0]!.data)).toEqual({
      reason: 'Collected on the phone',
    });
  });

  test('reassign shows the new assignee', async () => {
    const journey = await smbJourney();
    const before = await snapshot(journey.id);
    expectFailure(
      await act(journey.id, 'intake_form', ['--action', 'reassign']),
      'INVALID_INPUT',
      'pass --to NAME',
    );
    expect(await snapshot(journey.id)).toBe(before);

    const result = await act(journey.id, 'intake_form', [
      '--action',
      'reassign',
      '--to',
      'Priya Patel',
    ]);
    expect(result.code).toBe(0);
    const after = JSON.parse(result.stdout) as JourneyJson;
    const step = stepOf(after, 'intake_form') as { assignee?: string };
    expect(step.assignee).toBe('Priya Patel');
    expect(stepOf(after, 'intake_form').state).toBe('ready');
    const text = await embark(data.dir, ['journey', 'show', journey.id]);
    expect(text.stdout).toMatch(/OWNER/);
    expect(text.stdout).toMatch(
      /intake_form\s+form\s+ready\s+Priya Patel \(client\)/,
    );
  });

  test('reopen starts a new attempt and cancels downstream', async () => {
    let journey = await smbJourney();
    journey = await actOn(
      data.dir,
      journey.id,
      stepOf(journey, 'intake_form'),
      pdf,
    );
    expect(stepOf(journey, 'intake_form').state).toBe('done');
    expect(stepOf(journey, 'documents').state).toBe('ready');

    // Only a done or skipped step can be reopened.
    const before = await snapshot(journey.id);
    expectFailure(
      await act(journey.id, 'documents', ['--action', 'reopen']),
      'STEP_NOT_READY',
      'cannot be reopened',
    );
    expect(await snapshot(journey.id)).toBe(before);

    const result = await act(journey.id, 'intake_form', [
      '--action',
      'reopen',
      '--comment',
      'Wrong company name',
    ]);
    expect(result.code).toBe(0);
    const reopened = JSON.parse(result.stdout) as JourneyJson;
    expect(stepOf(reopened, 'intake_form').state).toBe('ready');
    expect(stepOf(reopened, 'intake_form').attempt).toBe(2);
    expect(stepOf(reopened, 'documents').state).toBe('cancelled');
    expect(openSteps(reopened).map((step) => step.key)).toEqual([
      'intake_form',
    ]);

    // The new attempt flows on as the first did.
    const redone = await actOn(
      data.dir,
      journey.id,
      stepOf(reopened, 'intake_form'),
      pdf,
    );
    expect(stepOf(redone, 'documents').state).toBe('ready');
    expect(stepOf(redone, 'documents').attempt).toBe(2);
  });

  test('text view shows files and votes', async () => {
    let journey = await smbJourney();
    journey = await actOn(
      data.dir,
      journey.id,
      stepOf(journey, 'intake_form'),
      pdf,
    );
    const slot = stepOf(journey, 'documents').slots![0]!.name;
    const uploaded = await act(journey.id, 'documents', [
      '--action',
      'upload',
      '--slot',
      slot,
      '--file',
      pdf,
    ]);
    expect(uploaded.code).toBe(0);
    const text = (await embark(data.dir, ['journey', 'show', journey.id]))
      .stdout;
    expect(text).toMatch(/^STEP .* DETAIL$/m);
    expect(text).toMatch(/^documents .* 1 of 3 files$/m);
    expect(text).toMatch(/^security_review .* 0 of 1 votes$/m);
  });

  test('paused journey rejects actions until resumed', async () => {
    const journey = await smbJourney();
    const paused = await embarkJson<JourneyJson>(data.dir, [
      'journey',
      'pause',
      journey.id,
      '--reason',
      'Client on holiday',
    ]);
    expect(paused.status).toBe('paused');
    const before = await snapshot(journey.id);
    expectFailure(
      await act(journey.id, 'intake_form', [
        '--action',
        'skip',
        '--comment',
        'x',
      ]),
      'JOURNEY_NOT_ACTIVE',
      'paused',
    );
    expect(await snapshot(journey.id)).toBe(before);

    const resumed = await embarkJson<JourneyJson>(data.dir, [
      'journey',
      'resume',
      journey.id,
    ]);
    expect(resumed.status).toBe('active');
    const active = await snapshot(journey.id);
    const again = await embark(data.dir, ['journey', 'resume', journey.id]);
    expectFailure(again, 'ACTION_NOT_ALLOWED', 'nothing to resume');
    expect(again.code).toBe(1);
    expect(await snapshot(journey.id)).toBe(active);
    const after = await actOn(
      data.dir,
      journey.id,
      stepOf(resumed, 'intake_form'),
      pdf,
    );
    expect(stepOf(after, 'intake_form').state).toBe('done');
  });

  test('cancel needs a reason and closes every open step', async () => {
    let journey = await smbJourney();
    journey = await actOn(
      data.dir,
      journey.id,
      stepOf(journey, 'intake_form'),
      pdf,
    );
    const before = await snapshot(journey.id);
    for (const reason of [[], ['--reason', '   ']]) {
      expectFailure(
        await embark(data.dir, ['journey', 'cancel', journey.id, ...reason]),
        'INVALID_INPUT',
        'Missing --reason',
      );
    }
    expect(await snapshot(journey.id)).toBe(before);

    const cancelled = await embarkJson<JourneyJson>(data.dir, [
      'journey',
      'cancel',
      journey.id,
      '--reason',
      'Contract not signed',
    ]);
    expect(cancelled.status).toBe('cancelled');
    expect(openSteps(cancelled)).toEqual([]);
    expect(stepOf(cancelled, 'documents').state).toBe('cancelled');
    expect(stepOf(cancelled, 'intake_form').state).toBe('done');
    expectFailure(
      await act(journey.id, 'documents', [
        '--action',
        'skip',
        '--comment',
        'x',
      ]),
      'JOURNEY_NOT_ACTIVE',
      'cancelled',
    );
  });
});

describe('who acted', () => {
  test('--as records the name on the events', async () => {
    const journey = await smbJourney();
    const result = await act(journey.id, 'intake_form', [
      '--action',
      'skip',
      '--comment',
      'Filled in by the account manager',
      '--as',
      'Dana Reviewer',
    ]);
    expect(result.code).toBe(0);
    const skipped = journeyEvents(journey.id).filter(
      (event) => event.type === 'step.skipped',
    );
    expect(skipped).toEqual([
      { type: 'step.skipped', by: 'Dana Reviewer', step_key: 'intake_form' },
    ]);
  });

  test('identity set names later actions', async () => {
    const identity = await embarkJson<{ name: string; email: string }>(
      data.dir,
      ['identity', 'set', '--name', 'Ana Silva', '--email', 'ana@example.com'],
    );
    expect(identity).toEqual({ name: 'Ana Silva', email: 'ana@example.com' });
    const journey = await smbJourney();
    await actOn(data.dir, journey.id, stepOf(journey, 'intake_form'), pdf);
    const events = journeyEvents(journey.id);
    const completed = events.find((event) => event.type === 'step.completed');
    expect(completed?.by).toBe('Ana Silva');
    expect(events.every((event) => event.by === 'Ana Silva')).toBe(true);
    const client = query<{ by: string }>(
      `SELECT by FROM events WHERE type = 'client.added'`,
    );
    expect(client).toEqual([{ by: 'Ana Silva' }]);
  });

  test('invalid identity changes nothing', async () => {
    await embarkJson(data.dir, ['identity', 'set', '--name', 'Ana Silva']);
    expectFailure(
      await embark(data.dir, ['identity', 'set', '--name', '']),
      'INVALID_INPUT',
      'Missing --name',
    );
    expectFailure(
      await embark(data.dir, ['identity', 'set', '--name', '   ']),
      'INVALID_INPUT',
      'Missing --name',
    );
    expectFailure(
      await embark(data.dir, [
        'identity',
        'set',
        '--name',
        'Bo',
        '--email',
        'not-an-email',
      ]),
      'INVALID_INPUT',
      'Invalid identity',
    );
    const identity = await embarkJson<{ name: string }>(data.dir, [
      'identity',
      'show',
    ]);
    expect(identity.name).toBe('Ana Silva');
  });
});

describe('clients through the CLI', () => {
  type EditResult = {
    client: { segment: string; attributes: Record<string, unknown> };
    classification: { segment: string };
    reclassificationOffered: boolean;
    reclassified: boolean;
    migrateHint?: string;
  };

  test('edit offers reclassification, then applies it', async () => {
    const added = await addClient('Corner Bakery', {
      employees: 9,
      risk: 'low',
    });
    const offered = await embarkJson<EditResult>(data.dir, [
      'client',
      'edit',
      added.clientId,
      '--attrs',
      '{"employees": 5000}',
    ]);
    expect(offered.reclassificationOffered).toBe(true);
    expect(offered.reclassified).toBe(false);
    expect(offered.classification.segment).toBe('enterprise');
    expect(offered.client.segment).toBe('smb');
    expect(offered.client.attributes.employees).toBe(5000);
    expect(offered.migrateHint).toBeUndefined();

    const applied = await embark(data.dir, [
      'client',
      'edit',
      added.clientId,
      '--reclassify',
    ]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Reclassified as enterprise');
    expect(applied.stdout).toContain(
      `embark journey migrate ${added.journeyId} --segment enterprise --dry-run`,
    );
    const client = await embarkJson<{ segment: string }>(data.dir, [
      'client',
      'show',
      added.clientId,
    ]);
    expect(client.segment).toBe('enterprise');
    // The journey moves only through the previewed migration.
    expect((await show(added.journeyId)).segment).toBe('smb');
  });

  test('reclassify replaces a manual segment', async () => {
    const added = await embarkJson<{ clientId: string; segment: string }>(
      data.dir,
      [
        'client',
        'add',
        '--name',
        'Hand Picked',
        '--attrs',
        '{"employees": 9}',
        '--segment',
        'mid-market',
        '--reason',
        'Strategic account',
      ],
    );
    expect(added.segment).toBe('mid-market');
    await embarkJson(data.dir, [
      'client',
      'edit',
      added.clientId,
      '--attrs',
      '{"employees": 5000}',
      '--reclassify',
    ]);
    const client = await embarkJson<{
      segment: string;
      segmentOverride?: unknown;
    }>(data.dir, ['client', 'show', added.clientId]);
    expect(client.segment).toBe('enterprise');
    expect(client.segmentOverride ?? null).toBeNull();
  });

  test('attribute of the wrong type changes nothing', async () => {
    const added = await addClient('Corner Bakery', { employees: 9 });
    const clientBefore = await embark(data.dir, [
      '--json',
      'client',
      'show',
      added.clientId,
    ]);
    const journeyBefore = await snapshot(added.journeyId);
    expectFailure(
      await embark(data.dir, [
        'client',
        'edit',
        added.clientId,
        '--attrs',
        '{"employees": "many"}',
      ]),
      'INVALID_INPUT',
      'employees',
    );
    const clientAfter = await embark(data.dir, [
      '--json',
      'client',
      'show',
      added.clientId,
    ]);
    expect(clientAfter.stdout).toBe(clientBefore.stdout);
    expect(await snapshot(added.journeyId)).toBe(journeyBefore);
  });

  test('archive hides the client from the list', async () => {
    const kept = await addClient('Harbour Florist', { employees: 12 });
    const archived = await addClient('Corner Bakery', { employees: 9 });
    await embarkJson(data.dir, ['client', 'archive', archived.clientId]);
    const active = await embarkJson<{ id: string }[]>(data.dir, [
      'client',
      'list',
    ]);
    expect(active.map((client) => client.id)).toEqual([kept.clientId]);
    const hidden = await embarkJson<{ id: string; archivedAt: string }[]>(
      data.dir,
      ['client', 'list', '--archived'],
    );
    expect(hidden.map((client) => client.id)).toEqual([archived.clientId]);
    expect(hidden[0]!.archivedAt).not.toBeNull();
    expectFailure(
      await embark(data.dir, ['client', 'archive', 'no-such-client']),
      'NOT_FOUND',
      'Client no-such-client not found',
    );
  });

  test('segment override records the reason', async () => {
    const added = await addClient('Wayne Foods', { employees: 9 }, [
      '--segment',
      'enterprise',
      '--reason',
      'Strategic account',
      '--as',
      'Lena Lead',
    ]);
    expect(added.segment).toBe('enterprise');
    const client = await embarkJson<{
      segmentOverride: { segment: string; reason: string; by: string };
    }>(data.dir, ['client', 'show', added.clientId]);
    expect(client.segmentOverride).toMatchObject({
      segment: 'enterprise',
      reason: 'Strategic account',
      by: 'Lena Lead',
    });
    const events = query<{ by: string; data: string }>(
      `SELECT by, data FROM events
        WHERE client_id = ? AND type = 'segment.overridden'`,
      added.clientId,
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.by).toBe('Lena Lead');
    expect(JSON.parse(events[0]!.data)).toMatchObject({
      reason: 'Strategic account',
    });
    expect((await show(added.journeyId)).segment).toBe('enterprise');
  });

  test('bad segment overrides add no client', async () => {
    expectFailure(
      await embark(data.dir, [
        'client',
        'add',
        '--name',
        'Wayne Foods',
        '--attrs',
        '{"employees": 9}',
        '--segment',
        'enterprise',
      ]),
      'INVALID_INPUT',
      'needs a reason',
    );
    expectFailure(
      await embark(data.dir, [
        'client',
        'add',
        '--name',
        'Wayne Foods',
        '--attrs',
        '{"employees": 9}',
        '--segment',
        'giant',
        '--reason',
        'Big',
      ]),
      'UNKNOWN_SEGMENT',
      'Unknown segment "giant"',
    );
    expect(query('SELECT id FROM clients')).toEqual([]);
    expect(query('SELECT id FROM journeys')).toEqual([]);
  });
});

describe('segment rules through the CLI', () => {
  type Rules = {
    segment: { rules: { when: string[]; result: string }[] };
    risk: unknown;
  };

  async function classify(attrs: object) {
    return embarkJson<{ segment: string; riskTier: string }>(data.dir, [
      'segments',
      'classify',
      '--attrs',
      JSON.stringify(attrs),
    ]);
  }

  function writeRules(name: string, rules: unknown): string {
    const file = path.join(data.dir, name);
    writeFileSync(file, JSON.stringify(rules, null, 2));
    return file;
  }

  test('classify, show and set an edited table', async () => {
    expect((await classify({ employees: 150 })).segment).toBe('mid-market');
    const rules = await embarkJson<Rules>(data.dir, ['segments', 'show']);
    const midMarket = rules.segment.rules.find(
      (rule) => rule.when[0] === '>= 100',
    );
    expect(midMarket).toBeDefined();
    midMarket!.when[0] = '>= 200';
    const saved = await embarkJson<Rules>(data.dir, [
      'segments',
      'set',
      writeRules('edited.json', rules),
    ]);
    expect(saved).toEqual(rules);
    expect((await classify({ employees: 150 })).segment).toBe('smb');
    expect((await classify({ employees: 250 })).segment).toBe('mid-market');
    expect(await embarkJson(data.dir, ['segments', 'show'])).toEqual(rules);
  });

  test('invalid tables are not saved', async () => {
    const original = await embarkJson<Rules>(data.dir, ['segments', 'show']);

    const badFeel = structuredClone(original);
    badFeel.segment.rules[0]!.when[0] = '>= = 1000';
    expectFailure(
      await embark(data.dir, [
        'segments',
        'set',
        writeRules('bad-feel.json', badFeel),
      ]),
      'FEEL_INVALID',
      'the segment table, rule 1',
    );

    const unknown = structuredClone(original);
    unknown.segment.rules[0]!.result = 'galactic';
    expectFailure(
      await embark(data.dir, [
        'segments',
        'set',
        writeRules('unknown.json', unknown),
      ]),
      'UNKNOWN_SEGMENT',
      'Unknown segment "galactic"',
    );

    const notJson = path.join(data.dir, 'broken.json');
    writeFileSync(notJson, '{"segment": ');
    expectFailure(
      await embark(data.dir, ['segments', 'set', notJson]),
      'INVALID_INPUT',
      'Cannot read segment rules',
    );

    expect(await embarkJson(data.dir, ['segments', 'show'])).toEqual(original);
    expect(
      query(`SELECT key FROM settings WHERE key = 'segmentRules'`),
    ).toEqual([]);
  });

  test('classify rejects attributes of the wrong type', async () => {
    expectFailure(
      await embark(data.dir, [
        'segments',
        'classify',
        '--attrs',
        '{"employees": "many"}',
      ]),
      'INVALID_INPUT',
      'employees',
    );
  });
});
