/**
 * Each vendor adapter driven through its real SDK against a loopback fake of the vendor's wire format,
 * and through the real LLM activity: structured answers (the answer's schema in each vendor's form:
 * OpenAI's json_schema, Anthropic's forced tool, Ollama's format), repair, the error mapping Temporal's
 * retry policy relies on, timeouts, exact token accounting, and API keys that never reach an error.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { startAnthropicServer } from '../../../test/fakes/anthropic-server';
import type { LoopbackServer, RecordedRequest, VendorStep } from '../../../test/fakes/loopback-server';
import { startOllamaServer } from '../../../test/fakes/ollama-server';
import { startOpenAiServer } from '../../../test/fakes/openai-server';
import type { DetectFollowupsResult, PlanGoalResult, ProposeStepResult } from '../../../core/types';
import { createLlmActivities } from '../llm-activities';
import { createPricing } from '../prices';
import { answerSchemas } from '../schemas';
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
  /** The answer schema as the request carried it: its name, the JSON Schema, strict or not (OpenAI only). */
  sentSchema(request: RecordedRequest): { name?: string; schema: any; strict?: boolean };
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
    sentSchema: (r) => {
      expect(r.body.response_format.type).toBe('json_schema');
      const { name, schema, strict } = r.body.response_format.json_schema;
      return { name, schema, strict };
    },
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
    wire: (r) => ({ system: r.body.system, user: r.body.messages[0].content, json: { tools: r.body.tools, tool_choice: r.body.tool_choice } }),
    sentSchema: (r) => {
      // One tool, forced: its input schema is the answer's.
      expect(r.body.tools).toHaveLength(1);
      expect(r.body.tool_choice).toEqual({ type: 'tool', name: r.body.tools[0].name });
      return { name: r.body.tools[0].name, schema: r.body.tools[0].input_schema };
    },
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
    sentSchema: (r) => ({ schema: r.body.format }),
  },
];

const plan = { subtasks: [{ id: 's1', title: 'Say hi', description: 'echo hi > a.txt', dependsOn: [] }] };
const planInput = { goalId: 'g1', goal: 'Say hi into a.txt', maxSubtasks: 5 };
const stepInput = { taskId: 't1', goalId: 'g1', goal: 'Say hi', title: 'Say hi', description: 'echo hi > a.txt', history: [], stepsLeft: 3 };
const followupsInput = { goalId: 'g1', goal: 'Say hi', task: { taskId: 't1', title: 'Say hi', description: 'd' }, existing: [] };
/** The plan's JSON Schema as the vendor must see it: the real fields, not "any object". */
const slugPattern = '^[A-Za-z0-9_-]{1,40}$';

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

