import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import { compileForm } from '../../src-shared/forms/validate.ts';
import { milestonesAhead } from '../../src-shared/journeys/graph.ts';
import {
  defaultStages,
  playbookDefinitionSchema,
  type PlaybookDefinition,
  type PlaybookNode,
} from '../../src-shared/playbooks/model.ts';

const folder = join(import.meta.dirname, '../../resources/playbooks');
const files = ['smb', 'mid-market', 'enterprise'] as const;

function load(segment: string): PlaybookDefinition {
  const text = readFileSync(join(folder, `${segment}.json`), 'utf8');
  return playbookDefinitionSchema.parse(JSON.parse(text));
}

const playbooks = files.map((segment) => ({ segment, def: load(segment) }));
const workKinds = ['task', 'form', 'fileRequest', 'approval'];

function node(def: PlaybookDefinition, key: string): PlaybookNode {
  const found = def.nodes.find((item) => item.key === key);
  if (!found) {
    throw new Error(`no node ${key}`);
  }
  return found;
}

describe.each(playbooks)('$segment playbook', ({ segment, def }) => {
  it('declares its segment', () => {
    expect(def.segment).toBe(segment);
  });

  it('gives every work node a role and due days', () => {
    for (const item of def.nodes.filter((n) => workKinds.includes(n.kind))) {
      expect(item.role, item.key).toBeTruthy();
      expect(item.dueInDays, item.key).toBeGreaterThan(0);
    }
  });

  it('maps every milestone to a board stage', () => {
    const stages: readonly string[] = defaultStages;
    for (const item of def.nodes.filter((n) => n.kind === 'milestone')) {
      expect(stages, item.key).toContain(item.stage);
    }
  });

  it('moves the card through stages in order', () => {
    const order = def.nodes
      .filter((n) => n.kind === 'milestone')
      .map((n) => defaultStages.indexOf(n.stage as never));
    expect(order.length).toBeGreaterThanOrEqual(3);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('compiles every form with conditional sections', () => {
    const forms = def.nodes.filter((n) => n.kind === 'form');
    expect(forms.length).toBeGreaterThan(0);
    for (const item of forms) {
      expect(item.form, item.key).toBeDefined();
      expect(() => compileForm(item.form!), item.key).not.toThrow();
      expect(item.form!.schema.$schema).toBe(
        'http://json-schema.org/draft-07/schema#',
      );
      expect(JSON.stringify(item.form!.schema), item.key).toMatch(
        /"if":|"dependencies":/,
      );
      expect(item.form!.uiSchema, item.key).toBeDefined();
    }
  });

  it('gives file requests typed slots', () => {
    for (const item of def.nodes.filter((n) => n.kind === 'fileRequest')) {
      expect(item.slots?.length, item.key).toBeGreaterThan(0);
      for (const slot of item.slots ?? []) {
        expect(slot.accept.length, `${item.key}.${slot.name}`).toBeGreaterThan(
          0,
        );
      }
    }
  });

  it('parses every edge condition as FEEL', () => {
    for (const edge of def.edges.filter((e) => e.condition)) {
      expect(() => evaluate(edge.condition!, {}), edge.key).not.toThrow();
    }
  });

  it('passes playbook validation when available', async () => {
    const validatorPath = join(
      import.meta.dirname,
      '../../src-shared/playbooks/validate.ts',
    );
    if (!existsSync(validatorPath)) {
      return;
    }
    const { validatePlaybook } =
      await import('../../src-shared/playbooks/validate.ts');
    const result = validatePlaybook(def);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

describe('built-in playbooks together', () => {
  it('share keys only between steps of the same kind', () => {
    const kinds = new Map<string, string>();
    for (const { def } of playbooks) {
      for (const item of def.nodes) {
        const known = kinds.get(item.key);
        expect(known ?? item.kind, item.key).toBe(item.kind);
        kinds.set(item.key, item.kind);
      }
    }
  });

  it('share the core onboarding steps', () => {
    for (const key of ['intake_form', 'documents', 'go_live', 'end']) {
      const present = playbooks.filter(({ def }) =>
        def.nodes.some((item) => item.key === key),
      );
      const expected = key === 'go_live' ? 2 : 3;
      expect(present.length, key).toBe(expected);
    }
  });

  it('share identical forms under one key', () => {
    const forms = new Map<string, string>();
    for (const { def } of playbooks) {
      for (const item of def.nodes.filter((n) => n.kind === 'form')) {
        const text = JSON.stringify(item.form);
        expect(forms.get(item.key) ?? text, item.key).toBe(text);
        forms.set(item.key, text);
      }
    }
  });
});

describe('smb playbook routes', () => {
  const def = load('smb');

  it('lets low-risk clients skip the security review', () => {
    const edges = def.edges.filter((edge) => edge.from === 'risk_route');
    const skip = edges.find((edge) => edge.condition === 'riskTier = "low"');
    expect(skip?.to).toBe('review_cleared');
    const review = edges.find((edge) => edge.isDefault);
    expect(review?.to).toBe('security_review');
    expect(node(def, 'security_review').kind).toBe('approval');
  });

  it('evaluates the risk condition', () => {
    expect(evaluate('riskTier = "low"', { riskTier: 'low' }).value).toBe(true);
    expect(evaluate('riskTier = "low"', { riskTier: 'high' }).value).toBe(
      false,
    );
  });

  it('requires accepting the agreement', () => {
    const check = compileForm(node(def, 'agreement').form!);
    const base = { signerName: 'Ann', signingOnBehalf: false };
    expect(check({ ...base, accepted: true }).valid).toBe(true);
    expect(check({ ...base, accepted: false }).valid).toBe(false);
    expect(
      check({ ...base, accepted: true, signingOnBehalf: true }).errors,
    ).toEqual([{ path: '/authorityTitle', message: 'is required' }]);
  });
});

describe('mid-market playbook routes', () => {
  const def = load('mid-market');

  it('chooses the approval chain by contract value', () => {
    const edges = def.edges.filter((edge) => edge.from === 'approval_route');
    const chain = edges.find((edge) => edge.condition);
    expect(chain?.to).toBe('contract_approval_chain');
    expect(edges.find((edge) => edge.isDefault)?.to).toBe('contract_approval');
    const condition = chain!.condition!;
    expect(evaluate(condition, { annualContractValue: 150000 }).value).toBe(
      true,
    );
    expect(evaluate(condition, { annualContractValue: 20000 }).value).toBe(
      false,
    );
    expect(node(def, 'contract_approval_chain').approval).toEqual({
      mode: 'sequential',
      approvers: ['finance', 'sales_director'],
    });
  });

  it('asks for SSO details only when SSO is chosen', () => {
    const check = compileForm(node(def, 'discovery_form').form!);
    const answers = {
      integrations: ['crm'],
      teamRoles: [{ role: 'sponsor', name: 'Ann', email: 'ann@acme.test' }],
      compliance: ['GDPR'],
    };
    expect(check(answers).valid).toBe(true);
    expect(check({ ...answers, integrations: ['sso'] }).errors).toEqual([
      { path: '/sso', message: 'is required' },
    ]);
  });

  it('plans an owner and due date per stage', () => {
    const check = compileForm(node(def, 'milestone_plan').form!);
    const milestone = { stage: 'Setup', owner: 'Dana', dueDate: '2030-05-01' };
    expect(check({ milestones: [milestone] }).valid).toBe(true);
    expect(
      check({ milestones: [{ ...milestone, dueDate: 'soon' }] }).errors,
    ).toEqual([
      { path: '/milestones/0/dueDate', message: 'must match format "date"' },
    ]);
  });

  it('names its milestones', () => {
    const names = def.nodes
      .filter((item) => item.kind === 'milestone')
      .map((item) => item.name);
    expect(names).toEqual([
      'Discovery Complete',
      'Setup complete',
      'Contract approved',
      'Go-live',
    ]);
  });
});

describe('enterprise playbook routes', () => {
  const def = load('enterprise');
  const next = (key: string) =>
    def.edges
      .filter((edge) => edge.from === key && !edge.onReject)
      .map((edge) => edge.to);

  function track(from: string): string[] {
    const keys: string[] = [];
    let current = from;
    while (current !== 'tracks_join') {
      keys.push(current);
      const [following] = next(current);
      current = following!;
    }
    return keys;
  }

  it('runs a business and a technical track in parallel', () => {
    expect(node(def, 'tracks_fork').kind).toBe('fork');
    const [business, technical] = next('tracks_fork');
    expect(track(business!)).toEqual([
      'stakeholder_alignment',
      'contract_approval_chain',
      'training_plan',
    ]);
    expect(track(technical!)).toEqual([
      'security_questionnaire',
      'data_protection_questionnaire',
      'sso_setup',
      'integration_setup',
      'setup_complete',
      'data_mapping',
      'uat_signoff',
      'acceptance_signed',
    ]);
  });

  it('waits for both tracks before launch readiness', () => {
    expect(node(def, 'tracks_join').kind).toBe('join');
    const into = def.edges.filter((edge) => edge.to === 'tracks_join');
    expect(into.map((edge) => edge.from).sort()).toEqual([
      'acceptance_signed',
      'training_plan',
    ]);
    expect(next('tracks_join')).toEqual(['tracks_complete']);
    expect(next('tracks_complete')).toEqual(['launch_readiness']);
    expect(next('launch_readiness')).toEqual(['go_live']);
  });

  it('chains legal, finance and sponsor approvals', () => {
    expect(node(def, 'contract_approval_chain').approval).toEqual({
      mode: 'sequential',
      approvers: ['legal', 'finance', 'sponsor'],
    });
  });
});

describe('enterprise steps by milestone ahead', () => {
  const def = load('enterprise');
  const ahead = milestonesAhead({ id: 'enterprise', version: 1, ...def });

  it.each([
    ['intake_form', 'discovery_complete'],
    ['stakeholder_alignment', 'tracks_complete'],
    ['contract_approval_chain', 'tracks_complete'],
    ['security_questionnaire', 'setup_complete'],
    ['data_mapping', 'acceptance_signed'],
    ['launch_readiness', 'go_live'],
  ])('%s leads to %s', (step, milestone) => {
    expect(ahead.get(step)).toBe(milestone);
  });
});
