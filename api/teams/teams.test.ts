/** Teams, team types, roles, Scrum setup and templates over HTTP on a real app. */
import { json, startTestApi, type TestApi } from '../test-support/test-api';

let api: TestApi;
let viewer: string;

beforeAll(async () => {
  api = await startTestApi({ env: { ANANTA_TASK_QUEUE_PREFIX: 'hub-teams-test' } });
  expect((await api.request('POST', '/users', { body: { username: 'team-viewer', password: 'viewer-password', role: 'viewer' } })).status).toBe(201);
  const res = await api.request('POST', '/login', { token: null, body: { username: 'team-viewer', password: 'viewer-password' } });
  viewer = (await json(res)).accessToken;
});
afterAll(async () => api?.close());

const req = async (method: string, path: string, body?: unknown, token?: string) => {
  const res = await api.request(method, path, { body, token });
  return { status: res.status, body: await json(res) };
};

test('401 without a token and 403 for a viewer on every write', async () => {
  for (const path of ['/teams', '/teams/types', '/teams/roles', '/templates']) {
    expect((await api.request('GET', path, { token: null })).status).toBe(401);
    expect((await req('GET', path, undefined, viewer)).status).toBe(200);
  }
  for (const [method, path] of [['POST', '/teams'], ['PATCH', '/teams/x'], ['DELETE', '/teams/x'], ['POST', '/teams/x/activate'], ['POST', '/teams/types'],
    ['POST', '/teams/roles'], ['POST', '/teams/types/x/roles'], ['POST', '/teams/setup-scrum'], ['POST', '/templates'], ['PUT', '/templates/x'],
    ['PATCH', '/templates/x'], ['DELETE', '/templates/x']] as const) {
    expect([method, path, (await api.request(method, path, { token: null, body: {} })).status]).toEqual([method, path, 401]);
    expect([method, path, (await req(method, path, {}, viewer)).status]).toEqual([method, path, 403]);
  }
});

test('Scrum and Kanban are there on first use, with their roles; a role outside the type is 400', async () => {
  const types = (await req('GET', '/teams/types')).body.items;
  const scrum = types.find((t: { name: string }) => t.name === 'Scrum');
  expect(types.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['Scrum', 'Kanban']));
  expect(scrum.roles.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['Product Owner', 'Scrum Master', 'Developer']));
  expect((await req('GET', '/teams/types')).body.items).toHaveLength(types.length); // seeded once

  const role = await req('POST', '/teams/roles', { name: 'Security Reviewer' });
  expect(role.status).toBe(201);
  const admin = (await req('GET', '/users')).body.items.find((u: { username: string }) => u.username === 'admin');
  const refused = await req('POST', '/teams', { name: 'sec', typeId: scrum.id, members: [{ userId: admin.id, roleId: role.body.id }] });
  expect(refused.status).toBe(400);
  expect(refused.body.code).toBe('role_not_allowed');

  expect((await req('POST', `/teams/types/${scrum.id}/roles`, { roleId: role.body.id })).status).toBe(201);
  const team = await req('POST', '/teams', { name: 'sec', typeId: scrum.id, members: [{ userId: admin.id, roleId: role.body.id }] });
  expect(team.status).toBe(201);
  expect(team.body).toMatchObject({ name: 'sec', typeId: scrum.id, isActive: false, members: [{ userId: admin.id, roleId: role.body.id }] });
  const roles = (await req('GET', `/teams/types/${scrum.id}/roles`)).body.items.map((r: { name: string }) => r.name);
  expect(roles).toContain('Security Reviewer');

  const custom = await req('POST', '/teams/types', { name: 'Ops', roleIds: [role.body.id] });
  expect(custom.status).toBe(201);
  expect(custom.body.roles.map((r: { id: string }) => r.id)).toEqual([role.body.id]);

  for (const [method, path, body] of [['GET', '/teams/types/nope/roles'], ['POST', '/teams/types/nope/roles', { roleId: role.body.id }],
    ['POST', '/teams', { name: 'x', typeId: 'nope' }], ['PATCH', '/teams/nope', { name: 'y' }], ['DELETE', '/teams/nope'], ['POST', '/teams/nope/activate'],
    ['POST', '/teams', { name: 'z', members: [{ userId: 'nope' }] }]] as const) {
    expect([method, path, (await req(method, path, body)).status]).toEqual([method, path, 404]);
  }
});

