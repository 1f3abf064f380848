import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { exportBpmn } from '../../src-shared/bpmn/export.ts';
import { importBpmn } from '../../src-shared/bpmn/import.ts';
import { isEmbarkError } from '../../src-shared/errors.ts';
import {
  playbookDefinitionSchema,
  type PlaybookDefinition,
} from '../../src-shared/playbooks/model.ts';

/** Every node kind, a deadline, reminders, rejection and odd edge keys. */
const everyKind: PlaybookDefinition = playbookDefinitionSchema.parse({
  name: 'Every kind',
  segment: 'enterprise',
  description: 'Covers each node kind',
  nodes: [
    { key: 'start', kind: 'start', name: 'Start' },
    {
      key: 'intake',
      kind: 'form',
      name: 'Intake <form> & more',
      role: 'client',
      help: 'Fill in "all" fields',
      dueInDays: 3,
      form: {
        schema: { type: 'object', properties: { size: { type: 'number' } } },
        uiSchema: { size: { 'ui:widget': 'updown' } },
      },
    },
    {
      key: 'docs',
      kind: 'fileRequest',
      name: 'Documents',
      role: 'client',
      slots: [{ name: 'w9', label: 'W-9', accept: ['application/pdf'] }],
      review: true,
      deadline: { after: 'P7D', edge: 'docs-late' },
      reminders: { every: 'P1D', times: 3 },
    },
    { key: 'chase', kind: 'task', name: 'Chase', role: 'coordinator' },
    {
      key: 'route',
      kind: 'branch',
      name: 'Risk?',
      branch: { mode: 'exclusive' },
    },
    {
      key: 'security',
      kind: 'approval',
      name: 'Security review',
      role: 'security',
      approval: { mode: 'nOfM', approvers: ['legal', 'finance'], required: 1 },
      reminders: { every: 'PT12H' },
    },
    { key: 'fork', kind: 'fork', name: '' },
    {
      key: 'signed',
      kind: 'task',
      name: 'Signed copy',
      role: 'coordinator',
      receive: true,
    },
    { key: 'cool', kind: 'wait', name: 'Cool-off', wait: { duration: 'P2D' } },
    {
      key: 'date',
      kind: 'wait',
      name: 'Go-live date',
      wait: { until: '2030-01-01T09:00:00Z' },
    },
    { key: 'join', kind: 'join', name: '' },
    { key: 'live', kind: 'milestone', name: 'Live', stage: 'Live' },
    {
      key: 'extras',
      kind: 'branch',
      name: 'Extras',
      branch: { mode: 'inclusive' },
    },
    { key: 'end', kind: 'end', name: 'Done' },
  ],
  edges: [
    { key: 'e1', from: 'start', to: 'intake' },
    { key: 'e2', from: 'intake', to: 'docs' },
    { key: 'docs-late', from: 'docs', to: 'chase', name: 'Late' },
    { key: 'e3', from: 'docs', to: 'route' },
    { key: 'e4', from: 'chase', to: 'docs' },
    {
      key: 'e5',
      from: 'route',
      to: 'security',
      condition: 'riskTier != "low"',
    },
    { key: 'e6', from: 'route', to: 'fork', isDefault: true, name: 'Low risk' },
    { key: 'e7', from: 'security', to: 'fork' },
    {
      key: 'security rejected',
      from: 'security',
      to: 'intake',
      onReject: true,
    },
    { key: 'e8', from: 'fork', to: 'signed' },
    { key: 'e9', from: 'fork', to: 'cool' },
    { key: 'e10', from: 'signed', to: 'date' },
    { key: 'e11', from: 'date', to: 'join' },
    { key: 'e12', from: 'cool', to: 'join' },
    { key: 'e13', from: 'join', to: 'live' },
    { key: 'e14', from: 'live', to: 'extras' },
    {
      key: 'live',
      from: 'extras',
      to: 'end',
      condition: 'count(integrations) > 1',
    },
    { key: 'e15', from: 'extras', to: 'end', isDefault: true },
  ],
});

