/**
 * Users, API keys, the audit log and team scoping, over HTTP on a real app (PGlite, Temporal dev
 * server). Goals started here are never picked up (their task queues have a prefix of this file's own,
 * with no worker), which is all scoping needs: the goal rows and their teams.
 */
import { json, startTestApi, type TestApi } from '../test-support/test-api';

let api: TestApi;
const PASSWORD = 'operator-password-1';

beforeAll(async () => {
  api = await startTestApi({ env: { ANANTA_TASK_QUEUE_PREFIX: 'hub-users-test' }, options: { queryTimeoutMs: 300 } });
});
afterAll(async () => api?.close());

async function login(username: string, password: string): Promise<string> {
  const res = await api.request('POST', '/login', { token: null, body: { username, password } });
  expect(res.status).toBe(200);
  return (await json(res)).accessToken;
}

const post = async (path: string, body: unknown, token?: string) => api.request('POST', path, { body, token });
const created = async (res: Response) => {
  const body = await json(res);
  expect([res.status, body]).toEqual([201, expect.anything()]);
  return body;
};

test('every hub route group answers 401 without a token', async () => {
  for (const [method, path] of [['GET', '/users'], ['POST', '/users'], ['GET', '/api-keys'], ['POST', '/api-keys'], ['DELETE', '/api-keys/x'], ['GET', '/audit-logs'], ['PATCH', '/users/x']]) {
    const res = await api.request(method!, path!, { token: null, body: method === 'GET' ? undefined : {} });
    expect([method, path, res.status]).toEqual([method, path, 401]);
  }
});

