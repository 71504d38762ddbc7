/**
 * The router's resilience against a loopback OpenAI fake, through the real SDK: a circuit breaker per
 * provider+model that opens after repeated outages and then fails fast; the fallback model when the
 * primary fails or its circuit is open (usage names the model that answered); a rate limit that delays
 * rather than fails, shared across workers through Redis.
 */
import { randomBytes } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { startOpenAiServer, type OpenAiFake } from '../../test/fakes/openai-server';
import { createLlmActivities, type UsageRecord } from './llm-activities';
import { createLlmRateLimit } from './llm-rate-limit';
import { createPricing } from './prices';
import type { LlmRequest } from './provider';
import type { ResolvedProvider } from './provider-resolver';
import { createProviderRouter, LLM_CIRCUIT_OPEN } from './provider-router';
import { createOpenAiProvider } from './vendors/openai-provider';

let fake: OpenAiFake;
beforeAll(async () => {
  fake = await startOpenAiServer();
});
afterEach(() => {
  try {
    fake.server.verify();
  } finally {
    fake.server.reset();
  }
});
afterAll(() => fake?.server.close());

const provider = (model: string) =>
  createOpenAiProvider({ name: 'row', apiKey: 'sk-router-test', baseURL: fake.baseURL, model, timeoutMs: 5000, pricing: createPricing(), jsonMode: 'json_object' });

function resolved(withFallback: boolean): ResolvedProvider {
  return { name: 'row', model: 'gpt-4o', provider: provider('gpt-4o'), fallback: withFallback ? { model: 'gpt-4o-mini', provider: () => provider('gpt-4o-mini') } : undefined };
}

const request: LlmRequest = { purpose: 'plan', system: 's', prompt: 'p', input: {} };
const answer = { answer: { subtasks: [{ id: 's1', title: 'T', description: 'D', dependsOn: [] }] } };

test('the circuit opens after repeated outages and then fails fast, non-retryably, without calling the vendor', async () => {
  const route = createProviderRouter({ resolver: { resolve: async () => resolved(false) }, breakerThreshold: 2, halfOpenAfterMs: 60_000 });
  fake.chat({ fail: 503 }, { fail: 500 });
  for (let i = 0; i < 2; i++) await expect(route({}, request)).rejects.toMatchObject({ type: 'llm_unavailable', nonRetryable: false });
  const open = await route({}, request).catch((e: unknown) => e);
  expect(open).toBeInstanceOf(ApplicationFailure);
  expect(open).toMatchObject({ type: LLM_CIRCUIT_OPEN, nonRetryable: true, message: expect.stringContaining('row/gpt-4o') });
  expect(fake.chatRequests()).toHaveLength(2);
});

test('a refused key does not open the circuit: every call still reaches the vendor', async () => {
  const route = createProviderRouter({ resolver: { resolve: async () => resolved(false) }, breakerThreshold: 2 });
  fake.chat({ fail: 401 }, { fail: 401 }, { fail: 401 });
  for (let i = 0; i < 3; i++) await expect(route({}, request)).rejects.toMatchObject({ type: 'llm_auth_failed' });
  expect(fake.chatRequests()).toHaveLength(3);
});

test('the fallback model answers when the primary fails and while its circuit is open; usage records the model that answered', async () => {
  const router = createProviderRouter({ resolver: { resolve: async () => resolved(true) }, breakerThreshold: 1, halfOpenAfterMs: 60_000 });
  const records: UsageRecord[] = [];
  const acts = createLlmActivities({ provider: provider('unused'), route: router, recordUsage: async (r) => records.push(r) });
  fake.chat({ fail: 503 }, { ...answer, inputTokens: 10, outputTokens: 5 }, { ...answer, inputTokens: 12, outputTokens: 6 });

  const first = (await new MockActivityEnvironment().run(acts.planGoal, { goalId: 'g1', goal: 'x', maxSubtasks: 3 })) as { subtasks: unknown[] };
  expect(first.subtasks).toHaveLength(1);
  // The primary's circuit is now open (threshold 1): the second call goes straight to the fallback.
  await new MockActivityEnvironment().run(acts.planGoal, { goalId: 'g1', goal: 'x', maxSubtasks: 3 });

  expect(fake.chatRequests().map((r) => r.body.model)).toEqual(['gpt-4o', 'gpt-4o-mini', 'gpt-4o-mini']);
  expect(records.map((r) => [r.provider, r.model, r.inputTokens])).toEqual([['row', 'gpt-4o-mini', 10], ['row', 'gpt-4o-mini', 12]]);
});

test("a purpose's own fallback model wins over the provider's single one, which still serves the other purposes", async () => {
  const perRole: ResolvedProvider = {
    name: 'row', model: 'gpt-4o', provider: provider('gpt-4o'),
    fallback: { model: 'f-all', provider: () => provider('f-all') },
    fallbacks: { plan: { model: 'f-plan', provider: () => provider('f-plan') } },
  };
  const route = createProviderRouter({ resolver: { resolve: async () => perRole } });
  fake.chat({ fail: 503 }, answer, { fail: 503 }, answer);

  const plan = await route({}, request);
  const step = await route({}, { ...request, purpose: 'propose_step' });

  expect([plan.response.model, step.response.model]).toEqual(['f-plan', 'f-all']);
  expect(fake.chatRequests().map((r) => r.body.model)).toEqual(['gpt-4o', 'f-plan', 'gpt-4o', 'f-all']);
});

test('over the rate limit a call waits for the next slot instead of failing', async () => {
  const rateLimit = createLlmRateLimit({ points: 1, windowSeconds: 1 });
  const route = createProviderRouter({ resolver: { resolve: async () => resolved(false) }, rateLimit });
  fake.chat(answer, answer);
  const results = await Promise.all([route({}, request), route({}, request)]);
  expect(results.map((r) => r.response.model)).toEqual(['gpt-4o', 'gpt-4o']);
  const [a, b] = fake.chatRequests();
  expect(b!.receivedAt - a!.receivedAt).toBeGreaterThanOrEqual(900);
  await rateLimit.close();
});

test('the rate limit is shared through Redis: two workers together keep to it', async () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const model = `gpt-4o-${randomBytes(4).toString('hex')}`; // a fresh key in the shared store
  const limits = [createLlmRateLimit({ points: 1, windowSeconds: 1, redisUrl }), createLlmRateLimit({ points: 1, windowSeconds: 1, redisUrl })];
  const workers = limits.map((rateLimit) =>
    createProviderRouter({ resolver: { resolve: async () => ({ name: 'row', model, provider: provider(model) }) }, rateLimit }));
  fake.chat(answer, answer);
  await Promise.all(workers.map((route) => route({}, request)));
  const [a, b] = fake.chatRequests();
  expect(b!.receivedAt - a!.receivedAt).toBeGreaterThanOrEqual(900);
  await Promise.all(limits.map((l) => l.close()));
});

test("a failed routed call is counted under the provider that was resolved, not the environment's", async () => {
  const calls: { provider: string; outcome: string }[] = [];
  const acts = createLlmActivities({
    provider: provider('unused'), route: createProviderRouter({ resolver: { resolve: async () => ({ ...resolved(false), name: 'team-row' }) } }),
    metrics: { recordCall: (c) => calls.push({ provider: c.provider, outcome: c.outcome }) },
  });
  fake.chat({ fail: 503 });
  await expect(new MockActivityEnvironment().run(acts.planGoal, { goalId: 'g1', goal: 'x', maxSubtasks: 3 })).rejects.toMatchObject({ type: 'llm_unavailable' });
  expect(calls).toEqual([{ provider: 'team-row', outcome: 'error' }]);
});
