/**
 * Builds the OpenAPI 3.1 document from the same route objects that are mounted, so every validated
 * schema is also the documented one. zod's `toJSONSchema` emits JSON Schema 2020-12 (OpenAPI 3.1's
 * dialect); schemas with a `meta({id})` are hoisted into `components.schemas` and shared by $ref.
 */
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, problemSchema } from '../errors/problem';
import { isWrite, type AnyRoute } from '../http/route';

type Json = Record<string, unknown>;

interface Collector {
  schemas: Record<string, unknown>;
}

function toSchema(schema: z.ZodType, io: 'input' | 'output', c: Collector): Json {
  const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  const text = JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/');
  const { $schema: _ignored, $defs, ...rest } = JSON.parse(text) as Json & { $defs?: Record<string, unknown> };
  Object.assign(c.schemas, $defs ?? {});
  return rest;
}

function parameters(route: AnyRoute, c: Collector): Json[] {
  const out: Json[] = [];
  const parts = [['params', 'path'], ['query', 'query'], ['headers', 'header']] as const;
  for (const [part, where] of parts) {
    const schema = route[part] as z.ZodType | undefined;
    if (!schema) continue;
    const json = toSchema(schema, 'input', c) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      const required = where === 'path' || (json.required ?? []).includes(name);
      out.push({ name, in: where, required, schema: prop, ...(prop.description ? { description: prop.description } : {}) });
    }
  }
  return out;
}

const problemResponse = (description: string): Json => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Bad request (e.g. invalid_json)', 401: 'Missing or invalid token (unauthorized, invalid_credentials)',
  403: 'Role not allowed (forbidden)', 404: 'Not found', 409: 'Conflict (e.g. invalid_transition)',
  413: 'Body too large', 422: 'Validation failed (errors[])', 429: 'Rate limited (Retry-After)',
  500: 'Internal error', 502: 'Upstream failure (e.g. llm_failed)', 503: 'Dependency unavailable', 504: 'Upstream timeout',
};

function operation(route: AnyRoute, c: Collector): Json {
  const responses: Json = {};
  if (route.kind === 'json') {
    responses[String(route.status ?? 200)] = {
      description: route.summary,
      content: { 'application/json': { schema: toSchema(route.response, 'output', c) } },
    };
  } else {
    const type = route.kind === 'sse' ? 'text/event-stream' : route.contentType.split(';')[0]!;
    responses['200'] = { description: route.summary, content: { [type]: { schema: { type: 'string' } } } };
  }
  const problems = new Set<number>([500, ...(route.problems ?? [])]);
  if (!route.public) problems.add(401);
  if (!route.public && (route.roles || isWrite(route.method))) problems.add(403);
  if (route.params || route.query || route.headers || route.body) problems.add(422);
  if (route.body) problems.add(400);
  for (const status of [...problems].sort((a, b) => a - b)) responses[String(status)] = problemResponse(PROBLEM_TEXT[status] ?? 'Error');

  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    security: route.public ? [] : [{ bearerAuth: [] }],
    parameters: parameters(route, c),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input', c) } } } } : {}),
    responses,
  };
}

export const openApiPath = (expressPath: string): string => expressPath.replace(/:(\w+)/g, '{$1}');

export function buildOpenApiDocument(routes: readonly AnyRoute[], info: { version: string }): Json {
  const c: Collector = { schemas: {} };
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, c) };
  }
  toSchema(problemSchema, 'output', c);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ananta API',
      version: info.version,
      description: 'Goals become durable Temporal workflows; errors are RFC 9457 problem+json.',
    },
    paths,
    components: {
      schemas: c.schemas,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT or ak_ API key' } },
    },
    security: [{ bearerAuth: [] }],
  };
}
