import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlaybookDefinition } from '../../../src-shared/playbooks/model.ts';
import {
  fieldName,
  newField,
  readFormSchema,
  syncUiOrder,
  writeFormSchema,
} from '../../../src-renderer/canvas/formSchema.ts';

const smb = JSON.parse(
  readFileSync(
    new URL('../../../resources/playbooks/smb.json', import.meta.url),
    'utf8',
  ),
) as PlaybookDefinition;
const intake = smb.nodes.find((node) => node.key === 'intake_form');
const intakeSchema = intake?.form?.schema ?? {};

describe('form schema model', () => {
  it('reads fields, types and required flags', () => {
    const model = readFormSchema(intakeSchema);
    const byName = new Map(model.fields.map((field) => [field.name, field]));
    expect(byName.get('companyName')?.type).toBe('text');
    expect(byName.get('companyName')?.required).toBe(true);
    expect(byName.get('employees')?.type).toBe('number');
    expect(byName.get('handlesPaymentCards')?.type).toBe('boolean');
    expect(byName.get('website')?.type).toBe('other');
    expect(byName.get('primaryContact')?.type).toBe('other');
    expect(byName.get('notes')?.required).toBe(false);
  });

  it('reads a condition that only requires fields', () => {
    const [condition] = readFormSchema(intakeSchema).conditions;
    expect(condition?.field).toBe('handlesPaymentCards');
    expect(condition?.value).toBe(true);
    expect(condition?.alsoRequired).toEqual(['paymentProcessor']);
  });

  it('writes back what it read unchanged', () => {
    const written = writeFormSchema(intakeSchema, readFormSchema(intakeSchema));
    expect(written).toEqual(intakeSchema);
  });

  it('writes each field type', () => {
    const model = readFormSchema({ type: 'object', properties: {} });
    const types = [
      'text',
      'number',
      'boolean',
      'email',
      'date',
      'select',
    ] as const;
    for (const type of types) {
      const field = newField(
        type,
        model.fields.map((f) => f.name),
      );
      model.fields.push({ ...field, type, options: ['a', 'b'] });
    }
    model.fields[0] = {
      ...(model.fields[0] ?? newField('x', [])),
      required: true,
    };
    const schema = writeFormSchema({ type: 'object' }, model);
    expect(schema.properties).toEqual({
      text: { title: 'text', type: 'string' },
      number: { title: 'number', type: 'number' },
      boolean: { title: 'boolean', type: 'boolean' },
      email: { title: 'email', type: 'string', format: 'email' },
      date: { title: 'date', type: 'string', format: 'date' },
      select: { title: 'select', type: 'string', enum: ['a', 'b'] },
    });
    expect(schema.required).toEqual(['text']);
  });

  it('writes conditional sections as if/then', () => {
    const model = readFormSchema({ type: 'object', properties: {} });
    model.fields.push({ ...newField('Has VAT', []), type: 'boolean' });
    model.conditions.push({
      field: 'hasVat',
      value: true,
      fields: [{ ...newField('VAT number', ['hasVat']), required: true }],
      alsoRequired: [],
    });
    const schema = writeFormSchema({}, model);
    expect(schema.if).toEqual({
      properties: { hasVat: { const: true } },
      required: ['hasVat'],
    });
    expect(schema.then).toEqual({
      properties: { vatNumber: { title: 'VAT number', type: 'string' } },
      required: ['vatNumber'],
    });
    expect(writeFormSchema({}, readFormSchema(schema))).toEqual(schema);
    model.conditions.push({ ...model.conditions[0]!, value: false });
    const two = writeFormSchema(schema, model);
    expect(two.if).toBeUndefined();
    expect(two.allOf).toHaveLength(2);
    expect(readFormSchema(two).conditions).toHaveLength(2);
  });

  it('keeps ui:order complete', () => {
    const model = readFormSchema(intakeSchema);
    model.fields.push(newField('Extra', []));
    const ui = syncUiOrder(intake?.form?.uiSchema, model);
    expect(ui?.['ui:order']).toContain('extra');
    expect(ui?.['ui:order']).toContain('paymentProcessor');
  });

  it('derives unique camel-case names', () => {
    expect(fieldName('Company name', [])).toBe('companyName');
    expect(fieldName('Company name', ['companyName'])).toBe('companyName2');
    expect(fieldName('123', [])).toBe('field123');
    expect(fieldName('  ', [])).toBe('field');
  });
});
