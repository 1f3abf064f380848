import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  startJourney,
} from '../../../src-shared/journeys/engine.ts';
import type {
  Command,
  EngineContext,
  JourneyState,
} from '../../../src-shared/journeys/model.ts';
import { automaticKinds } from '../../../src-shared/journeys/graph.ts';
import type { NodeKind } from '../../../src-shared/playbooks/model.ts';
import { buildPlaybook, t0 } from './builders.ts';

const playbook = buildPlaybook(
  [
    { key: 'start', kind: 'start' },
    { key: 'intake', kind: 'form', form: { schema: {} } },
    { key: 'route', kind: 'branch', branch: { mode: 'exclusive' } },
    { key: 'security', kind: 'task', deadline: { after: 'P2D', edge: 'late' } },
    { key: 'escalate', kind: 'task' },
    { key: 'split', kind: 'fork' },
    {
      key: 'docs',
      kind: 'fileRequest',
      review: true,
      slots: [{ name: 'contract', accept: [], required: true }],
    },
    { key: 'wait', kind: 'wait', wait: { duration: 'P1D' } },
    { key: 'merge', kind: 'join' },
    {
      key: 'sign_off',
      kind: 'approval',
      approval: { mode: 'all', approvers: ['legal', 'finance'] },
      reminders: { every: 'P1D', times: 2 },
    },
    { key: 'live', kind: 'milestone', stage: 'Live' },
    { key: 'end', kind: 'end' },
  ],
  [
    ['start', 'intake'],
    ['intake', 'route'],
    ['route', 'security', { condition: 'riskTier = "high"' }],
    ['route', 'split', { condition: 'riskTier = "low"' }],
    ['security', 'split'],
    ['security', 'escalate', { key: 'late' }],
    ['escalate', 'split'],
    ['split', 'docs'],
    ['split', 'wait'],
    ['docs', 'merge'],
    ['wait', 'merge'],
    ['merge', 'sign_off'],
    ['sign_off', 'live'],
    ['live', 'end'],
  ],
);

function kindOf(key: string): NodeKind {
  return playbook.nodes.find((node) => node.key === key)!.kind;
}

const stepKeys = [
  'intake',
  'security',
  'escalate',
  'docs',
  'wait',
  'sign_off',
  'live',
  'nope',
];
const people = [
  { name: 'Lea', roles: ['legal'] },
  { name: 'Fin', roles: ['finance'] },
  { name: 'Ana' },
];

type Recipe = { pick: number; key: string; person: number; variant: number };

/** Turns a generated recipe into a command for the current state. */
function commandFor(recipe: Recipe, state: JourneyState): Command {
  const open = state.runs.filter(
    (run) => run.state === 'ready' || run.state === 'in_progress',
  );
  const target = open[recipe.variant % Math.max(open.length, 1)];
  if (recipe.pick < 38 && target)
    return fittingCommand(target.key, recipe.variant, state);
  const { key, variant } = recipe;
  const doc = {
    id: `d${variant}`,
    name: 'c.pdf',
    mime: 'application/pdf',
    size: 1,
    hash: 'h',
    version: 1,
  };
  const timers = state.timers;
  const commands: Command[] = [
    { type: 'complete', key },
    { type: 'submit', key, data: { answer: variant } },
    { type: 'upload', key, document: doc },
    { type: 'approve', key },
    { type: 'reject', key, comment: 'redo' },
    { type: 'skip', key, reason: 'not needed' },
    { type: 'reopen', key },
    { type: 'reassign', key, assignee: 'Bo' },
    { type: 'setVars', vars: { riskTier: variant % 2 === 0 ? 'low' : 'high' } },
    {
      type: 'resolve',
      branchKey: 'route',
      edgeKey: variant % 2 === 0 ? 'e4_route_split' : 'late',
    },
    { type: 'pause' },
    { type: 'resume' },
    {
      type: 'fireTimer',
      timerId:
        timers.length > 0
          ? (timers[variant % timers.length]?.id ?? 'x')
          : 'gone',
    },
    { type: 'fireTimer', timerId: 'gone' },
  ];
  return commands[recipe.pick % commands.length] as Command;
}

/** Builds a command that suits the kind of an open step, so most of them apply. */
function fittingCommand(
  key: string,
  variant: number,
  state: JourneyState,
): Command {
  const kind = playbook.nodes.find((node) => node.key === key)?.kind;
  const doc = {
    id: `d${variant}`,
    name: 'c.pdf',
    mime: 'application/pdf',
    size: 1,
    hash: 'h',
    version: 1,
  };
  if (kind === 'form')
    return { type: 'submit', key, data: { answer: variant } };
  if (kind === 'task') return { type: 'complete', key };
  if (kind === 'fileRequest') {
    if (variant < 5)
      return { type: 'upload', key, slot: 'contract', document: doc };
    return { type: variant < 8 ? 'approve' : 'reject', key };
  }
  if (kind === 'approval')
    return { type: variant < 8 ? 'approve' : 'reject', key };
  const timer = state.timers[variant % Math.max(state.timers.length, 1)];
  return { type: 'fireTimer', timerId: timer?.id ?? 'gone' };
}

function context(step: number, person: number): EngineContext {
  let counter = 0;
  const now = new Date(Date.parse(t0) + step * 3_600_000).toISOString();
  return {
    now,
    newId: () => `s${step}-${++counter}`,
    actor: people[person % people.length] ?? { name: 'Ana' },
  };
}

const recipe = fc.record({
  pick: fc.nat({ max: 50 }),
  key: fc.constantFrom(...stepKeys),
  person: fc.nat({ max: 5 }),
  variant: fc.nat({ max: 9 }),
});

function initial(riskTier: 'low' | 'medium' | 'high'): JourneyState {
  const init = {
    id: 'j',
    clientId: 'c',
    segment: 'smb' as const,
    riskTier,
    vars: {},
  };
  return startJourney(playbook, init, context(0, 0)).state;
}

describe('engine invariants', () => {
  it('is deterministic, pure, and keeps done work', () => {
    let applied = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('low' as const, 'medium' as const, 'high' as const),
        fc.array(recipe, { maxLength: 40 }),
        (riskTier, recipes) => {
          let state = initial(riskTier);
          recipes.forEach((entry, index) => {
            const command = commandFor(entry, state);
            const snapshot = structuredClone(state);
            let first: unknown;
            let failure: unknown;
            try {
              first = applyCommand(
                playbook,
                state,
                command,
                context(index + 1, entry.person),
              );
            } catch (error) {
              failure = error;
            }
            expect(state).toEqual(snapshot);
            if (failure) {
              expect((failure as { name: string }).name).toBe('EmbarkError');
              return;
            }
            const second = applyCommand(
              playbook,
              state,
              command,
              context(index + 1, entry.person),
            );
            expect(second).toEqual(first);
            const next = (first as { state: JourneyState }).state;
            for (const run of snapshot.runs.filter(
              (entry) => entry.state === 'done',
            )) {
              const after = next.runs.find((entry) => entry.id === run.id);
              // A reopen cancels the done runs of automatic nodes after it,
              // such as milestones, so that they are reached again.
              const reset =
                command.type === 'reopen' &&
                automaticKinds.includes(kindOf(run.key)) &&
                after?.state === 'cancelled';
              if (!reset) expect(after).toEqual(run);
            }
            if (next !== state) applied++;
            state = next;
          });
        },
      ),
      { numRuns: 150 },
    );
    // Guards against a generator whose commands all fail.
    expect(applied).toBeGreaterThan(300);
  });
});
