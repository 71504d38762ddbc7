/**
 * GET /openapi.json and GET /docs. The document is built once per app from the mounted route list
 * (passed in, since it includes these two routes as well).
 */
import { z } from 'zod';
import type { AnyRoute } from '../http/route';
import { jsonRoute, textRoute } from '../http/route';
import { buildOpenApiDocument } from './openapi-document';

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ananta API</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><h1>Ananta API</h1>
<p>The machine-readable description is <a href="openapi.json">openapi.json</a> (OpenAPI 3.1). Load it into any
OpenAPI viewer or client generator.</p>
<p>Authenticate with <code>POST /login</code> and send <code>Authorization: Bearer &lt;accessToken&gt;</code>.
Errors are <code>application/problem+json</code> with a stable <code>code</code>.</p>
</body></html>`;

export function openApiRoutes(allRoutes: () => readonly AnyRoute[], version: string): AnyRoute[] {
  let document: Record<string, unknown> | undefined;
  return [
    jsonRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This OpenAPI document',
      tags: ['operations'],
      public: true,
      response: z.record(z.string(), z.unknown()),
      handler: async () => (document ??= buildOpenApiDocument(allRoutes(), { version })),
    }),
    textRoute({
      method: 'get',
      path: '/docs',
      operationId: 'getDocs',
      summary: 'A small HTML page pointing at openapi.json',
      tags: ['operations'],
      public: true,
      contentType: 'text/html; charset=utf-8',
      handler: async () => DOCS_HTML,
    }),
  ];
}
