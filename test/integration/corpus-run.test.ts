import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type {
  PlaybookDefinition,
  PlaybookEdge,
  PlaybookNode,
} from '../../src-shared/playbooks/model.ts';
import {
  fireDueTimers,
  stopScheduler,
} from '../../src-main/scheduler/timers.ts';
import { openWorkspace } from '../../src-main/workspace/workspace.ts';
import { corpus, embark, embarkJson, tempDir } from '../helpers/cli.ts';
import {
  actOn,
  driveToEnd,
  openSteps,
  stepOf,
  writeSamplePdf,
  type JourneyJson,
} from '../helpers/journeys.ts';

type ImportJson = {
  id: string;
  version: number;
  nodes: number;
  warnings: { elementId: string; message: string }[];
};

type AddedJson = {
  clientId: string;
  segment: string;
  riskTier: string;
  journeyId: string;
};

const day = 24 * 60 * 60 * 1000;

let data: { dir: string; remove: () => void };
let pdf: string;

beforeEach(async () => {
  data = tempDir('embark-corpus-run-');
  pdf = await writeSamplePdf(data.dir);
});
afterEach(() => data.remove());

function corpusFiles(folder: string, extension: string): string[] {
  if (!corpus) return [];
  return readdirSync(path.join(corpus, folder))
    .filter((file) => file.endsWith(extension))
    .sort();
}

function corpusPath(folder: string, file: string): string {
  return path.join(corpus ?? '', folder, file);
}

async function importPlaybook(file: string): Promise<ImportJson> {
  return embarkJson<ImportJson>(data.dir, ['playbook', 'import', file]);
}

async function exportDefinition(id: string): Promise<PlaybookDefinition> {
  return embarkJson<PlaybookDefinition>(data.dir, [
    'playbook',
    'export',
    id,
    '--format',
    'json',
  ]);
}

async function addClient(playbookId: string): Promise<AddedJson> {
  return embarkJson<AddedJson>(data.dir, [
    'client',
    'add',
    '--name',
    `Client of ${playbookId}`,
    '--attrs',
    '{}',
    '--playbook',
    playbookId,
  ]);
}

async function setVars(
  journeyId: string,
  vars: Record<string, unknown>,
): Promise<JourneyJson> {
  return embarkJson<JourneyJson>(data.dir, [
    'journey',
    'set',
    journeyId,
    '--vars',
    JSON.stringify(vars),
  ]);
}

async function show(journeyId: string): Promise<JourneyJson> {
  return embarkJson<JourneyJson>(data.dir, ['journey', 'show', journeyId]);
}

/**
 * Opens the data folder with a clock `offsetMs` ahead of now, fires the
 * timers due by then, and releases the scheduler lease so that later CLI
 * calls can fire timers again.
 */
function fireTimersAhead(offsetMs: number): number {
  const at = new Date(Date.now() + offsetMs);
  const owner = 'corpus-run-test';
  const ws = openWorkspace(data.dir, { clock: () => at, log: false });
  try {
    return fireDueTimers(ws, owner);
  } finally {
    stopScheduler(ws, owner);
    ws.close();
  }
}

/** Returns the event types of a journey in order, read from the database. */
function eventTypes(journeyId: string): string[] {
  const ws = openWorkspace(data.dir, { log: false });
  try {
    const rows = ws.db
      .prepare('SELECT type FROM events WHERE journey_id = ? ORDER BY rowid')
      .all(journeyId) as { type: string }[];
    return rows.map((row) => row.type);
  } finally {
    ws.close();
  }
}

function countDocumentRows(): number {
  const ws = openWorkspace(data.dir, { log: false });
  try {
    const row = ws.db
      .prepare('SELECT COUNT(*) AS count FROM documents')
      .get() as { count: number };
    return row.count;
  } finally {
    ws.close();
  }
}

