/**
 * POST /tasks/auto-planner/plan against the real plan workflow: the offline planner's plan, optionally
 * started as a goal; validation codes; and an LLM failure surfacing as a 502 problem, never an empty
 * success. The provider fails on purpose only for goals that ask for it.
 */
import type { LlmProvider } from '../../activities/llm/provider';
import { createOfflineProvider } from '../../activities/llm/offline-provider';
import { startPlatform, type Platform } from '../../test/support/platform';
import { eventually, json, startTestApi, type TestApi } from '../test-support/test-api';

const offline = createOfflineProvider();
const provider: LlmProvider = {
  name: 'offline-or-down',
  complete: (request) => (JSON.stringify(request.input).includes('VENDOR DOWN') ? Promise.reject(new Error('vendor is down')) : offline.complete(request)),
};

let platform: Platform;
let api: TestApi;

beforeAll(async () => {
  platform = await startPlatform({ provider, workerOverrides: { identity: 'api-planner-test' } });
  await platform.startWorkers();
  api = await startTestApi({ platform });
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

test('plans and starts a goal running the plan (snake_case aliases accepted)', async () => {
  const res = await api.request('POST', '/tasks/auto-planner/plan', { body: { goal: 'Create a hello.txt with a greeting and verify it', team_id: 'team-plan' } });
  expect(res.status).toBe(201);
  const plan = await json(res);
  expect(plan.subtasks.map((s: { id: string }) => s.id)).toEqual(['s1', 's2']);
  expect(plan.goalId).toEqual(expect.any(String));
  expect(plan.createdTaskIds).toEqual([`${plan.goalId}.s1`, `${plan.goalId}.s2`]);

  const goal = await eventually(async () => json(await api.request('GET', `/goals/${plan.goalId}`)), (g) => g.status === 'completed');
  expect(goal.teamId).toBe('team-plan');
  expect(goal.plan.map((s: { title: string }) => s.title)).toEqual(plan.subtasks.map((s: { title: string }) => s.title));
  expect(goal.subtasks.map((s: { taskId: string }) => s.taskId)).toEqual(plan.createdTaskIds);
});

test('with create_tasks=false it only plans', async () => {
  const plan = await json(await api.request('POST', '/tasks/auto-planner/plan', { body: { goal: 'List the files', create_tasks: false } }));
  expect(plan.subtasks).toHaveLength(1);
  expect(plan.goalId).toBeUndefined();
  expect(plan.createdTaskIds).toEqual([]);
});

test.each([
  ['an empty goal', '', 'goal_required'],
  ['a 4001-character goal', 'x'.repeat(4001), 'goal_too_long'],
])('%s → 422 %s', async (_label, goal, code) => {
  const res = await api.request('POST', '/tasks/auto-planner/plan', { body: { goal } });
  expect(res.status).toBe(422);
  expect((await json(res)).code).toBe(code);
});

test('an LLM failure is a 502 llm_failed problem with the detail', async () => {
  const res = await api.request('POST', '/tasks/auto-planner/plan', { body: { goal: 'VENDOR DOWN: plan anything' } });
  expect(res.status).toBe(502);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = await json(res);
  expect(problem.code).toBe('llm_failed');
  expect(problem.detail).toContain('vendor is down');
});

test('GET /usage sums the LLM calls the plans made', async () => {
  const usage = await json(await api.request('GET', '/usage?groupBy=model'));
  expect(usage.items.length).toBeGreaterThan(0);
  expect(usage.items[0]).toEqual({ key: expect.any(String), calls: expect.any(Number), inputTokens: expect.any(Number), outputTokens: expect.any(Number), costUsd: expect.any(Number), avgLatencyMs: expect.any(Number) });
  expect((await api.request('GET', '/usage?groupBy=colour')).status).toBe(422);
});
