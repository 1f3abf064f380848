import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbarkError } from '../../src-shared/errors.ts';
import {
  compileForm,
  detectDraft,
  validateFormData,
} from '../../src-shared/forms/validate.ts';

const corpus = process.env.EMBARK_CORPUS;
if (!corpus) {
  console.warn('EMBARK_CORPUS is not set: skipping the form schema corpus.');
}

type Json = Record<string, unknown>;
type ConformanceCase = {
  description: string;
  schema: Json;
  tests: { description: string; data: unknown; valid: boolean }[];
};

function load<T = Json>(name: string): T {
  return JSON.parse(
    readFileSync(join(corpus ?? '', 'forms', name), 'utf8'),
  ) as T;
}

/** Minimal answers that each schema must accept or reject. */
const vaForms = [
  {
    file: 'va-10-10EZ-health-benefits.schema.json',
    draft: 'draft-04',
    valid: {
      privacyAgreementAccepted: true,
      veteranFullName: { first: 'Ann', last: 'Lee' },
      veteranSocialSecurityNumber: '123456789',
      veteranDateOfBirth: '1960-04-02',
      gender: 'F',
      isMedicaidEligible: false,
      isEnrolledMedicarePartA: false,
      isSpanishHispanicLatino: false,
      veteranAddress: {
        street: '1 Main St',
        city: 'Albany',
        country: 'USA',
        state: 'NY',
      },
      vaMedicalFacility: '528A8',
    },
    invalid: { veteranDateOfBirth: 'last spring' },
    invalidPath: '/veteranDateOfBirth',
  },
  {
    file: 'va-24-0296-direct-deposit.schema.json',
    draft: 'draft-04',
    valid: undefined,
    invalid: { privacyAgreementAccepted: 'yes' },
    invalidPath: '/privacyAgreementAccepted',
  },
  {
    file: 'va-supplemental-claim-if-then.schema.json',
    draft: 'draft-07',
    valid: undefined,
    invalid: { data: {} },
    invalidPath: '/included',
  },
];

describe.skipIf(!corpus)('form schema corpus', () => {
  it.each(vaForms)('$file compiles in $draft', (form) => {
    const schema = load(form.file);
    expect(detectDraft(schema)).toBe(form.draft);
    const check = compileForm({ schema });
    const invalid = check(form.invalid);
    expect(invalid.valid).toBe(false);
    const paths = invalid.errors.map((error) => error.path);
    expect(paths).toContain(form.invalidPath);
    if (form.valid) {
      expect(check(form.valid)).toEqual({ valid: true, errors: [] });
    }
  });

  it('rejects a bad date in the 10-10EZ form', () => {
    const check = compileForm({
      schema: load('va-10-10EZ-health-benefits.schema.json'),
    });
    const { errors } = check({ veteranDateOfBirth: 'last spring' });
    expect(errors).toContainEqual({
      path: '/veteranDateOfBirth',
      message: expect.stringContaining('must match'),
    });
  });

  it('compiles the BODS components in 2020-12', () => {
    const schema = load('bods-components.schema.json');
    expect(detectDraft(schema)).toBe('2020-12');
    expect(compileForm({ schema })({}).valid).toBe(true);
  });

  it('fails the person record alone naming the reference', () => {
    let caught: unknown;
    try {
      compileForm({ schema: load('bods-person-record.schema.json') });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EmbarkError);
    const error = caught as EmbarkError;
    expect(error.code).toBe('PLAYBOOK_INVALID');
    expect(error.message).toContain('unresolved reference "urn:components#/');
    expect(error.message).toContain('$id is "urn:components"');
  });

  it('validates the PEP declaration person record', () => {
    const form = {
      schema: load('bods-person-record.schema.json'),
      refs: [load('bods-components.schema.json')],
    };
    const records = load<Json[]>('bods-example-pep-declaration.json');
    const person = records.find((record) => record.recordType === 'person');
    expect(person).toBeDefined();
    // The person record schema describes `recordDetails`, not the whole
    // statement, which also has entity and relationship records.
    expect(() => validateFormData(form, person?.recordDetails)).not.toThrow();
    const entity = records.find((record) => record.recordType === 'entity');
    expect(compileForm(form)(entity?.recordDetails).errors).toEqual([
      { path: '/personType', message: 'is required' },
    ]);
  });

  it.each([
    'jsts-draft2020-12-if-then-else.json',
    'jsts-draft2020-12-dependentRequired.json',
  ])('%s conformance cases', (file) => {
    const cases = load<ConformanceCase[]>(file);
    expect(cases.length).toBeGreaterThan(0);
    for (const testCase of cases) {
      const check = compileForm({ schema: testCase.schema });
      for (const test of testCase.tests) {
        const name = `${testCase.description}: ${test.description}`;
        expect(check(test.data).valid, name).toBe(test.valid);
      }
    }
  });
});
