/**
 * The model behind the form-field editor: a flat list of fields plus
 * conditional sections, read from and written back to JSON Schema. Schema
 * parts the editor does not model (nested objects, `minLength`, `uri`
 * formats…) are kept as they are and shown as "other" fields.
 */

export const fieldTypes = [
  'text',
  'number',
  'boolean',
  'email',
  'date',
  'select',
] as const;
export type FieldType = (typeof fieldTypes)[number] | 'other';

type Json = Record<string, unknown>;

export interface FormField {
  name: string;
  title: string;
  type: FieldType;
  required: boolean;
  /** Choices of a `select` field. */
  options: string[];
  /** The field's schema as read, so unmodelled keywords survive. */
  schema: Json;
}

/** Fields shown when `field` equals `value` (a JSON Schema `if`/`then`). */
export interface FormCondition {
  field: string;
  value: string | number | boolean;
  fields: FormField[];
  /** Fields outside the section that the condition makes required. */
  alsoRequired: string[];
}

export interface FormModel {
  fields: FormField[];
  conditions: FormCondition[];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(schema: Json): FieldType {
  const { type, format } = schema;
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type !== 'string') return 'other';
  if (Array.isArray(schema.enum)) return 'select';
  if (format === 'email') return 'email';
  if (format === 'date') return 'date';
  return format === undefined ? 'text' : 'other';
}

function readFields(properties: unknown, required: unknown): FormField[] {
  if (!isObject(properties)) return [];
  const needed = new Set(Array.isArray(required) ? required : []);
  return Object.entries(properties).map(([name, raw]) => {
    const schema = isObject(raw) ? raw : {};
    return {
      name,
      title: typeof schema.title === 'string' ? schema.title : '',
      type: typeOf(schema),
      required: needed.has(name),
      options: Array.isArray(schema.enum) ? schema.enum.map(String) : [],
      schema,
    };
  });
}

function readCondition(rule: unknown): FormCondition | undefined {
  if (!isObject(rule) || !isObject(rule.if) || !isObject(rule.then)) return;
  const tests = rule.if.properties;
  if (!isObject(tests)) return;
  const entries = Object.entries(tests);
  const test = entries[0];
  if (entries.length !== 1 || !test || !isObject(test[1])) return;
  const value = test[1].const;
  const scalar =
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean';
  if (!scalar) return;
  const fields = readFields(rule.then.properties, rule.then.required);
  const inSection = new Set(fields.map((field) => field.name));
  const required = Array.isArray(rule.then.required) ? rule.then.required : [];
  return {
    field: test[0],
    value,
    fields,
    alsoRequired: required.filter(
      (name): name is string =>
        typeof name === 'string' && !inSection.has(name),
    ),
  };
}

/** Reads the editor model from a form's JSON Schema. */
export function readFormSchema(schema: Json): FormModel {
  const rules = [
    ...(schema.if ? [{ if: schema.if, then: schema.then }] : []),
    ...(Array.isArray(schema.allOf) ? schema.allOf : []),
  ];
  const conditions = rules
    .map(readCondition)
    .filter((rule): rule is FormCondition => rule !== undefined);
  return {
    fields: readFields(schema.properties, schema.required),
    conditions,
  };
}

/** Writes one field's schema, keeping keywords the editor does not model. */
export function fieldSchema(field: FormField): Json {
  const { type: _type, format: _format, enum: _enum, ...rest } = field.schema;
  const schema: Json = { ...rest };
  if (field.title) schema.title = field.title;
  else delete schema.title;
  switch (field.type) {
    case 'other':
      return field.schema;
    case 'number':
      return {
        ...schema,
        type: field.schema.type === 'integer' ? 'integer' : 'number',
      };
    case 'boolean':
      return { ...schema, type: 'boolean' };
    case 'email':
      return { ...schema, type: 'string', format: 'email' };
    case 'date':
      return { ...schema, type: 'string', format: 'date' };
    case 'select':
      return { ...schema, type: 'string', enum: field.options };
    default:
      return { ...schema, type: 'string' };
  }
}

function writeFields(fields: FormField[]): {
  properties: Json;
  required: string[];
} {
  const properties: Json = {};
  for (const field of fields) properties[field.name] = fieldSchema(field);
  const required = fields.filter((field) => field.required).map((f) => f.name);
  return { properties, required };
}

function writeCondition(condition: FormCondition): Json {
  const { properties, required } = writeFields(condition.fields);
  const then: Json = {};
  if (condition.fields.length > 0) then.properties = properties;
  const allRequired = [...required, ...condition.alsoRequired];
  if (allRequired.length > 0) then.required = allRequired;
  return {
    if: {
      properties: { [condition.field]: { const: condition.value } },
      required: [condition.field],
    },
    then,
  };
}

/**
 * Writes the model into `base`, replacing its properties, required list and
 * conditions. One condition becomes a top-level `if`/`then`, several an
 * `allOf` of them.
 */
export function writeFormSchema(base: Json, model: FormModel): Json {
  const {
    properties: _properties,
    required: _required,
    if: _if,
    then: _then,
    allOf: _allOf,
    ...rest
  } = base;
  const { properties, required } = writeFields(model.fields);
  const schema: Json = { type: 'object', ...rest, properties };
  if (required.length > 0) schema.required = required;
  const rules = model.conditions.map(writeCondition);
  if (rules.length === 1) Object.assign(schema, rules[0]);
  if (rules.length > 1) schema.allOf = rules;
  return schema;
}

/** Every field name in the model, sections included. */
export function allFieldNames(model: FormModel): string[] {
  return [
    ...model.fields.map((field) => field.name),
    ...model.conditions.flatMap((rule) => rule.fields.map((f) => f.name)),
  ];
}

/**
 * Rewrites a uiSchema's `ui:order` to the model's fields, because a form
 * renderer rejects an order that misses a field. Other keys stay.
 */
export function syncUiOrder(
  uiSchema: Json | undefined,
  model: FormModel,
): Json | undefined {
  if (!uiSchema || !Array.isArray(uiSchema['ui:order'])) return uiSchema;
  return { ...uiSchema, 'ui:order': [...new Set(allFieldNames(model))] };
}

/** Returns a field name based on `title` that no other field uses. */
export function fieldName(title: string, taken: readonly string[]): string {
  const words = title
    .trim()
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const base =
    words
      .map((word, i) =>
        i === 0 ? word : word[0]?.toUpperCase() + word.slice(1),
      )
      .join('') || 'field';
  const safe = /^[a-z]/.test(base) ? base : `field${base}`;
  if (!taken.includes(safe)) return safe;
  for (let n = 2; ; n++)
    if (!taken.includes(`${safe}${n}`)) return `${safe}${n}`;
}

export function newField(title: string, taken: readonly string[]): FormField {
  return {
    name: fieldName(title, taken),
    title,
    type: 'text',
    required: false,
    options: [],
    schema: {},
  };
}
