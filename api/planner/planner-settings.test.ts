/**
 * The auto-planner settings over HTTP against the real plan and goal workflows: defaults until
 * configured, admin-only and validated writes (422 errors[]), an audit entry, and the values USED —
 * a plan's size, a new goal's budget and autopilot defaults, a manual task's priority — and still there
 * for a second API on the same database (a restart).
 */
import { createOfflineProvider } from '../../activities/llm/offline-provider';
import { getGoal } from '../../db/queries/goals';
import { startPlatform, type Platform } from '../../test/support/platform';
import { json, startTestApi, type TestApi } from '../test-support/test-api';

let platform: Platform;
let api: TestApi;
const tokens: Record<'operator' | 'viewer', string> = { operator: '', viewer: '' };

const req = async (method: string, path: string, body?: unknown, token?: string) => {
  const res = await api.request(method, path, { body, token });
  return { status: res.status, body: await json(res) };
};
const PLAN_GOAL = 'Create a hello.txt with a greeting and verify it';

beforeAll(async () => {
  platform = await startPlatform({ provider: createOfflineProvider(), workerOverrides: { identity: 'planner-settings-test' } });
  await platform.startWorkers();
  api = await startTestApi({ platform });
  for (const role of ['operator', 'viewer'] as const) {
    expect((await req('POST', '/users', { username: `settings-${role}`, password: 'long-enough-password', role })).status).toBe(201);
    tokens[role] = (await req('POST', '/login', { username: `settings-${role}`, password: 'long-enough-password' }, null as unknown as string)).body.accessToken;
  }
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

test('the defaults apply until an admin configures; only an admin may, with valid values (422 errors[])', async () => {
  const status = await req('GET', '/tasks/auto-planner/status', undefined, tokens.viewer);
  expect(status.status).toBe(200);
  expect(status.body).toEqual({
    settings: { autoFollowupEnabled: true, maxSubtasksPerGoal: 10, maxFollowupDepth: 2, defaultPriority: 'medium', llmTimeoutSeconds: 300 },
    configured: false, updatedAt: null, updatedBy: null,
  });
  const plan = await req('POST', '/tasks/auto-planner/plan', { goal: PLAN_GOAL, createTasks: false });
  expect(plan.body.subtasks).toHaveLength(2);

  expect((await req('POST', '/tasks/auto-planner/configure', { maxSubtasksPerGoal: 1 }, tokens.operator)).status).toBe(403);
  expect((await req('POST', '/tasks/auto-planner/configure', { maxSubtasksPerGoal: 1 }, tokens.viewer)).status).toBe(403);
  const bad = await req('POST', '/tasks/auto-planner/configure', { max_subtasks_per_goal: 21, defaultPriority: 'urgent', maxFollowupDepth: -1, colour: 'red' });
  expect(bad.status).toBe(422);
  const paths = (bad.body.errors as { path: string }[]).map((e) => e.path).join(' ');
  for (const field of ['maxSubtasksPerGoal', 'defaultPriority', 'maxFollowupDepth']) expect(paths).toContain(field);
  expect((await req('GET', '/tasks/auto-planner/status')).body.configured).toBe(false);
});

test('configured values are stored, audited and used by new plans, goals and tasks, and survive a restart', async () => {
  const configured = await req('POST', '/tasks/auto-planner/configure', {
    max_subtasks_per_goal: 1, maxFollowupDepth: 0, autoFollowupEnabled: false, defaultPriority: 'high',
  });
  expect(configured.status).toBe(200);
  expect(configured.body).toMatchObject({
    settings: { autoFollowupEnabled: false, maxSubtasksPerGoal: 1, maxFollowupDepth: 0, defaultPriority: 'high', llmTimeoutSeconds: 300 },
    configured: true, updatedBy: 'admin', updatedAt: expect.any(String),
  });
  const audit = await req('GET', '/audit-logs?action=auto_planner.configured');
  expect(audit.body.items[0]).toMatchObject({ action: 'auto_planner.configured', details: { maxSubtasksPerGoal: 1, defaultPriority: 'high' } });

  // The plan honours maxSubtasksPerGoal (the same goal planned into two subtasks above).
  const plan = await req('POST', '/tasks/auto-planner/plan', { goal: PLAN_GOAL, createTasks: false });
  expect(plan.status).toBe(201);
  expect(plan.body.subtasks).toHaveLength(1);

  // A new goal takes the budget and autopilot defaults; what the request names still wins.
  const goal = await req('POST', '/goals', { goal: 'List the files' });
  expect(goal.status).toBe(201);
  expect(await getGoal(api.database.db, goal.body.id)).toMatchObject({ autopilot: false, budget: { maxSubtasks: 1, maxFollowupDepth: 0 } });
  const explicit = await req('POST', '/goals', { goal: 'List the files', autopilot: true, budget: { maxSubtasks: 3 } });
  expect(await getGoal(api.database.db, explicit.body.id)).toMatchObject({ autopilot: true, budget: { maxSubtasks: 3, maxFollowupDepth: 0 } });

  // A task filed without a priority gets defaultPriority.
  expect((await req('POST', '/tasks', { description: 'Rotate the logs' })).body.priority).toBe('high');
  expect((await req('POST', '/tasks', { description: 'Rotate the keys', priority: 'low' })).body.priority).toBe('low');

  // A second API on the same database (a restart, or another replica) sees the same settings.
  const again = await startTestApi({ platform });
  try {
    const status = await json(await again.request('GET', '/tasks/auto-planner/status'));
    expect(status).toEqual(configured.body);
  } finally {
    await again.close();
  }
  // A partial change keeps the other values.
  const partial = await req('POST', '/tasks/auto-planner/configure', { llm_timeout_seconds: 120 });
  expect(partial.body.settings).toEqual({ ...configured.body.settings, llmTimeoutSeconds: 120 });
});