describe('with teams A and B, an operator of A, a viewer', () => {
  let teamA: string;
  let teamB: string;
  let operator: string;
  let viewer: string;
  let goalA: string;
  let goalB: string;
  let taskA: string;
  let taskB: string;

  beforeAll(async () => {
    teamA = (await created(await post('/teams', { name: 'users-test-A' }))).id;
    teamB = (await created(await post('/teams', { name: 'users-test-B' }))).id;
    const op = await created(await post('/users', { username: 'op-a', password: PASSWORD, role: 'operator', teamIds: [teamA] }));
    expect(op).toMatchObject({ username: 'op-a', role: 'operator', teamIds: [teamA] });
    expect(op).not.toHaveProperty('password');
    await created(await post('/users', { username: 'viewer-1', password: PASSWORD, role: 'viewer' }));
    operator = await login('op-a', PASSWORD);
    viewer = await login('viewer-1', PASSWORD);
    goalA = (await created(await post('/goals', { goal: 'Goal of team A', teamId: teamA }))).id;
    goalB = (await created(await post('/goals', { goal: 'Goal of team B', teamId: teamB }))).id;
    // Scrum setup gives each team todo tasks (rows of the store) to scope.
    const scrumA = await created(await post('/teams/setup-scrum', { name: 'users-test-scrum-A' }));
    const scrumB = await created(await post('/teams/setup-scrum', { name: 'users-test-scrum-B' }));
    [taskA, taskB] = [scrumA.taskIds[0], scrumB.taskIds[0]];
    // Two teams, so the list is narrowed by filtering as well as by the teamId shortcut.
    await api.request('PATCH', `/users/${op.id}`, { body: { teamIds: [teamA, scrumA.team.id] } });
  });

  test('a viewer cannot write anything, nor administer', async () => {
    for (const [method, path, body] of [
      ['POST', '/users', { username: 'x', password: PASSWORD }], ['GET', '/users'], ['POST', '/api-keys', { name: 'k' }], ['GET', '/api-keys'],
      ['GET', '/audit-logs'], ['POST', '/goals', { goal: 'no' }], ['POST', '/teams', { name: 'no' }], ['POST', '/templates', { name: 'n', body: 'b' }],
    ] as const) {
      const res = await api.request(method, path, { token: viewer, body });
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    expect((await api.request('GET', '/goals', { token: viewer })).status).toBe(200);
  });

  test('an operator sees only its teams: lists filtered, other ids are 404', async () => {
    const goals = await json(await api.request('GET', '/goals', { token: operator }));
    const goalIds = goals.items.map((g: { id: string }) => g.id);
    expect(goalIds).toContain(goalA);
    expect(goalIds).not.toContain(goalB);
    expect(goals.items.every((g: { teamId: string }) => g.teamId !== teamB)).toBe(true);
    expect((await api.request('GET', `/goals/${goalA}`, { token: operator })).status).toBe(200);
    const other = await api.request('GET', `/goals/${goalB}`, { token: operator });
    expect(other.status).toBe(404);
    expect((await json(other)).code).toBe('not_found');
    expect((await api.request('POST', `/goals/${goalB}/cancel`, { token: operator })).status).toBe(404);

    const tasks = await json(await api.request('GET', '/tasks', { token: operator }));
    const taskIds = tasks.items.map((t: { id: string }) => t.id);
    expect(taskIds).toContain(taskA);
    expect(taskIds).not.toContain(taskB);
    expect((await api.request('GET', `/tasks/${taskA}`, { token: operator })).status).toBe(200);
    expect((await api.request('GET', `/tasks/${taskB}`, { token: operator })).status).toBe(404);
    expect((await api.request('GET', `/tasks/${taskB}/logs`, { token: operator })).status).toBe(404);
    expect((await api.request('POST', `/tasks/${taskB}/pause`, { token: operator })).status).toBe(404);
    const filtered = await json(await api.request('GET', `/tasks?teamId=${teamB}`, { token: operator }));
    expect(filtered.items).toEqual([]);

    expect((await api.request('POST', '/goals', { token: operator, body: { goal: 'for B', teamId: teamB } })).status).toBe(404);
    expect((await api.request('POST', '/goals', { token: operator, body: { goal: 'no team' } })).status).toBe(422);
    const teams = await json(await api.request('GET', '/teams', { token: operator }));
    expect(teams.items.map((t: { id: string }) => t.id)).not.toContain(teamB);
    expect(teams.items.map((t: { id: string }) => t.id)).toContain(teamA);

    // The admin is not scoped.
    const all = await json(await api.request('GET', '/goals'));
    expect(all.items.map((g: { id: string }) => g.id)).toEqual(expect.arrayContaining([goalA, goalB]));
  });

  test('an API key works as a bearer with its own role and teams, records its use, and stops after revocation', async () => {
    const res = await post('/api-keys', { name: 'ci-key', role: 'operator', teamIds: [teamA] });
    const key = await created(res);
    expect(key.key).toMatch(/^ak_[0-9a-f]{12}_/);
    expect(key).toMatchObject({ name: 'ci-key', role: 'operator', teamIds: [teamA], revokedAt: null, lastUsedAt: null });

    const goals = await json(await api.request('GET', '/goals', { token: key.key }));
    expect(goals.items.map((g: { id: string }) => g.id)).toContain(goalA);
    expect(goals.items.map((g: { id: string }) => g.id)).not.toContain(goalB);
    expect((await api.request('GET', `/goals/${goalB}`, { token: key.key })).status).toBe(404);
    expect((await api.request('GET', '/users', { token: key.key })).status).toBe(403);

    const listText = await (await api.request('GET', '/api-keys')).text();
    expect(listText).not.toContain(key.key);
    expect(listText).not.toContain(key.key.split('_')[2]);
    const listed = JSON.parse(listText).items.find((k: { id: string }) => k.id === key.id);
    expect(listed.lastUsedAt).not.toBeNull();
    expect(listed).not.toHaveProperty('key');
    expect(listed).not.toHaveProperty('secretHash');

    expect((await api.request('DELETE', `/api-keys/${key.id}`)).status).toBe(200);
    const after = await api.request('GET', '/goals', { token: key.key });
    expect(after.status).toBe(401);
    expect((await json(after)).code).toBe('invalid_token');
    expect((await api.request('GET', '/goals', { token: 'ak_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(401);
    expect((await api.request('DELETE', '/api-keys/no-such-key')).status).toBe(404);
  });

  test('users: change role and password, the last admin stays, deletion ends the tokens', async () => {
    const u = await created(await post('/users', { username: 'temp-user', password: PASSWORD, role: 'viewer' }));
    const token = await login('temp-user', PASSWORD);
    const changed = await api.request('PATCH', `/users/${u.id}`, { body: { role: 'operator', password: 'new-password-22', teamIds: [teamB] } });
    expect(await json(changed)).toMatchObject({ role: 'operator', teamIds: [teamB] });
    await login('temp-user', 'new-password-22');
    expect((await api.request('PATCH', '/users/nope', { body: { role: 'viewer' } })).status).toBe(404);
    expect((await api.request('PATCH', `/users/${u.id}`, { body: { teamIds: ['no-such-team'] } })).status).toBe(404);
    const usersText = await (await api.request('GET', '/users')).text();
    expect(usersText).not.toMatch(/argon2|passwordHash|password/);
    const users = JSON.parse(usersText);
    const admin = users.items.find((x: { username: string }) => x.username === 'admin');
    expect((await api.request('PATCH', `/users/${admin.id}`, { body: { role: 'viewer' } })).status).toBe(409);
    expect((await api.request('DELETE', `/users/${admin.id}`)).status).toBe(409);
    expect((await api.request('DELETE', `/users/${u.id}`)).status).toBe(200);
    expect((await api.request('GET', '/goals', { token })).status).toBe(401);
  });

  test('the audit log records logins, keys and user changes with secrets redacted', async () => {
    expect((await api.request('POST', '/login', { token: null, body: { username: 'op-a', password: 'wrong-password' } })).status).toBe(401);
    const res = await api.request('GET', '/audit-logs?limit=200');
    const text = await res.text();
    const actions = JSON.parse(text).items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['login.succeeded', 'login.failed', 'api_key.created', 'api_key.revoked', 'user.created', 'user.updated', 'user.deleted']));
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('new-password-22');
    expect(text).toContain('[redacted]');
    const failed = await json(await api.request('GET', '/audit-logs?action=login.failed'));
    expect(failed.items[0]).toMatchObject({ action: 'login.failed', actorName: 'op-a', actorId: null });
  });
});
