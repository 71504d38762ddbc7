/**
 * The receivers over HTTP with each provider's real payload shapes and signing, on the real store and
 * Temporal dev server: a valid delivery starts exactly one goal workflow; every forged, stale, replayed,
 * oversized or malformed one gets the contract's status and code and creates nothing.
 */
import { randomBytes } from 'node:crypto';
import { getGoal } from '../../db/queries/goals';
import type { TriggerSource } from '../../db/schema';
import { startPlatform, type Platform } from '../../test/support/platform';
import { json } from '../test-support/test-api';
import { githubExample, jiraIssueEvent, slackMessageEvent } from './test-support/payloads';
import { nowSeconds, SIGNATURE_HEADER, signedDelivery, startWebhookApi, type WebhookApi } from './test-support/webhook-api';

let platform: Platform;
let api: WebhookApi;
const secrets: string[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  api = await startWebhookApi(platform);
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

const PAYLOADS: Record<TriggerSource, () => unknown> = {
  github: () => githubExample('issues', 'opened'),
  slack: () => slackMessageEvent('set-by-signer', 'Fix the flaky checkout test'),
  jira: () => jiraIssueEvent('jira:issue_created'),
  generic: () => ({ title: 'Rotate the TLS certificates', description: 'They expire next week' }),
};

const goalCount = async () => (await json(await api.request('GET', '/goals?limit=200'))).items.length as number;
const post = (path: string, d: { body: string; headers: Record<string, string> }) => api.request('POST', path, { token: null, body: d.body, headers: d.headers });

async function createTrigger(source: TriggerSource, extra: Record<string, unknown> = {}) {
  const secret = `whsec-${randomBytes(12).toString('hex')}`;
  secrets.push(secret);
  const res = await api.request('POST', '/triggers', { body: { source, name: `${source} test`, secret, isDefault: true, ...extra } });
  expect(res.status).toBe(201);
  return { trigger: await json(res), secret };
}

describe.each(['github', 'slack', 'jira', 'generic'] as const)('%s', (source) => {
  let secret: string;
  const path = `/triggers/webhook/${source}`;
  beforeAll(async () => {
    ({ secret } = await createTrigger(source));
  });

  test('a valid delivery starts exactly one goal workflow; its replay answers duplicate', async () => {
    const delivery = await signedDelivery(source, secret, PAYLOADS[source]());
    const res = await post(path, delivery);
    expect(res.status).toBe(202);
    const accepted = await json(res);
    expect(accepted).toEqual({ deliveryId: delivery.deliveryId, goalId: expect.stringMatching(new RegExp(`^wh-${source}-`)), duplicate: false });
    const description = await platform.client.workflow.getHandle(`goal-${accepted.goalId}`).describe();
    expect(description.status.name).toBe('RUNNING');
    expect((await getGoal(platform.database.db, accepted.goalId))?.workflowId).toBe(`goal-${accepted.goalId}`);

    const before = await goalCount();
    const replay = await post(path, delivery);
    expect(replay.status).toBe(200);
    expect(await json(replay)).toEqual({ deliveryId: delivery.deliveryId, goalId: accepted.goalId, duplicate: true });
    expect(await goalCount()).toBe(before);
  });

  test('forged, stale, malformed and oversized deliveries get the contract codes and create nothing', async () => {
    const before = await goalCount();
    const good = await signedDelivery(source, secret, PAYLOADS[source]());
    const cases: Array<[string, { body: string; headers: Record<string, string> }, number, string | undefined]> = [
      ['tampered body', { ...good, body: good.body.replace(/.$/, ' }') }, 401, 'invalid_signature'],
      ['wrong secret', await signedDelivery(source, 'not-the-secret', PAYLOADS[source]()), 401, 'invalid_signature'],
      ['missing signature', { ...good, headers: { ...good.headers, [SIGNATURE_HEADER[source]]: '' } }, 401, 'invalid_signature'],
      ['non-JSON', await signedDelivery(source, secret, undefined, { rawBody: 'not json {' }), 400, 'invalid_json'],
      ['oversized', { ...good, body: `{"pad":"${'x'.repeat(1024 * 1024 + 10)}"}` }, 413, undefined],
    ];
    if (source === 'slack' || source === 'generic') {
      cases.push(['stale timestamp', await signedDelivery(source, secret, PAYLOADS[source](), { timestamp: nowSeconds() - 301 }), 401, 'stale_timestamp']);
    }
    for (const [label, delivery, status, code] of cases) {
      const res = await post(path, delivery);
      expect({ label, status: res.status }).toEqual({ label, status });
      const problem = await json(res);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      if (code) expect({ label, code: problem.code }).toEqual({ label, code });
    }
    expect(await goalCount()).toBe(before);
  });

  test('a delivery from outside the IP allowlist and a flood past the rate limit get their codes; the refused ones create nothing', async () => {
    const fenced = await createTrigger(source, { isDefault: false, name: `${source} fenced`, ipAllowlist: ['10.0.0.0/8'] });
    const before = await goalCount();
    const outside = await post(`${path}/${fenced.trigger.id}`, await signedDelivery(source, fenced.secret, PAYLOADS[source]()));
    expect(outside.status).toBe(403);
    expect(await json(outside)).toMatchObject({ code: 'ip_not_allowed' });
    expect(await goalCount()).toBe(before);

    const limited = await createTrigger(source, { isDefault: false, name: `${source} limited`, rateLimit: { maxRequests: 2, windowSeconds: 60 } });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await post(`${path}/${limited.trigger.id}`, await signedDelivery(source, limited.secret, PAYLOADS[source]()));
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 2).every((s) => s >= 200 && s < 300)).toBe(true);
    expect(statuses.slice(2)).toEqual([429, 429, 429]);
    expect(last!.headers.get('retry-after')).toBeTruthy();
    expect(await json(last!)).toMatchObject({ code: 'rate_limited' });
    expect(await goalCount()).toBeLessThanOrEqual(before + 2);
  });
});

