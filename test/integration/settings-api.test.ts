import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  contract,
  type Channel,
  type IpcReply,
  type ResultOf,
} from '../../src-shared/ipc/contract.ts';
import {
  defaultSegmentRules,
  type SegmentRules,
} from '../../src-shared/segments/table.ts';
import { dispatch } from '../../src-main/api/dispatch.ts';
import { immediateTransaction } from '../../src-main/db/statements.ts';
import {
  createHandlers,
  type Handlers,
  type WorkspaceHooks,
} from '../../src-main/api/handlers.ts';
import {
  startServices,
  type Services,
} from '../../src-main/api/service-host.ts';
import {
  openWorkspace,
  type Workspace,
} from '../../src-main/workspace/workspace.ts';

/** Temporary folder of the test: the data folder and backup files. */
let root: string;
/** The workspace's data folder, inside `root`. */
let dir: string;
let ws: Workspace;
let handlers: Handlers;

const hooks: WorkspaceHooks = {
  close: () => ws.close(),
  reopen: () => {
    ws = openWorkspace(dir, { log: false });
    handlers = createHandlers(ws, hooks);
    return ws;
  },
};

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'embark-settings-'));
  dir = path.join(root, 'data');
  ws = openWorkspace(dir, { log: false });
  handlers = createHandlers(ws, hooks);
});

afterEach(() => {
  ws.close();
  rmSync(root, { recursive: true, force: true });
});

async function ok<C extends Channel>(
  channel: C,
  args: unknown,
): Promise<ResultOf<C>> {
  const reply = await dispatch(handlers, channel, args);
  if (!reply.ok) {
    throw new Error(`${channel} failed: ${JSON.stringify(reply.error)}`);
  }
  const parsed = contract[channel].result.safeParse(reply.result);
  expect(parsed.success, `${channel} result shape`).toBe(true);
  return reply.result as ResultOf<C>;
}

async function fails(channel: Channel, args: unknown) {
  const reply: IpcReply<Channel> = await dispatch(handlers, channel, args);
  if (reply.ok) throw new Error(`${channel} succeeded; expected an error`);
  return reply.error;
}

/** Returns a deep copy of the default rules to edit. */
function draftRules(): SegmentRules {
  return structuredClone(defaultSegmentRules);
}

const bakery = {
  name: 'Corner Bakery',
  attributes: { employees: 8, annualContractValue: 4000, risk: 'low' },
};

