/**
 * Each vendor adapter driven through its real SDK against a loopback fake of the vendor's wire format,
 * and through the real LLM activity: structured answers, repair, the error mapping Temporal's retry
 * policy relies on, timeouts, exact token accounting, and API keys that never reach an error.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { startAnthropicServer } from '../../../test/fakes/anthropic-server';
import type { LoopbackServer, RecordedRequest, VendorStep } from '../../../test/fakes/loopback-server';
import { startOllamaServer } from '../../../test/fakes/ollama-server';
import { startOpenAiServer } from '../../../test/fakes/openai-server';
import type { PlanGoalResult } from '../../../core/types';
import { createLlmActivities } from '../llm-activities';
import { createPricing } from '../prices';
import type { LlmProvider } from '../provider';
import { createAnthropicProvider } from './anthropic-provider';
import { createOllamaProvider } from './ollama-provider';
import { createOpenAiProvider } from './openai-provider';

const KEY = 'sk-test-0123456789abcdef';
const pricing = () => createPricing({ overrides: { 'fake-model': { inputPerMTokUsd: 2, outputPerMTokUsd: 8 } }, warn: () => {} });

interface Harness {
  server: LoopbackServer;
  script(...steps: VendorStep[]): void;
  calls(): RecordedRequest[];
  /** `origin` points the SDK elsewhere, e.g. at a port nobody listens on. */
  provider(opts?: { timeoutMs?: number; origin?: string }): LlmProvider;
}

interface VendorCase {
  vendor: string;
  start(): Promise<Harness>;
  /** Where the vendor expects its key. */
  sentKey(request: RecordedRequest): string | undefined;
  /** The vendor's system prompt, user prompt and JSON mode as they went over the wire. */
  wire(request: RecordedRequest): { system: string; user: string; json: unknown };
}

const cases: VendorCase[] = [
  {
    vendor: 'openai',
    async start() {
      const fake = await startOpenAiServer();
      return {
        server: fake.server, script: fake.chat, calls: fake.chatRequests,
        provider: (o) => createOpenAiProvider({ name: 'openai', apiKey: KEY, baseURL: o?.origin ? `${o.origin}/v1` : fake.baseURL, model: 'fake-model', timeoutMs: o?.timeoutMs ?? 10_000, pricing: pricing(), jsonMode: 'json_object' }),
      };
    },
    sentKey: (r) => r.headers.authorization?.replace(/^Bearer /, ''),
    wire: (r) => ({ system: r.body.messages[0].content, user: r.body.messages[1].content, json: r.body.response_format }),
  },
  {
    vendor: 'anthropic',
    async start() {
      const fake = await startAnthropicServer();
      return {
        server: fake.server, script: fake.messages, calls: fake.messageRequests,
        provider: (o) => createAnthropicProvider({ apiKey: KEY, baseURL: o?.origin ?? fake.baseURL, model: 'fake-model', timeoutMs: o?.timeoutMs ?? 10_000, pricing: pricing() }),
      };
    },
    // SDK 1.x sends the key as a bearer token; older versions used x-api-key. Either is the vendor's header.
    sentKey: (r) => (r.headers['x-api-key'] as string | undefined) ?? r.headers.authorization?.replace(/^Bearer /, ''),
    wire: (r) => ({ system: r.body.system, user: r.body.messages[0].content, json: undefined }),
  },
  {
    vendor: 'ollama',
    async start() {
      const fake = await startOllamaServer();
      return {
        server: fake.server, script: fake.chat, calls: fake.chatRequests,
        provider: (o) => createOllamaProvider({ host: o?.origin ?? fake.host, apiKey: KEY, model: 'fake-model', timeoutMs: o?.timeoutMs ?? 10_000, pricing: pricing() }),
      };
    },
    sentKey: (r) => r.headers.authorization?.replace(/^Bearer /, ''),
    wire: (r) => ({ system: r.body.messages[0].content, user: r.body.messages[1].content, json: r.body.format }),
  },
];

const plan = { subtasks: [{ id: 's1', title: 'Say hi', description: 'echo hi > a.txt', dependsOn: [] }] };
const planInput = { goalId: 'g1', goal: 'Say hi into a.txt', maxSubtasks: 5 };

