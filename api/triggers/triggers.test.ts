/**
 * /triggers over HTTP: the secret is write-only, the test endpoint creates nothing, and the receivers'
 * per-trigger rules (enabled, IP allowlist, rate limit, rotation grace) answer with the contract codes.
 */
import { startPlatform, type Platform } from '../../test/support/platform';
import { json } from '../test-support/test-api';
import { githubExample, jiraIssueEvent, slackMessageEvent } from './test-support/payloads';
import { signedDelivery, startWebhookApi, type WebhookApi } from './test-support/webhook-api';

let platform: Platform;
let api: WebhookApi;

beforeAll(async () => {
  platform = await startPlatform();
  api = await startWebhookApi(platform);
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

const SECRET = 'crud-secret-0123456789';
const goalCount = async () => (await json(await api.request('GET', '/goals?limit=200'))).items.length as number;
const post = (path: string, d: { body: string; headers: Record<string, string> }) => api.request('POST', path, { token: null, body: d.body, headers: d.headers });
const create = async (body: Record<string, unknown>) => {
  const res = await api.request('POST', '/triggers', { body: { name: 't', secret: SECRET, ...body } });
  expect(res.status).toBe(201);
  return json(res);
};

test('CRUD: the secret is write-only; responses say hasSecret', async () => {
  const created = await create({ source: 'jira', ipAllowlist: ['10.0.0.0/8'], rateLimit: { maxRequests: 5, windowSeconds: 10 }, teamId: 'team-a' });
  expect(created).toMatchObject({ source: 'jira', hasSecret: true, enabled: true, ipAllowlist: ['10.0.0.0/8'], teamId: 'team-a', webhookPath: `/triggers/webhook/jira/${created.id}` });
  const read = await api.request('GET', `/triggers/${created.id}`);
  const list = await api.request('GET', '/triggers?source=jira');
  const patched = await api.request('PATCH', `/triggers/${created.id}`, { body: { name: 'renamed', secret: null } });
  expect(await json(patched)).toMatchObject({ name: 'renamed', hasSecret: false });
  for (const text of [JSON.stringify(created), await read.text(), await list.text()]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/ciphertext/i);
  }
  expect((await api.request('POST', '/triggers', { body: { source: 'jira', name: 'x', ipAllowlist: ['not-a-cidr'] } })).status).toBe(422);
  expect((await api.request('DELETE', `/triggers/${created.id}`)).status).toBe(200);
  expect((await api.request('GET', `/triggers/${created.id}`)).status).toBe(404);
  expect((await api.request('GET', '/triggers', { token: null })).status).toBe(401);
});

test('an operator manages only its own teams\' triggers; others are 404', async () => {
  const team = async (name: string) => (await json(await api.request('POST', '/teams', { body: { name } }))).id as string;
  const [teamA, teamB] = [await team('triggers-A'), await team('triggers-B')];
  const user = await api.request('POST', '/users', { body: { username: 'trigger-op', password: 'operator-password-1', role: 'operator', teamIds: [teamA] } });
  expect(user.status).toBe(201);
  const login = await api.request('POST', '/login', { token: null, body: { username: 'trigger-op', password: 'operator-password-1' } });
  const op = (await json(login)).accessToken as string;
  const mine = await api.request('POST', '/triggers', { token: op, body: { source: 'generic', name: 'A', teamId: teamA } });
  expect(mine.status).toBe(201);
  const theirs = await create({ source: 'generic', name: 'B', teamId: teamB });
  expect((await api.request('POST', '/triggers', { token: op, body: { source: 'generic', name: 'x', teamId: teamB } })).status).toBe(404);
  expect(await json(await api.request('POST', '/triggers', { token: op, body: { source: 'generic', name: 'x' } }))).toMatchObject({ status: 422, code: 'team_required' });
  const listed = await json(await api.request('GET', '/triggers', { token: op }));
  expect(listed.items.map((t: { name: string }) => t.name)).toEqual(['A']);
  for (const [method, path] of [['GET', ''], ['PATCH', ''], ['DELETE', ''], ['GET', '/deliveries']] as const) {
    const res = await api.request(method, `/triggers/${theirs.id}${path}`, { token: op, body: method === 'PATCH' ? { name: 'mine now' } : undefined });
    expect([method, path, res.status]).toEqual([method, path, 404]);
  }
  const moved = await api.request('PATCH', `/triggers/${(await json(mine)).id}`, { token: op, body: { teamId: teamB } });
  expect(moved.status).toBe(404);
});

test('POST /triggers/test says what would be created and creates nothing', async () => {
  const before = await goalCount();
  const res = await api.request('POST', '/triggers/test', { body: { source: 'github', payload: githubExample('issues', 'opened'), headers: { 'X-GitHub-Event': 'issues' } } });
  expect(res.status).toBe(200);
  const result = await json(res);
  expect(result).toMatchObject({ wouldCreate: true, parsedTasks: [{ priority: 'high' }] });
  const ignored = await json(await api.request('POST', '/triggers/test', { body: { source: 'jira', payload: { webhookEvent: 'jira:issue_deleted' } } }));
  expect(ignored).toEqual({ parsedTasks: [], wouldCreate: false, reason: 'Jira event jira:issue_deleted is not acted on' });
  expect(await goalCount()).toBe(before);
});

test('unknown, unconfigured and disabled triggers are refused before anything is read', async () => {
  const d = await signedDelivery('generic', SECRET, { goal: 'x' });
  expect((await post('/triggers/webhook/nope', d)).status).toBe(404);
  expect(await json(await post('/triggers/webhook/slack', d))).toMatchObject({ status: 403, code: 'source_disabled' });
  const t = await create({ source: 'generic', enabled: false });
  expect(await json(await post(`/triggers/webhook/generic/${t.id}`, d))).toMatchObject({ status: 403, code: 'source_disabled' });
  expect((await post('/triggers/webhook/generic/does-not-exist', d)).status).toBe(404);
  expect((await post(`/triggers/webhook/github/${t.id}`, d)).status).toBe(404);
});

test('IP allowlist: an address outside the ranges → 403 ip_not_allowed; inside → accepted', async () => {
  const outside = await create({ source: 'generic', ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'] });
  const inside = await create({ source: 'generic', ipAllowlist: ['127.0.0.0/8', '::1/128'] });
  const before = await goalCount();
  expect(await json(await post(`/triggers/webhook/generic/${outside.id}`, await signedDelivery('generic', SECRET, { goal: 'x' })))).toMatchObject({ status: 403, code: 'ip_not_allowed' });
  expect((await post(`/triggers/webhook/generic/${outside.id}`, await signedDelivery('generic', SECRET, { goal: 'again' }))).status).toBe(403);
  expect(await goalCount()).toBe(before);
  expect((await post(`/triggers/webhook/generic/${inside.id}`, await signedDelivery('generic', SECRET, { goal: 'allowed' }))).status).toBe(202);
  const log = await json(await api.request('GET', `/triggers/${outside.id}/deliveries`));
  expect(log.items).toEqual([expect.objectContaining({ outcome: 'rejected', reason: 'ip_not_allowed', count: 2 })]);
});

test('behind a trusted proxy the allowlist sees the forwarded client address, otherwise the socket', async () => {
  const t = await create({ source: 'generic', ipAllowlist: ['198.51.100.0/24'] });
  const forwarded = async (target: WebhookApi) => {
    const d = await signedDelivery('generic', SECRET, { goal: 'forwarded' });
    return (await target.request('POST', `/triggers/webhook/generic/${t.id}`, { token: null, body: d.body, headers: { ...d.headers, 'x-forwarded-for': '198.51.100.7' } })).status;
  };
  expect(await forwarded(api)).toBe(403);
  const proxied = await startWebhookApi({ ...platform, config: { ...platform.config, env: { ...platform.config.env, ANANTA_TRUSTED_PROXIES: 'loopback' } } });
  try {
    expect(await forwarded(proxied)).toBe(202);
  } finally {
    await proxied.close();
  }
});

test('a flood past the trigger limit → 429 rate_limited with Retry-After, nothing more is created, and the refusals are one folded log row', async () => {
  const t = await create({ source: 'generic', rateLimit: { maxRequests: 3, windowSeconds: 60 } });
  const before = await goalCount();
  const statuses: number[] = [];
  let last: Response | undefined;
  for (let i = 0; i < 10; i++) {
    last = await post(`/triggers/webhook/generic/${t.id}`, await signedDelivery('generic', SECRET, { goal: `flood ${i}` }));
    statuses.push(last.status);
  }
  expect(statuses).toEqual([202, 202, 202, 429, 429, 429, 429, 429, 429, 429]);
  expect(last!.headers.get('retry-after')).toBeTruthy();
  expect(await json(last!)).toMatchObject({ code: 'rate_limited' });
  expect(await goalCount()).toBe(before + 3);
  const all = (await json(await api.request('GET', `/triggers/${t.id}/deliveries`))).items as Array<Record<string, unknown>>;
  expect(all.filter((d) => d.outcome === 'accepted')).toHaveLength(3);
  const rejected = all.filter((d) => d.outcome === 'rejected');
  expect(rejected).toEqual([expect.objectContaining({ reason: 'rate_limited', count: 7, summary: expect.objectContaining({ clientIp: expect.any(String) }) })]);
  expect(all).toHaveLength(4);
  const log = await json(await api.request('GET', `/triggers/${t.id}/deliveries?limit=2`));
  expect(log.items).toHaveLength(2);
  expect(log.nextCursor).toEqual(expect.any(String));
  const next = await json(await api.request('GET', `/triggers/${t.id}/deliveries?limit=2&cursor=${log.nextCursor}`));
  expect(next.items).toHaveLength(2);
});

test('rotation keeps the previous secret valid for the grace period only', async () => {
  const t = await create({ source: 'generic' });
  const path = `/triggers/webhook/generic/${t.id}`;
  await api.request('PATCH', `/triggers/${t.id}`, { body: { secret: 'rotated-secret-1', secretGraceSeconds: 600 } });
  expect((await post(path, await signedDelivery('generic', SECRET, { goal: 'old secret, in grace' }))).status).toBe(202);
  expect((await post(path, await signedDelivery('generic', 'rotated-secret-1', { goal: 'new secret' }))).status).toBe(202);
  await api.request('PATCH', `/triggers/${t.id}`, { body: { secret: 'rotated-secret-2', secretGraceSeconds: 0 } });
  expect(await json(await post(path, await signedDelivery('generic', 'rotated-secret-1', { goal: 'grace over' })))).toMatchObject({ code: 'invalid_signature' });
});

test('Slack url_verification echoes the challenge; GitHub ping and unknown events are acknowledged with a reason', async () => {
  const slack = await create({ source: 'slack' });
  const challenge = await signedDelivery('slack', SECRET, { type: 'url_verification', token: 't', challenge: 'c-123' });
  const res = await post(`/triggers/webhook/slack/${slack.id}`, challenge);
  expect({ status: res.status, body: await json(res) }).toEqual({ status: 200, body: { challenge: 'c-123' } });

  const github = await create({ source: 'github' });
  const ping = await signedDelivery('github', SECRET, githubExample('ping'));
  const pong = await post(`/triggers/webhook/github/${github.id}`, { ...ping, headers: { ...ping.headers, 'x-github-event': 'ping' } });
  expect({ status: pong.status, body: await json(pong) }).toMatchObject({ status: 200, body: { ignored: true, reason: 'ping answered' } });

  const before = await goalCount();
  const reaction = await signedDelivery('slack', SECRET, { ...slackMessageEvent('x', 'hi'), event: { type: 'reaction_added' } });
  expect(await json(await post(`/triggers/webhook/slack/${slack.id}`, reaction))).toMatchObject({ ignored: true, reason: 'Slack event reaction_added is not acted on' });
  expect(await goalCount()).toBe(before);
});

test('a Jira update of an issue already tracked joins its goal instead of starting another', async () => {
  const t = await create({ source: 'jira' });
  const path = `/triggers/webhook/jira/${t.id}`;
  const created = await json(await post(path, await signedDelivery('jira', SECRET, jiraIssueEvent('jira:issue_created', 'TRACK-1'))));
  const before = await goalCount();
  const updated = await post(path, await signedDelivery('jira', SECRET, jiraIssueEvent('jira:issue_updated', 'TRACK-1')));
  expect({ status: updated.status, body: await json(updated) }).toMatchObject({ status: 200, body: { duplicate: true, goalId: created.goalId } });
  expect(await goalCount()).toBe(before);
  // The running goal was told: its history holds the update signal (no worker runs in this file, so the
  // live view is not available here; the signal is what the goal's state is built from).
  const history = await platform.client.workflow.getHandle(`goal-${created.goalId}`).fetchHistory();
  const signals = history.events!.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'externalUpdate');
  expect(signals).toHaveLength(1);
  expect((await post(path, await signedDelivery('jira', SECRET, jiraIssueEvent('jira:issue_updated', 'TRACK-2')))).status).toBe(202);
});

test('deliveries are counted in /metrics by source and outcome', async () => {
  const t = await create({ source: 'generic' });
  expect((await post(`/triggers/webhook/generic/${t.id}`, await signedDelivery('generic', SECRET, { goal: 'counted' }))).status).toBe(202);
  expect((await post(`/triggers/webhook/generic/${t.id}`, await signedDelivery('generic', 'wrong-secret', { goal: 'x' }))).status).toBe(401);
  const metrics = await (await api.request('GET', '/metrics', { token: null })).text();
  const count = (outcome: string) =>
    metrics.split('\n').filter((l) => l.startsWith('ananta_webhook_deliveries_total{') && l.includes('source="generic"') && l.includes(`outcome="${outcome}"`));
  expect(count('accepted')).toEqual([expect.stringMatching(/ [1-9]\d*$/)]);
  expect(count('rejected')).toEqual([expect.stringMatching(/ [1-9]\d*$/)]);
});

test('openapi.json documents the trigger routes and the receivers', async () => {
  const doc = await json(await api.request('GET', '/openapi.json'));
  for (const p of ['/triggers', '/triggers/{id}', '/triggers/{id}/deliveries', '/triggers/test', '/triggers/webhook/{source}', '/triggers/webhook/{source}/{triggerId}']) {
    expect(Object.keys(doc.paths)).toContain(p);
  }
  expect(doc.paths['/triggers/webhook/{source}'].post.security).toEqual([]);
});

test('the original bulk form: POST /triggers/configure (snake_case) sets the defaults, GET /triggers/status shows them', async () => {
  const res = await api.request('POST', '/triggers/configure', {
    body: {
      enabled_sources: ['slack'],
      webhook_secrets: { slack: 'bulk-slack-secret' },
      ip_whitelists: { slack: ['127.0.0.1'] },
      rate_limits: { slack: { max_requests: 30, window_seconds: 60 } },
      auto_start_planner: true,
    },
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).not.toContain('bulk-slack-secret');
  const status = await json(await api.request('GET', '/triggers/status'));
  expect(status).toMatchObject({
    secretsConfigured: expect.arrayContaining(['slack']),
    ipAllowlists: { slack: ['127.0.0.1'] },
    rateLimits: { slack: { maxRequests: 30, windowSeconds: 60 } },
    stats: { accepted: expect.any(Number), rejected: expect.any(Number) },
  });
  expect(status.enabledSources).toContain('slack');
  expect(status.enabledSources).not.toContain('github');
  const delivery = await signedDelivery('slack', 'bulk-slack-secret', slackMessageEvent('x', 'Bulk-configured Slack works'));
  expect((await post('/triggers/webhook/slack', delivery)).status).toBe(202);
  expect((await api.request('POST', '/triggers/configure', { body: { ip_whitelists: { slack: ['nope'] } } })).status).toBe(422);
});
