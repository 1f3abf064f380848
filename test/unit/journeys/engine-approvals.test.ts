import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src-shared/journeys/engine.ts';
import type { ApprovalSpec } from '../../../src-shared/playbooks/model.ts';
import type { DocumentRef } from '../../../src-shared/journeys/model.ts';
import { buildPlaybook, catchError, Driver } from './builders.ts';

function approvalPlaybook(approval: ApprovalSpec) {
  return buildPlaybook(
    [
      { key: 'start', kind: 'start' },
      { key: 'draft', kind: 'task' },
      { key: 'route', kind: 'milestone' },
      { key: 'sign_off', kind: 'approval', name: 'Sign-off', approval },
      { key: 'end', kind: 'end' },
    ],
    [
      ['start', 'draft'],
      ['draft', 'route'],
      ['route', 'sign_off'],
      ['sign_off', 'end'],
    ],
  );
}

function readyForApproval(approval: ApprovalSpec): Driver {
  const driver = new Driver(approvalPlaybook(approval));
  driver.run({ type: 'complete', key: 'draft' });
  return driver;
}

const legal = { name: 'Lea', roles: ['legal'] };
const finance = { name: 'Fin', roles: ['finance'] };
const sponsor = { name: 'Spo', roles: ['sponsor'] };

describe('approval modes', () => {
  it('single completes on one approve', () => {
    const driver = readyForApproval({
      mode: 'single',
      approvers: ['legal', 'finance'],
    });
    driver.run({ type: 'approve', key: 'sign_off', comment: 'fine' }, finance);
    expect(driver.stateOf('sign_off')).toBe('done');
    expect(driver.runsOf('sign_off')[0]?.votes).toEqual([
      {
        by: 'Fin',
        role: 'finance',
        decision: 'approve',
        comment: 'fine',
        at: driver.now,
      },
    ]);
    expect(driver.state.status).toBe('completed');
  });

  it('sequential follows the approver order', () => {
    const driver = readyForApproval({
      mode: 'sequential',
      approvers: ['legal', 'finance', 'sponsor'],
    });
    const before = structuredClone(driver.state);
    const error = catchError(() =>
      applyCommand(
        driver.playbook,
        driver.state,
        { type: 'approve', key: 'sign_off' },
        driver.ctx(finance),
      ),
    );
    expect(error.code).toBe('ACTION_NOT_ALLOWED');
    expect(error.message).toContain('(legal)');
    expect(driver.state).toEqual(before);
    driver.run({ type: 'approve', key: 'sign_off' }, legal);
    expect(driver.stateOf('sign_off')).toBe('in_progress');
    expect(driver.eventTypes()).toEqual(['step.started']);
    driver.run({ type: 'approve', key: 'sign_off' }, finance);
    expect(driver.stateOf('sign_off')).toBe('in_progress');
    driver.run({ type: 'approve', key: 'sign_off' }, sponsor);
    expect(driver.stateOf('sign_off')).toBe('done');
    expect(
      driver.runsOf('sign_off')[0]?.votes?.map((vote) => vote.role),
    ).toEqual(['legal', 'finance', 'sponsor']);
  });

  it('all needs one approve per role', () => {
    const driver = readyForApproval({
      mode: 'all',
      approvers: ['legal', 'finance'],
    });
    driver.run({ type: 'approve', key: 'sign_off' }, finance);
    expect(driver.stateOf('sign_off')).toBe('in_progress');
    driver.run({ type: 'approve', key: 'sign_off' }, legal);
    expect(driver.stateOf('sign_off')).toBe('done');
  });

  it('nOfM completes at the required count', () => {
    const driver = readyForApproval({
      mode: 'nOfM',
      approvers: ['board', 'board', 'board'],
      required: 2,
    });
    driver.run({ type: 'approve', key: 'sign_off' }, { name: 'A' });
    expect(driver.stateOf('sign_off')).toBe('in_progress');
    driver.run({ type: 'approve', key: 'sign_off' }, { name: 'B' });
    expect(driver.stateOf('sign_off')).toBe('done');
  });

  it('refuses a second vote by the same person', () => {
    const driver = readyForApproval({
      mode: 'all',
      approvers: ['legal', 'finance'],
    });
    driver.run({ type: 'approve', key: 'sign_off' }, { name: 'Ana' });
    const before = structuredClone(driver.state);
    const error = catchError(() =>
      applyCommand(
        driver.playbook,
        driver.state,
        { type: 'approve', key: 'sign_off' },
        driver.ctx({ name: 'ANA' }),
      ),
    );
    expect(error.code).toBe('ALREADY_VOTED');
    expect(error.message).toContain(
      'ANA already voted (approve) on step "Sign-off" (sign_off)',
    );
    expect(driver.state).toEqual(before);
  });
});