test('the same delivery five times at once: one workflow, four duplicates', async () => {
  const { trigger, secret } = await createTrigger('github', { isDefault: false, name: 'concurrency' });
  const delivery = await signedDelivery('github', secret, githubExample('issues', 'opened'));
  const before = await goalCount();
  const responses = await Promise.all([1, 2, 3, 4, 5].map(() => post(`/triggers/webhook/github/${trigger.id}`, delivery)));
  const bodies = await Promise.all(responses.map(json));
  expect(responses.map((r) => r.status).sort((a, b) => a - b)).toEqual([200, 200, 200, 200, 202]);
  expect(bodies.filter((b) => b.duplicate === true)).toHaveLength(4);
  expect(new Set(bodies.map((b) => b.goalId)).size).toBe(1);
  expect(await goalCount()).toBe(before + 1);
  const { executions } = await platform.client.workflowService.listWorkflowExecutions({
    namespace: platform.config.temporal.namespace,
    query: `WorkflowId = 'goal-${bodies[0]!.goalId}'`,
  });
  expect(executions).toHaveLength(1);
  const log = await json(await api.request('GET', `/triggers/${trigger.id}/deliveries`));
  expect(log.items.map((d: { outcome: string }) => d.outcome).sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
});

test('a forged copy never reaches the dedupe store; a Slack retry (X-Slack-Retry-Num) of an accepted event is a duplicate saying so', async () => {
  const { trigger, secret } = await createTrigger('slack', { isDefault: false, name: 'retries' });
  const path = `/triggers/webhook/slack/${trigger.id}`;
  const genuine = await signedDelivery('slack', secret, slackMessageEvent('set-by-signer', 'Retry me'));
  const before = await goalCount();
  // The same event id first arrives forged: refused before the dedupe, so the genuine one still starts.
  const forged = await post(path, { body: genuine.body, headers: { ...genuine.headers, 'x-slack-signature': `v0=${'0'.repeat(64)}` } });
  expect(forged.status).toBe(401);
  const accepted = await post(path, genuine);
  expect(accepted.status).toBe(202);
  expect(await json(accepted)).toMatchObject({ deliveryId: genuine.deliveryId, duplicate: false });
  // Slack resends it when the ack was late: recognised as its retry, nothing new is started.
  const retry = await post(path, { body: genuine.body, headers: { ...genuine.headers, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
  expect(retry.status).toBe(200);
  expect(await json(retry)).toMatchObject({ deliveryId: genuine.deliveryId, duplicate: true });
  expect(await goalCount()).toBe(before + 1);
  const log = (await json(await api.request('GET', `/triggers/${trigger.id}/deliveries`))).items as Array<{ outcome: string; reason: string | null }>;
  expect(log.map((d) => d.outcome).sort()).toEqual(['accepted', 'duplicate', 'rejected']);
  expect(log.find((d) => d.outcome === 'duplicate')!.reason).toBe('provider retry 1 (http_timeout)');
});

test('a trigger outlives the API process: a fresh app on the same store verifies its deliveries with the stored secret', async () => {
  const { trigger, secret } = await createTrigger('generic', { isDefault: false, name: 'restart' });
  const restarted = await startWebhookApi(platform);
  try {
    const listed = await json(await restarted.request('GET', `/triggers/${trigger.id}`));
    expect(listed).toMatchObject({ id: trigger.id, source: 'generic', name: 'restart', hasSecret: true });
    const delivery = await signedDelivery('generic', secret, { goal: 'Still configured after a restart' });
    const res = await restarted.request('POST', `/triggers/webhook/generic/${trigger.id}`, { token: null, body: delivery.body, headers: delivery.headers });
    expect(res.status).toBe(202);
  } finally {
    await restarted.close();
  }
});

test('no secret ever appears in a log line', () => {
  expect(secrets.length).toBeGreaterThan(0);
  const all = api.logs.join('\n');
  for (const secret of secrets) expect(all).not.toContain(secret);
});
