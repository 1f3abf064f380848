import type { Contact } from '../../src-shared/clients/model.ts';
import type { ClientAttributes } from '../../src-shared/segments/attributes.ts';
import { riskTiers, type RiskTier } from '../../src-shared/playbooks/model.ts';

export const knownIntegrations = ['sso', 'crm', 'erp'] as const;
export const complianceOptions = ['SOC2', 'GDPR', 'HIPAA', 'PCI'] as const;

/** The attribute fields as typed: numbers stay text until they parse. */
export type AttributeForm = {
  employees: string;
  annualContractValue: string;
  stakeholders: string;
  integrations: string[];
  /** Other systems, separated by commas, such as `hris, billing`. */
  otherIntegrations: string;
  compliance: string[];
  risk: RiskTier | '';
};

export const emptyAttributeForm: AttributeForm = {
  employees: '',
  annualContractValue: '',
  stakeholders: '',
  integrations: [],
  otherIntegrations: '',
  compliance: [],
  risk: '',
};

type NumberKey = 'employees' | 'annualContractValue' | 'stakeholders';

export type AttributeErrors = Partial<Record<NumberKey, string>>;

function parseNumber(text: string, integer: boolean) {
  const trimmed = text.trim().replace(/[\s,_]/g, '');
  if (trimmed === '') return { value: undefined };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: 'Enter a number.' };
  if (value < 0) return { error: 'Enter zero or more.' };
  if (integer && !Number.isInteger(value)) {
    return { error: 'Enter a whole number.' };
  }
  return { value };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Converts the typed fields to client attributes, leaving out empty ones,
 * and returns a message for each number field that does not parse.
 * `base` keeps attribute keys this form does not edit.
 */
export function attributesFromForm(
  form: AttributeForm,
  base: Record<string, unknown> = {},
): { attributes: ClientAttributes; errors: AttributeErrors } {
  const attributes: Record<string, unknown> = { ...base };
  const errors: AttributeErrors = {};
  const numbers: [NumberKey, boolean][] = [
    ['employees', false],
    ['annualContractValue', false],
    ['stakeholders', true],
  ];
  for (const [key, integer] of numbers) {
    const parsed = parseNumber(form[key], integer);
    delete attributes[key];
    if (parsed.error) errors[key] = parsed.error;
    else if (parsed.value !== undefined) attributes[key] = parsed.value;
  }
  const integrations = [
    ...new Set([...form.integrations, ...splitList(form.otherIntegrations)]),
  ];
  delete attributes.integrations;
  if (integrations.length > 0) attributes.integrations = integrations;
  delete attributes.compliance;
  if (form.compliance.length > 0) attributes.compliance = [...form.compliance];
  delete attributes.risk;
  if (form.risk) attributes.risk = form.risk;
  return { attributes: attributes as ClientAttributes, errors };
}

function numberText(value: unknown): string {
  return typeof value === 'number' ? String(value) : '';
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** Fills the fields from stored attributes, for editing a client. */
export function formFromAttributes(
  attributes: Record<string, unknown>,
): AttributeForm {
  const integrations = stringList(attributes.integrations);
  const known = new Set<string>(knownIntegrations);
  const risk = attributes.risk;
  return {
    employees: numberText(attributes.employees),
    annualContractValue: numberText(attributes.annualContractValue),
    stakeholders: numberText(attributes.stakeholders),
    integrations: integrations.filter((item) => known.has(item)),
    otherIntegrations: integrations
      .filter((item) => !known.has(item))
      .join(', '),
    compliance: stringList(attributes.compliance),
    risk: riskTiers.includes(risk as RiskTier) ? (risk as RiskTier) : '',
  };
}

export type ContactRow = { name: string; email: string; role: string };

export const emptyContactRow: ContactRow = { name: '', email: '', role: '' };

export type ContactErrors = Record<
  number,
  Partial<Record<keyof ContactRow, string>>
>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Converts contact rows to contacts. Blank rows are dropped; a row with
 * any field filled needs a name and a valid email.
 */
export function contactsFromRows(rows: ContactRow[]): {
  contacts: Contact[];
  errors: ContactErrors;
} {
  const contacts: Contact[] = [];
  const errors: ContactErrors = {};
  rows.forEach((row, index) => {
    const name = row.name.trim();
    const email = row.email.trim();
    const role = row.role.trim();
    if (!name && !email && !role) return;
    const rowErrors: Partial<Record<keyof ContactRow, string>> = {};
    if (!name) rowErrors.name = 'Enter the contact’s name.';
    if (!emailPattern.test(email)) {
      rowErrors.email = 'Enter an email address such as ana@example.com.';
    }
    if (Object.keys(rowErrors).length > 0) {
      errors[index] = rowErrors;
      return;
    }
    contacts.push(role ? { name, email, role } : { name, email });
  });
  return { contacts, errors };
}

export function rowsFromContacts(contacts: Contact[]): ContactRow[] {
  return contacts.map((contact) => ({
    name: contact.name,
    email: contact.email,
    role: contact.role ?? '',
  }));
}
