/**
 * Provider resolution on a real store (PGlite): template over team over default row over environment,
 * keys decrypted in the worker (and refused clearly when they cannot be), a fallback model per purpose
 * over the row's single one, and a short cache after which a changed row is picked up.
 */
import { randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { encryptSecret } from '../../core/secret-box';
import { openDatabase, type OpenedDatabase } from '../../db/client';
import { insertGoal } from '../../db/queries/goals';
import { insertProvider, setTeamLlmSettings, setTemplateProvider, updateProvider } from '../../db/queries/llm-providers';
import { createTeam } from '../../db/queries/teams';
import { createTemplate } from '../../db/queries/templates';
import { startOpenAiServer, type OpenAiFake } from '../../test/fakes/openai-server';
import { createOfflineProvider } from './offline-provider';
import { createProviderResolver, type ResolvedProvider } from './provider-resolver';
import { createProviderRouter } from './provider-router';

const KEY = 'sk-resolver-0123456789';
const secret = randomBytes(32);
let database: OpenedDatabase;
let fake: OpenAiFake;
let clock = 0;

beforeAll(async () => {
  [database, fake] = await Promise.all([openDatabase({ pgliteDir: 'memory://' }), startOpenAiServer()]);
});
afterEach(() => {
  try {
    fake.server.verify();
  } finally {
    fake.server.reset();
  }
});
afterAll(async () => {
  await database?.close();
  await fake?.server.close();
});

const environment: ResolvedProvider = { name: 'offline', model: 'default', provider: createOfflineProvider() };
const resolver = (key = secret) =>
  createProviderResolver({ db: database.db, environment, secretKey: async () => key, defaultTimeoutMs: 5000, ttlMs: 1000, now: () => clock });
const row = (name: string, extra: Record<string, unknown> = {}) =>
  insertProvider(database.db, { id: randomBytes(6).toString('hex'), name, kind: 'openai', baseUrl: fake.baseURL, model: 'gpt-4o-mini', apiKeyCipher: encryptSecret(secret, KEY), ...extra });
const goalOf = async (teamId?: string, templateId?: string) => {
  const id = `g-${randomBytes(4).toString('hex')}`;
  await insertGoal(database.db, { id, goal: 'x', workflowId: `goal-${id}`, status: 'planning', budget: { maxSubtasks: 3, maxFollowupDepth: 1 }, autopilot: true, teamId, templateId });
  return id;
};

test('template over team over default over environment; the row key is decrypted for the SDK', async () => {
  const r = resolver();
  expect((await r.resolve({ goalId: await goalOf() })).name).toBe('offline');

  const fallback = await row('res-default', { isDefault: true });
  const team = await createTeam(database.db, { name: 'res-team' });
  const teamRow = await row('res-team-row', { model: 'gpt-4.1' });
  await setTeamLlmSettings(database.db, team.id, { providerId: teamRow.id });
  const template = await createTemplate(database.db, { name: 'res-template', body: 'b' });
  const templateRow = await row('res-template-row', { fallbackModel: 'gpt-4.1-nano' });
  await setTemplateProvider(database.db, template.id, templateRow.id);

  const fresh = resolver();
  expect((await fresh.resolve({ goalId: await goalOf() })).name).toBe(fallback.name);
  expect((await fresh.resolve({ goalId: await goalOf(team.id) })).name).toBe('res-team-row');
  expect((await fresh.resolve({ teamId: team.id })).name).toBe('res-team-row');
  const viaTemplate = await fresh.resolve({ goalId: await goalOf(team.id, template.id) });
  expect(viaTemplate).toMatchObject({ name: 'res-template-row', model: 'gpt-4o-mini', fallback: { model: 'gpt-4.1-nano' } });

  fake.chat({ answer: { ok: true } });
  const answer = await viaTemplate.provider.complete({ purpose: 'plan', system: 's', prompt: 'p', input: {} });
  expect(answer.model).toBe('gpt-4o-mini');
  expect(fake.chatRequests()[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  await updateProvider(database.db, fallback.id, { isDefault: false });
});

test('a key that cannot be decrypted, or a hosted provider without one, fails non-retryably with llm_auth_failed', async () => {
  const team = await createTeam(database.db, { name: 'res-bad-key' });
  const bad = await row('res-bad-key-row');
  await setTeamLlmSettings(database.db, team.id, { providerId: bad.id });
  const err = await resolver(randomBytes(32)).resolve({ teamId: team.id }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  expect(err).toMatchObject({ type: 'llm_auth_failed', nonRetryable: true, message: expect.stringContaining('cannot be decrypted') });

  const keyless = await row('res-keyless', { apiKeyCipher: null });
  await setTeamLlmSettings(database.db, team.id, { providerId: keyless.id });
  await expect(resolver().resolve({ teamId: team.id })).rejects.toMatchObject({ type: 'llm_auth_failed', nonRetryable: true });
});

test("a row's fallback for a purpose serves that purpose's outages, its single fallback the others; the row's price covers both", async () => {
  const team = await createTeam(database.db, { name: 'res-per-role' });
  const p = await row('res-per-role-row', { fallbackModel: 'f-all', fallbackModels: { plan: 'f-plan' }, prices: { inputPerMTokUsd: 2, outputPerMTokUsd: 4 } });
  await setTeamLlmSettings(database.db, team.id, { providerId: p.id });
  const route = createProviderRouter({ resolver: resolver() });
  const ok = { answer: { ok: true }, inputTokens: 1000, outputTokens: 1000 };
  fake.chat({ fail: 503 }, ok, { fail: 503 }, ok);

  const plan = await route({ teamId: team.id }, { purpose: 'plan', system: 's', prompt: 'p', input: {} });
  const step = await route({ teamId: team.id }, { purpose: 'propose_step', system: 's', prompt: 'p', input: {} });

  expect(fake.chatRequests().map((r) => r.body.model)).toEqual(['gpt-4o-mini', 'f-plan', 'gpt-4o-mini', 'f-all']);
  expect([plan.response.model, plan.response.costUsd]).toEqual(['f-plan', 0.006]);
  expect([step.response.model, step.response.costUsd]).toEqual(['f-all', 0.006]);
  expect(plan.provider).toBe('res-per-role-row');
});

test('lookups are cached briefly: a changed row is used once the TTL has passed', async () => {
  const team = await createTeam(database.db, { name: 'res-cache' });
  const p = await row('res-cache-row');
  await setTeamLlmSettings(database.db, team.id, { providerId: p.id });
  const r = resolver();
  clock = 10_000;
  expect((await r.resolve({ teamId: team.id })).model).toBe('gpt-4o-mini');
  await updateProvider(database.db, p.id, { model: 'gpt-4.1' });
  clock += 500;
  expect((await r.resolve({ teamId: team.id })).model).toBe('gpt-4o-mini');
  clock += 1000;
  expect((await r.resolve({ teamId: team.id })).model).toBe('gpt-4.1');
});
