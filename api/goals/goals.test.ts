/**
 * /goals over HTTP against the real platform: the real goal/task workflows on the Temporal dev server,
 * real workers (offline planner, sandboxed commands) and the real store.
 */
import { GOAL_ID_ATTR, TEAM_ATTR } from '../../core/search-attributes';
import { startPlatform, type Platform } from '../../test/support/platform';
import { eventually, json, startTestApi, type TestApi } from '../test-support/test-api';

let platform: Platform;
let api: TestApi;

beforeAll(async () => {
  platform = await startPlatform({ workerOverrides: { identity: 'api-goals-test' } });
  await platform.startWorkers();
  api = await startTestApi({ platform });
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

const getGoal = async (id: string) => json(await api.request('GET', `/goals/${id}`));

describe('POST /goals validation', () => {
  test.each([
    ['no goal', {}, 'goal_required', 'body.goal'],
    ['a blank goal', { goal: '   ' }, 'goal_required', 'body.goal'],
    ['4001 characters', { goal: 'x'.repeat(4001) }, 'goal_too_long', 'body.goal'],
    ['maxSubtasks 21', { goal: 'ok', budget: { maxSubtasks: 21 } }, 'validation_failed', 'body.budget.maxSubtasks'],
    ['an unknown field', { goal: 'ok', colour: 'blue' }, 'validation_failed', 'body'],
  ])('%s → 422 %s', async (_label, body, code, path) => {
    const res = await api.request('POST', '/goals', { body });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await json(res);
    expect(problem.code).toBe(code);
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

test('POST /goals starts a workflow with search attributes, and GET /goals/{id} follows it to the end', async () => {
  const res = await api.request('POST', '/goals', { body: { goal: 'Create a hello.txt with a greeting and verify it', teamId: 'team-api' } });
  expect(res.status).toBe(201);
  const created = await json(res);
  expect(created).toMatchObject({ status: 'planning', workflowId: `goal-${created.id}` });
  expect(created.temporalUiUrl).toBe(`${api.config.temporal.uiUrl}/namespaces/default/workflows/goal-${created.id}`);

  const description = await platform.client.workflow.getHandle(created.workflowId).describe();
  expect(description.typedSearchAttributes.get(GOAL_ID_ATTR)).toBe(created.id);
  expect(description.typedSearchAttributes.get(TEAM_ATTR)).toBe('team-api');

  const done = await eventually(() => getGoal(created.id), (g) => ['completed', 'failed'].includes(g.status));
  expect(done).toMatchObject({ id: created.id, goal: 'Create a hello.txt with a greeting and verify it', teamId: 'team-api', status: 'completed' });
  expect(done.plan).toHaveLength(2);
  expect(done.subtasks).toEqual([
    expect.objectContaining({ id: 's1', taskId: `${created.id}.s1`, status: 'completed', dependsOn: [], origin: 'plan' }),
    expect.objectContaining({ id: 's2', taskId: `${created.id}.s2`, status: 'completed', dependsOn: ['s1'], origin: 'plan' }),
  ]);
  expect(done.usage.calls).toBeGreaterThan(0);

  const cancel = await api.request('POST', `/goals/${created.id}/cancel`);
  expect(cancel.status).toBe(409);
  expect(await json(cancel)).toMatchObject({ code: 'invalid_transition', currentStatus: 'completed' });
});

test('the same Idempotency-Key gives the same goal, started once', async () => {
  const headers = { 'idempotency-key': `key-${Date.now()}` };
  const first = await json(await api.request('POST', '/goals', { body: { goal: 'List the files' }, headers }));
  const second = await json(await api.request('POST', '/goals', { body: { goal: 'List the files' }, headers }));
  expect(second.id).toBe(first.id);
});

test('an unknown goal is a 404 problem', async () => {
  const res = await api.request('GET', '/goals/does-not-exist');
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await json(res)).toMatchObject({ status: 404, code: 'not_found', detail: 'Goal does-not-exist not found' });
  expect((await api.request('POST', '/goals/does-not-exist/pause')).status).toBe(404);
});

test('GET /goals pages newest first with limit and cursor, and filters by team', async () => {
  const teamId = `team-page-${Date.now()}`;
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await json(await api.request('POST', '/goals', { body: { goal: `List the files ${i}`, teamId } }))).id);

  const first = await json(await api.request('GET', `/goals?limit=2&teamId=${teamId}`));
  expect(first.items.map((g: { id: string }) => g.id)).toEqual([ids[2], ids[1]]);
  expect(first.nextCursor).toEqual(expect.any(String));
  const second = await json(await api.request('GET', `/goals?limit=2&teamId=${teamId}&cursor=${first.nextCursor}`));
  expect(second.items.map((g: { id: string }) => g.id)).toEqual([ids[0]]);
  expect(second.nextCursor).toBeNull();

  const bad = await api.request('GET', '/goals?cursor=not-a-cursor!');
  expect(bad.status).toBe(422);
  expect((await json(bad)).code).toBe('invalid_cursor');
});

test('pause, resume and cancel a running goal; invalid transitions are 409 with the current status', async () => {
  const created = await json(await api.request('POST', '/goals', { body: { goal: 'Clean up with `rm -rf scratch`' } }));
  await eventually(() => getGoal(created.id), (g) => g.status === 'waiting_approval');

  const paused = await api.request('POST', `/goals/${created.id}/pause`);
  expect(paused.status).toBe(200);
  expect(await json(paused)).toMatchObject({ id: created.id, status: 'paused', live: true });
  const again = await api.request('POST', `/goals/${created.id}/pause`);
  expect(again.status).toBe(409);
  expect(await json(again)).toMatchObject({ code: 'invalid_transition', currentStatus: 'paused' });

  const resumed = await api.request('POST', `/goals/${created.id}/resume`);
  expect(resumed.status).toBe(200);
  expect((await json(resumed)).status).not.toBe('paused');

  const cancelled = await api.request('POST', `/goals/${created.id}/cancel`);
  expect(cancelled.status).toBe(200);
  expect((await json(cancelled)).id).toBe(created.id);
  const final = await eventually(() => getGoal(created.id), (g) => g.status === 'cancelled');
  expect(final.subtasks[0].status).toBe('cancelled');
  const twice = await api.request('POST', `/goals/${created.id}/cancel`);
  expect(await json(twice)).toMatchObject({ status: 409, code: 'invalid_transition', currentStatus: 'cancelled' });
});
