// A large, valid playbook for the canvas benchmark: repeated phases of
// parallel tracks, a risk branch and a milestone, using every node kind.
import {
  defaultStages,
  type PlaybookDefinition,
  type PlaybookEdge,
  type PlaybookNode,
} from '../src-shared/playbooks/model.ts';

const noteForm = {
  schema: {
    type: 'object',
    properties: { notes: { type: 'string', title: 'Notes' } },
  },
};

/** Nodes and edges of one phase, entered from `into` and left by `exit`. */
function phase(index: number, into: string) {
  const key = (name: string) => `p${index}_${name}`;
  const nodes: PlaybookNode[] = [
    { key: key('fork'), kind: 'fork', name: '' },
    {
      key: key('kickoff'),
      kind: 'task',
      name: `Phase ${index} kickoff call`,
      role: 'coordinator',
      dueInDays: 2,
    },
    {
      key: key('questionnaire'),
      kind: 'form',
      name: `Phase ${index} questionnaire`,
      role: 'client',
      form: noteForm,
    },
    {
      key: key('documents'),
      kind: 'fileRequest',
      name: `Phase ${index} documents`,
      role: 'client',
      slots: [
        { name: 'evidence', accept: ['application/pdf'], required: true },
      ],
    },
    {
      key: key('approval'),
      kind: 'approval',
      name: `Phase ${index} finance approval`,
      role: 'finance',
      approval: { mode: 'single', approvers: ['finance'] },
    },
    {
      key: key('setup'),
      kind: 'task',
      name: `Phase ${index} technical setup`,
      role: 'engineer',
    },
    {
      key: key('cooldown'),
      kind: 'wait',
      name: `Phase ${index} settling period`,
      wait: { duration: 'P2D' },
    },
    { key: key('join'), kind: 'join', name: '' },
    {
      key: key('risk'),
      kind: 'branch',
      name: 'Risk?',
      branch: { mode: 'exclusive' },
    },
    {
      key: key('review'),
      kind: 'task',
      name: `Phase ${index} security review`,
      role: 'security',
    },
    {
      key: key('done'),
      kind: 'milestone',
      name: `Phase ${index} complete`,
      stage: defaultStages[index % defaultStages.length],
    },
  ];
  const link = (from: string, to: string, extra: Partial<PlaybookEdge> = {}) =>
    ({ key: `${from}__${to}`, from, to, ...extra }) satisfies PlaybookEdge;
  const edges: PlaybookEdge[] = [
    link(into, key('fork')),
    link(key('fork'), key('kickoff')),
    link(key('kickoff'), key('questionnaire')),
    link(key('questionnaire'), key('join')),
    link(key('fork'), key('documents')),
    link(key('documents'), key('approval')),
    link(key('approval'), key('join')),
    link(key('fork'), key('setup')),
    link(key('setup'), key('cooldown')),
    link(key('cooldown'), key('join')),
    link(key('join'), key('risk')),
    link(key('risk'), key('review'), { condition: 'riskTier = "high"' }),
    link(key('risk'), key('done'), { isDefault: true }),
    link(key('review'), key('done')),
  ];
  return { nodes, edges, exit: key('done') };
}

/** Builds a playbook of exactly `size` nodes (at least 13). */
export function largePlaybook(size: number): PlaybookDefinition {
  const nodes: PlaybookNode[] = [
    { key: 'start', kind: 'start', name: 'Start' },
  ];
  const edges: PlaybookEdge[] = [];
  let last = 'start';
  for (let index = 1; nodes.length + 11 + 1 <= size; index += 1) {
    const next = phase(index, last);
    nodes.push(...next.nodes);
    edges.push(...next.edges);
    last = next.exit;
  }
  for (let index = 1; nodes.length + 1 < size; index += 1) {
    const key = `wrap_up_${index}`;
    nodes.push({ key, kind: 'task', name: `Wrap-up ${index}`, role: 'csm' });
    edges.push({ key: `${last}__${key}`, from: last, to: key });
    last = key;
  }
  nodes.push({ key: 'end', kind: 'end', name: 'End' });
  edges.push({ key: `${last}__end`, from: last, to: 'end' });
  return { name: 'Large benchmark playbook', nodes, edges };
}
