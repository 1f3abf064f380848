import { describe, expect, it } from 'vitest';
import type {
  PlaybookEdge,
  PlaybookNode,
} from '../../../src-shared/playbooks/model.ts';
import { validatePlaybook } from '../../../src-shared/playbooks/validate.ts';

type NodeInput = Partial<PlaybookNode> & { key: string };
type EdgeInput = [string, string, Partial<PlaybookEdge>?];

function definition(nodes: NodeInput[], edges: EdgeInput[]) {
  return {
    name: 'Test',
    nodes: nodes.map((node) => ({
      name: node.key,
      kind: 'task',
      role: 'ops',
      ...node,
    })),
    edges: edges.map(([from, to, extra], index) => ({
      key: `e${index + 1}`,
      from,
      to,
      ...extra,
    })),
  };
}

const start = { key: 'start', kind: 'start' as const, role: undefined };
const end = { key: 'end', kind: 'end' as const, role: undefined };

/** Builds a valid start -> ... -> end line around the given middle nodes. */
function line(middle: NodeInput[], extraEdges: EdgeInput[] = []) {
  const keys = ['start', ...middle.map((node) => node.key), 'end'];
  const edges: EdgeInput[] = keys
    .slice(1)
    .map((key, index) => [keys[index] as string, key]);
  return definition([start, ...middle, end], [...edges, ...extraEdges]);
}

function messages(def: unknown): string[] {
  return validatePlaybook(def).errors.map((issue) => issue.message);
}

