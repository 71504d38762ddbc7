/**
 * POST /tasks/auto-planner/analyze/{taskId} on the real Temporal server: the follow-up analysis of a
 * finished goal task runs on the LLM pool and its suggestions are filed as the task's follow-ups
 * (manual todo tasks of its team), deduped on a second run; an unfinished task is 409
 * invalid_transition, an unknown or out-of-scope one 404, a failing LLM 502 llm_failed, and past
 * maxFollowupDepth nothing is filed.
 */
import type { LlmProvider } from '../../activities/llm/provider';
import { createOfflineProvider } from '../../activities/llm/offline-provider';
import { startPlatform, type Platform } from '../../test/support/platform';
import { eventually, json, startTestApi, type TestApi } from '../test-support/test-api';

const offline = createOfflineProvider();
const provider: LlmProvider = {
  name: 'analysis',
  async complete(request) {
    if (request.purpose !== 'detect_followups') return offline.complete(request);
    const input = request.input as { goal: string; task: { title: string } };
    if (input.goal.includes('VENDOR DOWN')) throw new Error('vendor is down');
    const followups = [
      { description: `Document ${input.task.title}`, priority: 'low' },
      { description: 'Add a test for the greeting' },
      { description: '  add a TEST for the   greeting ' },
    ];
    return { text: JSON.stringify({ followups }), model: 'scripted', inputTokens: 10, outputTokens: 5, costUsd: 0 };
  },
};

let platform: Platform;
let api: TestApi;
let teamA: string;
let otherOperator: string;

const req = async (method: string, path: string, body?: unknown, token?: string) => {
  const res = await api.request(method, path, { body, token });
  return { status: res.status, body: await json(res) };
};

async function finishedGoal(goal: string, teamId = teamA): Promise<string> {
  const started = await req('POST', '/goals', { goal, teamId, autopilot: false });
  expect(started.status).toBe(201);
  await eventually(async () => (await req('GET', `/goals/${started.body.id}`)).body, (g) => g.status === 'completed');
  return started.body.id;
}

