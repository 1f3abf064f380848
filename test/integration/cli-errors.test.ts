import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  embark,
  embarkJson,
  expectFailure,
  repoRoot,
  spawnEmbark,
  tempDir,
} from '../helpers/cli.ts';
import {
  actOn,
  openSteps,
  stepOf,
  writeSamplePdf,
  type JourneyJson,
} from '../helpers/journeys.ts';

let data: { dir: string; remove: () => void };
let pdf: string;

beforeEach(async () => {
  data = tempDir();
  pdf = await writeSamplePdf(data.dir);
});
afterEach(() => data.remove());

async function smbJourney(): Promise<JourneyJson> {
  const added = await embarkJson<{ journeyId: string }>(data.dir, [
    'client',
    'add',
    '--name',
    'Lakeside Dental',
    '--attrs',
    '{"employees": 9, "risk": "medium"}',
  ]);
  return embarkJson<JourneyJson>(data.dir, [
    'journey',
    'show',
    added.journeyId,
  ]);
}

async function journeyRow(id: string): Promise<string> {
  const result = await embark(data.dir, ['--json', 'journey', 'show', id]);
  return result.stdout;
}

function documentFiles(): string[] {
  const root = path.join(data.dir, 'documents');
  try {
    return readdirSync(root, { recursive: true }).map(String);
  } catch {
    return [];
  }
}

