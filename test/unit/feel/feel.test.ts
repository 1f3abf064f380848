import { describe, expect, it } from 'vitest';
import {
  checkExpression,
  evaluateCondition,
  evaluateExpression,
  evaluateUnaryTest,
} from '../../../src-shared/feel/feel.ts';

const now = '2024-05-01T09:30:00Z';

function feelError(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('evaluateCondition', () => {
  it('reads journey variables', () => {
    expect(
      evaluateCondition('riskTier = "high"', { riskTier: 'high' }, now),
    ).toBe(true);
    expect(
      evaluateCondition('riskTier = "high"', { riskTier: 'low' }, now),
    ).toBe(false);
    expect(
      evaluateCondition(
        'list contains(compliance, "HIPAA")',
        { compliance: ['HIPAA'] },
        now,
      ),
    ).toBe(true);
  });

  it('is false for missing, null or non-boolean results', () => {
    expect(evaluateCondition('employees > 10', {}, now)).toBe(false);
    expect(evaluateCondition('employees > 10', { employees: null }, now)).toBe(
      false,
    );
    expect(evaluateCondition('employees', { employees: 50 }, now)).toBe(false);
  });

  it('gives the same answer from the cache', () => {
    const expr = 'annualContractValue >= 100000';
    expect(evaluateCondition(expr, { annualContractValue: 200000 }, now)).toBe(
      true,
    );
    expect(evaluateCondition(expr, { annualContractValue: 1000 }, now)).toBe(
      false,
    );
    expect(evaluateCondition(expr, {}, now)).toBe(false);
  });

  it('rejects invalid syntax naming the expression', () => {
    const error = feelError(() => evaluateCondition('employees >', {}, now));
    expect(error.code).toBe('FEEL_INVALID');
    expect(error.message).toContain('"employees >"');
  });
});

describe('now and today', () => {
  it('return the given time', () => {
    expect(String(evaluateExpression('now()', {}, now))).toBe(
      '2024-05-01T09:30:00Z',
    );
    expect(String(evaluateExpression('today()', {}, now))).toBe('2024-05-01');
    expect(
      evaluateCondition(
        'now() < date and time("2024-05-02T00:00:00Z")',
        {},
        now,
      ),
    ).toBe(true);
    expect(
      evaluateCondition(
        'now() < date and time("2024-05-02T00:00:00Z")',
        {},
        '2024-06-01T00:00:00Z',
      ),
    ).toBe(false);
  });

  it('override a variable named now', () => {
    expect(String(evaluateExpression('now()', { now: 'later' }, now))).toBe(
      '2024-05-01T09:30:00Z',
    );
  });
});

describe('evaluateExpression', () => {
  it('returns plain values', () => {
    expect(evaluateExpression('employees * 2', { employees: 21 }, now)).toBe(
      42,
    );
    expect(
      evaluateExpression(
        'if employees > 250 then "enterprise" else "smb"',
        { employees: 300 },
        now,
      ),
    ).toBe('enterprise');
  });
});

describe('checkExpression', () => {
  it('lists the variables read', () => {
    expect(
      checkExpression('riskTier = "high" and employees > limit').variables,
    ).toEqual(['riskTier', 'employees', 'limit']);
  });

  it('leaves out bound names and builtins', () => {
    const check = checkExpression(
      'some x in integrations satisfies x = wanted and count(compliance) > 0',
    );
    expect(check).toEqual({
      ok: true,
      variables: ['integrations', 'wanted', 'compliance'],
    });
    expect(checkExpression('for i in items return i * rate').variables).toEqual(
      ['items', 'rate'],
    );
    expect(
      checkExpression('client.size > 3 and now() > start').variables,
    ).toEqual(['client', 'start']);
    expect(checkExpression('orders[item > min]').variables).toEqual([
      'orders',
      'min',
    ]);
  });

  it('reports syntax errors', () => {
    const check = checkExpression('a > ');
    expect(check.ok).toBe(false);
    expect(check.error).toContain('ends too early');
    expect(checkExpression('').ok).toBe(false);
  });
});

describe('evaluateUnaryTest', () => {
  it('tests the input', () => {
    expect(evaluateUnaryTest('> 100', 250, {}, now)).toBe(true);
    expect(evaluateUnaryTest('"sso", "crm"', 'crm', {}, now)).toBe(true);
    expect(evaluateUnaryTest('-', 'anything', {}, now)).toBe(true);
    expect(evaluateUnaryTest('[1..limit]', 7, { limit: 5 }, now)).toBe(false);
    expect(evaluateUnaryTest('< now()', '2020-01-01', {}, now)).toBe(false);
  });

  it('rejects invalid syntax', () => {
    const error = feelError(() => evaluateUnaryTest('> > 1', 2, {}, now));
    expect(error.code).toBe('FEEL_INVALID');
    expect(error.message).toContain('"> > 1"');
  });
});
