/** /triggers: trigger CRUD, the parse-only test and the delivery log (api-contract.md "Triggers"). */
import { z } from 'zod';
import { jsonRoute, type AnyRoute } from '../http/route';
import { idParams } from '../shared/common.schemas';
import { configureTriggersBody, triggerStatusSchema } from './trigger-bulk.schemas';
import { configureTriggers, triggerStatus } from './trigger-bulk.service';
import { getTriggerView, listTriggerDeliveries, listTriggersView, presentTrigger } from './trigger.presenter';
import {
  createTriggerBody, deliveryPageSchema, listTriggersQuery, pageOnlyQuery, sourceSchema, testTriggerBody, testTriggerResultSchema,
  triggerPageSchema, triggerSchema, updateTriggerBody, webhookResultSchema,
} from './triggers.schemas';
import { createTrigger, deleteTrigger, testTrigger, updateTrigger } from './triggers.service';

const tags = ['triggers'];

export const triggerRoutes = [
  // The fixed paths come before /triggers/:id so they are never read as an id.
  jsonRoute({
    method: 'get', path: '/triggers/status', operationId: 'getTriggerStatus', tags,
    summary: "Every source's default trigger at a glance, with delivery counts (the original's bulk view)",
    response: triggerStatusSchema,
    handler: (_input, ctx) => triggerStatus(ctx.app),
  }),
  jsonRoute({
    method: 'post', path: '/triggers/configure', operationId: 'configureTriggers', tags, roles: ['admin'],
    summary: "Configure several sources' default triggers in one call (the original's bulk form; snake_case accepted)",
    body: configureTriggersBody, response: triggerStatusSchema,
    handler: ({ body }, ctx) => configureTriggers(ctx.app, body),
  }),
  jsonRoute({
    method: 'post', path: '/triggers/test', operationId: 'testTrigger', tags,
    summary: 'Parse a payload as the source would and say what would be created; nothing is created',
    body: testTriggerBody,
    response: testTriggerResultSchema,
    handler: async ({ body }) => testTrigger(body.source, body.payload, body.headers, body.target),
  }),
  jsonRoute({
    method: 'get', path: '/triggers', operationId: 'listTriggers', tags, summary: 'List triggers, newest first',
    query: listTriggersQuery,
    response: triggerPageSchema,
    handler: ({ query }, ctx) => listTriggersView(ctx.app, query),
  }),
  jsonRoute({
    method: 'post', path: '/triggers', operationId: 'createTrigger', tags,
    summary: 'Create a webhook trigger (the secret is write-only)',
    body: createTriggerBody, status: 201, response: triggerSchema, problems: [409],
    handler: async ({ body }, ctx) => presentTrigger(await createTrigger(ctx.app, body, ctx.principal)),
  }),
  jsonRoute({
    method: 'get', path: '/triggers/:id', operationId: 'getTrigger', tags, summary: 'One trigger',
    params: idParams, response: triggerSchema, problems: [404],
    handler: ({ params }, ctx) => getTriggerView(ctx.app, params.id),
  }),
  jsonRoute({
    method: 'patch', path: '/triggers/:id', operationId: 'updateTrigger', tags,
    summary: 'Change a trigger; a new secret rotates, keeping the old one valid for a grace period',
    params: idParams, body: updateTriggerBody, response: triggerSchema, problems: [404],
    handler: async ({ params, body }, ctx) => presentTrigger(await updateTrigger(ctx.app, params.id, body, ctx.principal)),
  }),
  jsonRoute({
    method: 'delete', path: '/triggers/:id', operationId: 'deleteTrigger', tags, summary: 'Delete a trigger',
    params: idParams, response: z.object({ id: z.string(), deleted: z.literal(true) }), problems: [404],
    handler: ({ params }, ctx) => deleteTrigger(ctx.app, params.id),
  }),
  jsonRoute({
    method: 'get', path: '/triggers/:id/deliveries', operationId: 'listTriggerDeliveries', tags,
    summary: "A trigger's deliveries (accepted, duplicate, ignored, rejected), newest first",
    params: idParams, query: pageOnlyQuery, response: deliveryPageSchema, problems: [404],
    handler: ({ params, query }, ctx) => listTriggerDeliveries(ctx.app, params.id, query),
  }),
];

/**
 * The receivers, for the OpenAPI document only: they are served by webhook-receiver.ts, mounted ahead
 * of authentication and the JSON parser because they verify signatures over the raw body.
 */
export const webhookReceiverDocs: AnyRoute[] = [
  { path: '/triggers/webhook/:source', params: z.object({ source: sourceSchema }) },
  { path: '/triggers/webhook/:source/:triggerId', params: z.object({ source: sourceSchema, triggerId: z.string() }) },
].map(({ path, params }, i) =>
  jsonRoute({
    method: 'post', path, operationId: i === 0 ? 'receiveWebhook' : 'receiveTriggerWebhook', tags, public: true,
    summary: 'Receive a provider webhook, verified by its signature (202 accepted, 200 duplicate/ignored/challenge)',
    description: 'GitHub X-Hub-Signature-256; Slack X-Slack-Signature (v0, 300 s); Jira X-Hub-Signature; generic X-Signature-256 over {X-Timestamp}.{body}. 202 means the delivery is durably recorded; its goal is started from that record (within ANANTA_WEBHOOK_ACK_WAIT_MS before the answer, else just after it, else by the recovery loop).',
    params, body: z.record(z.string(), z.unknown()), status: 202, response: webhookResultSchema,
    problems: [400, 401, 403, 404, 413, 429],
    handler: async () => {
      throw new Error('served by the raw-body webhook receiver');
    },
  }),
);