/** Lists every file under `dir`, relative to it, or none when it is missing. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Drives open steps until `stop` holds, failing after `limit` actions. */
async function driveUntil(
  journeyId: string,
  stop: (journey: JourneyJson) => boolean,
  limit = 50,
): Promise<JourneyJson> {
  let journey = await show(journeyId);
  for (let count = 0; count < limit && !stop(journey); count += 1) {
    const [step] = openSteps(journey);
    if (!step) throw new Error(`journey ${journeyId} has no open step`);
    journey = await actOn(data.dir, journeyId, step, pdf);
  }
  if (!stop(journey))
    throw new Error(
      `journey ${journeyId} did not reach the expected state after ${limit} actions`,
    );
  return journey;
}

/** Lists the conditions on the playbook's edges. */
function conditionsOf(definition: PlaybookDefinition): string[] {
  return definition.edges
    .map((edge) => edge.condition)
    .filter((condition): condition is string => condition !== undefined);
}

type CorpusRun = {
  file: string;
  /** What the variables choose, shown in the test name. */
  path: string;
  /** Variables that the playbook's conditions read. */
  reads: string[];
  vars: Record<string, unknown>;
  done: string[];
  skipped: string[];
};

const runs: CorpusRun[] = [
  {
    file: 'camunda8-customer-onboarding.bpmn',
    path: 'order accepted',
    reads: ['automaticProcessing'],
    vars: { automaticProcessing: true },
    done: [
      'TaskScoreCustomer',
      'TaskApproveCustomerOrder',
      'TaskCreateCustomerInCrm',
    ],
    skipped: [],
  },
  {
    file: 'camunda8-customer-onboarding.bpmn',
    path: 'order rejected',
    reads: ['automaticProcessing'],
    vars: { automaticProcessing: false },
    done: ['TaskScoreCustomer', 'TaskApproveCustomerOrder'],
    skipped: ['TaskCreateCustomerInCrm'],
  },
  {
    file: 'camunda8-customer-onboarding-extended.bpmn',
    path: 'automatic processing',
    reads: ['automaticProcessing'],
    vars: { automaticProcessing: true },
    done: [
      'Activity_06r19b0',
      'TaskValidateCustomerApplication',
      'TaskAddToCRM',
      'TaskAddToBilling',
      'TaskProvisionSIM',
      'TaskRegisterSIM',
    ],
    skipped: ['TaskProcessApplicationManually'],
  },
  {
    file: 'camunda8-customer-onboarding-extended.bpmn',
    path: 'manual processing',
    reads: ['automaticProcessing'],
    vars: { automaticProcessing: false },
    done: ['TaskValidateCustomerApplication', 'TaskProcessApplicationManually'],
    skipped: [
      'TaskAddToCRM',
      'TaskAddToBilling',
      'TaskProvisionSIM',
      'TaskRegisterSIM',
    ],
  },
  {
    file: 'camunda7-onboarding.bpmn',
    path: 'both parallel tracks',
    reads: [],
    vars: {},
    done: [
      'Activity_1w131lg',
      'Activity_11ihsrm',
      'Activity_1v7ex0h',
      'Activity_1jy2fkv',
    ],
    skipped: [],
  },
  {
    file: 'miwg-C.9.0-customer-onboarding.bpmn',
    path: 'green risk by default',
    reads: ['riskLevels', 'approved', 'ErrorBoundaryEvent_FraudDetected'],
    vars: { riskLevels: ['green', 'yellow'] },
    done: ['ServiceTask_DeliverPolicy', 'SendTask_SendPolicy'],
    skipped: [
      'Activity_ManualCheck',
      'SendTask_ReportFraud',
      'ServiceTask_RejectPolicy',
      'SendTask_SendRejection',
    ],
  },
  {
    file: 'miwg-C.9.0-customer-onboarding.bpmn',
    path: 'red risk rejected',
    reads: ['riskLevels', 'approved', 'ErrorBoundaryEvent_FraudDetected'],
    vars: { riskLevels: ['green', 'red'] },
    done: ['ServiceTask_RejectPolicy', 'SendTask_SendRejection'],
    skipped: [
      'Activity_ManualCheck',
      'SendTask_ReportFraud',
      'ServiceTask_DeliverPolicy',
      'SendTask_SendPolicy',
    ],
  },
  {
    file: 'miwg-C.9.0-customer-onboarding.bpmn',
    path: 'yellow risk checked and approved',
    reads: ['riskLevels', 'approved', 'ErrorBoundaryEvent_FraudDetected'],
    vars: { riskLevels: ['yellow', 'yellow'], approved: true },
    done: [
      'Activity_ManualCheck',
      'ServiceTask_DeliverPolicy',
      'SendTask_SendPolicy',
    ],
    skipped: [
      'SendTask_ReportFraud',
      'ServiceTask_RejectPolicy',
      'SendTask_SendRejection',
    ],
  },
  {
    file: 'miwg-C.9.0-customer-onboarding.bpmn',
    path: 'yellow risk checked and declined',
    reads: ['riskLevels', 'approved', 'ErrorBoundaryEvent_FraudDetected'],
    vars: { riskLevels: ['yellow'], approved: false },
    done: [
      'Activity_ManualCheck',
      'ServiceTask_RejectPolicy',
      'SendTask_SendRejection',
    ],
    skipped: [
      'SendTask_ReportFraud',
      'ServiceTask_DeliverPolicy',
      'SendTask_SendPolicy',
    ],
  },
  {
    file: 'miwg-C.9.0-customer-onboarding.bpmn',
    path: 'fraud found in the check',
    reads: ['riskLevels', 'approved', 'ErrorBoundaryEvent_FraudDetected'],
    vars: { riskLevels: ['yellow'], ErrorBoundaryEvent_FraudDetected: true },
    done: ['Activity_ManualCheck', 'SendTask_ReportFraud'],
    skipped: ['ServiceTask_DeliverPolicy', 'ServiceTask_RejectPolicy'],
  },
  {
    file: 'miwg-C.9.1-onboarding-follow-up.bpmn',
    path: 'answer received in time',
    reads: [],
    vars: {},
    done: ['SendTask_RequestDocument', 'ReceiveTask_WaitForDocument'],
    skipped: ['UserTask_CallCustomer'],
  },
  {
    file: 'miwg-C.1.0-invoice-approval.bpmn',
    path: 'approved at once',
    reads: ['approved', 'clarified'],
    vars: { approved: true },
    done: [
      'assignApprover',
      'approveInvoice',
      'prepareBankTransfer',
      'archiveInvoice',
    ],
    skipped: ['reviewInvoice'],
  },
  {
    file: 'miwg-C.1.0-invoice-approval.bpmn',
    path: 'not clarified',
    reads: ['approved', 'clarified'],
    vars: { approved: false, clarified: 'no' },
    done: ['assignApprover', 'approveInvoice', 'reviewInvoice'],
    skipped: ['prepareBankTransfer', 'archiveInvoice'],
  },
  {
    file: 'bpmn-engine-lanes.bpmn',
    path: 'message marked received',
    reads: [],
    vars: {},
    done: ['task1', 'intermediate'],
    skipped: [],
  },
];

