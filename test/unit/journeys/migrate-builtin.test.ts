import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awaitingRoles } from '../../../src-shared/journeys/engine-approvals.ts';
import {
  playbookSchema,
  type Playbook,
} from '../../../src-shared/playbooks/model.ts';
import { Driver } from './builders.ts';

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
});
