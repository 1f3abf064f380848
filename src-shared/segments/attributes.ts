import { z } from 'zod';
import { EmbarkError } from '../errors.ts';
import { riskTierSchema } from '../playbooks/model.ts';

/**
 * Documented client attributes that the CLI, the CSV import and the CRM
 * connectors share. Every key is optional. Unknown keys are kept, so that
 * playbook conditions and segment rules can read them too.
 */
export const clientAttributesSchema = z.looseObject({
  employees: z.number().nonnegative().optional(),
  annualContractValue: z.number().nonnegative().optional(),
  stakeholders: z.number().int().nonnegative().optional(),
  integrations: z.array(z.string().min(1)).optional(),
  compliance: z.array(z.string().min(1)).optional(),
  risk: riskTierSchema.optional(),
});
export type ClientAttributes = z.infer<typeof clientAttributesSchema>;

export type AttributeDoc = {
  key: keyof ClientAttributes & string;
  type: string;
  description: string;
};

/** Help text for each documented attribute key, in display order. */
export const attributeDocs: readonly AttributeDoc[] = [
  {
    key: 'employees',
    type: 'number >= 0',
    description: 'Number of employees at the client.',
  },
  {
    key: 'annualContractValue',
    type: 'number >= 0',
    description: 'Annual contract value, in the workspace currency.',
  },
  {
    key: 'stakeholders',
    type: 'integer >= 0',
    description: 'Number of client stakeholders involved in onboarding.',
  },
  {
    key: 'integrations',
    type: 'list of strings',
    description: 'Systems to connect, such as sso, crm or erp.',
  },
  {
    key: 'compliance',
    type: 'list of strings',
    description: 'Compliance frameworks in scope, such as SOC2, GDPR or HIPAA.',
  },
  {
    key: 'risk',
    type: 'low | medium | high',
    description: "The coordinator's own risk assessment.",
  },
];

const expectedTypes = new Map(attributeDocs.map((doc) => [doc.key, doc.type]));

/**
 * Parses client attributes, keeping unknown keys.
 *
 * @throws EmbarkError INVALID_INPUT naming the first invalid key and the
 *   type it expects.
 */
export function parseClientAttributes(value: unknown): ClientAttributes {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EmbarkError(
      'INVALID_INPUT',
      'Client attributes must be a JSON object such as {"employees": 120}.',
      { value },
    );
  }
  checkMisspelledKeys(Object.keys(value));
  const result = clientAttributesSchema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const issue = result.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  const expected = expectedTypes.get(key as AttributeDoc['key']) ?? 'valid';
  const received = JSON.stringify((value as Record<string, unknown>)[key]);
  throw new EmbarkError(
    'INVALID_INPUT',
    `Invalid client attribute "${key}": expected ${expected}, got ${received}.`,
    {
      key,
      expected,
      issues: result.error.issues.map((item) => ({
        path: item.path.map(String),
        message: item.message,
      })),
    },
  );
}

/**
 * Rejects a key one or two letters away from a documented attribute, such
 * as `employes`: other unknown keys are kept as custom attributes, so a
 * typo would otherwise be kept silently and classification would ignore it.
 */
function checkMisspelledKeys(keys: string[]): void {
  const known = attributeDocs.map((doc) => doc.key as string);
  for (const key of keys) {
    if (known.includes(key)) continue;
    const match = known.find(
      (candidate) =>
        editDistance(key.toLowerCase(), candidate.toLowerCase()) <= 2,
    );
    if (match) {
      throw new EmbarkError(
        'INVALID_INPUT',
        `Unknown client attribute "${key}"; did you mean "${match}"?`,
        { key, suggestion: match },
      );
    }
  }
}

/** Returns the Levenshtein distance between two short strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