describe('settings:previewSegmentRules', () => {
  it('examples cover every segment and tier', async () => {
    const preview = await ok('settings:previewSegmentRules', {
      rules: draftRules(),
    });
    expect(preview.error).toBeNull();
    const examples = preview.samples.filter((s) => s.source === 'example');
    expect(examples.length).toBe(6);
    const outcomes = examples.map((sample) => sample.saved);
    const segments = new Set(outcomes.map((o) => o.ok && o.segment));
    const tiers = new Set(outcomes.map((o) => o.ok && o.riskTier));
    expect([...segments].sort()).toEqual(['enterprise', 'mid-market', 'smb']);
    expect([...tiers].sort()).toEqual(['high', 'low', 'medium']);
    for (const sample of examples) expect(sample.draft).toEqual(sample.saved);
  });

  it('draft change shows without saving', async () => {
    await ok('clients:add', bakery);
    const rules = draftRules();
    rules.segment.rules[3]!.when[0] = '>= 5';
    rules.segment.rules[3]!.description = 'Five or more employees.';
    const preview = await ok('settings:previewSegmentRules', { rules });
    const own = preview.samples.find((s) => s.source === 'workspace');
    expect(own?.name).toBe('Corner Bakery');
    expect(own?.saved).toMatchObject({ ok: true, segment: 'smb' });
    expect(own?.draft).toMatchObject({
      ok: true,
      segment: 'mid-market',
      segmentRule: 4,
      segmentReason: 'Five or more employees.',
    });
    const settings = await ok('settings:get', {});
    expect(settings.segmentRules).toEqual(defaultSegmentRules);
  });

  it('invalid unary test names its cell', async () => {
    const rules = draftRules();
    rules.segment.rules[1]!.when[1] = '>= >=';
    const preview = await ok('settings:previewSegmentRules', { rules });
    expect(preview.error).toMatchObject({
      code: 'FEEL_INVALID',
      table: 'segment',
      rule: 2,
      input: 2,
    });
    expect(preview.error?.message).toContain('rule 2');
    expect(preview.error?.message).toContain('Annual contract value');
    expect(preview.samples.every((sample) => sample.draft === null)).toBe(true);
    expect(preview.samples[0]?.saved.ok).toBe(true);
  });

  it('invalid input expression names it', async () => {
    const rules = draftRules();
    rules.risk.inputs[2]!.expression = 'compliance contains (';
    const preview = await ok('settings:previewSegmentRules', { rules });
    expect(preview.error).toMatchObject({
      code: 'FEEL_INVALID',
      table: 'risk',
      input: 3,
    });
    expect(preview.error?.rule).toBeUndefined();
  });

  it('unknown results name the rule', async () => {
    const segment = draftRules();
    segment.segment.rules[0]!.result = 'huge';
    const first = await ok('settings:previewSegmentRules', { rules: segment });
    expect(first.error).toMatchObject({
      code: 'UNKNOWN_SEGMENT',
      table: 'segment',
      rule: 1,
    });
    const risk = draftRules();
    risk.risk.rules[4]!.result = 'severe';
    const second = await ok('settings:previewSegmentRules', { rules: risk });
    expect(second.error).toMatchObject({
      code: 'INVALID_INPUT',
      table: 'risk',
      rule: 5,
    });
  });

  it('empty test cell names the rule', async () => {
    const rules = draftRules();
    rules.risk.rules[2]!.when[3] = '';
    const preview = await ok('settings:previewSegmentRules', { rules });
    expect(preview.error).toMatchObject({
      code: 'INVALID_INPUT',
      table: 'risk',
      rule: 3,
      input: 4,
    });
  });

  it('draft without a catch-all rule', async () => {
    const rules = draftRules();
    rules.segment.rules.pop();
    const preview = await ok('settings:previewSegmentRules', { rules });
    expect(preview.error).toBeNull();
    const bakerySample = preview.samples.find((s) => s.id === 'example-bakery');
    expect(bakerySample?.draft?.ok).toBe(false);
    expect(
      bakerySample?.draft && !bakerySample.draft.ok
        ? bakerySample.draft.message
        : '',
    ).toContain('catch-all');
  });

  it('non-object draft is an error', async () => {
    const preview = await ok('settings:previewSegmentRules', { rules: 42 });
    expect(preview.error?.code).toBe('INVALID_INPUT');
  });
});

describe('settings:setSegmentRules', () => {
  it('saved rules classify new clients', async () => {
    const rules = draftRules();
    rules.segment.rules[3]!.when[0] = '>= 5';
    await ok('settings:setSegmentRules', { rules });
    const added = await ok('clients:add', bakery);
    expect(added.segment).toBe('mid-market');
  });

  it('invalid rules name the cell, keep saved', async () => {
    const rules = draftRules();
    rules.risk.rules[1]!.when[1] = '"high" "low"';
    const error = await fails('settings:setSegmentRules', { rules });
    expect(error.code).toBe('FEEL_INVALID');
    expect(error.message).toContain('the risk table, rule 2');
    expect(error.details).toMatchObject({ table: 'risk', rule: 2, input: 2 });
    const settings = await ok('settings:get', {});
    expect(settings.segmentRules).toEqual(defaultSegmentRules);
  });
});

