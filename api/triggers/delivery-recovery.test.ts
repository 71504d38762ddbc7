/**
 * "202 means durably recorded": with Temporal unreachable the delivery is still accepted and stays
 * pending; the recovery loop starts its goal once Temporal answers, exactly once.
 */
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import pino from 'pino';
import { startPlatform, type Platform } from '../../test/support/platform';
import { eventually, json } from '../test-support/test-api';
import { startDeliveryRecovery } from './delivery-start';
import { signedDelivery, startWebhookApi, type WebhookApi } from './test-support/webhook-api';

let platform: Platform;
let api: WebhookApi;
let deadConnection: Connection;

beforeAll(async () => {
  platform = await startPlatform();
  // Nothing listens on port 1: every call fails as if Temporal were down.
  deadConnection = Connection.lazy({ address: '127.0.0.1:1' });
  api = await startWebhookApi(platform, new Client({ connection: deadConnection }));
});
afterAll(async () => {
  await api?.close();
  await deadConnection?.close().catch(() => {});
  await platform?.close();
});

test('Temporal down: 202 and a pending delivery; the recovery loop starts the goal later', async () => {
  const trigger = await json(await api.request('POST', '/triggers', { body: { source: 'generic', name: 'recovery', secret: 'recovery-secret' } }));
  const delivery = await signedDelivery('generic', 'recovery-secret', { goal: 'Start me when Temporal is back' });
  const res = await api.request('POST', `/triggers/webhook/generic/${trigger.id}`, { token: null, body: delivery.body, headers: delivery.headers });
  expect(res.status).toBe(202);
  const { goalId } = await json(res);
  const handle = platform.client.workflow.getHandle(`goal-${goalId}`);
  await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  const log = async () => (await json(await api.request('GET', `/triggers/${trigger.id}/deliveries`))).items[0];
  expect(await log()).toMatchObject({ outcome: 'accepted', startStatus: 'pending', goalId });

  const recovery = startDeliveryRecovery(
    { db: platform.database.db, temporal: platform.client, config: platform.config, logger: pino({ level: 'silent' }) },
    { intervalMs: 100, graceMs: 0 },
  );
  try {
    await eventually(log, (d) => d.startStatus === 'started', 20_000);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(await recovery.runOnce()).toBe(0);
  } finally {
    await recovery.stop();
  }
});
