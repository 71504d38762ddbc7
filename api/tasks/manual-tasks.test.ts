/**
 * Manual tasks over HTTP (real Temporal client, PGlite store): POST /tasks with its 400/404 codes,
 * PATCH that never changes a status and refuses cycles, the manual-task state machine for
 * pause/resume/cancel/retry (409 invalid_transition with currentStatus), follow-ups with skipped
 * items, and operators kept to their teams with full list pages.
 */
import { json, startTestApi, type TestApi } from '../test-support/test-api';

let api: TestApi;
let teamA: string;
let teamB: string;
let teamC: string;
let operator: string;

const req = async (method: string, path: string, body?: unknown, token?: string) => {
  const res = await api.request(method, path, { body, token });
  return { status: res.status, body: await json(res) };
};

beforeAll(async () => {
  api = await startTestApi();
  const team = async (name: string) => (await req('POST', '/teams', { name })).body.id as string;
  [teamA, teamB, teamC] = [await team('manual A'), await team('manual B'), await team('manual C')];
  expect((await req('POST', '/users', { username: 'manual-op', password: 'long-enough-password', role: 'operator', teamIds: [teamA, teamB] })).status).toBe(201);
  operator = (await req('POST', '/login', { username: 'manual-op', password: 'long-enough-password' }, null as unknown as string)).body.accessToken;
});
afterAll(() => api?.close());

test('POST /tasks files a manual todo task of the team under its backlog goal; bad references are 400/404', async () => {
  const created = await req('POST', '/tasks', { description: 'Rotate the keys\nall of them', teamId: teamA, requiredCapabilities: ['docker'] });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    title: 'Rotate the keys', status: 'todo', origin: 'manual', priority: 'medium', teamId: teamA, goalId: `backlog-${teamA}`,
    dependsOn: [], requiredCapabilities: ['docker'], pinnedWorkerId: null, parentTaskId: null, depth: 0, live: false,
  });
  const child = await req('POST', '/tasks', { title: 'Check', description: 'check the rotation', parentTaskId: created.body.id, dependsOn: [created.body.id], priority: 'high' });
  expect(child.status).toBe(201);
  expect(child.body).toMatchObject({ teamId: teamA, parentTaskId: created.body.id, dependsOn: [created.body.id], priority: 'high', depth: 1 });

  const missing = await req('POST', '/tasks', { description: 'x', teamId: teamA, dependsOn: [created.body.id, 'no-such-task'] });
  expect([missing.status, missing.body.code, missing.body.missing]).toEqual([400, 'missing_dependencies', ['no-such-task']]);
  expect((await req('POST', '/tasks', { description: 'x', teamId: 'no-such-team' })).status).toBe(404);
  expect((await req('POST', '/tasks', { description: 'x', parentTaskId: 'no-such-task' })).status).toBe(404);
  expect((await req('POST', '/tasks', { description: 'x', teamId: teamA, pinnedWorkerId: 'no-such-worker' })).status).toBe(404);
  expect((await req('POST', '/tasks', { description: '   ' })).status).toBe(422);
  expect((await req('POST', '/tasks', { description: 'x', status: 'completed' })).status).toBe(422);

  // The backlog row the task hangs off is a filing place, not a goal: no goal list or view shows it.
  const goals = (await req('GET', '/goals?limit=200')).body.items as { id: string }[];
  expect(goals.map((g) => g.id)).not.toContain(`backlog-${teamA}`);
  expect((await req('GET', `/goals/backlog-${teamA}`)).status).toBe(404);
  expect((await req('POST', `/goals/backlog-${teamA}/cancel`)).status).toBe(404);
});

test('PATCH changes fields, never the status, and refuses a dependency cycle', async () => {
  const a = (await req('POST', '/tasks', { description: 'a', teamId: teamA })).body;
  const b = (await req('POST', '/tasks', { description: 'b', teamId: teamA, dependsOn: [a.id] })).body;
  const c = (await req('POST', '/tasks', { description: 'c', teamId: teamA, dependsOn: [b.id] })).body;
  const patched = await req('PATCH', `/tasks/${a.id}`, { title: 'A renamed', priority: 'low', pinnedWorkerId: null, requiredCapabilities: ['gpu'] });
  expect(patched.status).toBe(200);
  expect(patched.body).toMatchObject({ title: 'A renamed', priority: 'low', status: 'todo', requiredCapabilities: ['gpu'] });
  expect((await req('PATCH', `/tasks/${a.id}`, { status: 'completed' })).status).toBe(422);
  const cycle = await req('PATCH', `/tasks/${a.id}`, { dependsOn: [c.id] });
  expect([cycle.status, cycle.body.code]).toEqual([400, 'dependency_cycle_detected']);
  expect(cycle.body.cycle).toEqual([a.id, c.id, b.id, a.id]);
  expect((await req('PATCH', `/tasks/${a.id}`, { dependsOn: [a.id] })).body.code).toBe('dependency_cycle_detected');
  expect((await req('PATCH', `/tasks/${c.id}`, { dependsOn: [a.id] })).body.dependsOn).toEqual([a.id]);
  expect((await req('PATCH', '/tasks/no-such-task', { title: 'x' })).status).toBe(404);
  expect((await req('GET', `/tasks/${a.id}`)).body.dependsOn).toEqual([]);
});