/** An origin whose port was just freed: connecting there is refused. */
async function closedOrigin(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe.each(cases)('$vendor', ({ vendor, start, sentKey, wire }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await start();
  });
  afterEach(() => {
    try {
      h.server.verify();
    } finally {
      h.server.reset();
    }
  });
  afterAll(() => h?.server.close());

  // Typed: the mock environment's generic loses the activity's result type.
  const planWith = (provider: LlmProvider): Promise<PlanGoalResult> => new MockActivityEnvironment().run(createLlmActivities({ provider }).planGoal, planInput) as Promise<PlanGoalResult>;

  test('a good structured answer is parsed; tokens are the server\'s, cost is from the price table; the key goes in its header', async () => {
    h.script({ answer: plan, inputTokens: 1234, outputTokens: 567 });
    const result = await planWith(h.provider());
    expect(result.subtasks).toEqual(plan.subtasks);
    expect(result.provider).toBe(vendor);
    expect(result.usage).toEqual({ calls: 1, inputTokens: 1234, outputTokens: 567, tokens: 1801, costUsd: (1234 * 2 + 567 * 8) / 1e6 });
    const [request] = h.calls();
    expect(sentKey(request)).toBe(KEY);
    expect(request.body.model).toBe('fake-model');
    const sent = wire(request);
    expect(sent.system).toMatch(/JSON object/);
    expect(sent.user).toContain('Goal: Say hi into a.txt');
    if (vendor === 'openai') expect(sent.json).toEqual({ type: 'json_object' });
    if (vendor === 'ollama') expect(sent.json).toBe('json');
  });

  test('malformed JSON gets one repair prompt, and the repaired answer is used', async () => {
    h.script({ answer: 'Sure! {"subtasks": [', inputTokens: 100, outputTokens: 10 }, { answer: `\`\`\`json\n${JSON.stringify(plan)}\n\`\`\``, inputTokens: 200, outputTokens: 20 });
    const result = await planWith(h.provider());
    expect(result.subtasks.map((s) => s.id)).toEqual(['s1']);
    expect(result.usage).toMatchObject({ calls: 2, inputTokens: 300, outputTokens: 30 });
    const repair = wire(h.calls()[1]).user;
    expect(repair).toContain('Sure! {"subtasks": [');
    expect(repair).toMatch(/did not answer with JSON[\s\S]*Answer with JSON only/);
  });

  test('429 with Retry-After: 7 is a retryable llm_rate_limited failure that waits 7 s', async () => {
    h.script({ fail: 429, message: 'slow down', headers: { 'retry-after': '7' } });
    const err = await failureOf(h.provider().complete({ purpose: 'plan', system: 's JSON', prompt: 'p', input: {} }));
    expect(err).toMatchObject({ type: 'llm_rate_limited', nonRetryable: false, nextRetryDelay: 7000 });
    expect(err.message).toContain('429');
  });

  test('401 is a non-retryable llm_auth_failed failure, and the key the server echoed is not in it', async () => {
    h.script({ fail: 401, message: `Incorrect API key provided: ${KEY}` });
    const err = await failureOf(h.provider().complete({ purpose: 'plan', system: 's JSON', prompt: 'p', input: {} }));
    expect(err).toMatchObject({ type: 'llm_auth_failed', nonRetryable: true });
    expect(sentKey(h.calls()[0])).toBe(KEY);
    expect(err.message).toContain('Incorrect API key provided: [redacted]');
    expect(`${err.message}\n${err.stack}\n${JSON.stringify(err)}`).not.toContain(KEY);
  });

  test.each([400, 404, 422])('%i is a non-retryable llm_invalid_request failure', async (status) => {
    h.script({ fail: status, message: 'no such model' });
    const err = await failureOf(h.provider().complete({ purpose: 'plan', system: 's JSON', prompt: 'p', input: {} }));
    expect(err).toMatchObject({ type: 'llm_invalid_request', nonRetryable: true });
  });

  test('a 503 is a retryable llm_unavailable failure', async () => {
    h.script({ fail: 503, message: 'overloaded' });
    const err = await failureOf(h.provider().complete({ purpose: 'plan', system: 's JSON', prompt: 'p', input: {} }));
    expect(err).toMatchObject({ type: 'llm_unavailable', nonRetryable: false });
  });

  test('a server that never answers within the timeout is a retryable llm_unavailable failure', async () => {
    h.script({ hang: true });
    const started = Date.now();
    const err = await failureOf(h.provider({ timeoutMs: 300 }).complete({ purpose: 'plan', system: 's JSON', prompt: 'p', input: {} }));
    expect(err).toMatchObject({ type: 'llm_unavailable', nonRetryable: false });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(h.calls()).toHaveLength(1); // the SDK did not retry on its own
  });

  test('a server nobody listens on is a retryable llm_unavailable failure', async () => {
    const err = await failureOf(h.provider({ origin: await closedOrigin() }).complete({ purpose: 'plan', system: 's JSON', prompt: 'p', input: {} }));
    expect(err).toMatchObject({ type: 'llm_unavailable', nonRetryable: false });
  });

  test('a cancelled activity aborts the request and reports the cancellation, not a vendor error', async () => {
    h.script({ hang: true });
    const env = new MockActivityEnvironment();
    const running = env.run(createLlmActivities({ provider: h.provider() }).planGoal, planInput);
    while (h.calls().length === 0) await new Promise((r) => setTimeout(r, 10));
    env.cancel();
    await expect(running).rejects.toBeInstanceOf(CancelledFailure);
  });
});
