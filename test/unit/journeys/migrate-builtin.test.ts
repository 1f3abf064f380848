import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awaitingRoles } from '../../../src-shared/journeys/engine-approvals.ts';
import {
  playbookSchema,
  type Playbook,
} from '../../../src-shared/playbooks/model.ts';
import { catchError, Driver } from './builders.ts';

const folder = join(import.meta.dirname, '../../../resources/playbooks');

function load(segment: string): Playbook {
  const text = readFileSync(join(folder, `${segment}.json`), 'utf8');
  return playbookSchema.parse({ ...JSON.parse(text), id: segment, version: 1 });
}

const midMarket = load('mid-market');
const enterprise = load('enterprise');
const reason = 'second subsidiary signed';

const pdf = (slot: string) => ({
  id: `doc-${slot}`,
  name: `${slot}.pdf`,
  mime: 'application/pdf',
  size: 10,
  hash: `hash-${slot}`,
  version: 1,
});

/** Finishes the open run of a step the way a person would for its kind. */
function finish(driver: Driver, key: string): void {
  const node = driver.playbook.nodes.find((entry) => entry.key === key)!;
  if (node.kind === 'form') {
    driver.run({ type: 'submit', key, data: {} });
  } else if (node.kind === 'task') {
    driver.run({ type: 'complete', key });
  } else if (node.kind === 'fileRequest') {
    for (const slot of node.slots ?? [])
      driver.run({
        type: 'upload',
        key,
        slot: slot.name,
        document: pdf(slot.name),
      });
    if (node.review) driver.run({ type: 'approve', key });
  } else if (node.kind === 'approval') {
    for (;;) {
      const run = driver.runsOf(key).at(-1)!;
      const role = awaitingRoles(node, run)[0];
      if (role === undefined || run.state === 'done') break;
      driver.run(
        { type: 'approve', key },
        { name: `${role} approver`, roles: [role] },
      );
    }
  }
}

function openKeys(driver: Driver): string[] {
  return driver.state.runs
    .filter((run) => run.state === 'ready' || run.state === 'in_progress')
    .map((run) => run.key);
}

/** Runs a mid-market journey to integration setup and moves it to enterprise. */
function movedAtIntegrationSetup(): Driver {
  const driver = new Driver(midMarket);
  for (const key of [
    'intake_form',
    'kickoff',
    'discovery_form',
    'milestone_plan',
    'documents',
  ])
    finish(driver, key);
  expect(driver.stateOf('integration_setup')).toBe('ready');
  driver.migrate(enterprise, { reason, segment: 'enterprise' });
  return driver;
}

describe('migration to the enterprise playbook', () => {
  it('rejection sends work back after migration', () => {
    const driver = movedAtIntegrationSetup();
    finish(driver, 'stakeholder_alignment');
    driver.run(
      { type: 'reject', key: 'contract_approval_chain', comment: 'redo' },
      { name: 'Lea Legal', roles: ['legal'] },
    );
    expect(driver.eventTypes()).toContain('step.returned');
    const runs = driver.runsOf('stakeholder_alignment');
    expect(runs.map((run) => run.state)).toEqual(['done', 'ready']);
    expect(runs[1]?.attempt).toBe(2);
    expect(driver.state.forwarded).toBeUndefined();
  });

  it('blocks a kept step behind open ones', () => {
    const driver = movedAtIntegrationSetup();
    expect(driver.stateOf('integration_setup')).toBe('blocked');
    expect(driver.runsOf('integration_setup')).toHaveLength(1);
    expect(driver.eventTypes()).toContain('step.blocked');
    expect(openKeys(driver).sort()).toEqual([
      'security_questionnaire',
      'stakeholder_alignment',
    ]);
    const error = catchError(() =>
      driver.run({ type: 'complete', key: 'integration_setup' }),
    );
    expect(error.code).toBe('STEP_NOT_READY');
  });

  it('readies the blocked step in flow order', () => {
    const driver = movedAtIntegrationSetup();
    for (const key of [
      'security_questionnaire',
      'data_protection_questionnaire',
      'sso_setup',
    ]) {
      expect(driver.stateOf('integration_setup'), key).toBe('blocked');
      finish(driver, key);
    }
    expect(driver.stateOf('integration_setup')).toBe('ready');
    const runs = driver.runsOf('integration_setup');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.cameFrom).toBe(driver.runsOf('sso_setup')[0]?.id);
    expect(driver.eventTypes()).toContain('step.ready');
  });

  it('launch readiness waits for both tracks', () => {
    const driver = movedAtIntegrationSetup();
    for (const key of [
      'stakeholder_alignment',
      'contract_approval_chain',
      'training_plan',
    ])
      finish(driver, key);

    // The technical track's later steps cannot run ahead of its open ones.
    for (const key of ['integration_setup', 'data_mapping', 'uat_signoff']) {
      const state = driver.stateOf(key);
      if (state === 'ready' || state === 'in_progress') finish(driver, key);
    }
    expect(driver.stateOf('launch_readiness')).toBe('blocked');
    expect(driver.stateOf('data_mapping')).toBe('blocked');
    expect(driver.state.status).toBe('active');

    for (const key of [
      'security_questionnaire',
      'data_protection_questionnaire',
      'sso_setup',
      'integration_setup',
      'data_mapping',
    ]) {
      expect(driver.stateOf('launch_readiness'), key).toBe('blocked');
      finish(driver, key);
    }

    finish(driver, 'uat_signoff');
    expect(driver.stateOf('launch_readiness')).toBe('ready');
    finish(driver, 'launch_readiness');
    expect(driver.state.status).toBe('completed');
    expect(driver.runsOf('launch_readiness')).toHaveLength(1);
  });
});

describe('migration to a new SMB version', () => {
  const smb = load('smb');
  // Version 2 adds a welcome call between the intake form and the documents.
  const smbWithCall: Playbook = {
    ...smb,
    version: 2,
    nodes: [
      ...smb.nodes,
      {
        key: 'welcome_call',
        name: 'Welcome call',
        kind: 'task',
        role: 'coordinator',
      },
    ],
    edges: [
      ...smb.edges.filter((edge) => edge.key !== 'intake_form__documents'),
      {
        key: 'intake_form__welcome_call',
        from: 'intake_form',
        to: 'welcome_call',
      },
      { key: 'welcome_call__documents', from: 'welcome_call', to: 'documents' },
    ],
  };

  it('blocks a started upload until the new step is done', () => {
    const driver = new Driver(smb);
    finish(driver, 'intake_form');
    driver.run({
      type: 'upload',
      key: 'documents',
      slot: 'tax_form',
      document: pdf('tax_form'),
    });
    expect(driver.stateOf('documents')).toBe('in_progress');
    driver.migrate(smbWithCall, { reason });
    expect(driver.stateOf('welcome_call')).toBe('ready');
    expect(driver.stateOf('documents')).toBe('blocked');
    expect(driver.state.timers.map((timer) => timer.runId)).not.toContain(
      driver.runsOf('documents')[0]?.id,
    );

    finish(driver, 'welcome_call');
    const runs = driver.runsOf('documents');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.state).toBe('in_progress');
    expect(runs[0]?.files?.tax_form?.id).toBe('doc-tax_form');
    expect(runs[0]?.cameFrom).toBe(driver.runsOf('welcome_call')[0]?.id);
  });
});