describe('bad input through the CLI', () => {
  test('invalid form answers change nothing', async () => {
    const journey = await smbJourney();
    const before = await journeyRow(journey.id);
    const result = await embark(data.dir, [
      '--json',
      'journey',
      'act',
      journey.id,
      'intake_form',
      '--action',
      'submit',
      '--data',
      '{"companyName": 42}',
    ]);
    expectFailure(result, 'FORM_INVALID', '/companyName');
    expect(await journeyRow(journey.id)).toBe(before);
  });

  test('malformed --data JSON is rejected', async () => {
    const journey = await smbJourney();
    const result = await embark(data.dir, [
      'journey',
      'act',
      journey.id,
      'intake_form',
      '--action',
      'submit',
      '--data',
      '{companyName',
    ]);
    expectFailure(result, 'INVALID_INPUT', '--data is not valid JSON');
  });

  test('uploads of the wrong type, empty or too large', async () => {
    let journey = await smbJourney();
    journey = await actOn(
      data.dir,
      journey.id,
      stepOf(journey, 'intake_form'),
      pdf,
    );
    const before = await journeyRow(journey.id);
    const png = path.join(data.dir, 'photo.pdf');
    writeFileSync(
      png,
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
        'hex',
      ),
    );
    const empty = path.join(data.dir, 'empty.pdf');
    writeFileSync(empty, '');
    const large = path.join(data.dir, 'large.pdf');
    writeFileSync(large, Buffer.alloc(25 * 1024 * 1024 + 1, 0x20));
    const cases: [string, string, string][] = [
      [png, 'DOCUMENT_REJECTED', 'image/png'],
      [empty, 'DOCUMENT_REJECTED', 'empty'],
      [
        large,
        'DOCUMENT_REJECTED',
        '26,214,401 bytes, over the limit of 26,214,400 bytes (25 MB)',
      ],
      [path.join(data.dir, 'missing.pdf'), 'NOT_FOUND', 'missing.pdf'],
    ];
    for (const [file, code, text] of cases) {
      const result = await embark(data.dir, [
        'journey',
        'act',
        journey.id,
        'documents',
        '--action',
        'upload',
        '--slot',
        'business_registration',
        '--file',
        file,
      ]);
      expectFailure(result, code, text);
    }
    expect(await journeyRow(journey.id)).toBe(before);
    expect(documentFiles()).toEqual([]);
  });

  test('acting on a step that is not ready', async () => {
    const journey = await smbJourney();
    const before = await journeyRow(journey.id);
    const result = await embark(data.dir, [
      'journey',
      'act',
      journey.id,
      'agreement',
      '--action',
      'submit',
      '--data',
      '{}',
    ]);
    expectFailure(result, 'STEP_NOT_READY', 'agreement');
    expect(await journeyRow(journey.id)).toBe(before);
  });

  test('the wrong action for a step kind', async () => {
    const journey = await smbJourney();
    const result = await embark(data.dir, [
      'journey',
      'act',
      journey.id,
      'intake_form',
      '--action',
      'approve',
    ]);
    expectFailure(result, 'ACTION_NOT_ALLOWED', 'intake_form');
  });

  test('voting twice on an approval', async () => {
    const added = await embarkJson<{ journeyId: string }>(data.dir, [
      'client',
      'add',
      '--name',
      'Vandelay Imports',
      '--attrs',
      '{"employees": 5000, "annualContractValue": 700000, "stakeholders": 12}',
    ]);
    let journey = await embarkJson<JourneyJson>(data.dir, [
      'journey',
      'show',
      added.journeyId,
    ]);
    while (stepOf(journey, 'contract_approval_chain').state === 'blocked') {
      journey = await actOn(data.dir, journey.id, openSteps(journey)[0]!, pdf);
    }
    const vote = [
      'journey',
      'act',
      journey.id,
      'contract_approval_chain',
      '--action',
      'approve',
      '--as',
      'Lena Legal',
    ];
    expect((await embark(data.dir, vote)).code).toBe(0);
    const before = await journeyRow(journey.id);
    expectFailure(await embark(data.dir, vote), 'ALREADY_VOTED', 'Lena Legal');
    expect(await journeyRow(journey.id)).toBe(before);
  });

  test('unknown ids and an unknown segment', async () => {
    expectFailure(
      await embark(data.dir, ['journey', 'show', 'no-such-journey']),
      'NOT_FOUND',
      'no-such-journey',
    );
    expectFailure(
      await embark(data.dir, ['client', 'show', 'no-such-client']),
      'NOT_FOUND',
      'no-such-client',
    );
    expectFailure(
      await embark(data.dir, [
        'playbook',
        'export',
        'nope',
        '--format',
        'json',
      ]),
      'NOT_FOUND',
      'nope',
    );
    const journey = await smbJourney();
    expectFailure(
      await embark(data.dir, [
        'journey',
        'act',
        journey.id,
        'no_step',
        '--action',
        'complete',
      ]),
      'NOT_FOUND',
      'no_step',
    );
    expectFailure(
      await embark(data.dir, [
        'client',
        'add',
        '--name',
        'X',
        '--attrs',
        '{}',
        '--segment',
        'galactic',
        '--reason',
        'big',
      ]),
      'UNKNOWN_SEGMENT',
      'galactic',
    );
    expectFailure(
      await embark(data.dir, [
        'journey',
        'migrate',
        journey.id,
        '--segment',
        'huge',
      ]),
      'UNKNOWN_SEGMENT',
      'huge',
    );
    expectFailure(
      await embark(data.dir, [
        'client',
        'add',
        '--name',
        'X',
        '--attrs',
        '{}',
        '--segment',
        'enterprise',
      ]),
      'INVALID_INPUT',
      '--reason',
    );
    const clients = await embarkJson<unknown[]>(data.dir, ['client', 'list']);
    expect(clients).toHaveLength(1);
  });

  test('a CSV with bad rows imports nothing', async () => {
    const csv = path.join(data.dir, 'clients.csv');
    writeFileSync(
      csv,
      [
        'name,employees,risk,contact_name,contact_email',
        'Good Co,12,low,Ana Silva,ana@good.example',
        ',40,low,,',
        'Bad Numbers,many,low,,',
        'Bad Risk,10,extreme,,',
        'Bad Email,10,low,Bo Chen,not-an-email',
      ].join('\n'),
    );
    const result = await embark(data.dir, ['client', 'import', csv]);
    expectFailure(result, 'CSV_INVALID', 'line 3');
    for (const line of ['line 4', 'line 5', 'line 6']) {
      expect(result.stderr).toContain(line);
    }
    expect(await embarkJson<unknown[]>(data.dir, ['client', 'list'])).toEqual(
      [],
    );

    const skipped = await embarkJson<{ added: unknown[]; errors: unknown[] }>(
      data.dir,
      ['client', 'import', csv, '--skip-invalid'],
    );
    expect(skipped.added).toHaveLength(1);
    expect(skipped.errors).toHaveLength(4);
  });

  test('a malformed BPMN file publishes nothing', async () => {
    const file = path.join(data.dir, 'broken.bpmn');
    writeFileSync(file, 'this is not XML at all');
    const before = await embarkJson<unknown[]>(data.dir, ['playbook', 'list']);
    const result = await embark(data.dir, ['playbook', 'import', file]);
    expectFailure(result, 'BPMN_INVALID', 'XML');
    expect(await embarkJson<unknown[]>(data.dir, ['playbook', 'list'])).toEqual(
      before,
    );
  });

  test('unknown commands and options', async () => {
    expectFailure(
      await embark(data.dir, ['launch']),
      'INVALID_INPUT',
      'launch',
    );
    expectFailure(
      await embark(data.dir, ['journey', 'list', '--colour']),
      'INVALID_INPUT',
      '--colour',
    );
    expectFailure(
      await embark(data.dir, []),
      'INVALID_INPUT',
      'Missing command',
    );
  });

  test('blank --as is rejected', async () => {
    let journey = await smbJourney();
    journey = await actOn(
      data.dir,
      journey.id,
      stepOf(journey, 'intake_form'),
      pdf,
    );
    const before = await journeyRow(journey.id);
    for (const name of ['', '   ']) {
      for (const placement of ['after', 'before'] as const) {
        const act = [
          'journey',
          'act',
          journey.id,
          'documents',
          '--action',
          'upload',
          '--slot',
          'business_registration',
          '--file',
          pdf,
        ];
        const args =
          placement === 'after'
            ? [...act, '--as', name]
            : ['--as', name, ...act];
        const result = await embark(data.dir, ['--json', ...args]);
        expectFailure(result, 'INVALID_INPUT', '--as');
        expect(result.code).toBe(2);
      }
    }
    expect(await journeyRow(journey.id)).toBe(before);
    expect(documentFiles()).toHaveLength(0);
  });
});

