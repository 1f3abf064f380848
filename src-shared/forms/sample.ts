type Schema = Record<string, unknown>;

function asSchema(value: unknown): Schema {
  return value && typeof value === 'object' ? (value as Schema) : {};
}

function sampleString(schema: Schema): string {
  switch (schema.format) {
    case 'email':
      return 'contact@example.com';
    case 'date':
      return '2026-01-15';
    case 'date-time':
      return '2026-01-15T09:00:00Z';
    case 'uri':
      return 'https://example.com';
    default: {
      const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
      return 'Sample answer'.padEnd(min, '.');
    }
  }
}

function sampleNumber(schema: Schema): number {
  if (typeof schema.minimum === 'number') return schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number') {
    return schema.exclusiveMinimum + 1;
  }
  return typeof schema.maximum === 'number' ? Math.min(1, schema.maximum) : 1;
}

/**
 * Builds a plausible answer for a JSON Schema, filling every property so
 * that conditional sections that require more fields are answered too. Used
 * by the sample workspace and by tests that drive journeys to the end.
 */
export function sampleAnswer(value: unknown, depth = 0): unknown {
  const schema = asSchema(value);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[0];
  }
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) {
    return schema.examples[0];
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (depth > 6) return null;
  switch (type) {
    case 'object':
      return sampleObject(schema, depth);
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 1;
      const items = Array.from({ length: Math.max(min, 1) }, () =>
        sampleAnswer(schema.items, depth + 1),
      );
      return schema.uniqueItems ? items.slice(0, 1) : items;
    }
    case 'string':
      return sampleString(schema);
    case 'integer':
      return Math.ceil(sampleNumber(schema));
    case 'number':
      return sampleNumber(schema);
    case 'boolean':
      return true;
    default:
      return schema.properties ? sampleObject(schema, depth) : null;
  }
}

function sampleObject(schema: Schema, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const properties = asSchema(schema.properties);
  for (const [key, property] of Object.entries(properties)) {
    result[key] = sampleAnswer(property, depth + 1);
  }
  return result;
}