describe.each(cases)('$vendor', ({ vendor, start, sentKey, wire, sentSchema }) => {
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
  const stepWith = (provider: LlmProvider): Promise<ProposeStepResult> => new MockActivityEnvironment().run(createLlmActivities({ provider }).proposeStep, stepInput) as Promise<ProposeStepResult>;
  const followupsWith = (provider: LlmProvider): Promise<DetectFollowupsResult> =>
    new MockActivityEnvironment().run(createLlmActivities({ provider }).detectFollowups, followupsInput) as Promise<DetectFollowupsResult>;
  const malformed = { subtasks: [{ id: 'not a slug!', title: 'Say hi', description: 'echo hi > a.txt' }] };

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
  });

  test('the plan request carries the plan\'s JSON Schema in the vendor\'s form (OpenAI: strict, every field required)', async () => {
    h.script({ answer: plan });
    await planWith(h.provider());
    const sent = sentSchema(h.calls()[0]);
    if (vendor !== 'ollama') expect(sent.name).toBe('plan_answer');
    const subtask = sent.schema.properties.subtasks.items;
    expect(sent.schema.type).toBe('object');
    expect(subtask.properties.id.pattern).toBe(slugPattern);
    expect(subtask.properties.dependsOn.items.pattern).toBe(slugPattern);
    if (vendor === 'openai') {
      // Strict: every field required (optional ones take null), no others, no length keywords.
      expect(sent.strict).toBe(true);
      expect(sent.schema).toMatchObject({ required: ['subtasks', 'note'], additionalProperties: false, properties: { note: { type: ['string', 'null'] } } });
      expect(subtask).toMatchObject({ required: ['id', 'title', 'description', 'dependsOn'], additionalProperties: false });
      expect(subtask.properties.title).toEqual({ type: 'string' });
    } else {
      expect(sent.strict).toBeUndefined();
      expect(sent.schema).toEqual(answerSchemas.plan.jsonSchema);
      expect(subtask.required).toEqual(['id', 'title', 'description']);
    }
  });

  test('the step\'s schema, a union at its root, goes as anyOf under an object (OpenAI: not strict); a done answer is parsed', async () => {
    h.script({ answer: { kind: 'done', success: true, summary: 'hi written' }, inputTokens: 40, outputTokens: 4 });
    const result = await stepWith(h.provider());
    expect(result.step).toEqual({ kind: 'done', success: true, summary: 'hi written' });
    expect(result.usage).toEqual({ calls: 1, inputTokens: 40, outputTokens: 4, tokens: 44, costUsd: (40 * 2 + 4 * 8) / 1e6 });
    const sent = sentSchema(h.calls()[0]);
    expect(sent.schema).toEqual(answerSchemas.propose_step.jsonSchema);
    expect(sent.schema.type).toBe('object');
    expect(sent.schema.anyOf.map((branch: any) => branch.properties.kind.const)).toEqual(['command', 'done']);
    if (vendor === 'openai') expect(sent.strict).toBe(false);
    if (vendor !== 'ollama') expect(sent.name).toBe('step_answer');
  });

  test('follow-ups with a null priority (what strict mode sends for none) are read as no priority', async () => {
    h.script({ answer: { followups: [{ description: 'Add a test', priority: null }, { description: 'Document it', priority: 'high' }] } });
    const result = await followupsWith(h.provider());
    expect(result.followups).toEqual([{ description: 'Add a test' }, { description: 'Document it', priority: 'high' }]);
    expect(result.followups[0]).not.toHaveProperty('priority', null);
    if (vendor !== 'ollama') expect(sentSchema(h.calls()[0]).name).toBe('followups_answer');
  });

  test('a structured answer of the wrong shape gets the repair prompt with the zod issues and the schema again; usage stays exact', async () => {
    h.script({ answer: malformed, inputTokens: 1000, outputTokens: 100 }, { answer: plan, inputTokens: 2000, outputTokens: 200 });
    const result = await planWith(h.provider());
    expect(result.subtasks).toEqual(plan.subtasks);
    expect(result.usage).toEqual({ calls: 2, inputTokens: 3000, outputTokens: 300, tokens: 3300, costUsd: (3000 * 2 + 300 * 8) / 1e6 });
    const [first, repair] = h.calls();
    const repairPrompt = wire(repair).user;
    expect(repairPrompt).toContain(JSON.stringify(malformed)); // the rejected answer, from the tool call / JSON
    expect(repairPrompt).toContain('does not match the schema: subtasks.0.id: subtask ids are short slugs');
    expect(sentSchema(repair)).toEqual(sentSchema(first));
  });

  test('the wrong shape twice is a retryable llm_malformed_output failure that names the zod issues', async () => {
    h.script({ answer: { subtasks: [] } }, { answer: malformed });
    const err = await failureOf(planWith(h.provider()));
    expect(err).toMatchObject({ type: 'llm_malformed_output', nonRetryable: false });
    expect(err.message).toMatch(/^plan: the model's answer does not match the schema: subtasks\.0\.id: subtask ids are short slugs \(also after a repair prompt\)$/);
    expect(h.calls()).toHaveLength(2);
  });

  test('an answer in prose rather than through the schema\'s channel (Anthropic: no tool_use block) is still read', async () => {
    h.script({ answer: `Here it is: ${JSON.stringify(plan)}`, asText: true }, { answer: JSON.stringify(plan), asText: true });
    const result = await planWith(h.provider());
    expect(result.subtasks).toEqual(plan.subtasks);
    expect(result.usage.calls).toBe(2); // prose around the JSON is malformed; bare JSON text is accepted
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
