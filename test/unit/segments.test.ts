import { unaryTest } from 'feelin';
import { describe, expect, it } from 'vitest';
import { EmbarkError } from '../../src-shared/errors.ts';
import {
  attributeDocs,
  parseClientAttributes,
} from '../../src-shared/segments/attributes.ts';
import {
  compileExpression,
  compileUnaryTest,
} from '../../src-shared/segments/compile.ts';
import {
  classifyClient,
  defaultSegmentRules,
  parseSegment,
  validateSegmentRules,
  type SegmentRules,
} from '../../src-shared/segments/table.ts';

function catchError(action: () => unknown): EmbarkError {
  try {
    action();
  } catch (error) {
    if (error instanceof EmbarkError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an EmbarkError');
}

describe('parseClientAttributes', () => {
  it('keeps documented and unknown keys', () => {
    const attrs = parseClientAttributes({
      employees: 12,
      integrations: ['sso'],
      region: 'EMEA',
    });
    expect(attrs.employees).toBe(12);
    expect(attrs.integrations).toEqual(['sso']);
    expect(attrs.region).toBe('EMEA');
  });

  it.each([
    ['employees', 'many', 'number >= 0'],
    ['annualContractValue', -5, 'number >= 0'],
    ['stakeholders', 2.5, 'integer >= 0'],
    ['integrations', 'sso', 'list of strings'],
    ['risk', 'severe', 'low | medium | high'],
  ])('rejects %s = %j naming the type', (key, value, expected) => {
    const error = catchError(() => parseClientAttributes({ [key]: value }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(`"${key}"`);
    expect(error.message).toContain(`expected ${expected}`);
    expect(error.details.key).toBe(key);
  });

  it('rejects a value that is not an object', () => {
    const error = catchError(() => parseClientAttributes([1, 2]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('JSON object');
  });

  it('documents every key of the schema', () => {
    expect(attributeDocs.map((doc) => doc.key)).toEqual([
      'employees',
      'annualContractValue',
      'stakeholders',
      'integrations',
      'compliance',
      'risk',
    ]);
  });
});

describe('classifyClient with default rules', () => {
  it.each([
    [{}, 'smb', 'low', 8, 7],
    [{ employees: 20, risk: 'low' }, 'smb', 'low', 8, 7],
    [{ employees: 1000 }, 'enterprise', 'low', 1, 7],
    [{ annualContractValue: 250000 }, 'enterprise', 'low', 2, 7],
    [{ stakeholders: 8 }, 'enterprise', 'low', 3, 7],
    [{ employees: 999 }, 'mid-market', 'low', 4, 7],
    [{ annualContractValue: 50000 }, 'mid-market', 'low', 5, 7],
    [{ stakeholders: 4 }, 'mid-market', 'low', 6, 7],
    [{ integrations: ['SSO'] }, 'mid-market', 'low', 7, 7],
    [{ integrations: ['crm'] }, 'smb', 'low', 8, 7],
    [{ compliance: ['hipaa'], risk: 'low' }, 'smb', 'high', 8, 1],
    [{ risk: 'high' }, 'smb', 'high', 8, 2],
    [{ employees: 5000, compliance: ['PCI DSS'] }, 'enterprise', 'high', 1, 3],
    [{ employees: 50, compliance: ['PCI DSS'] }, 'smb', 'medium', 8, 5],
    [{ risk: 'medium' }, 'smb', 'medium', 8, 4],
    [{ compliance: ['GDPR'] }, 'smb', 'medium', 8, 5],
    [{ integrations: ['crm', 'hris', 'erp'] }, 'mid-market', 'medium', 7, 6],
  ])('classifies %j', (attrs, segment, riskTier, segmentRule, riskRule) => {
    const result = classifyClient(parseClientAttributes(attrs));
    expect(result.segment).toBe(segment);
    expect(result.riskTier).toBe(riskTier);
    expect(result.segmentRule).toBe(segmentRule);
    expect(result.riskRule).toBe(riskRule);
  });

  it('does not change the attributes', () => {
    const attrs = parseClientAttributes({
      employees: 10,
      compliance: ['GDPR'],
    });
    const before = structuredClone(attrs);
    classifyClient(attrs);
    expect(attrs).toEqual(before);
  });

  it('accepts the default rules as valid', () => {
    expect(validateSegmentRules(defaultSegmentRules)).toEqual(
      defaultSegmentRules,
    );
  });
});

function rulesWith(change: (rules: SegmentRules) => void): SegmentRules {
  const rules = structuredClone(defaultSegmentRules);
  change(rules);
  return rules;
}

describe('validateSegmentRules', () => {
  it('names table, rule and input for a bad test', () => {
    const rules = rulesWith((draft) => {
      draft.segment.rules[2]!.when[2] = '>= >= 8';
    });
    const error = catchError(() => validateSegmentRules(rules));
    expect(error.code).toBe('FEEL_INVALID');
    expect(error.message).toContain('the segment table, rule 3');
    expect(error.message).toContain('input "Stakeholders"');
    expect(error.message).toContain('">= >= 8"');
  });

  it('names the input for a bad expression', () => {
    const rules = rulesWith((draft) => {
      draft.risk.inputs[1]!.expression = 'if risk then';
    });
    const error = catchError(() => validateSegmentRules(rules));
    expect(error.code).toBe('FEEL_INVALID');
    expect(error.message).toContain(
      `the risk table, input 2 "Coordinator's assessment"`,
    );
  });

  it('rejects an unknown segment result', () => {
    const rules = rulesWith((draft) => {
      draft.segment.rules[7]!.result = 'small';
    });
    const error = catchError(() => validateSegmentRules(rules));
    expect(error.code).toBe('UNKNOWN_SEGMENT');
    expect(error.message).toContain('"small"');
    expect(error.message).toContain('smb, mid-market, enterprise');
    expect(error.message).toContain('rule 8');
  });

  it('rejects an unknown risk tier result', () => {
    const rules = rulesWith((draft) => {
      draft.risk.rules[0]!.result = 'critical';
    });
    const error = catchError(() => validateSegmentRules(rules));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('"critical"');
    expect(error.message).toContain('the risk table, rule 1');
  });

  it('rejects a rule with too few tests', () => {
    const rules = rulesWith((draft) => {
      draft.segment.rules[0]!.when = ['>= 1000'];
    });
    const error = catchError(() => validateSegmentRules(rules));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('Rule 1 of the segment table has 1 tests');
  });

  it('rejects a wrong shape naming the path', () => {
    const error = catchError(() =>
      validateSegmentRules({ segment: defaultSegmentRules.segment }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('at risk');
  });

  it('leaves the given rules unchanged', () => {
    const rules = rulesWith((draft) => {
      draft.segment.rules[0]!.when[0] = '>= >=';
    });
    const before = structuredClone(rules);
    catchError(() => validateSegmentRules(rules));
    expect(rules).toEqual(before);
  });
});

describe('classifyClient with custom rules', () => {
  it('throws when no rule matches', () => {
    const rules = rulesWith((draft) => {
      draft.segment.rules.pop();
    });
    const error = catchError(() => classifyClient({ employees: 3 }, rules));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('No rule of the segment table matches');
    expect(error.message).toContain('add a catch-all rule');
  });

  it('evaluates tests that read ? and variables', () => {
    const rules = rulesWith((draft) => {
      draft.segment.inputs = [{ label: 'Regions', expression: 'regions' }];
      draft.segment.rules = [
        { when: ['count(?) > limit'], result: 'enterprise' },
        { when: ['list contains(?, "EU")'], result: 'mid-market' },
        { when: ['-'], result: 'smb' },
      ];
    });
    const attrs = (value: Record<string, unknown>) =>
      parseClientAttributes(value);
    expect(
      classifyClient(attrs({ regions: ['EU', 'US'], limit: 1 }), rules).segment,
    ).toBe('enterprise');
    expect(
      classifyClient(attrs({ regions: ['EU'], limit: 1 }), rules).segment,
    ).toBe('mid-market');
    expect(classifyClient(attrs({ regions: [] }), rules).segment).toBe('smb');
  });
});

describe('parseSegment', () => {
  it('accepts each segment', () => {
    expect(parseSegment('mid-market')).toBe('mid-market');
  });

  it('lists the valid segments when unknown', () => {
    const error = catchError(() => parseSegment('Enterprise'));
    expect(error.code).toBe('UNKNOWN_SEGMENT');
    expect(error.message).toBe(
      'Unknown segment "Enterprise"; use one of smb, mid-market, enterprise.',
    );
  });
});

describe('compiled FEEL', () => {
  const tests = [
    '-',
    '>= 1000',
    '< 5',
    '[1..5]',
    '(1..5), 10',
    '"high", "medium"',
    'true',
    'not(>= 1000)',
    'not("low")',
    'null',
    '? > 3',
  ];
  const values = [null, 0, 3, 5, 10, 1000, 'high', 'low', true, false];

  it('matches feelin unaryTest for every case', () => {
    for (const test of tests) {
      const compiled = compileUnaryTest(test);
      for (const value of values) {
        const expected = unaryTest(test, { '?': value }).value === true;
        expect(compiled(value, {}), `${test} on ${value}`).toBe(expected);
      }
    }
  });

  it('reads missing variables as null', () => {
    const input = compileExpression(
      'if employees = null then 0 else employees',
    );
    expect(input({})).toBe(0);
    expect(input({ employees: 42 })).toBe(42);
  });

  it('keeps builtins callable in expressions', () => {
    const input = compileExpression('count(items) + size');
    expect(input({ items: [1, 2], size: 3 })).toBe(5);
  });
});

describe('misspelled attribute keys', () => {
  it('suggests the documented key', () => {
    expect(() => parseClientAttributes({ employes: 5000 })).toThrow(
      'did you mean "employees"',
    );
  });

  it('keeps other custom keys', () => {
    const parsed = parseClientAttributes({ region: 'EMEA', employees: 3 });
    expect(parsed.region).toBe('EMEA');
  });
});