describe.skipIf(!corpus)('corpus through the CLI (set EMBARK_CORPUS)', () => {
  describe('bpmn/ runs to an end', () => {
    test('every file has a run', () => {
      const covered = new Set(runs.map((run) => run.file));
      expect(corpusFiles('bpmn', '.bpmn')).toEqual([...covered].sort());
    });

    test.each(runs)('$file: $path', async (run) => {
      const imported = await importPlaybook(corpusPath('bpmn', run.file));
      expect(imported.version).toBe(1);
      expect(Array.isArray(imported.warnings)).toBe(true);
      const definition = await exportDefinition(imported.id);
      expect(imported.nodes).toBe(definition.nodes.length);

      // Each listed variable appears in a condition, and the run sets no other.
      const conditions = conditionsOf(definition).join('\n');
      for (const name of run.reads) {
        expect(conditions, name).toMatch(new RegExp(`\\b${name}\\b`));
      }
      for (const name of Object.keys(run.vars)) {
        expect(run.reads).toContain(name);
      }
      if (run.reads.length === 0) expect(conditions).toBe('');

      const added = await addClient(imported.id);
      await setVars(added.journeyId, run.vars);
      const final = await driveToEnd(data.dir, added.journeyId, pdf);
      expect(final.status).toBe('completed');
      expect(final.progress).toBe(100);
      expect(final.incidents).toEqual([]);
      for (const key of run.done) {
        expect(stepOf(final, key).state, key).toBe('done');
      }
      for (const key of run.skipped) {
        expect(stepOf(final, key).state, key).toBe('skipped');
      }
    });
  });

  describe('bpmn/ loops, incidents and timers', () => {
    test('invoice review loop runs once', async () => {
      const imported = await importPlaybook(
        corpusPath('bpmn', 'miwg-C.1.0-invoice-approval.bpmn'),
      );
      const { journeyId } = await addClient(imported.id);
      await setVars(journeyId, { approved: false, clarified: 'yes' });

      // Not approved, clarified: the flow goes back to the approval.
      let journey = await driveUntil(
        journeyId,
        (j) => stepOf(j, 'approveInvoice').attempt === 2,
      );
      expect(stepOf(journey, 'reviewInvoice').state).toBe('done');
      expect(stepOf(journey, 'approveInvoice').state).toBe('ready');
      expect(journey.status).toBe('active');

      // Approved on the second pass: the flow leaves the loop.
      journey = await setVars(journeyId, { approved: true });
      expect(stepOf(journey, 'approveInvoice').state).toBe('ready');
      const final = await driveToEnd(data.dir, journeyId, pdf);
      expect(final.status).toBe('completed');
      expect(stepOf(final, 'approveInvoice')).toMatchObject({
        state: 'done',
        attempt: 2,
      });
      // The second pass cuts off the review, which gets a skipped second run.
      expect(stepOf(final, 'reviewInvoice')).toMatchObject({
        state: 'skipped',
        attempt: 2,
      });
      expect(stepOf(final, 'prepareBankTransfer').state).toBe('done');
      expect(stepOf(final, 'archiveInvoice').state).toBe('done');
    });

    test('unset variable raises an incident', async () => {
      const imported = await importPlaybook(
        corpusPath('bpmn', 'camunda8-customer-onboarding.bpmn'),
      );
      const { journeyId } = await addClient(imported.id);
      const journey = await driveUntil(
        journeyId,
        (j) => openSteps(j).length === 0,
      );
      expect(journey.status).toBe('active');
      expect(journey.incidents).toHaveLength(1);
      const [incident] = journey.incidents;
      expect(incident?.nodeKey).toBe('GatewayOrderAccepted');
      expect(incident?.message).toContain('GatewayOrderAccepted');
      expect(incident?.resolvedAt).toBeUndefined();

      const wrongEdge = await embark(data.dir, [
        '--json',
        'journey',
        'resolve',
        journeyId,
        '--branch',
        'GatewayOrderAccepted',
        '--edge',
        'Flow_0y7x6do',
      ]);
      expect(wrongEdge.code).toBe(2);
      expect(wrongEdge.stderr).toContain('SequenceFlowOrderAcceptedYes');

      const resolved = await embarkJson<JourneyJson>(data.dir, [
        'journey',
        'resolve',
        journeyId,
        '--branch',
        'GatewayOrderAccepted',
        '--edge',
        'SequenceFlowOrderAcceptedYes',
      ]);
      expect(resolved.incidents[0]?.resolvedAt).toBeDefined();
      expect(stepOf(resolved, 'TaskCreateCustomerInCrm').state).toBe('ready');
      const final = await driveToEnd(data.dir, journeyId, pdf);
      expect(final.status).toBe('completed');
      expect(stepOf(final, 'TaskCreateCustomerInCrm').state).toBe('done');
    });

    test('invoice incident resolves to the review', async () => {
      const imported = await importPlaybook(
        corpusPath('bpmn', 'miwg-C.1.0-invoice-approval.bpmn'),
      );
      const { journeyId } = await addClient(imported.id);
      let journey = await driveUntil(
        journeyId,
        (j) => openSteps(j).length === 0,
      );
      expect(journey.incidents.map((i) => i.nodeKey)).toEqual([
        'invoice_approved',
      ]);
      journey = await embarkJson<JourneyJson>(data.dir, [
        'journey',
        'resolve',
        journeyId,
        '--branch',
        'invoice_approved',
        '--edge',
        'invoiceNotApproved',
      ]);
      expect(stepOf(journey, 'reviewInvoice').state).toBe('ready');
      expect(stepOf(journey, 'prepareBankTransfer').state).toBe('skipped');

      // Setting the variable later settles the next branch by itself.
      journey = await actOn(
        data.dir,
        journeyId,
        stepOf(journey, 'reviewInvoice'),
        pdf,
      );
      expect(journey.incidents.map((i) => i.nodeKey)).toEqual([
        'invoice_approved',
        'reviewSuccessful_gw',
      ]);
      journey = await setVars(journeyId, { clarified: 'no' });
      expect(journey.incidents.every((i) => i.resolvedAt)).toBe(true);
      expect(journey.status).toBe('completed');
    });

    test('follow-up deadline takes the call path', async () => {
      const imported = await importPlaybook(
        corpusPath('bpmn', 'miwg-C.9.1-onboarding-follow-up.bpmn'),
      );
      const { journeyId } = await addClient(imported.id);
      await driveUntil(
        journeyId,
        (j) => stepOf(j, 'ReceiveTask_WaitForDocument').state === 'ready',
      );

      // A day and an hour later only the first reminder is due.
      expect(fireTimersAhead(day + 60 * 60 * 1000)).toBe(1);
      let journey = await show(journeyId);
      expect(stepOf(journey, 'ReceiveTask_WaitForDocument').state).toBe(
        'ready',
      );
      expect(eventTypes(journeyId)).toContain('step.reminder');
      expect(eventTypes(journeyId)).not.toContain('sla.breached');

      // After seven days the deadline cancels the wait and opens the call.
      expect(fireTimersAhead(8 * day)).toBeGreaterThanOrEqual(1);
      journey = await show(journeyId);
      expect(stepOf(journey, 'ReceiveTask_WaitForDocument').state).toBe(
        'cancelled',
      );
      expect(stepOf(journey, 'UserTask_CallCustomer').state).toBe('ready');
      expect(eventTypes(journeyId)).toContain('sla.breached');

      // Nothing is left to fire, and the reminders stopped with the step.
      expect(fireTimersAhead(30 * day)).toBe(0);
      const final = await driveToEnd(data.dir, journeyId, pdf);
      expect(final.status).toBe('completed');
      expect(stepOf(final, 'UserTask_CallCustomer').state).toBe('done');
    });
  });

  describe('bpmn/ export then import', () => {
    const nodeShape = (node: PlaybookNode) => ({
      key: node.key,
      kind: node.kind,
      name: node.name,
      form: node.form,
      role: node.role,
      help: node.help,
      receive: node.receive,
      deadline: node.deadline,
      reminders: node.reminders,
      branch: node.branch,
    });
    const edgeShape = (edge: PlaybookEdge) => ({
      key: edge.key,
      from: edge.from,
      to: edge.to,
      condition: edge.condition,
      isDefault: edge.isDefault ?? false,
    });
    const byKey = (a: { key: string }, b: { key: string }) =>
      a.key.localeCompare(b.key);

    /** Exports a playbook to BPMN, imports the file and compares both. */
    async function expectRoundTrip(id: string, nodes: number): Promise<void> {
      const exported = path.join(data.dir, `exported-${id}.bpmn`);
      const written = await embarkJson<{ file: string }>(data.dir, [
        'playbook',
        'export',
        id,
        '--format',
        'bpmn',
        '--out',
        exported,
      ]);
      expect(written.file).toBe(exported);
      const second = await importPlaybook(exported);
      expect(second.id).not.toBe(id);
      expect(second.version).toBe(1);
      expect(second.nodes).toBe(nodes);

      const before = await exportDefinition(id);
      const after = await exportDefinition(second.id);
      expect(after.nodes.map(nodeShape).sort(byKey)).toEqual(
        before.nodes.map(nodeShape).sort(byKey),
      );
      expect(after.edges.map(edgeShape).sort(byKey)).toEqual(
        before.edges.map(edgeShape).sort(byKey),
      );
    }

    test.each(corpusFiles('bpmn', '.bpmn'))('%s', async (file) => {
      const first = await importPlaybook(corpusPath('bpmn', file));
      await expectRoundTrip(first.id, first.nodes);
    });

    // The corpus files carry no forms, so the built-in playbooks show that
    // JSON Schema forms come back too.
    test('built-in playbooks keep their forms', async () => {
      const builtins = await embarkJson<{ id: string }[]>(data.dir, [
        'playbook',
        'list',
      ]);
      expect(builtins.length).toBeGreaterThan(0);
      for (const { id } of builtins) {
        const definition = await exportDefinition(id);
        expect(
          definition.nodes.some((node) => node.form),
          id,
        ).toBe(true);
        await expectRoundTrip(id, definition.nodes.length);
      }
    });
  });

  describe('PDFs through a file request', () => {
    const rejections: Record<string, RegExp> = {
      'encrypted.pdf': /password-protected|encrypted/,
      'truncated-no-xref.pdf': /damaged/,
      'no-header.pdf': /damaged/,
      'bogus-page-count.pdf': /pages, more than the limit/,
      'javascript-actions.pdf': /JavaScript actions/,
    };

    async function startDocumentJourney(): Promise<string> {
      const definition: PlaybookDefinition = {
        name: 'Document collection',
        nodes: [
          { key: 'start', kind: 'start', name: 'Start' },
          {
            key: 'documents',
            kind: 'fileRequest',
            name: 'Signed documents',
            role: 'Client',
            review: true,
            slots: [
              { name: 'contract', accept: ['application/pdf'], required: true },
              {
                name: 'supporting',
                accept: ['application/pdf'],
                required: false,
              },
            ],
          },
          { key: 'end', kind: 'end', name: 'End' },
        ],
        edges: [
          { key: 'to_documents', from: 'start', to: 'documents' },
          { key: 'to_end', from: 'documents', to: 'end' },
        ],
      };
      const file = path.join(data.dir, 'document-collection.json');
      writeFileSync(file, JSON.stringify(definition));
      const imported = await importPlaybook(file);
      expect(imported).toMatchObject({ version: 1, nodes: 3, warnings: [] });
      const { journeyId } = await addClient(imported.id);
      return journeyId;
    }

    async function upload(
      journeyId: string,
      slot: string,
      file: string,
    ): Promise<ReturnType<typeof embark>> {
      return embark(data.dir, [
        '--json',
        'journey',
        'act',
        journeyId,
        'documents',
        '--action',
        'upload',
        '--slot',
        slot,
        '--file',
        file,
      ]);
    }

    test('corpus has good and bad PDFs', () => {
      expect(corpusFiles('pdf', '.pdf').length).toBeGreaterThan(0);
      expect(corpusFiles('pdf-bad', '.pdf')).toEqual(
        Object.keys(rejections).sort(),
      );
    });

    test('good PDFs upload, bad ones are rejected', async () => {
      const journeyId = await startDocumentJourney();
      const documentsDir = path.join(data.dir, 'documents');

      let version = 0;
      for (const file of corpusFiles('pdf', '.pdf')) {
        const source = corpusPath('pdf', file);
        const result = await upload(journeyId, 'contract', source);
        expect(result.stderr, file).toBe('');
        expect(result.code, file).toBe(0);
        const journey = JSON.parse(result.stdout) as JourneyJson;
        const slot = stepOf(journey, 'documents').slots?.find(
          (candidate) => candidate.name === 'contract',
        );
        const document = slot?.document as
          | { name: string; hash: string; version: number; mime: string }
          | undefined;
        version += 1;
        expect(document?.version, file).toBe(version);
        expect(document?.name).toBe(file);
        expect(document?.mime).toBe('application/pdf');
        const bytes = readFileSync(source);
        const hash = createHash('sha256').update(bytes).digest('hex');
        expect(document?.hash).toBe(hash);
        const stored = path.join(documentsDir, hash.slice(0, 2), hash);
        expect(readFileSync(stored).equals(bytes), file).toBe(true);
        expect(stepOf(journey, 'documents').state).toBe('in_progress');
      }
      expect(version).toBe(corpusFiles('pdf', '.pdf').length);

      // Versions count per slot: the other slot starts again at 1.
      const other = await upload(journeyId, 'supporting', pdf);
      expect(other.code).toBe(0);
      const withOther = JSON.parse(other.stdout) as JourneyJson;
      const supporting = stepOf(withOther, 'documents').slots?.find(
        (slot) => slot.name === 'supporting',
      );
      expect(supporting?.document).toMatchObject({ version: 1 });

      const storedBefore = listFiles(documentsDir);
      const rowsBefore = countDocumentRows();
      const journeyBefore = await show(journeyId);
      for (const file of corpusFiles('pdf-bad', '.pdf')) {
        const result = await upload(
          journeyId,
          'contract',
          corpusPath('pdf-bad', file),
        );
        expect(result.code, file).toBe(1);
        expect(result.stdout, file).toBe('');
        const lines = result.stderr.trimEnd().split('\n');
        expect(lines, file).toHaveLength(1);
        expect(lines[0], file).toContain('[DOCUMENT_REJECTED]');
        expect(lines[0], file).toContain(file);
        expect(lines[0], file).toMatch(rejections[file] ?? /no expectation/);
        expect(listFiles(documentsDir), file).toEqual(storedBefore);
        expect(countDocumentRows(), file).toBe(rowsBefore);
        expect(await show(journeyId), file).toEqual(journeyBefore);
      }

      const approved = await embarkJson<JourneyJson>(data.dir, [
        'journey',
        'act',
        journeyId,
        'documents',
        '--action',
        'approve',
      ]);
      expect(approved.status).toBe('completed');
    });
  });

  describe('bpmn-edge/ and bpmn-malformed/', () => {
    /** An element id that a rejection of the file must name. */
    const blockingElements: Record<string, string> = {
      'bpmn-engine-mother-of-all.bpmn': 'toLoop',
      'bpmn-js-kitchen-sink.bpmn': 'Event_0m5cdgr',
    };

    test.each(corpusFiles('bpmn-edge', '.bpmn'))(
      '%s imports with a report or is rejected',
      async (file) => {
        const before = await embarkJson<unknown[]>(data.dir, [
          'playbook',
          'list',
        ]);
        const result = await embark(data.dir, [
          '--json',
          'playbook',
          'import',
          corpusPath('bpmn-edge', file),
        ]);
        expect(result.code).not.toBe(70);
        expect(result.stderr).not.toContain('[INTERNAL]');
        if (result.code === 0) {
          const imported = JSON.parse(result.stdout) as ImportJson;
          expect(imported.version).toBe(1);
          expect(imported.warnings.length).toBeGreaterThan(0);
          for (const warning of imported.warnings) {
            expect(warning.elementId).not.toBe('');
            expect(warning.message).not.toBe('');
          }
        } else {
          expect(result.code).toBe(1);
          expect(result.stdout).toBe('');
          expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
          expect(result.stderr).toContain('[BPMN_INVALID]');
          expect(result.stderr).toContain(
            blockingElements[file] ?? 'no expectation',
          );
          const after = await embarkJson<unknown[]>(data.dir, [
            'playbook',
            'list',
          ]);
          expect(after).toEqual(before);
        }
      },
    );

    test.each(corpusFiles('bpmn-malformed', '.bpmn'))(
      '%s is rejected with nothing written',
      async (file) => {
        const before = await embarkJson<unknown[]>(data.dir, [
          'playbook',
          'list',
        ]);
        const result = await embark(data.dir, [
          '--json',
          'playbook',
          'import',
          corpusPath('bpmn-malformed', file),
        ]);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        const lines = result.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain('[BPMN_INVALID]');
        const after = await embarkJson<unknown[]>(data.dir, [
          'playbook',
          'list',
        ]);
        expect(after).toEqual(before);
      },
    );
  });
});