function sorted(definition: PlaybookDefinition) {
  return {
    ...definition,
    nodes: [...definition.nodes].sort((a, b) => a.key.localeCompare(b.key)),
    edges: [...definition.edges].sort((a, b) => a.key.localeCompare(b.key)),
  };
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isEmbarkError(error))
      return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('exportBpmn', () => {
  it('round-trips every kind exactly', async () => {
    const xml = await exportBpmn(everyKind);
    const { definition, warnings } = await importBpmn(xml);
    expect(sorted(definition)).toEqual(sorted(everyKind));
    expect(warnings).toEqual([]);
  });

  it('writes BPMN that other tools read', async () => {
    const xml = await exportBpmn(everyKind);
    const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
    expect(warnings).toEqual([]);
    const process = (rootElement.rootElements as { $type: string }[]).find(
      (element) => element.$type === 'bpmn:Process',
    ) as Record<string, unknown>;
    const types = (process.flowElements as { $type: string; id: string }[]).map(
      (element) => `${element.id}:${element.$type}`,
    );
    expect(types).toContain('intake:bpmn:UserTask');
    expect(types).toContain('signed:bpmn:ReceiveTask');
    expect(types).toContain('live:bpmn:IntermediateThrowEvent');
    expect(types).toContain('cool:bpmn:IntermediateCatchEvent');
    expect(types).toContain('extras:bpmn:InclusiveGateway');
    expect(types).toContain('fork:bpmn:ParallelGateway');
    expect(types).toContain('docs_deadline:bpmn:BoundaryEvent');
    expect(types).toContain('docs_reminders:bpmn:BoundaryEvent');
    const lanes = (process.laneSets as { lanes: { name: string }[] }[])[0]
      ?.lanes;
    expect(lanes?.map((lane) => lane.name)).toEqual([
      'client',
      'coordinator',
      'security',
    ]);
    expect(xml).toContain(
      '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=riskTier != "low"</bpmn:conditionExpression>',
    );
    expect(xml).toContain(
      '<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3/P1D</bpmn:timeCycle>',
    );
  });

  it('draws a shape per element and an edge per flow', async () => {
    const xml = await exportBpmn(everyKind);
    const { rootElement } = await new BpmnModdle().fromXML(xml);
    const [diagram] = rootElement.diagrams as {
      plane: { planeElement: Record<string, unknown>[] };
    }[];
    const drawn = diagram?.plane.planeElement ?? [];
    const shapes = drawn.filter(
      (element) => element.$type === 'bpmndi:BPMNShape',
    );
    const edges = drawn.filter(
      (element) => element.$type === 'bpmndi:BPMNEdge',
    );
    // Nodes, three boundary events, the pool and three lanes.
    expect(shapes).toHaveLength(everyKind.nodes.length + 3 + 1 + 3);
    expect(edges).toHaveLength(everyKind.edges.length);
    for (const edge of edges) {
      expect((edge.waypoint as unknown[]).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('rejects an edge to a missing node', async () => {
    const broken = {
      ...everyKind,
      edges: [...everyKind.edges, { key: 'x', from: 'start', to: 'ghost' }],
    };
    const error = await rejection(exportBpmn(broken));
    expect(error.code).toBe('PLAYBOOK_INVALID');
    expect(error.message).toContain(
      'edge x refers to the node ghost, which does not exist',
    );
  });

  it('rejects a deadline on a foreign edge', async () => {
    const nodes = everyKind.nodes.map((node) =>
      node.key === 'docs'
        ? { ...node, deadline: { after: 'P1D', edge: 'e1' } }
        : node,
    );
    const error = await rejection(exportBpmn({ ...everyKind, nodes }));
    expect(error.code).toBe('PLAYBOOK_INVALID');
    expect(error.message).toContain(
      'the deadline of docs names the edge e1, which does not leave docs',
    );
  });

  it('rejects an invalid key', async () => {
    const nodes = [
      ...everyKind.nodes,
      { key: '9 lives', kind: 'task' as const, name: 'x' },
    ];
    const error = await rejection(exportBpmn({ ...everyKind, nodes }));
    expect(error.code).toBe('PLAYBOOK_INVALID');
    expect(error.message).toContain(
      'nodes.14.key must start with a letter or _',
    );
  });
});

const playbookFolder = join(import.meta.dirname, '../../resources/playbooks');
const builtIn = (() => {
  try {
    return readdirSync(playbookFolder).filter((file) => file.endsWith('.json'));
  } catch {
    return [];
  }
})();

describe.skipIf(builtIn.length === 0)(
  'exportBpmn on built-in playbooks',
  () => {
    it.each(builtIn)('round-trips %s', async (file) => {
      const raw: unknown = JSON.parse(
        readFileSync(join(playbookFolder, file), 'utf8'),
      );
      const playbook = playbookDefinitionSchema.parse(raw);
      const { definition, warnings } = await importBpmn(
        await exportBpmn(playbook),
      );
      expect(sorted(definition)).toEqual(sorted(playbook));
      expect(warnings).toEqual([]);
    });
  },
);