test('teams: patch, exclusive activation, delete', async () => {
  const a = (await req('POST', '/teams', { name: 'act-a' })).body;
  const b = (await req('POST', '/teams', { name: 'act-b' })).body;
  expect((await req('PATCH', `/teams/${a.id}`, { description: 'first' })).body).toMatchObject({ id: a.id, description: 'first' });
  expect((await req('POST', `/teams/${a.id}/activate`)).body.isActive).toBe(true);
  expect((await req('POST', `/teams/${b.id}/activate`)).body.isActive).toBe(true);
  const teams = (await req('GET', '/teams?limit=200')).body.items;
  expect(teams.filter((t: { isActive: boolean }) => t.isActive).map((t: { id: string }) => t.id)).toEqual([b.id]);
  expect((await req('POST', '/teams', { name: 'act-a' })).status).toBe(409);
  expect((await req('DELETE', `/teams/${a.id}`)).body).toEqual({ id: a.id, deleted: true });
  expect((await req('DELETE', `/teams/${a.id}`)).status).toBe(404);
});

test('setup-scrum creates a Scrum team and its backlog as todo manual tasks of that team', async () => {
  const res = await req('POST', '/teams/setup-scrum', { name: 'Scrum one', backlog: [{ title: 'Login page', priority: 'high' }, { title: 'Logout' }] });
  expect(res.status).toBe(201);
  const scrumType = (await req('GET', '/teams/types')).body.items.find((t: { name: string }) => t.name === 'Scrum');
  expect(res.body.team).toMatchObject({ name: 'Scrum one', typeId: scrumType.id });
  expect(res.body.taskIds).toHaveLength(2);
  const tasks = (await req('GET', `/tasks?teamId=${res.body.team.id}`)).body.items;
  expect(tasks).toHaveLength(2);
  for (const t of tasks) expect(t).toMatchObject({ status: 'todo', origin: 'manual', teamId: res.body.team.id, goalId: res.body.goalId });
  expect(tasks.map((t: { title: string }) => t.title).sort()).toEqual(['Login page', 'Logout']);
  expect((await req('GET', `/tasks/${res.body.taskIds[0]}`)).body).toMatchObject({ title: 'Login page', priority: 'high', status: 'todo' });

  const starter = await req('POST', '/teams/setup-scrum', { name: 'Scrum two' });
  expect(starter.body.taskIds.length).toBeGreaterThan(0);
});

test('templates: unknown variables are warnings; PUT, PATCH; delete clears and reports references', async () => {
  const ok = await req('POST', '/templates', { name: 'plain', body: 'Do {{goal}} for {{team}} as {{ role }}' });
  expect(ok.status).toBe(201);
  expect(ok.body.warnings).toEqual([]);
  const warned = await req('POST', '/templates', { name: 'odd', body: 'Fix {{issue}} in {{repo}} for {{goal}}', variables: ['repo'] });
  expect(warned.status).toBe(201);
  expect(warned.body.warnings).toEqual([{ type: 'unknown_variables', variables: ['issue'] }]);

  const patched = await req('PATCH', `/templates/${warned.body.id}`, { variables: ['repo', 'issue'] });
  expect(patched.body).toMatchObject({ name: 'odd', warnings: [] });
  const put = await req('PUT', `/templates/${warned.body.id}`, { name: 'odd2', body: '{{nope}}' });
  expect(put.body).toMatchObject({ name: 'odd2', variables: [], warnings: [{ type: 'unknown_variables', variables: ['nope'] }] });
  expect((await req('PATCH', '/templates/nope', { name: 'x' })).status).toBe(404);

  const team = (await req('POST', '/teams', { name: 'tpl-team', templateId: ok.body.id })).body;
  const role = (await req('POST', '/teams/roles', { name: 'Writer', templateId: ok.body.id })).body;
  const kanban = (await req('GET', '/teams/types')).body.items.find((t: { name: string }) => t.name === 'Kanban');
  await req('POST', `/teams/types/${kanban.id}/roles`, { roleId: role.id, templateId: ok.body.id });
  const deleted = await req('DELETE', `/templates/${ok.body.id}`);
  expect(deleted.status).toBe(200);
  expect(deleted.body).toEqual({ id: ok.body.id, deleted: true, cleared: { teams: [team.id], roles: [role.id], teamTypeRoles: [{ teamTypeId: kanban.id, roleId: role.id }], triggers: [] } });
  expect((await req('GET', '/teams?limit=200')).body.items.find((t: { id: string }) => t.id === team.id).templateId).toBeNull();
  expect((await req('DELETE', `/templates/${ok.body.id}`)).status).toBe(404);
  expect((await req('POST', '/teams', { name: 'bad-tpl', templateId: ok.body.id })).status).toBe(404);
});
