import {
  Validator,
  type OutputUnit,
  type Schema,
  type SchemaDraft,
} from '@cfworker/json-schema';
import {
  createErrorHandler,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';

/**
 * An rjsf validator built on @cfworker/json-schema. Ajv, which
 * @rjsf/validator-ajv8 uses, compiles schemas with `new Function`, and the
 * window's Content Security Policy forbids that, so forms are validated by
 * an interpreter instead. It reads drafts 4, 6 and 7, 2019-09 and 2020-12
 * from `$schema` (draft-07 when absent).
 */

type FormData = unknown;

/** Id under which the root schema is registered, so `#/…` refs resolve. */
const rootId = 'https://embark.invalid/form-root.json';

/** Keywords that only report that a subschema failed; its errors follow. */
const wrapperKeywords = new Set([
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'allOf',
  'if',
  'then',
  'else',
  '$ref',
  '$recursiveRef',
  '$dynamicRef',
  'dependentSchemas',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

/** Returns the validator draft that a schema's `$schema` declares. */
export function draftOf(schema: { $schema?: unknown }): SchemaDraft {
  const declared =
    typeof schema.$schema === 'string' ? schema.$schema : 'draft-07';
  if (declared.includes('draft-04')) return '4';
  if (declared.includes('2019-09')) return '2019-09';
  if (declared.includes('2020-12')) return '2020-12';
  return '7';
}

function pointerParts(pointer: string): string[] {
  return pointer
    .replace(/^#?\/?/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) =>
      decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~'),
    );
}

/** Converts `#/a/b` into rjsf's property notation `.a.b`. */
function toProperty(pointer: string): string {
  return pointerParts(pointer)
    .map((part) => `.${part}`)
    .join('');
}

function valueAt(schema: unknown, pointer: string): unknown {
  let current = schema;
  for (const part of pointerParts(pointer)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const formatMessages: Record<string, string> = {
  email: 'must be an email address, such as name@example.com',
  uri: 'must be a full web address, such as https://example.com',
  date: 'must be a date, such as 2025-01-31',
  'date-time': 'must be a date and time',
  uuid: 'must be a UUID',
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Writes a short sentence for one failed keyword, given its value. */
function messageFor(unit: OutputUnit, value: unknown): string {
  const n = typeof value === 'number' ? value : undefined;
  switch (unit.keyword) {
    case 'minLength':
      return n === 1
        ? 'must not be empty'
        : `must be at least ${plural(n ?? 0, 'character')}`;
    case 'maxLength':
      return `must be at most ${plural(n ?? 0, 'character')}`;
    case 'minimum':
      return `must be ${n} or more`;
    case 'maximum':
      return `must be ${n} or less`;
    case 'exclusiveMinimum':
      return `must be more than ${n}`;
    case 'exclusiveMaximum':
      return `must be less than ${n}`;
    case 'minItems':
      return `must have at least ${plural(n ?? 0, 'item')}`;
    case 'maxItems':
      return `must have at most ${plural(n ?? 0, 'item')}`;
    case 'format':
      return formatMessages[String(value)] ?? `must be a valid ${value}`;
    case 'type':
      return `must be ${Array.isArray(value) ? value.join(' or ') : value}`;
    case 'enum':
      return 'must be one of the listed values';
    case 'const':
      return value === true
        ? 'must be checked'
        : `must be ${JSON.stringify(value)}`;
    case 'pattern':
      return `must match the pattern ${value}`;
    default:
      return unit.error;
  }
}

/** Returns the field's `title` from the root schema, else its last key. */
function titleOf(rootSchema: unknown, property: string): string {
  const parts = property.split('.').filter((part) => part !== '');
  let node = rootSchema as { properties?: Record<string, unknown> } | undefined;
  for (const part of parts) node = node?.properties?.[part] as typeof node;
  const title = (node as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' ? title : (parts.at(-1) ?? 'The form');
}

function requiredName(unit: OutputUnit): string | undefined {
  return /required property "([^"]*)"/.exec(unit.error)?.[1];
}

/** Converts the interpreter's output into rjsf errors, one per field issue. */
export function toValidationErrors(
  units: OutputUnit[],
  rootSchema: unknown,
): RJSFValidationError[] {
  const errors: RJSFValidationError[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    if (wrapperKeywords.has(unit.keyword)) continue;
    let property = toProperty(unit.instanceLocation);
    let message: string;
    const missing =
      unit.keyword === 'required' ? requiredName(unit) : undefined;
    if (missing !== undefined) {
      property = `${property}.${missing}`;
      message = 'is required';
    } else {
      message = messageFor(unit, valueAt(rootSchema, unit.keywordLocation));
    }
    const key = `${property}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({
      name: unit.keyword,
      property,
      message,
      schemaPath: unit.keywordLocation,
      stack: `${titleOf(rootSchema, property)} ${message}`,
    });
  }
  return errors;
}

/** Rewrites local `#…` refs so a subschema resolves them in the root. */
function pointRefsAtRoot(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pointRefsAtRoot);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    copy[key] =
      key === '$ref' && typeof entry === 'string' && entry.startsWith('#')
        ? `${rootId}${entry}`
        : pointRefsAtRoot(entry);
  }
  return copy;
}

/** Returns an rjsf validator; `refs` are extra schemas keyed by `$id`. */
export function createFormValidator(
  refs: Record<string, unknown>[] = [],
): ValidatorType<FormData, RJSFSchema> {
  const build = (schema: RJSFSchema, rootSchema: RJSFSchema): Validator => {
    const validator = new Validator(
      schema as Schema,
      draftOf(rootSchema),
      false,
    );
    validator.addSchema(rootSchema as Schema, rootId);
    for (const ref of refs) {
      const id = ref.$id ?? ref.id;
      if (typeof id === 'string') validator.addSchema(ref as Schema, id);
    }
    return validator;
  };

  const rawErrors = (schema: RJSFSchema, data: unknown): OutputUnit[] =>
    build(schema, schema).validate(data).errors;

  return {
    validateFormData(
      formData: FormData,
      schema: RJSFSchema,
      customValidate?: CustomValidator<FormData, RJSFSchema>,
      transformErrors?: ErrorTransformer<FormData, RJSFSchema>,
      uiSchema?: UiSchema<FormData, RJSFSchema>,
    ): ValidationData<FormData> {
      let errors = toValidationErrors(rawErrors(schema, formData), schema);
      if (transformErrors) errors = transformErrors(errors, uiSchema);
      const result = { errors, errorSchema: toErrorSchema<FormData>(errors) };
      if (!customValidate) return result;
      const handler = customValidate(
        formData,
        createErrorHandler<FormData>(formData),
        uiSchema,
      );
      return validationDataMerge(result, unwrapErrorHandler(handler));
    },
    isValid(schema, formData, rootSchema) {
      try {
        const local = pointRefsAtRoot(schema) as RJSFSchema;
        return build(local, rootSchema).validate(formData).valid;
      } catch {
        // An unresolvable subschema counts as not matching, as rjsf expects.
        return false;
      }
    },
    rawValidation<Result>(schema: RJSFSchema, formData?: FormData) {
      try {
        return { errors: rawErrors(schema, formData) as Result[] };
      } catch (error) {
        return { validationError: error as Error };
      }
    },
  };
}
