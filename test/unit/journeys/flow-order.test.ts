import { describe, expect, it } from 'vitest';
import { flowOrder } from '../../../src-shared/journeys/graph.ts';
import { describeSteps } from '../../../src-shared/journeys/engine.ts';
import { buildPlaybook, Driver } from './builders.ts';

const keys = (nodes: { key: string }[]) => nodes.map((node) => node.key);

describe('flowOrder', () => {
  it('keeps a playbook defined in flow order', () => {
    const playbook = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'a' },
        { key: 'b' },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'a'],
        ['a', 'b'],
        ['b', 'end'],
      ],
    );
    expect(keys(flowOrder(playbook))).toEqual(['start', 'a', 'b', 'end']);
  });

  it('places a node added later between its neighbours', () => {
    const playbook = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'a' },
        { key: 'b' },
        { key: 'end', kind: 'end' },
        { key: 'inserted' },
      ],
      [
        ['start', 'a'],
        ['a', 'inserted'],
        ['inserted', 'b'],
        ['b', 'end'],
      ],
    );
    expect(keys(flowOrder(playbook))).toEqual([
      'start',
      'a',
      'inserted',
      'b',
      'end',
    ]);
    const driver = new Driver(playbook);
    expect(keys(describeSteps(playbook, driver.state))).toEqual([
      'a',
      'inserted',
      'b',
    ]);
  });

  it('lists each parallel track whole, as defined', () => {
    const playbook = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'fork', kind: 'fork' },
        { key: 'business' },
        { key: 'contract' },
        { key: 'security' },
        { key: 'sso' },
        { key: 'join', kind: 'join' },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'fork'],
        ['fork', 'business'],
        ['fork', 'security'],
        ['business', 'contract'],
        ['security', 'sso'],
        ['contract', 'join'],
        ['sso', 'join'],
        ['join', 'end'],
      ],
    );
    expect(keys(flowOrder(playbook))).toEqual([
      'start',
      'fork',
      'business',
      'contract',
      'security',
      'sso',
      'join',
      'end',
    ]);
  });

  it('ignores edges that loop back', () => {
    const playbook = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'review', kind: 'approval' },
        { key: 'end', kind: 'end' },
        { key: 'draft', kind: 'form' },
      ],
      [
        ['start', 'draft'],
        ['draft', 'review'],
        ['review', 'draft', { onReject: true }],
        ['review', 'end'],
      ],
    );
    expect(keys(flowOrder(playbook))).toEqual([
      'start',
      'draft',
      'review',
      'end',
    ]);
  });

  it('lists every node, unreachable ones included', () => {
    const playbook = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'a' },
        { key: 'orphan' },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'a'],
        ['a', 'end'],
        ['orphan', 'orphan'],
      ],
    );
    expect(keys(flowOrder(playbook))).toEqual(['start', 'a', 'orphan', 'end']);
  });
});
