import { describe, expect, it } from 'vitest';
import {
  attributesFromForm,
  contactsFromRows,
  emptyAttributeForm,
  formFromAttributes,
} from '../../../src-renderer/clients/attributes.ts';
import {
  countCsvRecords,
  validRecordCount,
} from '../../../src-renderer/clients/csvRecords.ts';

describe('attributesFromForm', () => {
  it('leaves out empty fields', () => {
    expect(attributesFromForm(emptyAttributeForm)).toEqual({
      attributes: {},
      errors: {},
    });
  });

  it('parses numbers and merges integrations', () => {
    const { attributes, errors } = attributesFromForm({
      ...emptyAttributeForm,
      employees: '1,200',
      annualContractValue: ' 250000 ',
      stakeholders: '6',
      integrations: ['sso', 'crm'],
      otherIntegrations: 'hris, crm , ',
      compliance: ['SOC2', 'HIPAA'],
      risk: 'medium',
    });
    expect(errors).toEqual({});
    expect(attributes).toEqual({
      employees: 1200,
      annualContractValue: 250000,
      stakeholders: 6,
      integrations: ['sso', 'crm', 'hris'],
      compliance: ['SOC2', 'HIPAA'],
      risk: 'medium',
    });
  });

  it('reports invalid numbers per field', () => {
    const { attributes, errors } = attributesFromForm({
      ...emptyAttributeForm,
      employees: 'many',
      annualContractValue: '-5',
      stakeholders: '2.5',
    });
    expect(errors.employees).toBe('Enter a number.');
    expect(errors.annualContractValue).toBe('Enter zero or more.');
    expect(errors.stakeholders).toBe('Enter a whole number.');
    expect(attributes).toEqual({});
  });

  it('keeps unedited keys and drops cleared ones', () => {
    const { attributes } = attributesFromForm(
      { ...emptyAttributeForm, employees: '10' },
      { region: 'emea', risk: 'high', employees: 3 },
    );
    expect(attributes).toEqual({ region: 'emea', employees: 10 });
  });

  it('round-trips stored attributes', () => {
    const stored = {
      employees: 40,
      integrations: ['sso', 'billing'],
      compliance: ['GDPR'],
      risk: 'low',
    };
    const form = formFromAttributes(stored);
    expect(form.integrations).toEqual(['sso']);
    expect(form.otherIntegrations).toBe('billing');
    expect(attributesFromForm(form).attributes).toEqual(stored);
  });

  it('ignores an unknown stored risk', () => {
    expect(formFromAttributes({ risk: 'extreme' }).risk).toBe('');
  });
});

describe('contactsFromRows', () => {
  it('drops blank rows and keeps the role when given', () => {
    const { contacts, errors } = contactsFromRows([
      { name: ' Ana ', email: 'ana@example.com', role: '' },
      { name: '', email: '', role: '' },
      { name: 'Bo', email: 'bo@example.com', role: 'IT lead' },
    ]);
    expect(errors).toEqual({});
    expect(contacts).toEqual([
      { name: 'Ana', email: 'ana@example.com' },
      { name: 'Bo', email: 'bo@example.com', role: 'IT lead' },
    ]);
  });

  it('reports a missing name and a bad email by row', () => {
    const { contacts, errors } = contactsFromRows([
      { name: '', email: 'not-an-email', role: 'CFO' },
    ]);
    expect(contacts).toEqual([]);
    expect(errors[0]?.name).toBeDefined();
    expect(errors[0]?.email).toBeDefined();
  });
});

describe('countCsvRecords', () => {
  it('counts rows after the header', () => {
    expect(countCsvRecords('name\nA\nB\n')).toBe(2);
    expect(countCsvRecords('name\r\nA\r\n\r\nB')).toBe(2);
    expect(countCsvRecords('name\n')).toBe(0);
    expect(countCsvRecords('')).toBe(0);
  });

  it('keeps quoted newlines inside a record', () => {
    const text = 'name,notes\nA,"line one\nline two"\nB,"say ""hi"""\n';
    expect(countCsvRecords(text)).toBe(2);
  });

  it('subtracts each invalid line once', () => {
    expect(validRecordCount('name\nA\nB\nC\n', [2, 2, 4])).toBe(1);
  });
});