beforeAll(async () => {
  platform = await startPlatform({ provider, workerOverrides: { identity: 'analyze-test' } });
  await platform.startWorkers();
  api = await startTestApi({ platform });
  teamA = (await req('POST', '/teams', { name: 'analysis A' })).body.id;
  const teamB = (await req('POST', '/teams', { name: 'analysis B' })).body.id;
  expect((await req('POST', '/users', { username: 'analysis-op-b', password: 'long-enough-password', role: 'operator', teamIds: [teamB] })).status).toBe(201);
  otherOperator = (await req('POST', '/login', { username: 'analysis-op-b', password: 'long-enough-password' }, null as unknown as string)).body.accessToken;
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

test('files the suggested follow-ups of a finished task, deduped, and again only what is new', async () => {
  const goalId = await finishedGoal('Create a hello.txt with a greeting');
  const taskId = `${goalId}.s1`;
  const task = (await req('GET', `/tasks/${taskId}`)).body;
  expect(task.status).toBe('completed');

  const first = await req('POST', `/tasks/auto-planner/analyze/${taskId}`);
  expect(first.status).toBe(200);
  expect(first.body.followupsCreated).toHaveLength(2);
  expect(first.body.followupsCreated).toEqual(expect.arrayContaining([
    expect.objectContaining({ description: `Document ${task.title}`, priority: 'low', parentTaskId: taskId, teamId: teamA, status: 'todo', origin: 'manual' }),
    expect.objectContaining({ description: 'Add a test for the greeting', priority: task.priority, parentTaskId: taskId }),
  ]));
  expect(first.body.analysis).toMatchObject({
    taskId, summary: '3 follow-up(s) suggested, 2 filed, 1 skipped',
    skipped: [{ index: 2, reason: 'duplicate' }], usage: { calls: 1 },
  });
  expect(first.body.analysis.suggested).toHaveLength(3);

  // The follow-ups are ordinary tasks of the team, under the analysed task.
  const listed = (await req('GET', `/tasks?teamId=${teamA}&status=todo`)).body.items.map((t: { id: string }) => t.id);
  for (const created of first.body.followupsCreated) expect(listed).toContain(created.id);

  const again = await req('POST', `/tasks/auto-planner/analyze/${taskId}`);
  expect(again.status).toBe(200);
  expect(again.body.followupsCreated).toEqual([]);
  expect(again.body.analysis.skipped.map((s: { reason: string }) => s.reason)).toEqual(['duplicate', 'duplicate', 'duplicate']);
});

test('unknown 404, another team 404, unfinished 409 invalid_transition, LLM failure 502 llm_failed', async () => {
  expect((await req('POST', '/tasks/auto-planner/analyze/no-such-task')).status).toBe(404);

  const todo = (await req('POST', '/tasks', { description: 'Not done yet', teamId: teamA })).body;
  const unfinished = await req('POST', `/tasks/auto-planner/analyze/${todo.id}`);
  expect(unfinished.status).toBe(409);
  expect(unfinished.body).toMatchObject({ code: 'invalid_transition', currentStatus: 'todo' });
  expect((await req('POST', `/tasks/auto-planner/analyze/${todo.id}`, undefined, otherOperator)).status).toBe(404);

  const goalId = await finishedGoal('VENDOR DOWN: list the files');
  const failed = await req('POST', `/tasks/auto-planner/analyze/${goalId}.s1`);
  expect(failed.status).toBe(502);
  expect(failed.body.code).toBe('llm_failed');
  expect(failed.body.detail).toContain('vendor is down');
});

test('a team that has spent its daily budget gets 429 budget_exceeded with Retry-After from plan, propose and analyze, and no LLM call; a raise lets them through', async () => {
  const teamC = (await req('POST', '/teams', { name: 'analysis C (budget)' })).body.id;
  const goalId = await finishedGoal('Create a hello.txt with a greeting', teamC);
  const spent = (await req('GET', `/usage?groupBy=team`)).body.items.find((r: { key: string }) => r.key === teamC);
  expect(spent.inputTokens + spent.outputTokens).toBeGreaterThan(1);
  expect((await req('PATCH', `/teams/${teamC}`, { dailyBudget: { maxTokens: 1 } })).status).toBe(200);
  const todo = (await req('POST', '/tasks', { description: 'Write a note', teamId: teamC })).body;

  const refused = [
    await req('POST', `/tasks/auto-planner/analyze/${goalId}.s1`),
    await req('POST', '/tasks/auto-planner/plan', { goal: 'Plan more work', teamId: teamC, createTasks: false }),
    await req('POST', `/tasks/${todo.id}/step/propose`),
  ];
  for (const answer of refused) {
    expect(answer.status).toBe(429);
    expect(answer.body).toMatchObject({ code: 'budget_exceeded', status: 429 });
    expect(answer.body.detail).toMatch(/used \d+ of its 1 tokens for today/);
  }
  const retryAfter = Number((await api.request('POST', `/tasks/auto-planner/analyze/${goalId}.s1`)).headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
  // No call went out: the team's usage is what it was.
  const after = (await req('GET', `/usage?groupBy=team`)).body.items.find((r: { key: string }) => r.key === teamC);
  expect(after.calls).toBe(spent.calls);

  expect((await req('PATCH', `/teams/${teamC}`, { dailyBudget: null })).status).toBe(200);
  expect((await req('POST', `/tasks/auto-planner/analyze/${goalId}.s1`)).status).toBe(200);
});

test('past maxFollowupDepth the analysis files nothing', async () => {
  expect((await req('POST', '/tasks/auto-planner/configure', { maxFollowupDepth: 0 })).status).toBe(200);
  const goalId = await finishedGoal('Create a notes.txt with a line');
  const result = await req('POST', `/tasks/auto-planner/analyze/${goalId}.s1`);
  expect(result.status).toBe(200);
  expect(result.body.followupsCreated).toEqual([]);
  expect(result.body.analysis.skipped.map((s: { reason: string }) => s.reason)).toEqual(['max_depth', 'max_depth', 'max_depth']);
});
