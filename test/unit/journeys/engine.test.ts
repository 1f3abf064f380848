import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  describeSteps,
  journeyProgress,
  nextStep,
} from '../../../src-shared/journeys/engine.ts';
import type { Command } from '../../../src-shared/journeys/model.ts';
import { buildPlaybook, catchError, Driver, t0 } from './builders.ts';

const linear = buildPlaybook(
  [
    { key: 'start', kind: 'start' },
    {
      key: 'intake',
      kind: 'form',
      form: { schema: { type: 'object' } },
      dueInDays: 2,
    },
    { key: 'kickoff', kind: 'task' },
    { key: 'live', kind: 'milestone', stage: 'Live' },
    { key: 'end', kind: 'end' },
  ],
  [
    ['start', 'intake'],
    ['intake', 'kickoff'],
    ['kickoff', 'live'],
    ['live', 'end'],
  ],
);

/** Expects the command to throw, with the state left as it was. */
function expectRejected(
  driver: Driver,
  command: Command,
  code: string,
  actor?: { name: string; roles?: string[] },
) {
  const before = structuredClone(driver.state);
  const error = catchError(() =>
    applyCommand(driver.playbook, driver.state, command, driver.ctx(actor)),
  );
  expect(error.code).toBe(code);
  expect(driver.state).toEqual(before);
  return error.message;
}

describe('linear flow', () => {
  it('starts with the first work step ready', () => {
    const driver = new Driver(linear, { employees: 12 });
    expect(driver.stateOf('start')).toBe('done');
    expect(driver.stateOf('intake')).toBe('ready');
    const intake = driver.runsOf('intake')[0];
    expect(intake?.role).toBe('ops');
    expect(intake?.readyAt).toBe(t0);
    expect(intake?.dueAt).toBe('2024-05-03T09:00:00.000Z');
    expect(intake?.attempt).toBe(1);
    expect(intake?.cameFrom).toBe(driver.runsOf('start')[0]?.id);
    expect(driver.state.vars).toEqual({
      employees: 12,
      segment: 'smb',
      riskTier: 'medium',
    });
    expect(driver.eventTypes()).toEqual(['journey.started', 'step.ready']);
    expect(driver.last.effects).toContainEqual(
      expect.objectContaining({
        type: 'notify',
        stepKey: 'intake',
        role: 'ops',
      }),
    );
  });

  it('runs to completion with milestone and stage', () => {
    const driver = new Driver(linear);
    driver.run({ type: 'submit', key: 'intake', data: { teamSize: 5 } });
    expect(driver.state.vars.intake).toEqual({ teamSize: 5 });
    expect(driver.state.vars.teamSize).toBe(5);
    expect(driver.runsOf('intake')[0]?.data).toEqual({ teamSize: 5 });
    expect(journeyProgress(linear, driver.state)).toBe(33);
    driver.run({ type: 'complete', key: 'kickoff', comment: 'done' });
    expect(driver.stateOf('live')).toBe('done');
    expect(driver.state.stage).toBe('Live');
    expect(driver.state.status).toBe('completed');
    expect(driver.eventTypes()).toEqual([
      'step.completed',
      'milestone.reached',
      'step.completed',
      'journey.completed',
    ]);
    expect(
      driver.last.events.every(
        (event) => event.at === t0 && event.by === 'Ana',
      ),
    ).toBe(true);
    expect(journeyProgress(linear, driver.state)).toBe(100);
  });

  it('rejects a step key that is not in the playbook', () => {
    const driver = new Driver(linear);
    const message = expectRejected(
      driver,
      { type: 'complete', key: 'nope' },
      'NOT_FOUND',
    );
    expect(message).toContain('"nope"');
    expect(message).toContain('journey show');
  });

  it('rejects a step that is not ready yet', () => {
    const driver = new Driver(linear);
    const message = expectRejected(
      driver,
      { type: 'complete', key: 'kickoff' },
      'STEP_NOT_READY',
    );
    expect(message).toContain('is blocked');
  });

  it('rejects an action that does not fit the kind', () => {
    const driver = new Driver(linear);
    const message = expectRejected(
      driver,
      { type: 'complete', key: 'intake' },
      'ACTION_NOT_ALLOWED',
    );
    expect(message).toContain('of kind form');
    expect(message).toContain('submit');
    expectRejected(
      driver,
      { type: 'complete', key: 'live' },
      'ACTION_NOT_ALLOWED',
    );
  });

  it('never changes the input state', () => {
    const driver = new Driver(linear);
    const before = structuredClone(driver.state);
    const input = driver.state;
    driver.run({ type: 'submit', key: 'intake', data: { a: 1 } });
    expect(input).toEqual(before);
  });
});

