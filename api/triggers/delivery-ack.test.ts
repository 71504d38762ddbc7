/**
 * A webhook's answer does not queue behind Temporal: when starting the goal takes longer than
 * ANANTA_WEBHOOK_ACK_WAIT_MS, the sender gets its 202 (the delivery is recorded) and the start goes on
 * after the answer, finishing on its own without the recovery loop. The start is held on a gate, not
 * timed, so the test cannot pass by luck.
 */
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { startPlatform, type Platform } from '../../test/support/platform';
import { eventually, json } from '../test-support/test-api';
import { signedDelivery, startWebhookApi, type WebhookApi } from './test-support/webhook-api';

let platform: Platform;
let api: WebhookApi;
let release: () => void;
const gate = new Promise<void>((resolve) => (release = resolve));
let startsAttempted = 0;

beforeAll(async () => {
  platform = await startPlatform();
  // The same Temporal server, but every workflow start waits for the test to open the gate.
  const held = new Client({
    connection: platform.client.connection,
    namespace: platform.client.options.namespace,
    interceptors: { workflow: [{ start: async (input, next) => (startsAttempted++, await gate, next(input)) }] },
  });
  const config = { ...platform.config, env: { ...platform.config.env, ANANTA_WEBHOOK_ACK_WAIT_MS: 100 } };
  api = await startWebhookApi({ ...platform, config }, held);
});
afterAll(async () => {
  release();
  await api?.close();
  await platform?.close();
});

test('a start slower than the ack wait: 202 at once with the delivery pending, then the goal starts by itself', async () => {
  const trigger = await json(await api.request('POST', '/triggers', { body: { source: 'generic', name: 'ack-wait', secret: 'ack-wait-secret' } }));
  const delivery = await signedDelivery('generic', 'ack-wait-secret', { goal: 'Answer first, start after' });

  const res = await api.request('POST', `/triggers/webhook/generic/${trigger.id}`, { token: null, body: delivery.body, headers: delivery.headers });

  expect(res.status).toBe(202);
  const { goalId, duplicate } = await json(res);
  expect(duplicate).toBe(false);
  expect(startsAttempted).toBe(1);
  const handle = platform.client.workflow.getHandle(`goal-${goalId}`);
  await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  const log = async () => (await json(await api.request('GET', `/triggers/${trigger.id}/deliveries`))).items[0];
  expect(await log()).toMatchObject({ outcome: 'accepted', startStatus: 'pending', goalId });

  release();
  await eventually(log, (d) => d.startStatus === 'started', 20_000);
  expect((await handle.describe()).status.name).toBe('RUNNING');
  expect(startsAttempted).toBe(1);
});
