/**
 * /providers over HTTP on a real app: CRUD with a write-only, encrypted API key, one default at a time,
 * admin-only writes audited without the key, the vendor test through the real SDKs against loopback
 * fakes, and teams/templates naming a provider.
 */
import { json, startTestApi, type TestApi } from '../test-support/test-api';
import { llmProviders } from '../../db/schema';
import { startAnthropicServer, type AnthropicFake } from '../../test/fakes/anthropic-server';
import { startOpenAiServer, type OpenAiFake } from '../../test/fakes/openai-server';

const KEY = 'sk-provider-test-0123456789abcdef';
let api: TestApi;
let openai: OpenAiFake;
let anthropic: AnthropicFake;
let viewer: string;

beforeAll(async () => {
  [api, openai, anthropic] = await Promise.all([startTestApi({ env: { ANANTA_TASK_QUEUE_PREFIX: 'providers-test' } }), startOpenAiServer(), startAnthropicServer()]);
  expect((await api.request('POST', '/users', { body: { username: 'prov-viewer', password: 'viewer-password', role: 'viewer' } })).status).toBe(201);
  viewer = (await json(await api.request('POST', '/login', { token: null, body: { username: 'prov-viewer', password: 'viewer-password' } }))).accessToken;
});
afterEach(() => {
  try {
    openai.server.verify();
    anthropic.server.verify();
  } finally {
    openai.server.reset();
    anthropic.server.reset();
  }
});
afterAll(async () => {
  await api?.close();
  await openai?.server.close();
  await anthropic?.server.close();
});

const req = async (method: string, path: string, body?: unknown, token?: string) => {
  const res = await api.request(method, path, { body, token });
  return { status: res.status, body: await json(res) };
};

test('create, read, change and delete a provider; the key is write-only and stored encrypted', async () => {
  const created = await req('POST', '/providers', { name: 'oa', kind: 'openai', baseUrl: openai.baseURL, model: 'gpt-4o-mini', apiKey: KEY, fallbackModel: 'gpt-4.1-mini' });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'oa', kind: 'openai', model: 'gpt-4o-mini', fallbackModel: 'gpt-4.1-mini', hasApiKey: true, isDefault: false });
  expect(JSON.stringify(created.body)).not.toContain(KEY);
  expect(created.body).not.toHaveProperty('apiKey');
  expect(created.body).not.toHaveProperty('apiKeyCipher');

  const [stored] = await api.database.db.select({ cipher: llmProviders.apiKeyCipher }).from(llmProviders);
  expect(stored?.cipher).toMatch(/^v1\./);
  expect(stored?.cipher).not.toContain(KEY);

  const id = created.body.id;
  expect((await req('GET', `/providers/${id}`)).body).toMatchObject({ id, hasApiKey: true });
  const list = await req('GET', '/providers');
  expect(list.body.items.map((p: { id: string }) => p.id)).toContain(id);
  expect(JSON.stringify(list.body)).not.toContain(KEY);

  const changed = await req('PATCH', `/providers/${id}`, { model: 'gpt-4.1', apiKey: null, temperature: 0.2 });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ model: 'gpt-4.1', hasApiKey: false, temperature: 0.2 });

  expect((await req('POST', '/providers', { name: 'oa', kind: 'openai', model: 'x' })).body).toMatchObject({ status: 409, code: 'already_exists' });
  expect((await req('POST', '/providers', { name: 'bad', kind: 'mystery', model: 'x' })).status).toBe(422);
  expect((await req('DELETE', `/providers/${id}`)).body).toEqual({ id, deleted: true });
  for (const [method, path] of [['GET', `/providers/${id}`], ['PATCH', `/providers/${id}`], ['DELETE', `/providers/${id}`], ['POST', `/providers/${id}/test`]] as const) {
    expect([method, (await req(method, path, method === 'PATCH' ? { model: 'y' } : undefined)).status]).toEqual([method, 404]);
  }
});

