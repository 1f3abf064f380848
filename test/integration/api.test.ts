import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleAnswer } from '../../src-shared/forms/sample.ts';
import {
  channels,
  contract,
  type Channel,
  type IpcReply,
  type ResultOf,
} from '../../src-shared/ipc/contract.ts';
import { dispatch } from '../../src-main/api/dispatch.ts';
import {
  createHandlers,
  type Handlers,
  type WorkspaceHooks,
} from '../../src-main/api/handlers.ts';
import {
  openWorkspace,
  type Workspace,
} from '../../src-main/workspace/workspace.ts';

let dir: string;
let ws: Workspace;
let handlers: Handlers;
const called = new Set<string>();

const hooks: WorkspaceHooks = {
  close: () => ws.close(),
  reopen: () => {
    ws = openWorkspace(dir, { log: false });
    handlers = createHandlers(ws, hooks);
    return ws;
  },
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'embark-api-'));
  ws = openWorkspace(dir, { log: false });
  handlers = createHandlers(ws, hooks);
});

afterEach(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(channel: string, args: unknown) {
  called.add(channel);
  return dispatch(handlers, channel, args);
}

/** Calls a channel that must succeed and checks its result's shape. */
async function ok<C extends Channel>(
  channel: C,
  args: unknown,
): Promise<ResultOf<C>> {
  const reply = await call(channel, args);
  if (!reply.ok) {
    throw new Error(`${channel} failed: ${JSON.stringify(reply.error)}`);
  }
  const parsed = contract[channel].result.safeParse(reply.result);
  expect(parsed.success, `${channel} result shape`).toBe(true);
  return reply.result as ResultOf<C>;
}

function errorOf(reply: IpcReply<Channel>) {
  if (reply.ok) throw new Error('expected an error reply');
  return reply.error;
}

async function pdfBase64(): Promise<string> {
  const pdf = await PDFDocument.create();
  pdf.addPage([300, 300]).drawText('Embark API test', { x: 20, y: 150 });
  return Buffer.from(await pdf.save()).toString('base64');
}

const smbClient = {
  name: 'Corner Bakery',
  attributes: { employees: 8, annualContractValue: 4000, risk: 'low' },
  contacts: [{ name: 'Ada Baker', email: 'ada@example.com', role: 'owner' }],
  owner: 'Sam',
};

describe('dispatch over the handlers', () => {
  it('workspace, settings and classify channels', async () => {
    const info = await ok('workspace:info', {});
    expect(info.dataDir).toBe(dir);
    expect(info.clients).toBe(0);

    const sample = await ok('workspace:loadSample', { clients: 3 });
    expect(sample.clients).toBe(3);
    expect((await ok('workspace:info', {})).journeys).toBe(3);

    const backupFile = path.join(dir, 'backups', 'one.embark-backup');
    const backup = await ok('workspace:backup', { file: backupFile });
    expect(backup.file).toBe(backupFile);
    expect(existsSync(backupFile)).toBe(true);
    await ok('clients:add', smbClient);
    const checked = await ok('workspace:checkBackup', { file: backupFile });
    expect(checked.clients).toBe(3);
    const restored = await ok('workspace:restore', { file: backupFile });
    expect(restored.clients).toBe(3);
    expect((await ok('workspace:info', {})).clients).toBe(3);

    const classified = await ok('clients:classify', {
      attributes: smbClient.attributes,
    });
    expect(classified.segment).toBe('smb');

    const settings = await ok('settings:get', {});
    expect(settings.stages).toContain('Live');
    expect(settings.dataDir).toBe(dir);
    const identity = await ok('settings:setIdentity', { name: 'Dana' });
    expect(identity.name).toBe('Dana');
    const rules = await ok('settings:setSegmentRules', {
      rules: settings.segmentRules,
    });
    expect(rules).toEqual(settings.segmentRules);
    const preview = await ok('settings:previewSegmentRules', { rules });
    expect(preview.error).toBeNull();
    const usage = await ok('settings:stageUsage', {});
    const counted = usage.journeys.reduce((sum, row) => sum + row.count, 0);
    expect(counted).toBe(3);
    const stages = [...settings.stages, 'Renewal'];
    expect(await ok('settings:setStages', { stages })).toEqual(stages);
    expect((await ok('settings:get', {})).stages).toEqual(stages);
  });

  it('client channels', async () => {
    const added = await ok('clients:add', smbClient);
    expect(added.segment).toBe('smb');
    expect(added.journeyId).not.toBeNull();

    const client = await ok('clients:get', { id: added.clientId });
    expect(client.name).toBe('Corner Bakery');

    const updated = await ok('clients:update', {
      id: added.clientId,
      notes: 'Prefers email',
      attributes: { employees: 400, annualContractValue: 90_000 },
    });
    expect(updated.client.notes).toBe('Prefers email');
    expect(updated.reclassificationOffered).toBe(true);
    expect(updated.reclassified).toBe(false);

    const imported = await ok('clients:importCsv', {
      text: 'name,employees,annualContractValue\nHill Cafe,5,3000\n',
    });
    expect(imported.added).toHaveLength(1);
    expect(imported.errors).toEqual([]);

    const archived = await ok('clients:archive', { id: added.clientId });
    expect(archived.archivedAt).not.toBeNull();
  });

  it('board channel searches, sorts and counts', async () => {
    await ok('clients:add', smbClient);
    await ok('clients:add', { ...smbClient, name: 'Harbor Books' });
    await ok('clients:add', { ...smbClient, name: 'Alpine 100%_Tools' });

    const all = await ok('board:get', { sort: 'name', limit: 100_000 });
    expect(all.total).toBe(3);
    expect(all.cards.map((card) => card.clientName)).toEqual([
      'Alpine 100%_Tools',
      'Corner Bakery',
      'Harbor Books',
    ]);

    const search = await ok('board:get', { search: 'BAKERY' });
    expect(search.total).toBe(1);
    expect(search.cards[0]?.clientName).toBe('Corner Bakery');

    // LIKE wildcards in the search text match only themselves.
    const literal = await ok('board:get', { search: '%_' });
    expect(literal.cards.map((card) => card.clientName)).toEqual([
      'Alpine 100%_Tools',
    ]);

    const limited = await ok('board:get', { limit: 1 });
    expect(limited.cards).toHaveLength(1);
    expect(limited.total).toBe(3);
  });

  it('journey and document channels', async () => {
    const { journeyId } = await ok('clients:add', smbClient);
    const id = journeyId ?? '';
    const journey = await ok('journeys:get', { id });
    const intake = journey.steps.find((step) => step.key === 'intake_form');
    expect(intake?.state).toBe('ready');

    const submitted = await ok('journeys:act', {
      id,
      stepKey: 'intake_form',
      action: 'submit',
      data: sampleAnswer(intake?.form),
    });
    const documentsStep = submitted.steps.find((s) => s.key === 'documents');
    expect(documentsStep?.state).toBe('ready');

    const base64 = await pdfBase64();
    await ok('journeys:act', {
      id,
      stepKey: 'documents',
      action: 'upload',
      slot: 'business_registration',
      file: { name: 'registration.pdf', base64 },
    });
    const documents = await ok('journeys:documents', { id });
    expect(documents).toHaveLength(1);
    expect(documents[0]?.name).toBe('registration.pdf');
    expect(documents[0]?.mime).toBe('application/pdf');

    const read = await ok('documents:read', { id: documents[0]?.id });
    expect(read.base64).toBe(base64);

    const timeline = await ok('journeys:timeline', { id });
    const types = timeline.map((entry) => entry.type);
    expect(types).toContain('journey.started');
    expect(types).toContain('client.added');

    const paused = await ok('journeys:setStatus', { id, status: 'pause' });
    expect(paused.status).toBe('paused');
    await ok('journeys:setStatus', { id, status: 'resume' });

    const dryRun = await ok('journeys:migrate', {
      id,
      segment: 'enterprise',
      dryRun: true,
    });
    expect(dryRun.applied).toBe(false);
    expect((await ok('journeys:get', { id })).segment).toBe('smb');
  });

  it('resolve channel passes the engine error code', async () => {
    const { journeyId } = await ok('clients:add', smbClient);
    const reply = await call('journeys:resolve', {
      id: journeyId,
      branchKey: 'risk_route',
      edgeKey: 'nowhere',
    });
    expect(reply.ok).toBe(false);
    expect(errorOf(reply).code).not.toBe('INTERNAL');
  });

  it('playbook channels', async () => {
    const list = await ok('playbooks:list', {});
    expect(list.map((playbook) => playbook.id)).toContain('smb');

    const smb = await ok('playbooks:get', { id: 'smb' });
    const { id: _id, version: _version, ...definition } = smb;
    const validation = await ok('playbooks:validate', { definition });
    expect(validation.valid).toBe(true);

    const next = await ok('playbooks:publish', { id: 'smb', definition });
    expect(next).toEqual({ id: 'smb', version: 2 });
    const created = await ok('playbooks:publish', {
      definition: { ...definition, name: 'Bakery Fast Track' },
    });
    expect(created.id).toMatch(/^bakery-fast-track-/);
    expect(created.version).toBe(1);

    const exported = await ok('playbooks:export', {
      id: 'smb',
      format: 'bpmn',
    });
    expect(exported.name).toBe('smb.bpmn');
    const before = (await ok('playbooks:list', {})).length;
    const imported = await ok('playbooks:importBpmn', {
      name: exported.name,
      base64: Buffer.from(exported.text).toString('base64'),
    });
    expect(imported.definition.nodes.length).toBe(smb.nodes.length);
    // Importing shows the definition; it publishes nothing.
    expect((await ok('playbooks:list', {})).length).toBe(before);
  });

  it('first run ends with a start choice', async () => {
    expect((await ok('workspace:info', {})).firstRun).toBe(true);
    expect(await ok('workspace:chooseStart', { choice: 'empty' })).toEqual({
      choice: 'empty',
    });
    expect((await ok('workspace:info', {})).firstRun).toBe(false);
    expect(ws.settings.startChoice()).toBe('empty');
  });

  it('first run ends when the sample loads', async () => {
    await ok('workspace:loadSample', { clients: 1 });
    expect((await ok('workspace:info', {})).firstRun).toBe(false);
    expect(ws.settings.startChoice()).toBe('sample');
  });

  it('first run ends with the first client', async () => {
    await ok('clients:add', smbClient);
    const info = await ok('workspace:info', {});
    expect(info.firstRun).toBe(false);
    expect(ws.settings.startChoice()).toBeUndefined();
  });

  it('sample loaded in chunks equals one load', async () => {
    await ok('workspace:loadSample', { clients: 2, first: 0 });
    await ok('workspace:loadSample', { clients: 2, first: 2 });
    const other = mkdtempSync(path.join(os.tmpdir(), 'embark-api-'));
    const whole = openWorkspace(other, { log: false });
    try {
      const wholeHandlers = createHandlers(whole, hooks);
      await dispatch(wholeHandlers, 'workspace:loadSample', { clients: 4 });
      const clientsOf = (each: Workspace) =>
        each.db
          .prepare(
            `SELECT c.name, c.attributes, c.segment, j.progress
             FROM clients c JOIN journeys j ON j.client_id = c.id
             ORDER BY c.name`,
          )
          .all();
      const chunked = clientsOf(ws);
      expect(chunked).toHaveLength(4);
      expect(chunked).toEqual(clientsOf(whole));
    } finally {
      whole.close();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('covers every channel of the contract', () => {
    expect(
      [...called].filter((c) => channels.includes(c as Channel)).sort(),
    ).toEqual([...channels].sort());
  });
});

describe('dispatch rejects bad calls', () => {
  it('unknown channel', async () => {
    const error = errorOf(await call('clients:delete', { id: 'x' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('clients:delete');
  });

  it('channel that is not a string', async () => {
    const error = errorOf(await call(42 as unknown as string, {}));
    expect(error.code).toBe('INVALID_INPUT');
  });

  it('invalid arguments name the field', async () => {
    const error = errorOf(await call('clients:add', { ...smbClient, name: 7 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('"name"');
    expect(error.details?.field).toBe('name');
    expect((await ok('workspace:info', {})).clients).toBe(0);
  });

  it('extra field on a strict channel', async () => {
    const error = errorOf(await call('workspace:info', { drop: true }));
    expect(error.code).toBe('INVALID_INPUT');
  });

  it('unknown start choice changes nothing', async () => {
    const error = errorOf(
      await call('workspace:chooseStart', { choice: 'later' }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details?.field).toBe('choice');
    expect((await ok('workspace:info', {})).firstRun).toBe(true);
    expect(ws.settings.startChoice()).toBeUndefined();
  });

  it('board limit over the maximum', async () => {
    const error = errorOf(await call('board:get', { limit: 100_001 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details?.field).toBe('limit');
  });

  it('EmbarkError code is preserved', async () => {
    const error = errorOf(await call('clients:get', { id: 'missing' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details).toEqual({ clientId: 'missing' });
  });

  it('write while another process holds the lock', async () => {
    const other = new Database(ws.db.name);
    other.exec('BEGIN IMMEDIATE');
    ws.db.pragma('busy_timeout = 100');
    try {
      const reply = await dispatch(handlers, 'clients:add', smbClient, {
        databaseFile: ws.db.name,
      });
      const error = errorOf(reply);
      expect(error.code).toBe('DB_LOCKED');
      expect(error.message).toContain('locked by another process');
      expect(error.message).toContain(ws.db.name);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await ok('workspace:info', {})).clients).toBe(0);
  });

  it('damaged base64 upload stores nothing', async () => {
    const { journeyId } = await ok('clients:add', smbClient);
    const before = await ok('journeys:get', { id: journeyId });
    const error = errorOf(
      await call('journeys:act', {
        id: journeyId,
        stepKey: 'documents',
        action: 'upload',
        file: { name: 'x.pdf', base64: 'not base64!' },
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details?.field).toBe('file.base64');
    expect(await ok('journeys:documents', { id: journeyId })).toEqual([]);
    expect(await ok('journeys:get', { id: journeyId })).toEqual(before);
  });

  it('cancel without a reason changes nothing', async () => {
    const { journeyId } = await ok('clients:add', smbClient);
    const error = errorOf(
      await call('journeys:setStatus', { id: journeyId, status: 'cancel' }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect((await ok('journeys:get', { id: journeyId })).status).toBe('active');
  });

  it('stage list that drops a milestone stage', async () => {
    const before = await ok('settings:get', {});
    const error = errorOf(
      await call('settings:setStages', { stages: ['Intake', 'Setup'] }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/milestone/);
    expect((await ok('settings:get', {})).stages).toEqual(before.stages);
  });

  it('stage list with a repeated stage', async () => {
    const before = await ok('settings:get', {});
    const error = errorOf(
      await call('settings:setStages', {
        stages: [...before.stages, 'Live '],
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('"Live"');
    expect((await ok('settings:get', {})).stages).toEqual(before.stages);
  });

  it('publish to an unknown id changes nothing', async () => {
    const smb = await ok('playbooks:get', { id: 'smb' });
    const { id: _id, version: _version, ...definition } = smb;
    const before = await ok('playbooks:list', {});
    const error = errorOf(
      await call('playbooks:publish', { id: 'no-such', definition }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(await ok('playbooks:list', {})).toEqual(before);
  });

  it('unexpected error becomes INTERNAL', async () => {
    const broken: Handlers = {
      ...handlers,
      'workspace:info': () => {
        throw new TypeError('boom');
      },
    };
    const error = errorOf(await dispatch(broken, 'workspace:info', {}));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toContain('boom');
  });

  it('mutating call runs the after-mutation hook', async () => {
    const ran: string[] = [];
    const options = {
      afterMutation: async (channel: string) => {
        ran.push(channel);
        throw new Error('hook failure is only logged');
      },
    };
    const reply = await dispatch(handlers, 'clients:add', smbClient, options);
    expect(reply.ok).toBe(true);
    await dispatch(handlers, 'workspace:info', {}, options);
    expect(ran).toEqual(['clients:add']);
  });
});
