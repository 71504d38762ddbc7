/**
 * OpenAI's strict structured outputs accept a subset of JSON Schema: the root is a plain object, every
 * object lists all its properties as required and forbids others, and some keywords are refused
 * (string lengths, defaults). This puts an answer schema in that form, or says it cannot (a union at
 * the root: the step answer), in which case the provider sends the schema non-strict. What the strict
 * form drops, zod still checks; optional fields are nullable (schemas.ts), so requiring them is safe.
 */

/** Keywords strict mode refuses; zod enforces them on the answer anyway. */
const DROPPED = new Set(['$schema', 'default', 'minLength', 'maxLength']);

type Json = Record<string, unknown>;

function strictNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictNode);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (DROPPED.has(key)) continue;
    // Under `properties` the keys are field names, not keywords: a field may be called "default".
    out[key] = key === 'properties' && value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value as Json).map(([field, schema]) => [field, strictNode(schema)]))
      : strictNode(value);
  }
  if (out.type === 'object') {
    out.required = Object.keys((out.properties as Json | undefined) ?? {});
    out.additionalProperties = false;
  }
  return out;
}

/** The strict form of `schema`, or undefined when strict mode cannot express it. */
export function strictSchema(schema: Json): Json | undefined {
  if (schema.type !== 'object' || 'anyOf' in schema || 'oneOf' in schema || 'allOf' in schema) return undefined;
  return strictNode(schema) as Json;
}