describe('exclusive branch', () => {
  const playbook = buildPlaybook(
    [
      { key: 'start', kind: 'start' },
      {
        key: 'check',
        kind: 'branch',
        name: 'Check risk',
        branch: { mode: 'exclusive' },
      },
      { key: 'security', kind: 'task' },
      { key: 'legal', kind: 'task' },
      { key: 'agreement', kind: 'task' },
      { key: 'end', kind: 'end' },
    ],
    [
      ['start', 'check'],
      ['check', 'security', { key: 'high', condition: 'riskTier = "high"' }],
      ['check', 'legal', { key: 'big', condition: 'employees > 100' }],
      ['check', 'agreement', { key: 'other', isDefault: true }],
      ['security', 'agreement'],
      ['legal', 'agreement'],
      ['agreement', 'end'],
    ],
  );

  it('takes the first edge whose condition holds', () => {
    const driver = new Driver(playbook, { employees: 500 }, 'high');
    expect(driver.stateOf('security')).toBe('ready');
    expect(driver.stateOf('legal')).toBe('skipped');
    expect(driver.runsOf('legal')[0]?.reason).toBe('path not taken');
    expect(driver.stateOf('agreement')).toBe('blocked');
  });

  it('takes the default edge when nothing holds', () => {
    const driver = new Driver(playbook, { employees: 5 }, 'low');
    expect(driver.stateOf('security')).toBe('skipped');
    expect(driver.stateOf('legal')).toBe('skipped');
    expect(driver.stateOf('agreement')).toBe('ready');
    expect(
      describeSteps(playbook, driver.state).map((step) => step.state),
    ).toEqual(['skipped', 'skipped', 'ready']);
  });

  it('treats a missing variable as false', () => {
    const driver = new Driver(playbook, {}, 'low');
    expect(driver.stateOf('agreement')).toBe('ready');
  });
});

describe('incident on a branch', () => {
  const playbook = buildPlaybook(
    [
      { key: 'start', kind: 'start' },
      {
        key: 'check_risk',
        kind: 'branch',
        name: 'Check risk',
        branch: { mode: 'exclusive' },
      },
      { key: 'a', kind: 'task' },
      { key: 'b', kind: 'task' },
      { key: 'end', kind: 'end' },
    ],
    [
      ['start', 'check_risk'],
      ['check_risk', 'a', { key: 'to_a', condition: 'score > 5' }],
      ['check_risk', 'b', { key: 'to_b', condition: 'score <= 5' }],
      ['a', 'end', { key: 'a_end' }],
      ['b', 'end', { key: 'b_end' }],
    ],
  );

  it('raises an incident naming the branch', () => {
    const driver = new Driver(playbook);
    expect(driver.state.incidents).toHaveLength(1);
    expect(driver.state.incidents[0]?.message).toBe(
      'Branch "Check risk" (check_risk): no condition holds and there is no default edge; choose a path with journey resolve',
    );
    expect(driver.eventTypes()).toContain('incident.raised');
    expect(driver.stateOf('check_risk')).toBe('in_progress');
    expect(driver.state.status).toBe('active');
  });

  it('resolves along the chosen edge', () => {
    const driver = new Driver(playbook);
    driver.run(
      { type: 'resolve', branchKey: 'check_risk', edgeKey: 'to_b' },
      { name: 'Lead' },
    );
    expect(driver.state.incidents[0]?.resolvedBy).toBe('Lead');
    expect(driver.state.incidents[0]?.edgeKey).toBe('to_b');
    expect(driver.stateOf('b')).toBe('ready');
    expect(driver.stateOf('a')).toBe('skipped');
    expect(driver.eventTypes()).toContain('incident.resolved');
  });

  it('rejects an edge that does not leave the branch', () => {
    const driver = new Driver(playbook);
    const message = expectRejected(
      driver,
      { type: 'resolve', branchKey: 'check_risk', edgeKey: 'a_end' },
      'INVALID_INPUT',
    );
    expect(message).toContain('to_a (to a), to_b (to b)');
  });

  it('continues when setVars makes a condition hold', () => {
    const driver = new Driver(playbook);
    driver.run({ type: 'setVars', vars: { score: 9 } });
    expect(driver.stateOf('a')).toBe('ready');
    expect(driver.state.incidents[0]?.resolvedAt).toBe(t0);
    expect(driver.eventTypes()).toEqual([
      'vars.set',
      'incident.resolved',
      'step.ready',
      'step.skipped',
    ]);
  });
});

