/**
 * Providers configured over the API serve goals: a provider row (a loopback OpenAI fake, its own key)
 * set on a team plans that team's goals; a template's provider wins over the team's; goals of no team
 * use the environment's provider. The key reaches the vendor but never the workflow history.
 */
import { taskWorkflowId } from '../../core/task-queues';
import { summarizeUsage } from '../../db/queries/usage';
import { json, startTestApi, type TestApi } from '../../api/test-support/test-api';
import { startOpenAiServer, type OpenAiFake } from '../fakes/openai-server';
import { startPlatform, waitForGoal, type Platform } from '../support/platform';

const TEAM_KEY = 'sk-team-provider-a1b2c3d4e5f6';
const TEMPLATE_KEY = 'sk-template-provider-f6e5d4c3b2a1';
const plan = { subtasks: [{ id: 'one', title: 'Say done', description: 'Nothing to run', dependsOn: [] }] };
const done = { kind: 'done', success: true, summary: 'nothing to do' };

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
let api: TestApi;

beforeAll(async () => {
  fake = await startOpenAiServer();
  platform = await startPlatform();
  await platform.startWorkers();
  api = await startTestApi({ platform });
});
afterEach(() => {
  try {
    fake.server.verify();
  } finally {
    fake.server.reset();
  }
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
  await fake?.server.close();
});

const post = async (path: string, body: unknown) => {
  const res = await api.request('POST', path, { body });
  const parsed = await json(res);
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(parsed)}`);
  return parsed;
};

async function runGoal(body: Record<string, unknown>) {
  const { id } = await post('/goals', { goal: 'Say done', autopilot: false, ...body });
  const handle = platform.client.workflow.getHandle(`goal-${id}`);
  return { handle, state: await handle.result() };
}

test("a team's provider plans its goals with the row's key, which never enters workflow history", async () => {
  const provider = await post('/providers', { name: 'team-oa', kind: 'openai', baseUrl: fake.baseURL, model: 'gpt-4o-mini', apiKey: TEAM_KEY });
  const team = await post('/teams', { name: 'provider-team', providerId: provider.id });
  fake.chat({ answer: plan, inputTokens: 100, outputTokens: 20 }, { answer: done, inputTokens: 50, outputTokens: 10 });

  const { handle, state } = await runGoal({ teamId: team.id });

  expect(state.status).toBe('completed');
  expect(fake.chatRequests().map((r) => [r.headers.authorization, r.body.model])).toEqual(Array(2).fill([`Bearer ${TEAM_KEY}`, 'gpt-4o-mini']));
  expect(state.usage).toMatchObject({ calls: 2, inputTokens: 150, outputTokens: 30 });
  const byModel = await summarizeUsage(platform.database.db, { groupBy: 'model' });
  expect(byModel.find((r) => r.key === 'team-oa/gpt-4o-mini')).toMatchObject({ calls: 2, inputTokens: 150, outputTokens: 30, avgLatencyMs: expect.any(Number) });

  // Latency per provider and model on the API's /metrics (the workers share its process here).
  const metrics = await (await api.request('GET', '/metrics', { token: null })).text();
  expect(metrics).toMatch(/ananta_llm_call_duration_seconds_count\{provider="team-oa",model="gpt-4o-mini",outcome="success"\} 2/);

  const histories = [await handle.fetchHistory(), await platform.client.workflow.getHandle(taskWorkflowId(state.subtasks[0]!.taskId)).fetchHistory()];
  const text = histories.map(historyText).join('\n');
  expect(text).toContain('Say done'); // the search does see payloads
  expect(text).not.toContain(TEAM_KEY);
});

test("a template's provider wins over the team's; a goal of no team uses the environment's (offline) provider", async () => {
  const teamProvider = await post('/providers', { name: 'team-oa-2', kind: 'openai', baseUrl: fake.baseURL, model: 'gpt-4o-mini', apiKey: TEAM_KEY });
  const templateProvider = await post('/providers', { name: 'template-oa', kind: 'openai', baseUrl: fake.baseURL, model: 'gpt-4.1', apiKey: TEMPLATE_KEY });
  const team = await post('/teams', { name: 'provider-team-2', providerId: teamProvider.id });
  const template = await post('/templates', { name: 'with-provider', body: 'Do {{goal}}', providerId: templateProvider.id });
  fake.chat({ answer: plan }, { answer: done });

  const { state } = await runGoal({ teamId: team.id, templateId: template.id });
  expect(state.status).toBe('completed');
  expect(fake.chatRequests().map((r) => [r.headers.authorization, r.body.model])).toEqual(Array(2).fill([`Bearer ${TEMPLATE_KEY}`, 'gpt-4.1']));

  fake.server.reset();
  const offline = await runGoal({});
  expect(offline.state.status).toBe('completed');
  expect(fake.server.requests).toHaveLength(0);
});

test("a vendor that never answers times out on the provider's timeoutSeconds, is retried as Temporal activity retries, then fails the goal with llm_failed", async () => {
  const provider = await post('/providers', { name: 'silent-oa', kind: 'openai', baseUrl: fake.baseURL, model: 'gpt-4o-mini', apiKey: TEAM_KEY, timeoutSeconds: 1 });
  const team = await post('/teams', { name: 'silent-team', providerId: provider.id });
  fake.chat({ hang: true }, { hang: true }, { hang: true });

  const { handle, state } = await runGoal({ teamId: team.id });

  expect(state.status).toBe('failed');
  expect(state.error).toMatchObject({ code: 'llm_failed', detail: expect.stringContaining('did not answer in time') });
  expect(fake.chatRequests()).toHaveLength(3); // the llm profile's three attempts, one request each
  const failed = (await handle.fetchHistory()).events?.find((e) => e.activityTaskFailedEventAttributes);
  expect(failed?.activityTaskFailedEventAttributes?.failure?.cause?.applicationFailureInfo?.type ?? failed?.activityTaskFailedEventAttributes?.failure?.applicationFailureInfo?.type).toBe('llm_unavailable');
});

test("a USD budget bites before the first call: the goal's provider price is looked up at start, and a raise lets it run", async () => {
  // $1000 per million tokens: the planner's first estimate (≥ 500 tokens) is ≥ $0.50, over the $0.01 limit.
  const provider = await post('/providers', {
    name: 'dear-oa', kind: 'openai', baseUrl: fake.baseURL, model: 'gpt-4o-mini', apiKey: TEAM_KEY,
    prices: { inputPerMTokUsd: 1000, outputPerMTokUsd: 1000 },
  });
  const team = await post('/teams', { name: 'dear-team', providerId: provider.id });
  const { id } = await post('/goals', { goal: 'Say done', autopilot: false, teamId: team.id, budget: { maxCostUsd: 0.01 } });
  const handle = platform.client.workflow.getHandle(`goal-${id}`);

  const waiting = await waitForGoal(handle, (s) => s.status === 'waiting_approval' && s.pendingBudget !== undefined);
  expect(waiting.pendingBudget).toMatchObject({ code: 'budget_exceeded', detail: expect.stringContaining('maxCostUsd $0.01') });
  expect(fake.server.requests).toHaveLength(0); // the first call was never sent

  fake.chat({ answer: plan, inputTokens: 100, outputTokens: 20 }, { answer: done, inputTokens: 50, outputTokens: 10 });
  expect((await api.request('POST', `/goals/${id}/budget`, { body: { maxCostUsd: 100 } })).status).toBe(200);
  const state = await handle.result();
  expect(state.status).toBe('completed');
  expect(state.usage).toMatchObject({ calls: 2, costUsd: 0.18 }); // 180 tokens at $0.001
});
