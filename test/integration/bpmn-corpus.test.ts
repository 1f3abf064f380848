import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { decodeBpmnBytes, importBpmn } from '../../src-shared/bpmn/import.ts';
import { isEmbarkError, type EmbarkError } from '../../src-shared/errors.ts';
import {
  playbookDefinitionSchema,
  type PlaybookDefinition,
} from '../../src-shared/playbooks/model.ts';

const corpus = process.env.EMBARK_CORPUS;

function readBpmn(folder: string, file: string): string {
  const bytes = readFileSync(join(corpus ?? '', folder, file));
  return decodeBpmnBytes(new Uint8Array(bytes));
}

function filesIn(folder: string): string[] {
  return corpus
    ? readdirSync(join(corpus, folder)).filter((f) => f.endsWith('.bpmn'))
    : [];
}

/** Every id declared in the file, read with bpmn-moddle directly. */
async function elementIds(xml: string): Promise<Set<string>> {
  const { elementsById } = await new BpmnModdle().fromXML(xml);
  return new Set(Object.keys(elementsById));
}

function node(definition: PlaybookDefinition, key: string) {
  return definition.nodes.find((candidate) => candidate.key === key);
}

function edge(definition: PlaybookDefinition, key: string) {
  return definition.edges.find((candidate) => candidate.key === key);
}