describe('inclusive branch and join', () => {
  const playbook = buildPlaybook(
    [
      { key: 'start', kind: 'start' },
      { key: 'needs', kind: 'branch', branch: { mode: 'inclusive' } },
      { key: 'sso', kind: 'task' },
      { key: 'crm', kind: 'task' },
      { key: 'erp', kind: 'task' },
      { key: 'merge', kind: 'join' },
      { key: 'golive', kind: 'task' },
      { key: 'end', kind: 'end' },
    ],
    [
      ['start', 'needs'],
      ['needs', 'sso', { condition: 'list contains(integrations, "sso")' }],
      ['needs', 'crm', { condition: 'list contains(integrations, "crm")' }],
      ['needs', 'erp', { condition: 'list contains(integrations, "erp")' }],
      ['sso', 'merge'],
      ['crm', 'merge'],
      ['erp', 'merge'],
      ['merge', 'golive'],
      ['golive', 'end'],
    ],
  );

  it('runs every edge that holds and skips the others', () => {
    const driver = new Driver(playbook, { integrations: ['sso', 'erp'] });
    expect(driver.stateOf('sso')).toBe('ready');
    expect(driver.stateOf('crm')).toBe('skipped');
    expect(driver.stateOf('erp')).toBe('ready');
    driver.run({ type: 'complete', key: 'sso' });
    expect(driver.stateOf('merge')).toBe('blocked');
    expect(driver.stateOf('golive')).toBe('blocked');
    driver.run({ type: 'complete', key: 'erp' });
    expect(driver.stateOf('merge')).toBe('done');
    expect(driver.stateOf('golive')).toBe('ready');
    expect(driver.state.arrivals).toEqual({});
  });

  it('passes a dead token on when every path is dead', () => {
    const deadEnd = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'pick', kind: 'branch', branch: { mode: 'exclusive' } },
        { key: 'x', kind: 'task' },
        { key: 'f', kind: 'fork' },
        { key: 'y', kind: 'task' },
        { key: 'z', kind: 'task' },
        { key: 'j', kind: 'join' },
        { key: 'after', kind: 'task' },
        { key: 'end', kind: 'end' },
        { key: 'end2', kind: 'end' },
      ],
      [
        ['start', 'pick'],
        ['pick', 'x', { isDefault: true }],
        ['pick', 'f', { condition: 'go = true' }],
        ['f', 'y'],
        ['f', 'z'],
        ['y', 'j'],
        ['z', 'j'],
        ['j', 'after'],
        ['after', 'end2'],
        ['x', 'end'],
      ],
    );
    const driver = new Driver(deadEnd);
    expect(driver.stateOf('y')).toBe('skipped');
    expect(driver.stateOf('j')).toBe('skipped');
    expect(driver.stateOf('after')).toBe('skipped');
    driver.run({ type: 'complete', key: 'x' });
    expect(driver.state.status).toBe('completed');
  });
});

describe('fork and join', () => {
  const playbook = buildPlaybook(
    [
      { key: 'start', kind: 'start' },
      { key: 'split', kind: 'fork' },
      { key: 'business', kind: 'task' },
      { key: 'technical', kind: 'task' },
      { key: 'ready', kind: 'join' },
      { key: 'launch', kind: 'task' },
      { key: 'end', kind: 'end' },
    ],
    [
      ['start', 'split'],
      ['split', 'business'],
      ['split', 'technical'],
      ['business', 'ready'],
      ['technical', 'ready'],
      ['ready', 'launch'],
      ['launch', 'end'],
    ],
  );

  it('waits for both tracks', () => {
    const driver = new Driver(playbook);
    expect(driver.stateOf('business')).toBe('ready');
    expect(driver.stateOf('technical')).toBe('ready');
    driver.run({ type: 'complete', key: 'technical' });
    expect(driver.stateOf('launch')).toBe('blocked');
    expect(Object.values(driver.state.arrivals.ready ?? {})).toEqual(['live']);
    driver.run({ type: 'complete', key: 'business' });
    expect(driver.stateOf('launch')).toBe('ready');
    expect(nextStep(playbook, driver.state)?.key).toBe('launch');
    driver.run({ type: 'complete', key: 'launch' });
    expect(driver.state.status).toBe('completed');
  });

  it('reopens a step behind the join and merges again', () => {
    const driver = new Driver(playbook);
    driver.run({ type: 'complete', key: 'technical' });
    driver.run({ type: 'complete', key: 'business' });
    driver.run({ type: 'reopen', key: 'technical', reason: 'redo SSO' });
    expect(driver.stateOf('launch')).toBe('cancelled');
    expect(driver.stateOf('technical')).toBe('ready');
    expect(driver.runsOf('technical')[1]?.attempt).toBe(2);
    driver.run({ type: 'complete', key: 'technical' });
    expect(driver.stateOf('launch')).toBe('ready');
    expect(driver.runsOf('launch')).toHaveLength(2);
  });
});

