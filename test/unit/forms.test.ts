import { describe, expect, it } from 'vitest';
import { EmbarkError } from '../../src-shared/errors.ts';
import {
  compileForm,
  detectDraft,
  validateFormData,
} from '../../src-shared/forms/validate.ts';

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

const contactSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    email: { type: 'string', format: 'email' },
    employees: { type: 'integer', minimum: 1 },
  },
};

describe('detectDraft', () => {
  it.each([
    [undefined, 'draft-07'],
    ['http://json-schema.org/draft-04/schema#', 'draft-04'],
    ['http://json-schema.org/draft-06/schema#', 'draft-06'],
    ['http://json-schema.org/draft-07/schema#', 'draft-07'],
    ['https://json-schema.org/draft/2019-09/schema', '2019-09'],
    ['https://json-schema.org/draft/2020-12/schema', '2020-12'],
  ])('reads %s as %s', (declared, draft) => {
    const schema = declared === undefined ? {} : { $schema: declared };
    expect(detectDraft(schema)).toBe(draft);
  });

  it('rejects an unsupported draft', () => {
    const error = catchError(() =>
      compileForm({ schema: { $schema: 'http://example.com/draft-99' } }),
    );
    expect(error.code).toBe('PLAYBOOK_INVALID');
    expect(error.message).toContain('"http://example.com/draft-99"');
    expect(error.message).toContain('set $schema to draft-04');
  });
});

describe('compileForm', () => {
  it('validates in the declared draft', () => {
    // `dependentRequired` is a keyword from 2019-09 on, so draft-07 ignores it.
    const base = { dependentRequired: { bar: ['foo'] } };
    const data = { bar: 1 };
    const draft7 = compileForm({ schema: { ...base } });
    const draft2020 = compileForm({
      schema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        ...base,
      },
    });
    expect(draft7(data).valid).toBe(true);
    expect(draft2020(data).valid).toBe(false);
    expect(draft2020(data).errors).toEqual([
      { path: '/foo', message: 'is required when "bar" is present' },
    ]);
  });

  it('handles draft-04 exclusiveMinimum as a boolean', () => {
    const check = compileForm({
      schema: {
        $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'number',
        minimum: 5,
        exclusiveMinimum: true,
      },
    });
    expect(check(5).valid).toBe(false);
    expect(check(6).valid).toBe(true);
  });

  it('compiles draft-06 schemas', () => {
    const check = compileForm({
      schema: {
        $schema: 'http://json-schema.org/draft-06/schema#',
        type: 'array',
        contains: { const: 'sso' },
      },
    });
    expect(check(['crm']).valid).toBe(false);
    expect(check(['sso']).valid).toBe(true);
  });

  it('compiles a draft-04 schema whose id is a bare urn', () => {
    const check = compileForm({
      schema: {
        $schema: 'http://json-schema.org/draft-04/schema#',
        id: 'urn:intake',
        type: 'object',
        properties: { name: { $ref: 'urn:intake#/definitions/name' } },
        definitions: { name: { type: 'string' } },
      },
    });
    expect(check({ name: 'Acme' }).valid).toBe(true);
    expect(check({ name: 7 }).errors).toEqual([
      { path: '/name', message: 'must be string' },
    ]);
  });

  it('resolves refs by their $id', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $ref: 'urn:shared#/$defs/code',
    };
    const refs = [
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: 'urn:shared',
        $defs: { code: { type: 'string', pattern: '^[A-Z]{2}$' } },
      },
    ];
    const check = compileForm({ schema, refs });
    expect(check('GB').valid).toBe(true);
    expect(check('gb').valid).toBe(false);
  });

  it('names an unresolved reference', () => {
    const error = catchError(() =>
      compileForm({
        schema: {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          $ref: 'urn:shared#/$defs/code',
        },
      }),
    );
    expect(error.code).toBe('PLAYBOOK_INVALID');
    expect(error.message).toContain(
      'unresolved reference "urn:shared#/$defs/code"',
    );
    expect(error.message).toContain('$id is "urn:shared"');
  });

  it('rejects a ref without $id', () => {
    const error = catchError(() =>
      compileForm({ schema: {}, refs: [{ type: 'string' }] }),
    );
    expect(error.code).toBe('PLAYBOOK_INVALID');
    expect(error.message).toContain('Form ref 1 has no $id');
  });

  it('rejects a schema that breaks its meta-schema', () => {
    const error = catchError(() =>
      compileForm({
        schema: { type: 'object', properties: { a: { type: 'text' } } },
      }),
    );
    expect(error.code).toBe('PLAYBOOK_INVALID');
    expect(error.message).toContain('Form schema cannot be compiled');
    expect(error.message).toContain('data/properties/a/type');
  });

  it('caches the validator per schema object', () => {
    const form = { schema: structuredClone(contactSchema) };
    expect(compileForm(form)).toBe(compileForm({ schema: form.schema }));
  });

  it('reports conditional sections without the if error', () => {
    const check = compileForm({
      schema: {
        type: 'object',
        if: { properties: { sso: { const: true } }, required: ['sso'] },
        then: { required: ['provider'] },
      },
    });
    expect(check({ sso: false }).valid).toBe(true);
    expect(check({ sso: true }).errors).toEqual([
      { path: '/provider', message: 'is required' },
    ]);
  });
});

describe('validateFormData', () => {
  it('accepts valid answers', () => {
    expect(() =>
      validateFormData({ schema: contactSchema }, { name: 'Ann' }),
    ).not.toThrow();
  });

  it('lists each invalid answer', () => {
    const data = { email: 'not-an-email', employees: 0 };
    const before = structuredClone(data);
    const error = catchError(() =>
      validateFormData({ schema: contactSchema }, data),
    );
    expect(error.code).toBe('FORM_INVALID');
    expect(error.message).toBe(
      'Invalid answers: /name is required; /email must match format "email"; /employees must be >= 1. Correct these answers and submit again.',
    );
    expect(error.details.errors).toEqual([
      { path: '/name', message: 'is required' },
      { path: '/email', message: 'must match format "email"' },
      { path: '/employees', message: 'must be >= 1' },
    ]);
    expect(data).toEqual(before);
  });

  it('shortens a long list of errors', () => {
    const schema = {
      type: 'object',
      required: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    };
    const error = catchError(() => validateFormData({ schema }, {}));
    expect(error.message).toContain('/e is required; and 2 more.');
    expect(error.details.errors).toHaveLength(7);
  });

  it('marks a root error with a slash', () => {
    const error = catchError(() =>
      validateFormData({ schema: { type: 'object' } }, 'text'),
    );
    expect(error.message).toContain('Invalid answers: / must be object');
  });
});