test('a fallback model per role: set on create, merged role by role on PATCH, cleared by null; unknown roles are refused', async () => {
  const created = await req('POST', '/providers', {
    name: 'per-role', kind: 'offline', model: 'offline', fallbackModel: 'f-all', fallbackModels: { plan: '  f-plan  ', propose_step: 'f-step' },
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ fallbackModel: 'f-all', fallbackModels: { plan: 'f-plan', propose_step: 'f-step' } });
  const id = created.body.id;
  expect((await req('GET', `/providers/${id}`)).body.fallbackModels).toEqual({ plan: 'f-plan', propose_step: 'f-step' });

  // A role left out stays, a new one is added, a null one is removed.
  const patched = await req('PATCH', `/providers/${id}`, { fallbackModels: { detect_followups: 'f-follow', plan: null } });
  expect(patched.status).toBe(200);
  expect(patched.body.fallbackModels).toEqual({ propose_step: 'f-step', detect_followups: 'f-follow' });
  expect((await req('GET', `/providers/${id}`)).body.fallbackModels).toEqual({ propose_step: 'f-step', detect_followups: 'f-follow' });

  for (const [method, path, body] of [
    ['POST', '/providers', { name: 'per-role-bad', kind: 'offline', model: 'offline', fallbackModels: { review: 'x' } }],
    ['PATCH', `/providers/${id}`, { fallbackModels: { review: 'x' } }],
    ['PATCH', `/providers/${id}`, { fallbackModels: { plan: '   ' } }],
    ['PATCH', `/providers/${id}`, { fallbackModels: { plan: 'x'.repeat(201) } }],
  ] as const) {
    const res = await api.request(method, path, { body });
    expect([method, body, res.status]).toEqual([method, body, 422]);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await json(res)).errors.map((e: { path: string }) => e.path).join()).toContain('body.fallbackModels');
  }
  expect((await req('GET', `/providers/${id}`)).body.fallbackModels).toEqual({ propose_step: 'f-step', detect_followups: 'f-follow' });

  const cleared = await req('PATCH', `/providers/${id}`, { fallbackModels: null });
  expect(cleared.body).toMatchObject({ fallbackModel: 'f-all', fallbackModels: null });
  // Removing the last role leaves none, the same as never having set one.
  await req('PATCH', `/providers/${id}`, { fallbackModels: { plan: 'f-plan' } });
  expect((await req('PATCH', `/providers/${id}`, { fallbackModels: { plan: null } })).body.fallbackModels).toBeNull();
  expect((await req('POST', '/providers', { name: 'no-roles', kind: 'offline', model: 'offline' })).body.fallbackModels).toBeNull();
});

test('only one provider is the default: a new default takes over', async () => {
  const a = await req('POST', '/providers', { name: 'def-a', kind: 'offline', model: 'offline', isDefault: true });
  const b = await req('POST', '/providers', { name: 'def-b', kind: 'offline', model: 'offline', isDefault: true });
  expect([a.status, b.status]).toEqual([201, 201]);
  expect((await req('GET', `/providers/${a.body.id}`)).body.isDefault).toBe(false);
  expect((await req('GET', `/providers/${b.body.id}`)).body.isDefault).toBe(true);
  expect((await req('PATCH', `/providers/${a.body.id}`, { isDefault: true })).body.isDefault).toBe(true);
  expect((await req('GET', `/providers/${b.body.id}`)).body.isDefault).toBe(false);
});

test('writes are admin-only and audited without the key', async () => {
  expect((await api.request('GET', '/providers', { token: null })).status).toBe(401);
  expect((await req('GET', '/providers', undefined, viewer)).status).toBe(200);
  for (const [method, path] of [['POST', '/providers'], ['PATCH', '/providers/x'], ['DELETE', '/providers/x'], ['POST', '/providers/x/test']] as const) {
    expect([method, path, (await req(method, path, {}, viewer)).status]).toEqual([method, path, 403]);
  }
  const created = await req('POST', '/providers', { name: 'audited', kind: 'anthropic', model: 'claude-haiku-4-5', apiKey: KEY });
  await req('PATCH', `/providers/${created.body.id}`, { apiKey: `${KEY}-2` });
  const audit = await req('GET', '/audit-logs?limit=200');
  const entries = audit.body.items.filter((e: { targetId: string }) => e.targetId === created.body.id);
  expect(entries.map((e: { action: string }) => e.action).sort()).toEqual(['llm_provider.created', 'llm_provider.updated']);
  expect(entries.find((e: { action: string }) => e.action === 'llm_provider.updated').details).toMatchObject({ apiKeyChange: 'set' });
  expect(JSON.stringify(audit.body)).not.toContain(KEY);
});