describe('parallel ends', () => {
  it('completes only when every track reached its end', () => {
    const playbook = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'split', kind: 'fork' },
        { key: 'a', kind: 'task' },
        { key: 'b', kind: 'task' },
        { key: 'end_a', kind: 'end' },
        { key: 'end_b', kind: 'end' },
      ],
      [
        ['start', 'split'],
        ['split', 'a'],
        ['split', 'b'],
        ['a', 'end_a'],
        ['b', 'end_b'],
      ],
    );
    const driver = new Driver(playbook);
    driver.run({ type: 'complete', key: 'a' });
    expect(driver.state.status).toBe('active');
    driver.run({ type: 'complete', key: 'b' });
    expect(driver.state.status).toBe('completed');
  });
});

describe('coordinator commands', () => {
  it('skips a step with a reason and continues', () => {
    const driver = new Driver(linear);
    driver.run({ type: 'skip', key: 'intake', reason: 'known client' });
    expect(driver.stateOf('intake')).toBe('skipped');
    expect(driver.runsOf('intake')[0]?.reason).toBe('known client');
    expect(driver.stateOf('kickoff')).toBe('ready');
    expect(journeyProgress(linear, driver.state)).toBe(33);
  });

  it('reopens a done step and cancels what followed', () => {
    const driver = new Driver(linear);
    driver.run({ type: 'submit', key: 'intake', data: {} });
    driver.run({ type: 'reopen', key: 'intake' });
    expect(driver.stateOf('kickoff')).toBe('cancelled');
    expect(driver.runsOf('intake').map((run) => run.state)).toEqual([
      'done',
      'ready',
    ]);
    expect(driver.eventTypes()).toContain('step.reopened');
    driver.run({ type: 'submit', key: 'intake', data: {} });
    expect(driver.runsOf('kickoff').map((run) => run.state)).toEqual([
      'cancelled',
      'ready',
    ]);
  });

  it('reopens a step of a completed journey', () => {
    const driver = new Driver(linear);
    driver.run({ type: 'submit', key: 'intake', data: {} });
    driver.run({ type: 'complete', key: 'kickoff' });
    driver.run({ type: 'reopen', key: 'kickoff' });
    expect(driver.state.status).toBe('active');
    driver.run({ type: 'complete', key: 'kickoff' });
    expect(driver.state.status).toBe('completed');
  });

  it('reopen returns the stage of earlier milestones', () => {
    const staged = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'discovery', kind: 'milestone', stage: 'Discovery' },
        { key: 'setup', kind: 'task' },
        { key: 'live', kind: 'milestone', stage: 'Live' },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'discovery'],
        ['discovery', 'setup'],
        ['setup', 'live'],
        ['live', 'end'],
      ],
    );
    const driver = new Driver(staged);
    expect(driver.state.stage).toBe('Discovery');
    driver.run({ type: 'complete', key: 'setup' });
    expect(driver.state.stage).toBe('Live');
    driver.run({ type: 'reopen', key: 'setup' });
    expect(driver.state.stage).toBe('Discovery');
    driver.run({ type: 'complete', key: 'setup' });
    expect(driver.state.stage).toBe('Live');
  });

  it('reopen before every milestone clears the stage', () => {
    const driver = new Driver(linear);
    driver.run({ type: 'submit', key: 'intake', data: {} });
    driver.run({ type: 'complete', key: 'kickoff' });
    expect(driver.state.stage).toBe('Live');
    driver.run({ type: 'reopen', key: 'intake' });
    expect(driver.state.stage).toBeUndefined();
  });

  it('reopen resets milestones downstream', () => {
    const staged = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'intake', kind: 'form', form: { schema: {} } },
        { key: 'received', kind: 'milestone', stage: 'Setup' },
        { key: 'agreement', kind: 'form', form: { schema: {} } },
        { key: 'activation', kind: 'milestone', stage: 'Live' },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'intake'],
        ['intake', 'received'],
        ['received', 'agreement'],
        ['agreement', 'activation'],
        ['activation', 'end'],
      ],
    );
    const driver = new Driver(staged);
    driver.run({ type: 'submit', key: 'intake', data: {} });
    driver.run({ type: 'submit', key: 'agreement', data: {} });
    expect(driver.state.status).toBe('completed');

    driver.run({ type: 'reopen', key: 'agreement', reason: 'wrong signer' });
    expect(driver.stateOf('activation')).toBe('cancelled');
    expect(driver.stateOf('end')).toBe('cancelled');
    expect(driver.stateOf('received')).toBe('done');
    expect(driver.state.stage).toBe('Setup');
    const cancelled = driver.last.events.filter(
      (event) => event.type === 'step.cancelled',
    );
    expect(cancelled.map((event) => event.stepKey)).toEqual([
      'activation',
      'end',
    ]);

    driver.run({ type: 'reopen', key: 'intake', reason: 'fix email' });
    expect(driver.stateOf('received')).toBe('cancelled');
    expect(driver.stateOf('agreement')).toBe('cancelled');
    expect(driver.stateOf('intake')).toBe('ready');
    expect(driver.state.stage).toBeUndefined();
    expect(journeyProgress(staged, driver.state)).toBe(0);
    expect(
      driver.last.events
        .filter((event) => event.type === 'step.cancelled')
        .map((event) => event.stepKey),
    ).toEqual(['received', 'agreement']);

    driver.run({ type: 'submit', key: 'intake', data: {} });
    expect(driver.runsOf('received').map((run) => run.state)).toEqual([
      'cancelled',
      'done',
    ]);
    expect(driver.eventTypes()).toContain('milestone.reached');
    expect(driver.state.stage).toBe('Setup');
    expect(driver.stateOf('agreement')).toBe('ready');
    driver.run({ type: 'submit', key: 'agreement', data: {} });
    expect(driver.stateOf('activation')).toBe('done');
    expect(driver.state.status).toBe('completed');
  });

  it('refuses to reopen an open step', () => {
    const driver = new Driver(linear);
    expectRejected(driver, { type: 'reopen', key: 'intake' }, 'STEP_NOT_READY');
  });

  it('reassigns the open run', () => {
    const driver = new Driver(linear);
    driver.run({ type: 'reassign', key: 'intake', assignee: 'Bo' });
    expect(driver.runsOf('intake')[0]?.assignee).toBe('Bo');
    expect(describeSteps(linear, driver.state)[0]?.assignee).toBe('Bo');
    expect(driver.eventTypes()).toEqual(['step.reassigned']);
    expect(driver.last.effects[0]).toMatchObject({
      type: 'notify',
      assignee: 'Bo',
    });
  });

  it('pauses and resumes', () => {
    const driver = new Driver(linear);
    driver.run({ type: 'pause', reason: 'client on holiday' });
    expect(driver.state.status).toBe('paused');
    const message = expectRejected(
      driver,
      { type: 'submit', key: 'intake', data: {} },
      'JOURNEY_NOT_ACTIVE',
    );
    expect(message).toContain('resume it first');
    driver.run({ type: 'setVars', vars: { note: 'x' } });
    expect(driver.state.vars.note).toBe('x');
    driver.run({ type: 'resume' });
    expect(driver.state.status).toBe('active');
    expectRejected(driver, { type: 'resume' }, 'ACTION_NOT_ALLOWED');
  });

  it('cancels every open run', () => {
    const driver = new Driver(linear);
    driver.run({ type: 'cancel', reason: 'deal lost' });
    expect(driver.state.status).toBe('cancelled');
    expect(driver.stateOf('intake')).toBe('cancelled');
    expect(driver.eventTypes()).toEqual(['journey.cancelled']);
    expectRejected(driver, { type: 'pause' }, 'JOURNEY_NOT_ACTIVE');
  });

  it('refuses commands on a completed journey', () => {
    const driver = new Driver(linear);
    driver.run({ type: 'submit', key: 'intake', data: {} });
    driver.run({ type: 'complete', key: 'kickoff' });
    expectRejected(driver, { type: 'pause' }, 'JOURNEY_NOT_ACTIVE');
  });
});

describe('progress and views', () => {
  it('counts nothing for a playbook without work nodes', () => {
    const empty = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'end', kind: 'end' },
      ],
      [['start', 'end']],
    );
    const driver = new Driver(empty);
    expect(driver.state.status).toBe('completed');
    expect(journeyProgress(empty, { ...driver.state, status: 'active' })).toBe(
      0,
    );
  });

  it('describes steps with form and state', () => {
    const driver = new Driver(linear);
    const steps = describeSteps(linear, driver.state);
    expect(steps.map((step) => step.key)).toEqual([
      'intake',
      'kickoff',
      'live',
    ]);
    expect(steps[0]).toMatchObject({
      kind: 'form',
      state: 'ready',
      attempt: 1,
      form: { type: 'object' },
    });
    expect(steps[1]).toMatchObject({ state: 'blocked', attempt: 0 });
  });
});
