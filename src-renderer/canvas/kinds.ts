import type {
  NodeKind,
  PlaybookNode,
} from '../../src-shared/playbooks/model.ts';

/** The shape a kind is drawn as: a card, a diamond, a circle or a flag. */
export type KindFamily = 'work' | 'gateway' | 'event' | 'milestone';

export interface KindInfo {
  kind: NodeKind;
  label: string;
  /** A short glyph shown on the node and in the palette. */
  icon: string;
  family: KindFamily;
  description: string;
}

export const kindInfo: Record<NodeKind, KindInfo> = {
  start: {
    kind: 'start',
    label: 'Start',
    icon: '▶',
    family: 'event',
    description: 'Where every journey begins; a playbook has exactly one.',
  },
  end: {
    kind: 'end',
    label: 'End',
    icon: '■',
    family: 'event',
    description: 'Where a track of the journey finishes.',
  },
  task: {
    kind: 'task',
    label: 'Task',
    icon: '✓',
    family: 'work',
    description: 'A to-do for a role, marked done by a person.',
  },
  form: {
    kind: 'form',
    label: 'Form',
    icon: '✎',
    family: 'work',
    description: 'Questions answered against a JSON Schema.',
  },
  fileRequest: {
    kind: 'fileRequest',
    label: 'File request',
    icon: '▤',
    family: 'work',
    description: 'Document slots with accepted file types.',
  },
  approval: {
    kind: 'approval',
    label: 'Approval',
    icon: '⚖',
    family: 'work',
    description: 'Approvers by role: single, chain, all or n of m.',
  },
  milestone: {
    kind: 'milestone',
    label: 'Milestone',
    icon: '⚑',
    family: 'milestone',
    description: 'A checkpoint that moves the journey to a board stage.',
  },
  branch: {
    kind: 'branch',
    label: 'Branch',
    icon: '◇',
    family: 'gateway',
    description: 'Chooses outgoing paths by their FEEL conditions.',
  },
  fork: {
    kind: 'fork',
    label: 'Fork',
    icon: '+',
    family: 'gateway',
    description: 'Starts parallel tracks.',
  },
  join: {
    kind: 'join',
    label: 'Join',
    icon: '⋈',
    family: 'gateway',
    description: 'Waits for every live parallel track.',
  },
  wait: {
    kind: 'wait',
    label: 'Wait',
    icon: '◷',
    family: 'work',
    description: 'Pauses for a duration or until a date.',
  },
};

/** Palette order: work steps first, then flow control. */
export const paletteKinds: NodeKind[] = [
  'task',
  'form',
  'fileRequest',
  'approval',
  'milestone',
  'wait',
  'branch',
  'fork',
  'join',
  'start',
  'end',
];

/** Node size in pixels per family, used by auto-layout and the node CSS. */
export const familySize: Record<KindFamily, { width: number; height: number }> =
  {
    work: { width: 200, height: 72 },
    gateway: { width: 56, height: 56 },
    event: { width: 48, height: 48 },
    milestone: { width: 160, height: 44 },
  };

export function sizeOf(kind: NodeKind): { width: number; height: number } {
  return familySize[kindInfo[kind].family];
}

/** Creates a node of `kind` with the settings the validator requires. */
export function newNode(kind: NodeKind, key: string): PlaybookNode {
  const name = kind === 'start' || kind === 'end' ? kindInfo[kind].label : '';
  const node: PlaybookNode = {
    key,
    kind,
    name: name || `New ${kindInfo[kind].label.toLowerCase()}`,
  };
  switch (kind) {
    case 'task':
      return { ...node, role: 'coordinator' };
    case 'form':
      return {
        ...node,
        role: 'client',
        form: { schema: { type: 'object', properties: {} } },
      };
    case 'fileRequest':
      return {
        ...node,
        role: 'client',
        slots: [
          {
            name: 'document',
            label: 'Document',
            accept: ['application/pdf'],
            required: true,
          },
        ],
      };
    case 'approval':
      return {
        ...node,
        role: 'coordinator',
        approval: { mode: 'single', approvers: ['coordinator'] },
      };
    case 'branch':
      return { ...node, branch: { mode: 'exclusive' } };
    case 'milestone':
      return { ...node, stage: 'Intake' };
    case 'wait':
      return { ...node, wait: { duration: 'P1D' } };
    default:
      return node;
  }
}

/** Returns `base`, or `base_2`, `base_3`… when the key is taken. */
export function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^\w.-]/g, '_').replace(/^(?=[^A-Za-z_])/, '_');
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
