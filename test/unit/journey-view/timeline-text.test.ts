import { describe, expect, it } from 'vitest';
import {
  groupByMilestone,
  type Step,
} from '../../../src-renderer/journeys/model.ts';
import { describeEvent } from '../../../src-renderer/journeys/timeline-text.ts';

const names = new Map([
  ['intake_form', 'Client intake'],
  ['activation', 'Activation'],
]);

function entry(type: string, stepKey: string | null, data: unknown = {}) {
  return { seq: 1, type, at: '2025-01-01T00:00:00Z', by: 'Ada', stepKey, data };
}

describe('describeEvent', () => {
  it.each([
    [entry('step.completed', 'intake_form'), 'Completed Client intake.'],
    [
      entry('step.rejected', 'intake_form', { reason: 'Wrong address' }),
      'Rejected Client intake: “Wrong address”',
    ],
    [
      entry('milestone.reached', 'activation', { stage: 'Live' }),
      'Reached Activation; the journey is now in Live.',
    ],
    [
      entry('segment.changed', null, { from: 'smb', to: 'enterprise' }),
      'Changed the segment from smb to enterprise.',
    ],
    [
      entry('journey.migrated', null, {
        from: { playbookId: 'smb', version: 1 },
        to: { playbookId: 'enterprise', version: 2 },
      }),
      'Moved the journey from smb v1 to enterprise v2.',
    ],
    [entry('custom.thing', 'unknown_step'), 'custom thing (unknown_step).'],
  ])('describes %j', (event, sentence) => {
    expect(describeEvent(event, names)).toBe(sentence);
  });
});

describe('groupByMilestone', () => {
  const step = (key: string, kind: string, milestone?: string) =>
    ({ key, name: key, kind, state: 'ready', attempt: 1, milestone }) as Step;

  it('closes a group at each milestone', () => {
    const groups = groupByMilestone([
      step('a', 'form', 'm1'),
      step('m1', 'milestone', 'm1'),
      step('b', 'task'),
    ]);
    expect(groups.map((group) => group.title)).toEqual([
      'm1',
      'After the last milestone',
    ]);
    expect(groups[0]?.steps.map((s) => s.key)).toEqual(['a', 'm1']);
  });

  it('puts each track with its own milestone', () => {
    // Flow order lists the business track first, but its milestone is later.
    const groups = groupByMilestone([
      step('contract', 'approval', 'both_done'),
      step('security', 'form', 'setup_done'),
      step('setup_done', 'milestone', 'setup_done'),
      step('both_done', 'milestone', 'both_done'),
    ]);
    expect(groups.map((group) => group.title)).toEqual([
      'setup_done',
      'both_done',
    ]);
    expect(groups[0]?.steps.map((s) => s.key)).toEqual([
      'security',
      'setup_done',
    ]);
    expect(groups[1]?.steps.map((s) => s.key)).toEqual([
      'contract',
      'both_done',
    ]);
  });

  it('lists steps without milestones as one group', () => {
    const groups = groupByMilestone([step('a', 'task'), step('b', 'task')]);
    expect(groups).toEqual([
      {
        key: '',
        title: 'Steps',
        steps: [step('a', 'task'), step('b', 'task')],
      },
    ]);
  });
});