describe('settings in a transaction', () => {
  it('rolled back write is not cached', () => {
    const before = ws.settings.identity();
    expect(() =>
      immediateTransaction(ws.db, () => {
        ws.settings.setIdentity({ ...before, name: 'Rolled Back' });
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(ws.settings.identity().name).toBe(before.name);
  });
});

describe('settings:stageUsage', () => {
  it('lists milestones and journeys per stage', async () => {
    await ok('clients:add', bakery);
    const usage = await ok('settings:stageUsage', {});
    const discovery = usage.milestones.filter((m) => m.stage === 'Discovery');
    expect(discovery.length).toBeGreaterThan(0);
    expect(discovery[0]?.playbookName).toBeTruthy();
    expect(usage.milestones.some((m) => m.stage === 'Live')).toBe(true);
    expect(usage.journeys).toEqual([{ stage: 'Intake', count: 1 }]);
  });

  it('renaming a mapped stage is rejected', async () => {
    const before = await ok('settings:get', {});
    const renamed = before.stages.map((stage) =>
      stage === 'Discovery' ? 'Scoping' : stage,
    );
    const error = await fails('settings:setStages', { stages: renamed });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('"Discovery"');
    expect((await ok('settings:get', {})).stages).toEqual(before.stages);
  });

  it('overlong stage name is rejected', async () => {
    const before = await ok('settings:get', {});
    const error = await fails('settings:setStages', {
      stages: [...before.stages, 'H'.repeat(41)],
    });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('longer than 40 characters');
    expect((await ok('settings:get', {})).stages).toEqual(before.stages);
  });

  it('renamed stage moves its journeys', async () => {
    const added = await ok('clients:add', bakery);
    const id = added.journeyId!;
    // A command leaves the journey in this connection's cache.
    await ok('journeys:setStatus', { id, status: 'pause' });
    const before = await ok('settings:get', {});
    const stages = [
      'Welcome',
      ...before.stages.map((stage) => (stage === 'Intake' ? 'Inbox' : stage)),
    ];

    await ok('settings:setStages', {
      stages,
      renames: [{ from: 'Intake', to: 'Inbox' }],
    });
    expect((await ok('settings:stageUsage', {})).journeys).toEqual([
      { stage: 'Inbox', count: 1 },
    ]);
    expect((await ok('journeys:get', { id })).stage).toBe('Inbox');
    // The next command keeps the new name, not the first stage.
    await ok('journeys:setStatus', { id, status: 'resume' });
    expect((await ok('journeys:get', { id })).stage).toBe('Inbox');
    const board = await ok('board:get', {});
    expect(board.cards.map((card) => card.stage)).toEqual(['Inbox']);
  });

  it('rename of an unknown stage is rejected', async () => {
    await ok('clients:add', bakery);
    const before = await ok('settings:get', {});
    const error = await fails('settings:setStages', {
      stages: [...before.stages, 'Later'],
      renames: [{ from: 'Nowhere', to: 'Later' }],
    });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('"Nowhere"');
    expect((await ok('settings:get', {})).stages).toEqual(before.stages);
    expect((await ok('settings:stageUsage', {})).journeys).toEqual([
      { stage: 'Intake', count: 1 },
    ]);
  });

  it('unmapped stage can be renamed', async () => {
    const before = await ok('settings:get', {});
    const renamed = before.stages.map((stage) =>
      stage === 'Intake' ? 'Inbox' : stage,
    );
    expect(await ok('settings:setStages', { stages: renamed })).toEqual(
      renamed,
    );
  });
});

describe('workspace:backup from the app', () => {
  it('existing file needs overwrite', async () => {
    const file = path.join(root, 'one.embark-backup');
    await ok('workspace:backup', { file });
    const before = readFileSync(file);
    const error = await fails('workspace:backup', { file });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({ exists: true });
    expect(readFileSync(file).equals(before)).toBe(true);
    await ok('clients:add', bakery);
    await ok('workspace:backup', { file, overwrite: true });
    expect(readFileSync(file).equals(before)).toBe(false);
  });

  it('relative path is rejected', async () => {
    const error = await fails('workspace:backup', { file: 'backup.db' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('full path');
    expect(existsSync(path.resolve('backup.db'))).toBe(false);
  });
});

describe('workspace:checkBackup', () => {
  it('counts what a backup holds', async () => {
    await ok('clients:add', bakery);
    await ok('clients:add', { ...bakery, name: 'Second Client' });
    const file = path.join(root, 'counted.embark-backup');
    await ok('workspace:backup', { file });
    await ok('clients:add', { ...bakery, name: 'Late Client' });
    const before = readFileSync(file);

    const summary = await ok('workspace:checkBackup', { file });
    expect(summary.file).toBe(file);
    expect(summary.clients).toBe(2);
    expect(summary.journeys).toBe(2);
    expect(summary.documents).toBe(0);
    expect(Number.isNaN(Date.parse(summary.writtenAt))).toBe(false);
    // Checking changes neither the file nor the workspace.
    expect(readFileSync(file).equals(before)).toBe(true);
    expect((await ok('workspace:info', {})).clients).toBe(3);
  });

  it('rejects a file that is not a backup', async () => {
    const file = path.join(root, 'notes.txt');
    writeFileSync(file, 'not a backup\n');
    const error = await fails('workspace:checkBackup', { file });
    expect(error.code).toBe('BACKUP_INVALID');
    expect(error.message).toContain(file);
  });

  it('rejects a relative path', async () => {
    const error = await fails('workspace:checkBackup', { file: 'x.backup' });
    expect(error.code).toBe('INVALID_INPUT');
  });
});

describe('workspace:restore', () => {
  it('round trip drops later clients', async () => {
    await ok('clients:add', bakery);
    const file = path.join(root, 'before.embark-backup');
    await ok('workspace:backup', { file });
    await ok('clients:add', { ...bakery, name: 'Late Client' });
    await ok('settings:setIdentity', { name: 'Dana' });

    const restored = await ok('workspace:restore', { file });
    expect(restored.clients).toBe(1);
    expect(restored.file).toBe(file);
    expect(existsSync(restored.previousDatabase)).toBe(true);
    const board = await ok('board:get', {});
    expect(board.cards.map((card) => card.clientName)).toEqual([
      'Corner Bakery',
    ]);
    expect((await ok('settings:get', {})).identity.name).not.toBe('Dana');
    // The reopened workspace takes new work.
    await ok('clients:add', { ...bakery, name: 'After Restore' });
    expect((await ok('workspace:info', {})).clients).toBe(2);
  });

  const badFiles: [string, (file: string) => void][] = [
    ['missing file', () => undefined],
    ['text file', (file) => writeFileSync(file, 'not a backup\n')],
    [
      'plain workspace database',
      (file) => {
        const other = openWorkspace(path.join(root, 'other'), {
          log: false,
        });
        other.db.exec(`VACUUM INTO '${file.replaceAll("'", "''")}'`);
        other.close();
      },
    ],
    [
      'damaged backup',
      (file) => {
        const bytes = readFileSync(path.join(root, 'good.embark-backup'));
        bytes.fill(0x5a, 100, bytes.length - 100);
        writeFileSync(file, bytes);
      },
    ],
  ];

  for (const [name, make] of badFiles) {
    it(`${name} leaves the workspace intact`, async () => {
      await ok('clients:add', bakery);
      await ok('workspace:backup', {
        file: path.join(root, 'good.embark-backup'),
      });
      const file = path.join(root, 'bad.embark-backup');
      make(file);
      const error = await fails('workspace:restore', { file });
      expect(error.code).toBe('BACKUP_INVALID');
      expect(error.message).toContain(file);
      expect(readdirSync(dir).some((f) => f.includes('before-restore'))).toBe(
        false,
      );
      expect((await ok('workspace:info', {})).clients).toBe(1);
      await ok('clients:add', { ...bakery, name: 'Still Works' });
      expect((await ok('workspace:info', {})).clients).toBe(2);
    });
  }

  it('relative path is rejected', async () => {
    const error = await fails('workspace:restore', { file: 'x.backup' });
    expect(error.code).toBe('INVALID_INPUT');
    expect((await ok('workspace:info', {})).clients).toBe(0);
  });
});

describe('restore in the services worker', () => {
  let services: Services | undefined;

  afterEach(async () => {
    await services?.close();
    services = undefined;
  });

  it('reopens and keeps answering', async () => {
    const folder = path.join(root, 'worker-data');
    services = startServices(folder);
    const call = async <C extends Channel>(channel: C, args: unknown) => {
      const reply = await services!.call(channel, args);
      if (!reply.ok) throw new Error(JSON.stringify(reply.error));
      return reply.result as ResultOf<C>;
    };
    await call('clients:add', bakery);
    const file = path.join(root, 'worker.embark-backup');
    await call('workspace:backup', { file });
    await call('clients:add', { ...bakery, name: 'Late Client' });
    const bad = await services.call('workspace:restore', {
      file: `${file}.missing`,
    });
    expect(bad.ok).toBe(false);
    expect((await call('workspace:info', {})).clients).toBe(2);

    const restored = await call('workspace:restore', { file });
    expect(restored.clients).toBe(1);
    expect((await call('workspace:info', {})).clients).toBe(1);
    await call('clients:add', { ...bakery, name: 'After Restore' });
    expect((await call('workspace:info', {})).clients).toBe(2);
  });
});
