import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import type AjvCore from 'ajv/dist/core.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import draft6MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { EmbarkError } from '../errors.ts';
import type { FormSpec } from '../playbooks/model.ts';

export type FormError = { path: string; message: string };
export type FormResult = { valid: boolean; errors: FormError[] };
export type FormCheck = (data: unknown) => FormResult;

export const jsonSchemaDrafts = [
  'draft-04',
  'draft-06',
  'draft-07',
  '2019-09',
  '2020-12',
] as const;
export type JsonSchemaDraft = (typeof jsonSchemaDrafts)[number];

type SchemaObject = Record<string, unknown>;

/**
 * Scheme that replaces `urn:` in identifiers such as `urn:components`.
 * Ajv 8.20 (through fast-uri) throws "URN without nid cannot be serialized"
 * on a URN with no namespace part, in every draft, so such ids and the
 * references to them are rewritten before compiling and restored in
 * messages.
 */
const urnStandIn = 'embark-urn:';
const bareUrnPattern = /^urn:[^:#]*(#.*)?$/i;
const identifierKeys = new Set(['$id', 'id', '$ref']);
/** Keywords whose values are data, not schemas, so nothing is rewritten. */
const dataKeywords = new Set(['enum', 'const', 'default', 'examples']);

const cache = new WeakMap<
  SchemaObject,
  { refs: FormSpec['refs']; check: FormCheck }
>();

/** Returns the draft that a schema's `$schema` declares; draft-07 if none. */
export function detectDraft(schema: SchemaObject): JsonSchemaDraft {
  const declared = schema.$schema;
  if (declared === undefined) {
    return 'draft-07';
  }
  const draft =
    typeof declared === 'string'
      ? jsonSchemaDrafts.find((name) => declared.includes(name))
      : undefined;
  if (!draft) {
    throw new EmbarkError(
      'PLAYBOOK_INVALID',
      `Unsupported form schema draft ${JSON.stringify(declared)}; set $schema to draft-04, draft-06, draft-07, 2019-09 or 2020-12.`,
      { $schema: declared },
    );
  }
  return draft;
}

function createAjv(draft: JsonSchemaDraft): AjvCore {
  // `logger: false` keeps Ajv off the console, so an unknown format is
  // ignored silently rather than logged.
  const options = { strict: false, allErrors: true, logger: false } as const;
  let ajv: AjvCore;
  if (draft === 'draft-04') {
    ajv = new AjvDraft04(options);
  } else if (draft === '2019-09') {
    ajv = new Ajv2019(options);
  } else if (draft === '2020-12') {
    ajv = new Ajv2020(options);
  } else {
    ajv = new Ajv(options);
    ajv.addMetaSchema(draft6MetaSchema);
  }
  addFormats(ajv as Ajv);
  return ajv;
}

function rewriteUrns(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(rewriteUrns);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const copy: SchemaObject = {};
  for (const [key, entry] of Object.entries(value)) {
    if (dataKeywords.has(key)) {
      copy[key] = entry;
    } else if (
      identifierKeys.has(key) &&
      typeof entry === 'string' &&
      bareUrnPattern.test(entry)
    ) {
      copy[key] = urnStandIn + entry.slice('urn:'.length);
    } else {
      copy[key] = rewriteUrns(entry);
    }
  }
  return copy;
}

function restoreUrns(text: string): string {
  return text.replaceAll(urnStandIn, 'urn:');
}

function compileError(error: unknown): EmbarkError {
  const detail = error as { missingRef?: string; missingSchema?: string };
  if (typeof detail.missingRef === 'string') {
    const reference = restoreUrns(detail.missingRef);
    const schemaId = restoreUrns(detail.missingSchema ?? reference);
    return new EmbarkError(
      'PLAYBOOK_INVALID',
      `Form schema has an unresolved reference "${reference}"; add the schema whose $id is "${schemaId}" to the form's refs.`,
      { reference, schemaId },
    );
  }
  const reason = restoreUrns(
    error instanceof Error ? error.message : String(error),
  );
  return new EmbarkError(
    'PLAYBOOK_INVALID',
    `Form schema cannot be compiled: ${reason}. Fix the schema so that it is valid JSON Schema in its declared draft.`,
    { reason },
  );
}

function addRefs(ajv: AjvCore, refs: FormSpec['refs']): void {
  (refs ?? []).forEach((ref, index) => {
    const id = ref.$id ?? ref.id;
    if (typeof id !== 'string' || id === '') {
      throw new EmbarkError(
        'PLAYBOOK_INVALID',
        `Form ref ${index + 1} has no $id; give every schema in refs the $id that references use.`,
        { index },
      );
    }
    ajv.addSchema(rewriteUrns(ref) as SchemaObject);
  });
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Points an error at the missing or extra property when there is one. */
function toFormError(error: ErrorObject): FormError {
  const params = error.params as Record<string, unknown>;
  const path = error.instancePath;
  if (typeof params.missingProperty === 'string') {
    const property = params.property;
    const when =
      typeof property === 'string' ? ` when "${property}" is present` : '';
    return {
      path: `${path}/${escapePointer(params.missingProperty)}`,
      message: `is required${when}`,
    };
  }
  if (typeof params.additionalProperty === 'string') {
    return {
      path: `${path}/${escapePointer(params.additionalProperty)}`,
      message: 'is not allowed',
    };
  }
  return { path, message: error.message ?? 'is invalid' };
}

function collectErrors(errors: ErrorObject[] | null | undefined): FormError[] {
  const seen = new Set<string>();
  const result: FormError[] = [];
  for (const error of errors ?? []) {
    // An `if` error only repeats that `then` or `else` failed, and the
    // errors of that branch are already in the list.
    if (error.keyword === 'if') {
      continue;
    }
    const formError = toFormError(error);
    const key = `${formError.path}\u0000${formError.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push(formError);
    }
  }
  return result;
}

function buildCheck(form: FormSpec): FormCheck {
  const ajv = createAjv(detectDraft(form.schema));
  let validate: ValidateFunction;
  try {
    addRefs(ajv, form.refs);
    validate = ajv.compile(rewriteUrns(form.schema) as SchemaObject);
  } catch (error) {
    throw error instanceof EmbarkError ? error : compileError(error);
  }
  return (data) => {
    const valid = validate(data) === true;
    return { valid, errors: valid ? [] : collectErrors(validate.errors) };
  };
}

/**
 * Compiles a form's JSON Schema in the draft its `$schema` declares, with
 * the schemas in `refs` available to `$ref` by their `$id`. Compiled
 * validators are cached per schema object. Validation never changes the
 * data.
 *
 * @throws EmbarkError PLAYBOOK_INVALID when the schema is invalid, its draft
 *   is unsupported, or a `$ref` does not resolve (naming the reference).
 */
export function compileForm(form: FormSpec): FormCheck {
  const cached = cache.get(form.schema);
  if (cached && cached.refs === form.refs) {
    return cached.check;
  }
  const check = buildCheck(form);
  cache.set(form.schema, { refs: form.refs, check });
  return check;
}

const listedErrors = 5;

/**
 * Validates form answers.
 *
 * @throws EmbarkError FORM_INVALID with `details.errors` (path and message
 *   each) and a message listing the first few.
 */
export function validateFormData(form: FormSpec, data: unknown): void {
  const { valid, errors } = compileForm(form)(data);
  if (valid) {
    return;
  }
  const listed = errors
    .slice(0, listedErrors)
    .map((error) => `${error.path || '/'} ${error.message}`);
  const more =
    errors.length > listedErrors
      ? `; and ${errors.length - listedErrors} more`
      : '';
  throw new EmbarkError(
    'FORM_INVALID',
    `Invalid answers: ${listed.join('; ')}${more}. Correct these answers and submit again.`,
    { errors },
  );
}