describe('rejection and rework', () => {
  it('returns to the previous work step and asks again', () => {
    const driver = readyForApproval({ mode: 'single', approvers: ['legal'] });
    driver.run(
      { type: 'reject', key: 'sign_off', comment: 'missing clause' },
      legal,
    );
    expect(driver.stateOf('sign_off')).toBe('rejected');
    expect(driver.runsOf('sign_off')[0]?.comment).toBe('missing clause');
    expect(driver.eventTypes()).toEqual([
      'step.rejected',
      'step.ready',
      'step.returned',
    ]);
    expect(driver.runsOf('draft').map((run) => run.state)).toEqual([
      'done',
      'ready',
    ]);
    expect(driver.runsOf('draft')[1]?.attempt).toBe(2);
    driver.run({ type: 'complete', key: 'draft' });
    const approvals = driver.runsOf('sign_off');
    expect(approvals.map((run) => run.state)).toEqual(['rejected', 'ready']);
    expect(approvals[1]?.attempt).toBe(2);
    driver.run({ type: 'approve', key: 'sign_off' }, legal);
    expect(driver.state.status).toBe('completed');
  });

  it('follows the onReject edge when there is one', () => {
    const playbook = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'draft', kind: 'task' },
        {
          key: 'check',
          kind: 'approval',
          approval: { mode: 'single', approvers: ['legal'] },
        },
        { key: 'fix', kind: 'task' },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'draft'],
        ['draft', 'check'],
        ['check', 'end'],
        ['check', 'fix', { onReject: true }],
        ['fix', 'check'],
      ],
    );
    const driver = new Driver(playbook);
    driver.run({ type: 'complete', key: 'draft' });
    expect(driver.stateOf('fix')).toBe('blocked');
    driver.run({ type: 'reject', key: 'check' }, legal);
    expect(driver.stateOf('fix')).toBe('ready');
    expect(driver.runsOf('draft')).toHaveLength(1);
    driver.run({ type: 'complete', key: 'fix' });
    expect(driver.runsOf('check').map((run) => run.state)).toEqual([
      'rejected',
      'ready',
    ]);
    driver.run({ type: 'approve', key: 'check' }, legal);
    expect(driver.stateOf('fix')).toBe('done');
    expect(driver.state.status).toBe('completed');
  });

  it('repeats the same step when nothing came before', () => {
    const playbook = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        {
          key: 'check',
          kind: 'approval',
          approval: { mode: 'single', approvers: ['legal'] },
        },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'check'],
        ['check', 'end'],
      ],
    );
    const driver = new Driver(playbook);
    driver.run({ type: 'reject', key: 'check' }, legal);
    expect(driver.runsOf('check').map((run) => run.state)).toEqual([
      'rejected',
      'ready',
    ]);
  });
});

const pdf = (id: string): DocumentRef => ({
  id,
  name: `${id}.pdf`,
  mime: 'application/pdf',
  size: 10,
  hash: `hash-${id}`,
  version: 1,
});

describe('file requests', () => {
  const slots = [
    { name: 'contract', accept: ['application/pdf'], required: true },
    { name: 'id', accept: ['application/pdf'], required: true },
    { name: 'extra', accept: ['application/pdf'], required: false },
  ];

  function uploads(review: boolean) {
    return buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'prep', kind: 'task' },
        { key: 'docs', kind: 'fileRequest', slots, review },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'prep'],
        ['prep', 'docs'],
        ['docs', 'end'],
      ],
    );
  }

  it('fills slots in order and completes', () => {
    const driver = new Driver(uploads(false));
    driver.run({ type: 'complete', key: 'prep' });
    driver.run({ type: 'upload', key: 'docs', document: pdf('a') });
    expect(driver.stateOf('docs')).toBe('in_progress');
    driver.run({
      type: 'upload',
      key: 'docs',
      slot: 'contract',
      document: pdf('b'),
    });
    expect(driver.runsOf('docs')[0]?.files?.contract?.id).toBe('b');
    driver.run({ type: 'upload', key: 'docs', document: pdf('c') });
    expect(driver.runsOf('docs')[0]?.files?.id?.id).toBe('c');
    expect(driver.stateOf('docs')).toBe('done');
  });

  it('rejects an unknown slot', () => {
    const driver = new Driver(uploads(false));
    driver.run({ type: 'complete', key: 'prep' });
    const before = structuredClone(driver.state);
    const error = catchError(() =>
      applyCommand(
        driver.playbook,
        driver.state,
        { type: 'upload', key: 'docs', slot: 'passport', document: pdf('a') },
        driver.ctx(),
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(
      'there is no slot "passport" (slots: contract, id, extra)',
    );
    expect(driver.state).toEqual(before);
  });

  it('waits for review and reworks on reject', () => {
    const driver = new Driver(uploads(true));
    driver.run({ type: 'complete', key: 'prep' });
    const early = catchError(() =>
      applyCommand(
        driver.playbook,
        driver.state,
        { type: 'approve', key: 'docs' },
        driver.ctx(),
      ),
    );
    expect(early.code).toBe('STEP_NOT_READY');
    driver.run({ type: 'upload', key: 'docs', document: pdf('a') });
    driver.run({ type: 'upload', key: 'docs', document: pdf('b') });
    expect(driver.stateOf('docs')).toBe('in_progress');
    driver.run({ type: 'reject', key: 'docs', comment: 'blurry' });
    expect(driver.stateOf('docs')).toBe('rejected');
    expect(driver.stateOf('prep')).toBe('ready');
    driver.run({ type: 'complete', key: 'prep' });
    driver.run({ type: 'upload', key: 'docs', document: pdf('c') });
    driver.run({ type: 'upload', key: 'docs', document: pdf('d') });
    driver.run({ type: 'approve', key: 'docs' });
    expect(driver.runsOf('docs').map((run) => run.state)).toEqual([
      'rejected',
      'done',
    ]);
    expect(driver.state.status).toBe('completed');
  });

  it('refuses approve on a file request without review', () => {
    const driver = new Driver(uploads(false));
    driver.run({ type: 'complete', key: 'prep' });
    const error = catchError(() =>
      applyCommand(
        driver.playbook,
        driver.state,
        { type: 'approve', key: 'docs' },
        driver.ctx(),
      ),
    );
    expect(error.code).toBe('ACTION_NOT_ALLOWED');
    expect(error.message).toContain(
      'use one of: upload, skip, reopen, reassign',
    );
  });
});
