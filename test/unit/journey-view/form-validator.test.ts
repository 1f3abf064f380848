import { readFileSync } from 'node:fs';
import type { RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import {
  createFormValidator,
  draftOf,
} from '../../../src-renderer/journeys/form-validator.ts';

type Node = { key: string; form?: { schema: Record<string, unknown> } };

function intakeSchema() {
  const playbook = JSON.parse(
    readFileSync('resources/playbooks/smb.json', 'utf8'),
  ) as { nodes: Node[] };
  const node = playbook.nodes.find((entry) => entry.key === 'intake_form');
  if (!node?.form) throw new Error('smb.json has no intake_form form');
  return node.form.schema;
}

const valid = {
  companyName: 'Acme',
  primaryContact: { name: 'Ada', email: 'ada@example.com' },
  employees: 12,
  handlesPaymentCards: false,
};

describe('form validator', () => {
  const validator = createFormValidator();

  it('accepts valid intake answers', () => {
    const result = validator.validateFormData(valid, intakeSchema());
    expect(result.errors).toEqual([]);
  });

  it('points errors at fields', () => {
    const result = validator.validateFormData(
      {
        ...valid,
        companyName: '',
        primaryContact: { email: 'not an email' },
        employees: 0,
      },
      intakeSchema(),
    );
    const byProperty = Object.fromEntries(
      result.errors.map((error) => [error.property, error.message]),
    );
    expect(byProperty['.companyName']).toBe('must not be empty');
    expect(byProperty['.primaryContact.name']).toBe('is required');
    expect(byProperty['.primaryContact.email']).toMatch(/email address/);
    expect(byProperty['.employees']).toBe('must be 1 or more');
    const errorSchema = result.errorSchema as Record<
      string,
      { __errors?: string[] } | undefined
    >;
    expect(errorSchema.employees?.__errors).toEqual(['must be 1 or more']);
  });

  it('applies conditional sections', () => {
    const result = validator.validateFormData(
      { ...valid, handlesPaymentCards: true },
      intakeSchema(),
    );
    expect(result.errors.map((error) => error.property)).toEqual([
      '.paymentProcessor',
    ]);
  });

  it('checks subschemas against the root', () => {
    const root: RJSFSchema = {
      definitions: { name: { type: 'string', minLength: 2 } },
      type: 'object',
      properties: { first: { $ref: '#/definitions/name' } },
    };
    expect(validator.isValid({ $ref: '#/definitions/name' }, 'Al', root)).toBe(
      true,
    );
    expect(validator.isValid({ $ref: '#/definitions/name' }, 'A', root)).toBe(
      false,
    );
  });

  it('reads the draft from $schema', () => {
    expect(draftOf({})).toBe('7');
    expect(
      draftOf({ $schema: 'http://json-schema.org/draft-04/schema#' }),
    ).toBe('4');
    expect(
      draftOf({ $schema: 'https://json-schema.org/draft/2020-12/schema' }),
    ).toBe('2020-12');
  });

  it('validates 2020-12 prefixItems', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'number' }],
    } as RJSFSchema;
    expect(validator.isValid(schema, ['a', 1], schema)).toBe(true);
    expect(validator.isValid(schema, ['a', 'b'], schema)).toBe(false);
  });
});