test('the test endpoint lists models through the real SDKs, and maps a refused key and a dead server to 502s', async () => {
  const oa = (await req('POST', '/providers', { name: 'probe-oa', kind: 'openai', baseUrl: openai.baseURL, model: 'gpt-4o-mini', apiKey: KEY })).body;
  openai.models('gpt-4o-mini', 'gpt-4.1');
  const ok = await req('POST', `/providers/${oa.id}/test`);
  expect(ok.status).toBe(200);
  expect(ok.body).toEqual({ ok: true, models: ['gpt-4o-mini', 'gpt-4.1'], latencyMs: expect.any(Number) });
  expect(openai.server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);

  const an = (await req('POST', '/providers', { name: 'probe-an', kind: 'anthropic', baseUrl: anthropic.baseURL, model: 'claude-haiku-4-5', apiKey: KEY })).body;
  anthropic.modelsFail(401, `invalid x-api-key ${KEY}`);
  const refused = await req('POST', `/providers/${an.id}/test`);
  expect(refused.status).toBe(502);
  expect(refused.body.code).toBe('llm_auth_failed');
  // The SDK sends the key as x-api-key or a bearer token, depending on its version.
  expect(anthropic.server.requests.map((r) => [r.path, r.headers['x-api-key'] ?? r.headers.authorization?.replace('Bearer ', '')])).toEqual([['/v1/models', KEY]]);
  expect(JSON.stringify(refused.body)).not.toContain(KEY);

  anthropic.models('claude-haiku-4-5');
  expect((await req('POST', `/providers/${an.id}/test`)).body).toMatchObject({ ok: true, models: ['claude-haiku-4-5'] });

  const dead = (await req('POST', '/providers', { name: 'probe-dead', kind: 'ollama', baseUrl: 'http://127.0.0.1:9', model: 'auto', timeoutSeconds: 2 })).body;
  const failed = await req('POST', `/providers/${dead.id}/test`);
  expect(failed.status).toBe(502);
  expect(failed.body.code).toBe('llm_failed');
});

test('teams and templates name a provider (unknown → 404) and a team has a daily budget', async () => {
  const p = (await req('POST', '/providers', { name: 'for-teams', kind: 'offline', model: 'offline' })).body;
  expect((await req('POST', '/teams', { name: 'no-such-provider', providerId: 'nope' })).status).toBe(404);
  const team = await req('POST', '/teams', { name: 'llm-team', providerId: p.id, dailyBudget: { maxTokens: 1000 } });
  expect(team.status).toBe(201);
  expect(team.body).toMatchObject({ providerId: p.id, dailyBudget: { maxTokens: 1000 } });
  const patched = await req('PATCH', `/teams/${team.body.id}`, { dailyBudget: { maxCostUsd: 2 }, providerId: null });
  expect(patched.body).toMatchObject({ providerId: null, dailyBudget: { maxCostUsd: 2 } });
  expect((await req('POST', '/teams', { name: 'bad-budget', dailyBudget: { maxTokens: -1 } })).status).toBe(422);

  expect((await req('POST', '/templates', { name: 't-bad', body: 'b', providerId: 'nope' })).status).toBe(404);
  const tpl = await req('POST', '/templates', { name: 't-llm', body: 'Do {{goal}}', providerId: p.id });
  expect(tpl.status).toBe(201);
  expect(tpl.body.providerId).toBe(p.id);
  expect((await req('PATCH', `/templates/${tpl.body.id}`, { name: 't-llm2' })).body.providerId).toBe(p.id);
  expect((await req('GET', '/templates')).body.items.find((t: { id: string }) => t.id === tpl.body.id).providerId).toBe(p.id);
  // Deleting the provider clears what named it.
  await req('PATCH', `/teams/${team.body.id}`, { providerId: p.id });
  await req('DELETE', `/providers/${p.id}`);
  expect((await req('GET', '/teams')).body.items.find((t: { id: string }) => t.id === team.body.id).providerId).toBeNull();
});

test('the OpenAPI document describes /providers', async () => {
  const doc = await req('GET', '/openapi.json');
  expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/providers', '/providers/{id}', '/providers/{id}/test']));
  expect(JSON.stringify(doc.body.components.schemas.LlmProvider)).not.toContain('apiKeyCipher');
  const roles = ['plan', 'propose_step', 'detect_followups'];
  const responseRoles = doc.body.components.schemas.LlmProvider.properties.fallbackModels;
  for (const [path, method] of [['/providers', 'post'], ['/providers/{id}', 'patch']] as const) {
    const body = doc.body.paths[path][method].requestBody.content['application/json'].schema;
    const roleSchema = body.properties.fallbackModels.anyOf.find((s: { type?: string }) => s.type === 'object');
    expect([path, Object.keys(roleSchema.properties), roleSchema.additionalProperties]).toEqual([path, roles, false]);
  }
  expect(Object.keys(responseRoles.anyOf.find((s: { type?: string }) => s.type === 'object').properties)).toEqual(roles);
});
