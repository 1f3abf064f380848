import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { invocationFolder, runCli } from '../../src-main/cli/main.ts';
import { embark, embarkJson, expectFailure, tempDir } from '../helpers/cli.ts';
import {
  actOn,
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

type Added = { clientId: string; journeyId: string; riskTier: string };

async function addClient(name: string, attrs: object): Promise<Added> {
  return embarkJson<Added>(data.dir, [
    'client',
    'add',
    '--name',
    name,
    '--attrs',
    JSON.stringify(attrs),
  ]);
}

async function show(id: string): Promise<JourneyJson> {
  return embarkJson<JourneyJson>(data.dir, ['journey', 'show', id]);
}

describe('classification stays with the client', () => {
  test('journey set cannot change the risk tier', async () => {
    const added = await addClient('HIPAA Clinic', {
      employees: 5,
      compliance: ['HIPAA'],
    });
    expect(added.riskTier).toBe('high');
    const before = await show(added.journeyId);
    expectFailure(
      await embark(data.dir, [
        'journey',
        'set',
        added.journeyId,
        '--vars',
        '{"riskTier": "low"}',
      ]),
      'INVALID_INPUT',
      'riskTier',
    );
    expect(await show(added.journeyId)).toEqual(before);
  });

  test('a form answer cannot change the risk tier', async () => {
    const added = await addClient('Form Clinic', {
      employees: 5,
      compliance: ['HIPAA'],
    });
    const journey = await embarkJson<JourneyJson & { vars: object }>(data.dir, [
      'journey',
      'act',
      added.journeyId,
      'intake_form',
      '--action',
      'submit',
      '--data',
      JSON.stringify({
        companyName: 'Form Clinic',
        primaryContact: { name: 'Ana', email: 'ana@clinic.example' },
        employees: 5,
        handlesPaymentCards: false,
        riskTier: 'low',
      }),
    ]);
    expect(journey.vars).toMatchObject({ riskTier: 'high' });
  });
});

describe('checked options', () => {
  test('--as before the command records the person', async () => {
    const added = await addClient('Corner Shop', { employees: 4 });
    const result = await embark(data.dir, [
      '--as',
      'Rita Reviewer',
      'journey',
      'act',
      added.journeyId,
      'intake_form',
      '--action',
      'skip',
      '--comment',
      'Filled on paper',
    ]);
    expect(result.code).toBe(0);
    const timeline = await embarkJson<{ by: string; type: string }[]>(
      data.dir,
      ['journey', 'history', added.journeyId],
    );
    const skipped = timeline.find((entry) => entry.type === 'step.skipped');
    expect(skipped?.by).toBe('Rita Reviewer');
  });

  test('data folder must be a folder', async () => {
    expectFailure(
      await embark('', ['journey', 'list']),
      'INVALID_INPUT',
      'must not be empty',
    );
    const file = path.join(data.dir, 'not-a-folder');
    writeFileSync(file, 'x');
    expectFailure(
      await embark(file, ['journey', 'list']),
      'INVALID_INPUT',
      'is a file, not a folder',
    );
  });

  test('a folder is not an upload', async () => {
    const added = await addClient('Folder Co', { employees: 4 });
    const folder = path.join(data.dir, 'folder.pdf');
    mkdirSync(folder);
    expectFailure(
      await embark(data.dir, [
        'journey',
        'act',
        added.journeyId,
        'documents',
        '--action',
        'upload',
        '--file',
        folder,
      ]),
      'INVALID_INPUT',
      'is not a file',
    );
  });

  test('filters reject unknown values', async () => {
    expectFailure(
      await embark(data.dir, ['journey', 'list', '--status', 'bogus']),
      'INVALID_INPUT',
      'active, completed, cancelled, paused',
    );
    expectFailure(
      await embark(data.dir, ['board', '--risk', 'nope']),
      'INVALID_INPUT',
      'low, medium, high',
    );
    expectFailure(
      await embark(data.dir, ['board', '--stage', 'Nowhere']),
      'INVALID_INPUT',
      'Intake',
    );
  });

  test('sample workspace size is capped', async () => {
    expectFailure(
      await embark(data.dir, ['sample-workspace', '--clients', '99999999']),
      'INVALID_INPUT',
      'at most 20000',
    );
    expect(await embarkJson<unknown[]>(data.dir, ['client', 'list'])).toEqual(
      [],
    );
  });

  test('a value starting with a dash says how', async () => {
    expectFailure(
      await embark(data.dir, ['sample-workspace', '--clients', '-5']),
      'INVALID_INPUT',
      'write --clients=VALUE',
    );
    expect(await embarkJson<unknown[]>(data.dir, ['client', 'list'])).toEqual(
      [],
    );
  });

  test('client names stay on one line', async () => {
    expectFailure(
      await embark(data.dir, [
        'client',
        'add',
        '--name',
        'Two\nLines',
        '--attrs',
        '{}',
      ]),
      'INVALID_INPUT',
      'one line',
    );
  });

  test('client edit needs a change', async () => {
    const added = await addClient('Quiet Co', { employees: 4 });
    expectFailure(
      await embark(data.dir, ['client', 'edit', added.clientId]),
      'INVALID_INPUT',
      'Nothing to change',
    );
  });
});

describe('rework and restarts', () => {
  test('a rejection needs a comment', async () => {
    const added = await addClient('Review Co', {
      employees: 4,
      risk: 'medium',
    });
    let journey = await show(added.journeyId);
    journey = await actOn(
      data.dir,
      journey.id,
      stepOf(journey, 'intake_form'),
      pdf,
    );
    journey = await actOn(
      data.dir,
      journey.id,
      stepOf(journey, 'documents'),
      pdf,
    );
    journey = await actOn(
      data.dir,
      journey.id,
      stepOf(journey, 'documents'),
      pdf,
    );
    expectFailure(
      await embark(data.dir, [
        'journey',
        'act',
        journey.id,
        'documents',
        '--action',
        'reject',
      ]),
      'INVALID_INPUT',
      '--comment',
    );
    const rejected = await embarkJson<JourneyJson>(data.dir, [
      'journey',
      'act',
      journey.id,
      'documents',
      '--action',
      'reject',
      '--comment',
      'The tax form is unsigned',
    ]);
    // A rejected upload asks for the documents again, not the intake form.
    expect(stepOf(rejected, 'documents')).toMatchObject({
      state: 'ready',
      attempt: 2,
    });
    expect(stepOf(rejected, 'intake_form').attempt).toBe(1);
  });

  test('a cancelled journey can start again', async () => {
    const added = await addClient('Restart Co', { employees: 4 });
    expectFailure(
      await embark(data.dir, ['journey', 'start', '--client', added.clientId]),
      'INVALID_INPUT',
      'already has a running journey',
    );
    await embarkJson(data.dir, [
      'journey',
      'cancel',
      added.journeyId,
      '--reason',
      'Paused contract',
    ]);
    const restarted = await embarkJson<JourneyJson>(data.dir, [
      'journey',
      'start',
      '--client',
      added.clientId,
    ]);
    expect(restarted.id).not.toBe(added.journeyId);
    expect(restarted.status).toBe('active');
  });

  test('migrating to the same playbook is refused', async () => {
    const added = await addClient('Same Co', { employees: 4 });
    expectFailure(
      await embark(data.dir, [
        'journey',
        'migrate',
        added.journeyId,
        '--segment',
        'smb',
      ]),
      'INVALID_INPUT',
      'already runs on smb',
    );
  });

  test('archived clients leave the board', async () => {
    const kept = await addClient('Kept Co', { employees: 4 });
    const archived = await addClient('Archived Co', { employees: 4 });
    await embarkJson(data.dir, ['client', 'archive', archived.clientId]);
    const board = await embarkJson<{ cards: { clientId: string }[] }>(
      data.dir,
      ['board'],
    );
    expect(board.cards.map((card) => card.clientId)).toEqual([kept.clientId]);
  });
});

describe('CSV dry run', () => {
  test('lists every bad row and imports nothing', async () => {
    const csv = path.join(data.dir, 'clients.csv');
    const rows = ['name,employees'];
    for (let line = 0; line < 8; line += 1) rows.push(`Bad ${line},many`);
    rows.push('Good Co,12');
    writeFileSync(csv, rows.join('\n'));
    const report = await embarkJson<{
      valid: number;
      errors: { line: number }[];
    }>(data.dir, ['client', 'import', csv, '--dry-run']);
    expect(report.valid).toBe(1);
    expect(report.errors.map((error) => error.line)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(await embarkJson<unknown[]>(data.dir, ['client', 'list'])).toEqual(
      [],
    );
  });
});

describe('relative paths', () => {
  test('npm run names the folder typed in', () => {
    const env = { npm_lifecycle_event: 'embark', INIT_CWD: '/home/dana' };
    expect(invocationFolder(env, '/opt/embark')).toBe('/home/dana');
    expect(invocationFolder({ INIT_CWD: '/home/dana' }, '/opt/embark')).toBe(
      '/opt/embark',
    );
    expect(invocationFolder({}, '/opt/embark')).toBe('/opt/embark');
  });

  test('data folder resolves against that folder', async () => {
    const typedIn = tempDir();
    try {
      let stdout = '';
      const code = await runCli(
        ['--json', '--data', 'relative-data', 'client', 'list'],
        {
          stdout: (text) => {
            stdout += text;
          },
          stderr: () => undefined,
          env: process.env,
          cwd: typedIn.dir,
        },
      );
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual([]);
      expect(
        existsSync(path.join(typedIn.dir, 'relative-data', 'embark.db')),
      ).toBe(true);
    } finally {
      typedIn.remove();
    }
  });
});
