/** /providers: configured LLM providers (api-contract.md "LLM providers and usage"). Writes are admin-only. */
import { jsonRoute } from '../http/route';
import { idParams } from '../shared/common.schemas';
import {
  createProviderBody, listProvidersQuery, providerDeletedSchema, providerPageSchema, providerSchema, providerTestSchema, updateProviderBody,
} from './providers.schemas';
import { createProvider, deleteProvider, findProvider, listProvidersView, testProvider, updateProvider } from './providers.service';

const tags = ['providers'];
const admin = ['admin'] as const;

export const providerRoutes = [
  jsonRoute({
    method: 'get', path: '/providers', operationId: 'listProviders', tags, summary: 'List LLM providers, newest first (keys never shown)',
    query: listProvidersQuery, response: providerPageSchema,
    handler: ({ query }, ctx) => listProvidersView(ctx.app, query),
  }),
  jsonRoute({
    method: 'post', path: '/providers', operationId: 'createProvider', tags, roles: admin,
    summary: 'Add an LLM provider (the API key is write-only, stored encrypted; isDefault takes over from the previous default)',
    body: createProviderBody, status: 201, response: providerSchema, problems: [409],
    handler: ({ body }, ctx) => createProvider(ctx.app, ctx.principal!, body),
  }),
  jsonRoute({
    method: 'get', path: '/providers/:id', operationId: 'getProvider', tags, summary: 'One LLM provider',
    params: idParams, response: providerSchema, problems: [404],
    handler: ({ params }, ctx) => findProvider(ctx.app, params.id),
  }),
  jsonRoute({
    method: 'patch', path: '/providers/:id', operationId: 'updateProvider', tags, roles: admin,
    summary: 'Change an LLM provider; a new apiKey replaces the stored one, null removes it',
    params: idParams, body: updateProviderBody, response: providerSchema, problems: [404, 409],
    handler: ({ params, body }, ctx) => updateProvider(ctx.app, ctx.principal!, params.id, body),
  }),
  jsonRoute({
    method: 'delete', path: '/providers/:id', operationId: 'deleteProvider', tags, roles: admin,
    summary: 'Delete an LLM provider; teams and templates that named it fall back to the default',
    params: idParams, response: providerDeletedSchema, problems: [404],
    handler: ({ params }, ctx) => deleteProvider(ctx.app, ctx.principal!, params.id),
  }),
  jsonRoute({
    method: 'post', path: '/providers/:id/test', operationId: 'testProvider', tags, roles: admin,
    summary: "Ask the vendor for its model list: {ok, models, latencyMs}, or 502 llm_auth_failed / llm_failed",
    params: idParams, response: providerTestSchema, problems: [404, 502],
    handler: ({ params }, ctx) => testProvider(ctx.app, params.id),
  }),
];
