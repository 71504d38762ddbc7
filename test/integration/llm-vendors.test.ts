/**
 * A vendor provider end to end on the real Temporal server: the OpenAI provider, chosen from the
 * environment exactly as a worker chooses it, talks to a loopback fake of OpenAI's API through the real
 * SDK. A goal is planned and run in the sandbox to completion with the vendor's token counts; a 401
 * fails the goal at once, without retries; a 429 retry waits for Retry-After; and the API key, which
 * the fake even echoes back in its error, is nowhere in the workflows' histories.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../core/config';
import { taskWorkflowId } from '../../core/task-queues';
import { summarizeUsage } from '../../db/queries/usage';
import { DEFAULT_LMSTUDIO_BASE_URL, providerFromConfig } from '../../workers/llm-provider';
import { startOpenAiServer, type OpenAiFake } from '../fakes/openai-server';
import { startPlatform, type Platform } from '../support/platform';

const KEY = 'sk-e2e-9f8e7d6c5b4a3210';
const plan = { subtasks: [{ id: 'hi', title: 'Write hi', description: 'Write hi into a.txt', dependsOn: [] }] };

/** Every string in a history, payload bytes decoded: what a search of the history would find. */
function historyText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(historyText).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(historyText).join('\n');
  return '';
}

let fake: OpenAiFake;
let platform: Platform;

beforeAll(async () => {
  fake = await startOpenAiServer();
  const config = loadConfig({
    ANANTA_LLM_PROVIDER: 'openai', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseURL, ANANTA_LLM_MODEL: 'gpt-4o-mini', ANANTA_LLM_TIMEOUT_SECONDS: '10',
  });
  platform = await startPlatform({ provider: providerFromConfig(config) });
  await platform.startWorkers();
});
afterEach(() => {
  try {
    fake.server.verify();
  } finally {
    fake.server.reset();
  }
});
afterAll(async () => {
  await platform?.close();
  await fake?.server.close();
});

test('a goal planned and run by the OpenAI provider completes, with the vendor\'s exact tokens and priced cost', async () => {
  // Token counts chosen so each call costs whole micro-dollars at gpt-4o-mini's $0.15/$0.60 per million.
  fake.chat(
    { answer: plan, inputTokens: 100, outputTokens: 20 },
    { answer: { kind: 'command', reasoning: 'write the file', command: 'echo hi > a.txt' }, inputTokens: 200, outputTokens: 30 },
    { answer: { kind: 'done', success: true, summary: 'a.txt says hi' }, inputTokens: 300, outputTokens: 40 },
    { answer: { followups: [] }, inputTokens: 60, outputTokens: 5 },
  );
  const handle = await platform.startGoal({ goal: 'Write hi into a.txt' });
  const state = await handle.result();

  expect(state.error).toBeUndefined();
  expect(state.status).toBe('completed');
  expect(fs.readFileSync(path.join(platform.config.workspacesDir, state.goalId, 'a.txt'), 'utf8')).toBe('hi\n');
  const expected = { calls: 4, inputTokens: 660, outputTokens: 95, tokens: 755, costUsd: (660 * 0.15 + 95 * 0.6) / 1e6 };
  expect(state.usage).toEqual(expected);
  const stored = (await summarizeUsage(platform.database.db, { groupBy: 'goal' })).find((r) => r.key === state.goalId);
  expect(stored).toEqual({ key: state.goalId, calls: 4, inputTokens: 660, outputTokens: 95, costUsd: expected.costUsd, avgLatencyMs: expect.any(Number) });

  const requests = fake.chatRequests();
  // Each call carries its answer's JSON schema: strict where OpenAI's strict subset can express it.
  expect(requests.map((r) => [r.headers.authorization, r.body.model, r.body.response_format?.type, r.body.response_format?.json_schema?.name, r.body.response_format?.json_schema?.strict])).toEqual([
    [`Bearer ${KEY}`, 'gpt-4o-mini', 'json_schema', 'plan_answer', true],
    [`Bearer ${KEY}`, 'gpt-4o-mini', 'json_schema', 'step_answer', false],
    [`Bearer ${KEY}`, 'gpt-4o-mini', 'json_schema', 'step_answer', false],
    [`Bearer ${KEY}`, 'gpt-4o-mini', 'json_schema', 'followups_answer', true],
  ]);
  const histories = [await handle.fetchHistory(), await platform.client.workflow.getHandle(taskWorkflowId(state.subtasks[0].taskId)).fetchHistory()];
  const text = histories.map(historyText).join('\n');
  expect(text).toContain('echo hi > a.txt'); // the search does see payloads
  expect(text).not.toContain(KEY);
});

test('a 401 fails the goal with llm_auth_failed after exactly one request, and the echoed key is not in history', async () => {
  fake.chat({ fail: 401, message: `Incorrect API key provided: ${KEY}` });
  const handle = await platform.startGoal({ goal: 'Write hi into a.txt' });
  const state = await handle.result();

  expect(state.status).toBe('failed');
  expect(state.error).toMatchObject({ code: 'llm_auth_failed', detail: expect.stringContaining('401') });
  expect(state.error?.detail).not.toContain(KEY);
  expect(fake.chatRequests()).toHaveLength(1);
  const text = historyText(await handle.fetchHistory());
  expect(text).toContain('Incorrect API key provided: [redacted]');
  expect(text).not.toContain(KEY);
});

test('a 429 is retried by Temporal no sooner than Retry-After, measured on the fake server\'s clock', async () => {
  fake.chat(
    { fail: 429, message: 'rate limited', headers: { 'retry-after': '2' } },
    { answer: plan },
    { answer: { kind: 'done', success: true, summary: 'nothing to do' } },
  );
  const state = await (await platform.startGoal({ goal: 'Write hi into a.txt', autopilot: false })).result();

  expect(state.status).toBe('completed');
  const [limited, retried] = fake.chatRequests();
  expect(retried.receivedAt - limited.receivedAt).toBeGreaterThanOrEqual(2000);
});

test('the provider comes from the environment; a hosted vendor without its key is a start-up error', () => {
  const provider = (env: Record<string, string>) => providerFromConfig(loadConfig(env));
  expect(() => provider({ ANANTA_LLM_PROVIDER: 'openai' })).toThrow(/ANANTA_LLM_PROVIDER=openai needs OPENAI_API_KEY/);
  expect(() => provider({ ANANTA_LLM_PROVIDER: 'anthropic', OPENAI_API_KEY: KEY })).toThrow(/needs ANTHROPIC_API_KEY/);
  expect(provider({}).name).toBe('offline');
  expect(provider({ ANANTA_LLM_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: KEY }).name).toBe('anthropic');
  expect(provider({ ANANTA_LLM_PROVIDER: 'ollama' }).name).toBe('ollama');
  expect(provider({ ANANTA_LLM_PROVIDER: 'lmstudio' }).name).toBe('lmstudio');
  expect(DEFAULT_LMSTUDIO_BASE_URL).toBe('http://localhost:1234/v1');
});