describe('validatePlaybook', () => {
  it('accepts a valid playbook', () => {
    const result = validatePlaybook(line([{ key: 'kickoff' }]));
    expect(result).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('reports shape errors with their path', () => {
    const def = line([{ key: 'kickoff' }]);
    (def.nodes[1] as Record<string, unknown>).kind = 'meeting';
    const result = validatePlaybook(def);
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.nodeKey).toBe('kickoff');
    expect(result.errors[0]?.message).toMatch(/^nodes\.1\.kind: /);
    expect(validatePlaybook(null).errors[0]?.message).toMatch(/^playbook: /);
  });

  it('finds duplicate keys', () => {
    const def = line([{ key: 'a' }], [['a', 'end', { key: 'e1' }]]);
    def.nodes.push({ ...def.nodes[1], key: 'a' } as (typeof def.nodes)[number]);
    const found = messages(def);
    expect(found).toContain(
      'Node key "a" is used by more than one node; give each node its own key.',
    );
    expect(found).toContain(
      'Edge key "e1" is used by more than one edge; give each edge its own key.',
    );
  });

  it('needs exactly one start without incoming edges', () => {
    expect(messages(definition([{ key: 'a' }, end], [['a', 'end']]))).toContain(
      'The playbook has no start node; add exactly one node of kind start.',
    );
    const two = line([{ key: 'a' }], [['s2', 'a']]);
    two.nodes.push({
      key: 's2',
      name: 's2',
      kind: 'start',
    } as (typeof two.nodes)[number]);
    expect(messages(two)).toContain(
      'Start "s2" is a second start node; a playbook has exactly one start, so change its kind or remove it.',
    );
    expect(messages(line([{ key: 'a' }], [['a', 'start']]))).toContain(
      'Start "start" has incoming edges; nothing may lead back to the start, so point those edges at another node.',
    );
  });

  it('needs an end without outgoing edges', () => {
    expect(
      messages(definition([start, { key: 'a' }], [['start', 'a']])),
    ).toContain(
      'The playbook has no end node; add a node of kind end where the journey finishes.',
    );
    expect(messages(line([{ key: 'a' }], [['end', 'a']]))).toContain(
      'End "end" has outgoing edges; the journey stops at an end, so remove them or change the node\'s kind.',
    );
  });

  it('finds edges to unknown nodes', () => {
    expect(messages(line([{ key: 'a' }], [['a', 'ghost']]))).toContain(
      'Edge "e3" goes to unknown node "ghost"; point it at an existing node key or remove it.',
    );
  });

  it('finds unreachable nodes and dead ends', () => {
    const def = line([{ key: 'a' }]);
    def.nodes.push({
      key: 'orphan',
      name: 'Orphan',
      kind: 'task',
      role: 'ops',
    } as (typeof def.nodes)[number]);
    const found = messages(def);
    expect(found).toContain(
      'Task "Orphan" (orphan) is unreachable from the start; connect an edge to it or remove it.',
    );
    expect(found).toContain(
      'Task "Orphan" (orphan) has no path to an end node; add an edge from it towards an end.',
    );
  });

  it('checks joins and forks', () => {
    expect(messages(line([{ key: 'j', kind: 'join' }]))).toContain(
      'Join "j" has 1 incoming edge(s); a join merges parallel tracks, so give it at least two or remove it.',
    );
    expect(messages(line([{ key: 'f', kind: 'fork' }]))).toContain(
      'Fork "f" has 1 outgoing edge(s); a fork starts parallel tracks, so give it at least two or remove it.',
    );
    const exclusive = definition(
      [
        start,
        { key: 'b', kind: 'branch', branch: { mode: 'exclusive' } },
        { key: 'x' },
        { key: 'y' },
        { key: 'j', kind: 'join' },
        end,
      ],
      [
        ['start', 'b'],
        ['b', 'x', { condition: 'a = 1' }],
        ['b', 'y', { isDefault: true }],
        ['x', 'j'],
        ['y', 'j'],
        ['j', 'end'],
      ],
    );
    const found = messages(exclusive);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('Join "j" can never fire');
    expect(found[0]).toContain('exclusive Branch "b"');
  });

  it('checks branch edges and defaults', () => {
    const branch = (edges: EdgeInput[]) =>
      definition(
        [
          start,
          {
            key: 'b',
            kind: 'branch',
            name: 'Check',
            branch: { mode: 'exclusive' },
          },
          { key: 'x' },
          end,
        ],
        [['start', 'b'], ...edges, ['x', 'end']],
      );
    expect(
      messages(
        branch([
          ['b', 'x', { condition: 'a = 1' }],
          ['b', 'end'],
        ]),
      ),
    ).toContain(
      'Edge "e3" of Branch "Check" (b) has no condition and is not the default; add a FEEL condition or mark it as the default edge.',
    );
    expect(
      messages(
        branch([
          ['b', 'x', { isDefault: true }],
          ['b', 'end', { isDefault: true }],
        ]),
      ),
    ).toContain(
      'Branch "Check" (b) has 2 default edges (e2, e3); keep exactly one.',
    );
    const noDefault = validatePlaybook(
      branch([
        ['b', 'x', { condition: 'a = 1' }],
        ['b', 'end', { condition: 'a = 2' }],
      ]),
    );
    expect(noDefault.valid).toBe(true);
    expect(noDefault.warnings).toEqual([
      {
        nodeKey: 'b',
        message:
          'Branch "Check" (b) has no default edge; when no condition holds the journey raises an incident, so mark one edge as the default.',
      },
    ]);
    expect(validatePlaybook(branch([['b', 'x']]))).toEqual({
      valid: true,
      errors: [],
      warnings: [],
    });
    const dead = definition(
      [start, { key: 'b', kind: 'branch', branch: { mode: 'exclusive' } }, end],
      [['start', 'b']],
    );
    expect(messages(dead)).toContain(
      'Branch "b" has no outgoing edge; add edges with conditions and a default edge.',
    );
  });

  it('checks node settings', () => {
    const found = messages(
      line([
        { key: 'intake', kind: 'form' },
        { key: 'docs', kind: 'fileRequest' },
        {
          key: 'ids',
          kind: 'fileRequest',
          slots: [
            { name: 'a', accept: [], required: true },
            { name: 'a', accept: [], required: true },
          ],
        },
        { key: 'ok', kind: 'approval' },
        {
          key: 'board',
          kind: 'approval',
          approval: { mode: 'nOfM', approvers: ['a', 'b'], required: 3 },
        },
        { key: 'pause', kind: 'wait', role: undefined },
        { key: 'hold', kind: 'wait', role: undefined, wait: { until: 'soon' } },
        { key: 'call', role: undefined },
      ]),
    );
    expect(found).toEqual([
      'Form "intake" has no form schema; add form.schema with the JSON Schema of its answers.',
      'File request "docs" has no slots; add at least one named slot for the documents it requests.',
      'File request "ids" has more than one slot named "a"; give each slot its own name.',
      'Approval "ok" has no approval spec; add approval with a mode and the approver roles.',
      'Approval "board" needs approval.required between 1 and 2 (the number of approvers) for mode nOfM.',
      'Wait "pause" has neither a duration nor an until date; set wait.duration (such as P2D) or wait.until.',
      'Wait "hold" has wait.until "soon", which is not an ISO date or date-time; write it like 2024-05-01.',
      'Task "call" has a missing assignee: set its role to the role that owns the step.',
    ]);
  });

  it('checks deadlines, onReject edges and conditions', () => {
    const def = line(
      [
        { key: 'a', deadline: { after: 'P1D', edge: 'e2' } },
        { key: 'b', deadline: { after: 'P1D', edge: 'late' } },
      ],
      [
        ['b', 'a', { key: 'back', onReject: true }],
        ['b', 'end', { key: 'cond', condition: 'x >' }],
      ],
    );
    const found = messages(def);
    expect(found).toContain(
      'Task "b" has a deadline edge "late" that does not leave this node; point deadline.edge at one of its outgoing edges.',
    );
    expect(found).toContain(
      'Edge "back" is marked onReject but leaves Task "b"; only approvals and file requests can be rejected, so remove onReject.',
    );
    expect(
      found.find((message) => message.startsWith('Edge "cond"')),
    ).toContain('which is not valid FEEL');
    expect(
      found.some((message) => message.startsWith('Task "a" has a deadline')),
    ).toBe(false);
  });
});

describe('form schemas', () => {
  const withForm = (schema: Record<string, unknown>) => ({
    name: 'Form check',
    nodes: [
      { key: 'start', kind: 'start', name: 'Start' },
      {
        key: 'intake',
        kind: 'form',
        name: 'Intake',
        role: 'client',
        form: { schema },
      },
      { key: 'end', kind: 'end', name: 'End' },
    ],
    edges: [
      { key: 'a', from: 'start', to: 'intake' },
      { key: 'b', from: 'intake', to: 'end' },
    ],
  });

  it('rejects a schema that cannot compile', () => {
    const result = validatePlaybook(
      withForm({ type: 'object', properties: { name: { type: 'strin' } } }),
    );
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.nodeKey).toBe('intake');
    expect(result.errors[0]?.message).toContain(
      'form schema that cannot be used',
    );
  });

  it('rejects an unresolved reference', () => {
    const result = validatePlaybook(
      withForm({ $ref: 'urn:missing#/definitions/person' }),
    );
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.message).toContain('urn:missing');
  });
});
