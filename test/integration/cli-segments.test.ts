import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { embark, embarkJson, tempDir } from '../helpers/cli.ts';
import {
  actOn,
  driveToEnd,
  openSteps,
  stepOf,
  writeSamplePdf,
  type JourneyJson,
} from '../helpers/journeys.ts';

type Added = {
  clientId: string;
  segment: string;
  riskTier: string;
  journeyId: string;
};

let data: { dir: string; remove: () => void };
let pdf: string;

beforeEach(async () => {
  data = tempDir();
  pdf = await writeSamplePdf(data.dir);
});
afterEach(() => data.remove());

async function addClient(name: string, attrs: object): Promise<Added> {
  return embarkJson<Added>(data.dir, [
    'client',
    'add',
    '--name',
    name,
    '--attrs',
    JSON.stringify(attrs),
  ]);
}

async function show(id: string): Promise<JourneyJson> {
  return embarkJson<JourneyJson>(data.dir, ['journey', 'show', id]);
}

describe('journeys per segment through the CLI', () => {
  test('low-risk SMB client never gets a security review', async () => {
    const added = await addClient('Corner Bakery', {
      employees: 8,
      annualContractValue: 4000,
      risk: 'low',
    });
    expect(added.segment).toBe('smb');
    expect(added.riskTier).toBe('low');
    const seen = new Set<string>();
    const final = await driveToEnd(data.dir, added.journeyId, pdf, (j) => {
      seen.add(stepOf(j, 'security_review').state);
    });
    expect(final.status).toBe('completed');
    expect(final.progress).toBe(100);
    expect(seen.has('ready')).toBe(false);
    expect(seen.has('done')).toBe(false);
    expect(stepOf(final, 'security_review').state).toBe('skipped');
  });

  test('medium-risk SMB client gets the security review', async () => {
    const added = await addClient('Harbour Florist', {
      employees: 12,
      annualContractValue: 6000,
      risk: 'medium',
    });
    expect(added.segment).toBe('smb');
    expect(added.riskTier).toBe('medium');
    const final = await driveToEnd(data.dir, added.journeyId, pdf);
    expect(final.status).toBe('completed');
    expect(stepOf(final, 'security_review').state).toBe('done');
  });

  test('enterprise runs both tracks and reworks a rejection', async () => {
    const added = await addClient('Globex Insurance', {
      employees: 12000,
      annualContractValue: 900000,
      stakeholders: 14,
      integrations: ['sso', 'erp'],
      compliance: ['SOC2', 'GDPR'],
      risk: 'medium',
    });
    expect(added.segment).toBe('enterprise');
    const id = added.journeyId;
    let journey = await show(id);
    while (stepOf(journey, 'stakeholder_alignment').state === 'blocked') {
      const [step] = openSteps(journey);
      journey = await actOn(data.dir, id, step!, pdf);
    }
    // Both tracks are open at once after the fork.
    const open = openSteps(journey).map((step) => step.key);
    expect(open).toContain('stakeholder_alignment');
    expect(open).toContain('security_questionnaire');

    // Finish the business track alone: launch readiness keeps waiting.
    journey = await actOn(
      data.dir,
      id,
      stepOf(journey, 'stakeholder_alignment'),
      pdf,
    );
    expect(stepOf(journey, 'contract_approval_chain').state).toBe('ready');
    const rejected = await embark(data.dir, [
      '--json',
      'journey',
      'act',
      id,
      'contract_approval_chain',
      '--action',
      'reject',
      '--comment',
      'Liability cap missing',
      '--as',
      'Lena Legal',
    ]);
    expect(rejected.code).toBe(0);
    journey = JSON.parse(rejected.stdout) as JourneyJson;
    expect(stepOf(journey, 'contract_approval_chain').state).toBe('rejected');
    expect(stepOf(journey, 'stakeholder_alignment').state).toBe('ready');
    expect(stepOf(journey, 'stakeholder_alignment').attempt).toBe(2);
    journey = await actOn(
      data.dir,
      id,
      stepOf(journey, 'stakeholder_alignment'),
      pdf,
    );
    expect(stepOf(journey, 'contract_approval_chain').attempt).toBe(2);
    while (stepOf(journey, 'training_plan').state !== 'done') {
      const business = openSteps(journey).find((step) =>
        ['contract_approval_chain', 'training_plan'].includes(step.key),
      );
      journey = await actOn(data.dir, id, business!, pdf);
    }
    expect(stepOf(journey, 'contract_approval_chain').state).toBe('done');
    expect(stepOf(journey, 'launch_readiness').state).toBe('blocked');
    expect(stepOf(journey, 'security_questionnaire').state).toBe('ready');

    // The technical track finishes; only then launch readiness opens.
    const final = await driveToEnd(data.dir, id, pdf, (j) => {
      const technicalOpen = [
        'security_questionnaire',
        'data_protection_questionnaire',
        'sso_setup',
        'integration_setup',
        'data_mapping',
        'uat_signoff',
      ].some((key) => stepOf(j, key).state !== 'done');
      if (technicalOpen)
        expect(stepOf(j, 'launch_readiness').state).toBe('blocked');
    });
    expect(final.status).toBe('completed');
    expect(stepOf(final, 'launch_readiness').state).toBe('done');
  });

  test('mid-market client moved to enterprise keeps its work', async () => {
    const added = await addClient('Initech Payroll', {
      employees: 350,
      annualContractValue: 80000,
      stakeholders: 5,
      integrations: ['crm'],
      risk: 'low',
    });
    expect(added.segment).toBe('mid-market');
    const id = added.journeyId;
    let journey = await show(id);
    while (stepOf(journey, 'discovery_form').state !== 'done') {
      journey = await actOn(data.dir, id, openSteps(journey)[0]!, pdf);
    }
    const doneBefore = journey.steps
      .filter((step) => step.state === 'done')
      .map((step) => step.key);
    expect(doneBefore).toEqual(
      expect.arrayContaining(['intake_form', 'kickoff', 'discovery_form']),
    );

    const plan = await embarkJson<{
      added: string[];
      removed: string[];
      kept: string[];
    }>(data.dir, [
      'journey',
      'migrate',
      id,
      '--segment',
      'enterprise',
      '--dry-run',
    ]);
    expect(plan.kept).toEqual(expect.arrayContaining(doneBefore));
    expect(plan.added).toContain('security_questionnaire');
    expect(plan.removed).toContain('contract_approval');
    const unchanged = await show(id);
    expect(unchanged.segment).toBe('mid-market');
    expect(unchanged.playbookId).toBe('mid-market');

    const applied = await embarkJson<{ kept: string[] }>(data.dir, [
      'journey',
      'migrate',
      id,
      '--segment',
      'enterprise',
      '--reason',
      'Second subsidiary signed',
    ]);
    expect(applied.kept).toEqual(plan.kept);
    const moved = await show(id);
    expect(moved.segment).toBe('enterprise');
    expect(moved.playbookId).toBe('enterprise');
    for (const key of doneBefore) expect(stepOf(moved, key).state).toBe('done');
    const client = await embarkJson<{ segment: string }>(data.dir, [
      'client',
      'show',
      added.clientId,
    ]);
    expect(client.segment).toBe('enterprise');

    const final = await driveToEnd(data.dir, id, pdf);
    expect(final.status).toBe('completed');
    for (const key of doneBefore) expect(stepOf(final, key).attempt).toBe(1);
  });
});