test('interventions on a manual task follow the state machine; an invalid one is 409 invalid_transition with currentStatus', async () => {
  const t = (await req('POST', '/tasks', { description: 'intervene', teamId: teamA })).body;
  const act = (action: string) => req('POST', `/tasks/${t.id}/${action}`);
  expect((await act('pause')).body).toEqual({ id: t.id, action: 'pause', status: 'paused' });
  const again = await act('pause');
  expect([again.status, again.body.code, again.body.currentStatus]).toEqual([409, 'invalid_transition', 'paused']);
  expect((await act('retry')).body).toMatchObject({ status: 409, currentStatus: 'paused' });
  expect((await act('resume')).body).toEqual({ id: t.id, action: 'resume', status: 'todo' });
  expect((await act('resume')).body).toMatchObject({ code: 'invalid_transition', currentStatus: 'todo' });
  expect((await act('cancel')).body).toEqual({ id: t.id, action: 'cancel', status: 'cancelled' });
  expect((await act('cancel')).body).toMatchObject({ code: 'invalid_transition', currentStatus: 'cancelled' });
  expect((await act('pause')).body).toMatchObject({ code: 'invalid_transition', currentStatus: 'cancelled' });
  expect((await act('retry')).body).toEqual({ id: t.id, action: 'retry', status: 'todo' });
  expect((await req('GET', `/tasks/${t.id}`)).body).toMatchObject({ status: 'todo', attempt: 2 });
});

test('follow-ups are filed under the task; empty and repeated descriptions are skipped with the reason', async () => {
  const parent = (await req('POST', '/tasks', { description: 'parent', teamId: teamB, priority: 'high' })).body;
  const first = await req('POST', `/tasks/${parent.id}/followups`, { items: [{ description: 'Write the docs' }, { description: '  ' }, { description: 'write   THE docs' }, { description: 'Add a test', priority: 'low' }] });
  expect(first.status).toBe(200);
  expect(first.body.created).toEqual([
    expect.objectContaining({ title: 'Write the docs', parentTaskId: parent.id, teamId: teamB, priority: 'high', status: 'todo', origin: 'manual', depth: 1 }),
    expect.objectContaining({ title: 'Add a test', priority: 'low' }),
  ]);
  expect(first.body.skipped).toEqual([{ index: 1, description: '  ', reason: 'empty_description' }, { index: 2, description: 'write   THE docs', reason: 'duplicate' }]);
  const second = await req('POST', `/tasks/${parent.id}/followups`, { items: [{ description: 'Add a test' }, { description: 'Tell the team' }] });
  expect(second.body.created.map((t: { title: string }) => t.title)).toEqual(['Tell the team']);
  expect(second.body.skipped).toEqual([{ index: 0, description: 'Add a test', reason: 'duplicate' }]);
  expect((await req('POST', '/tasks/no-such-task/followups', { items: [{ description: 'x' }] })).status).toBe(404);
});

test("an operator files and acts on its own teams' tasks only, and its list pages are full", async () => {
  const other = (await req('POST', '/tasks', { description: 'team C work', teamId: teamC })).body;
  expect((await req('POST', '/tasks', { description: 'mine', teamId: teamA }, operator)).status).toBe(201);
  expect((await req('POST', '/tasks', { description: 'theirs', teamId: teamC }, operator)).status).toBe(404);
  expect((await req('POST', '/tasks', { description: 'no team' }, operator)).body.code).toBe('team_required');
  expect((await req('POST', '/tasks', { description: 'x', teamId: teamA, dependsOn: [other.id] }, operator)).body).toMatchObject({ code: 'missing_dependencies', missing: [other.id] });
  expect((await req('POST', '/tasks', { description: 'x', parentTaskId: other.id }, operator)).status).toBe(404);
  expect((await req('PATCH', `/tasks/${other.id}`, { title: 'x' }, operator)).status).toBe(404);
  expect((await req('POST', `/tasks/${other.id}/pause`, undefined, operator)).status).toBe(404);
  expect((await req('POST', `/tasks/${other.id}/followups`, { items: [{ description: 'x' }] }, operator)).status).toBe(404);
  // Newer team C tasks must not thin out the operator's pages.
  for (let i = 0; i < 3; i++) await req('POST', '/tasks', { description: `more C ${i}`, teamId: teamC });
  const page = await req('GET', '/tasks?limit=2', undefined, operator);
  expect(page.body.items).toHaveLength(2);
  expect(page.body.items.every((t: { teamId: string }) => [teamA, teamB].includes(t.teamId))).toBe(true);
  expect(page.body.nextCursor).toEqual(expect.any(String));
});