describe.skipIf(!corpus)('BPMN corpus (set EMBARK_CORPUS to run)', () => {
  describe('bpmn/', () => {
    it.each(filesIn('bpmn'))('imports %s', async (file) => {
      const xml = readBpmn('bpmn', file);
      const { definition, warnings } = await importBpmn(xml);
      expect(playbookDefinitionSchema.safeParse(definition).success).toBe(true);
      expect(definition.nodes.filter((n) => n.kind === 'start')).toHaveLength(
        1,
      );
      expect(definition.nodes.some((n) => n.kind === 'end')).toBe(true);
      const ids = await elementIds(xml);
      for (const warning of warnings) {
        expect(ids, warning.message).toContain(warning.elementId);
      }
    });

    it('translates the JUEL conditions of miwg-C.1.0', async () => {
      const xml = readBpmn('bpmn', 'miwg-C.1.0-invoice-approval.bpmn');
      const { definition, warnings } = await importBpmn(xml);
      expect(definition.name).toBe('BPMN MIWG Test Case C.1.0');
      expect(edge(definition, 'invoiceApproved')?.condition).toBe(
        'approved = true',
      );
      expect(edge(definition, 'invoiceNotApproved')?.condition).toBe(
        'approved = false',
      );
      expect(edge(definition, 'reviewSuccessful')?.condition).toBe(
        'clarified = "yes"',
      );
      expect(edge(definition, 'reviewNotSuccessful')?.condition).toBe(
        'clarified = "no"',
      );
      expect(node(definition, 'approveInvoice')?.role).toBe('Approver');
      expect(node(definition, 'prepareBankTransfer')?.role).toBe('Accountant');
      const other = warnings.find(
        (w) => w.elementId === 'sid-5FBB6CB3-8A7C-42B5-9024-15BB2684EC57',
      );
      expect(other?.message).toContain('is not imported');
    });

    it('reads the deadline and reminders of miwg-C.9.1', async () => {
      const xml = readBpmn('bpmn', 'miwg-C.9.1-onboarding-follow-up.bpmn');
      const { definition } = await importBpmn(xml);
      const wait = node(definition, 'ReceiveTask_WaitForDocument');
      expect(wait?.receive).toBe(true);
      expect(wait?.deadline).toEqual({
        after: 'P7D',
        edge: 'SequenceFlow_0i97ejj',
      });
      expect(wait?.reminders).toEqual({ every: 'P1D', times: 6 });
      expect(edge(definition, 'SequenceFlow_0i97ejj')).toMatchObject({
        from: 'ReceiveTask_WaitForDocument',
        to: 'UserTask_CallCustomer',
      });
      expect(node(definition, 'SendTask_SendReminderEmail')).toBeUndefined();
    });

    it('reports the event sub-processes of miwg-C.9.0', async () => {
      const xml = readBpmn('bpmn', 'miwg-C.9.0-customer-onboarding.bpmn');
      const { definition, warnings } = await importBpmn(xml);
      for (const id of ['Activity_1ke2ixr', 'Activity_0vp33kx']) {
        const warning = warnings.find((w) => w.elementId === id);
        expect(warning?.message).toContain('Event sub-process');
        expect(node(definition, id)).toBeUndefined();
      }
      expect(node(definition, 'UserTask_HandleTimeout')).toBeUndefined();
      const fraud = warnings.find(
        (w) => w.elementId === 'ErrorBoundaryEvent_FraudDetected',
      );
      expect(fraud?.message).toContain(
        'ErrorBoundaryEvent_FraudDetected is true',
      );
      expect(edge(definition, 'SequenceFlow_Red')?.condition).toBe(
        'some risk in riskLevels satisfies risk = "red"',
      );
      expect(edge(definition, 'SequenceFlow_Green')?.isDefault).toBe(true);
    });

    it('turns the message catch of bpmn-engine-lanes into a receive step', async () => {
      const xml = readBpmn('bpmn', 'bpmn-engine-lanes.bpmn');
      const { definition, warnings } = await importBpmn(xml);
      expect(node(definition, 'intermediate')).toMatchObject({
        kind: 'task',
        receive: true,
      });
      expect(node(definition, 'otherTask')).toBeUndefined();
      const messageFlow = warnings.find(
        (w) => w.elementId === 'fromCompleteTaskMessageFlow',
      );
      expect(messageFlow?.message).toContain('Message flow');
    });

    it('keeps the camunda8 gateway without a default edge', async () => {
      const xml = readBpmn('bpmn', 'camunda8-customer-onboarding.bpmn');
      const { definition } = await importBpmn(xml);
      const outgoing = definition.edges.filter(
        (e) => e.from === 'GatewayOrderAccepted',
      );
      expect(outgoing.map((e) => e.condition).sort()).toEqual([
        '( automaticProcessing=true )',
        '(automaticProcessing = false)',
      ]);
      expect(outgoing.some((e) => e.isDefault)).toBe(false);
    });

    it('selects another pool on request', async () => {
      const xml = readBpmn('bpmn', 'bpmn-engine-lanes.bpmn');
      const { definition } = await importBpmn(xml, {
        processId: 'participantProcess',
      });
      expect(node(definition, 'otherTask')?.kind).toBe('task');
    });
  });

  /** Element types that have no exact playbook equivalent. */
  const inexactTypes = new Set([
    'bpmn:ServiceTask',
    'bpmn:ScriptTask',
    'bpmn:SendTask',
    'bpmn:BusinessRuleTask',
    'bpmn:CallActivity',
    'bpmn:SubProcess',
    'bpmn:Transaction',
    'bpmn:AdHocSubProcess',
    'bpmn:ComplexGateway',
    'bpmn:EventBasedGateway',
    'bpmn:BoundaryEvent',
  ]);

  describe('bpmn-edge/', () => {
    it.each(filesIn('bpmn-edge'))(
      'imports %s with a full report or rejects it',
      async (file) => {
        const xml = readBpmn('bpmn-edge', file);
        let result;
        try {
          result = await importBpmn(xml);
        } catch (error) {
          expect(isEmbarkError(error)).toBe(true);
          expect((error as EmbarkError).code).toBe('BPMN_INVALID');
          expect((error as Error).message).toMatch(
            /start event|not connected|process/,
          );
          return;
        }
        const { definition, warnings } = result;
        expect(playbookDefinitionSchema.safeParse(definition).success).toBe(
          true,
        );
        const { elementsById } = await new BpmnModdle().fromXML(xml);
        const reported = new Set(warnings.map((w) => w.elementId));
        for (const warning of warnings) {
          expect(Object.keys(elementsById), warning.message).toContain(
            warning.elementId,
          );
        }
        const imported = new Set(definition.nodes.map((n) => n.key));
        for (const [id, element] of Object.entries(elementsById)) {
          const type = element.$type;
          const isFlowNode =
            /Task|Event|Gateway|Activity|Process|Transaction/.test(type) &&
            !type.endsWith('Definition') &&
            type !== 'bpmn:Process';
          if (!isFlowNode || reported.has(processOf(element))) continue;
          if (inexactTypes.has(type) || !imported.has(id)) {
            expect(
              reported.has(id) || reportedByContainer(warnings, id),
              `${id} (${type})`,
            ).toBe(true);
          }
        }
      },
    );

    it('rejects the kitchen sink naming its unconnected starts', async () => {
      const xml = readBpmn('bpmn-edge', 'bpmn-js-kitchen-sink.bpmn');
      await expect(importBpmn(xml)).rejects.toMatchObject({
        code: 'BPMN_INVALID',
        message: expect.stringContaining('start events Event_0m5cdgr'),
      });
    });
  });

  describe('bpmn-malformed/', () => {
    const expected: Record<string, string> = {
      'no-xml.bpmn': 'is not XML',
      'binary.bpmn': 'not XML text: it contains a NUL byte',
      'missing-namespace.bpmn': 'is not in the BPMN 2.0 namespace',
      'duplicate-ids.bpmn': 'Duplicate id "test" at line 9, column 3',
      'boundary-event-missing-attach.bpmn':
        'Boundary event BoundaryEvent_1 (line 5, column 5)',
      'bad-encoding.bpmn': 'contains no process',
    };

    it.each(filesIn('bpmn-malformed'))('rejects %s', async (file) => {
      const bytes = new Uint8Array(
        readFileSync(join(corpus ?? '', 'bpmn-malformed', file)),
      );
      let error: unknown;
      try {
        await importBpmn(decodeBpmnBytes(bytes));
      } catch (caught) {
        error = caught;
      }
      expect(isEmbarkError(error)).toBe(true);
      expect((error as EmbarkError).code).toBe('BPMN_INVALID');
      expect((error as Error).message).toContain(
        expected[file] ?? 'no expectation',
      );
    });

    it('rejects the declared encoding of text read as UTF-8', async () => {
      const text = readFileSync(
        join(corpus ?? '', 'bpmn-malformed', 'bad-encoding.bpmn'),
        'utf8',
      );
      await expect(importBpmn(text)).rejects.toMatchObject({
        code: 'BPMN_INVALID',
        message: expect.stringContaining('declares encoding windows-1252'),
      });
    });
  });
});

/** Id of the process that contains `element`. */
function processOf(element: {
  $type: string;
  id?: string;
  $parent?: unknown;
}): string {
  let current: { $type: string; id?: string; $parent?: unknown } | undefined =
    element;
  while (current && current.$type !== 'bpmn:Process') {
    current = current.$parent as typeof current;
  }
  return current?.id ?? '';
}

/** True when a warning about a container lists `id` among its contents. */
function reportedByContainer(
  warnings: { message: string }[],
  id: string,
): boolean {
  return warnings.some((warning) =>
    new RegExp(`[ (,]${id}[,)]`).test(warning.message),
  );
}