describe('the embark binary', () => {
  test('prints one JSON value, or one error line', () => {
    const listed = spawnEmbark(data.dir, ['--json', 'playbook', 'list']);
    expect(listed.code).toBe(0);
    const playbooks = JSON.parse(listed.stdout) as { id: string }[];
    expect(playbooks.map((p) => p.id).sort()).toEqual([
      'enterprise',
      'mid-market',
      'smb',
    ]);
    const failed = spawnEmbark(data.dir, ['--json', 'journey', 'show', 'nope']);
    expectFailure(failed, 'NOT_FOUND', 'nope');
  });
});

describe('a database that cannot be used', () => {
  let holder: ChildProcess | undefined;
  afterEach(() => {
    holder?.kill('SIGKILL');
    holder = undefined;
  });

  test('locked by another process: reads work, writes fail', async () => {
    const journey = await smbJourney();
    const file = path.join(data.dir, 'embark.db');
    holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import Database from 'better-sqlite3';
         const db = new Database(${JSON.stringify(file)});
         db.exec('BEGIN IMMEDIATE');
         db.prepare("INSERT INTO settings (key, value) VALUES ('held', '1')").run();
         process.stdout.write('locked\\n');
         setInterval(() => {}, 1000);`,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => {
      holder!.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('locked')) resolve();
      });
    });
    const env = { EMBARK_BUSY_TIMEOUT_MS: '200' };

    const listed = await embark(data.dir, ['--json', 'journey', 'list'], env);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const journeys = JSON.parse(listed.stdout) as { id: string }[];
    expect(journeys.map((each) => each.id)).toEqual([journey.id]);

    const showResult = await embark(
      data.dir,
      ['--json', 'journey', 'show', journey.id],
      env,
    );
    expect(showResult.stderr).toBe('');
    expect(showResult.code).toBe(0);
    expect((JSON.parse(showResult.stdout) as JourneyJson).id).toBe(journey.id);

    const playbooks = await embark(
      data.dir,
      ['--json', 'playbook', 'list'],
      env,
    );
    expect(playbooks.stderr).toBe('');
    expect(playbooks.code).toBe(0);
    expect(JSON.parse(playbooks.stdout)).toHaveLength(3);

    const added = await embark(
      data.dir,
      [
        '--json',
        'client',
        'add',
        '--name',
        'Harbor Books',
        '--attrs',
        '{"employees": 5, "risk": "low"}',
      ],
      env,
    );
    expectFailure(added, 'DB_LOCKED', 'locked by another process');
    expect(added.code).toBe(1);
  });

  test('corrupt, and left untouched', async () => {
    const file = path.join(data.dir, 'embark.db');
    writeFileSync(
      file,
      Buffer.from('garbage that is not a database '.repeat(200)),
    );
    const before = readFileSync(file);
    const result = await embark(data.dir, ['client', 'list']);
    expectFailure(result, 'DB_CORRUPT', 'embark restore');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).size).toBe(before.length);
  });
});
