/** /api-keys: create (the key is shown once), list and revoke keys. Admins only. */
import { jsonRoute } from '../http/route';
import { idParams } from '../shared/common.schemas';
import { apiKeyPageSchema, apiKeySchema, createApiKeyBody, createdApiKeySchema, listApiKeysQuery } from './api-keys.schemas';
import { createApiKey, listApiKeysView, revokeApiKeyById } from './api-keys.service';

const tags = ['auth'];
const roles = ['admin'] as const;

export const apiKeyRoutes = [
  jsonRoute({
    method: 'post',
    path: '/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key; the key is in this response only',
    tags,
    roles,
    body: createApiKeyBody,
    status: 201,
    response: createdApiKeySchema,
    handler: ({ body }, ctx) => createApiKey(ctx.app, ctx.principal!, body),
  }),
  jsonRoute({
    method: 'get',
    path: '/api-keys',
    operationId: 'listApiKeys',
    summary: 'List API keys (never the keys themselves)',
    tags,
    roles,
    query: listApiKeysQuery,
    response: apiKeyPageSchema,
    handler: ({ query }, ctx) => listApiKeysView(ctx.app, query),
  }),
  jsonRoute({
    method: 'delete',
    path: '/api-keys/:id',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key: it stops working at once',
    tags,
    roles,
    params: idParams,
    response: apiKeySchema,
    problems: [404],
    handler: ({ params }, ctx) => revokeApiKeyById(ctx.app, ctx.principal!, params.id),
  }),
];
