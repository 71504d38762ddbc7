/** The worker registry over HTTP: registration token, re-registration, heartbeats, online/offline, no tokens out. */
import { json, startTestApi, type TestApi } from '../test-support/test-api';

const REGISTRATION = 'registration-token-for-tests';
let api: TestApi;

beforeAll(async () => {
  // A one-second timeout makes "offline" observable with a short wait.
  api = await startTestApi({ env: { ANANTA_REGISTRATION_TOKEN: REGISTRATION, ANANTA_WORKER_OFFLINE_SECONDS: '1' } });
});
afterAll(async () => api?.close());

const register = (body: unknown, token: string | null = REGISTRATION) => api.request('POST', '/register', { token, body });
const listed = async (path = '/agents') => (await json(await api.request('GET', path))).items as Array<Record<string, unknown>>;

test('registration needs the registration token; a user token or none is 401', async () => {
  expect((await register({ name: 'w' }, null)).status).toBe(401);
  expect((await register({ name: 'w' }, 'wrong-token-value')).status).toBe(401);
  expect((await register({ name: 'w' }, await api.adminToken())).status).toBe(401);
  expect((await api.request('GET', '/agents', { token: null })).status).toBe(401);
  expect((await api.request('POST', '/workers/x/heartbeat', { token: null })).status).toBe(401);
});

test('register, heartbeat, list (online, then offline after the timeout); re-registering rotates the token', async () => {
  const res = await register({ name: 'gpu-box', url: 'http://gpu-box:9000', capabilities: ['gpu', 'docker'], maxConcurrency: 2 });
  expect(res.status).toBe(201);
  const first = await json(res);
  expect(first).toMatchObject({ name: 'gpu-box', taskQueue: 'ananta-worker-gpu-box' });
  expect(first.token).toMatch(/^wt_[0-9a-f]{12}_/);

  expect((await listed()).find((w) => w.id === first.id)).toMatchObject({ status: 'online', load: null });
  const beat = await api.request('POST', `/workers/${first.id}/heartbeat`, { token: first.token, body: { load: 2 } });
  expect(beat.status).toBe(200);
  expect(await json(beat)).toMatchObject({ id: first.id, status: 'online', load: 2 });
  expect((await api.request('POST', `/workers/${first.id}/heartbeat`, { token: first.token, body: { load: -1 } })).status).toBe(422);

  for (const path of ['/agents', '/workers']) {
    const text = await (await api.request('GET', path)).text();
    expect(text).not.toContain(first.token);
    expect(text).not.toMatch(/token|hash/i);
    const item = JSON.parse(text).items.find((w: { id: string }) => w.id === first.id);
    expect(item).toMatchObject({ name: 'gpu-box', status: 'online', taskQueue: 'ananta-worker-gpu-box', capabilities: ['gpu', 'docker'], maxConcurrency: 2 });
    expect(typeof item.lastSeen).toBe('string');
  }

  expect((await listed()).find((w) => w.id === first.id)).toMatchObject({ load: 2 });
  await new Promise((r) => setTimeout(r, 1300));
  expect((await listed()).find((w) => w.id === first.id)).toMatchObject({ status: 'offline', load: null });
  await api.request('POST', `/workers/${first.id}/heartbeat`, { token: first.token });
  expect((await listed('/workers')).find((w) => w.id === first.id)).toMatchObject({ status: 'online' });

  const again = await json(await register({ name: 'gpu-box', capabilities: ['gpu'] }));
  expect(again).toMatchObject({ id: first.id, taskQueue: first.taskQueue });
  expect(again.token).not.toBe(first.token);
  expect((await api.request('POST', `/workers/${first.id}/heartbeat`, { token: first.token })).status).toBe(401);
  expect((await api.request('POST', `/workers/${first.id}/heartbeat`, { token: again.token })).status).toBe(200);
  expect((await listed()).filter((w) => w.name === 'gpu-box')).toEqual([expect.objectContaining({ capabilities: ['gpu'] })]);
});

test('a worker token opens its own heartbeat only; users cannot heartbeat', async () => {
  const a = await json(await register({ name: 'worker-a' }));
  const b = await json(await register({ name: 'worker-b' }));
  expect((await api.request('POST', `/workers/${b.id}/heartbeat`, { token: a.token })).status).toBe(404);
  expect((await api.request('GET', '/goals', { token: a.token })).status).toBe(401);
  expect((await api.request('GET', '/agents', { token: a.token })).status).toBe(401);
  expect((await api.request('POST', `/workers/${a.id}/heartbeat`)).status).toBe(403);
  await api.request('POST', '/users', { body: { username: 'w-viewer', password: 'viewer-password', role: 'viewer' } });
  const viewer = (await json(await api.request('POST', '/login', { token: null, body: { username: 'w-viewer', password: 'viewer-password' } }))).accessToken;
  expect((await api.request('POST', `/workers/${a.id}/heartbeat`, { token: viewer })).status).toBe(403);
  expect((await api.request('GET', '/agents', { token: viewer })).status).toBe(200);
});

test('without ANANTA_REGISTRATION_TOKEN registration is disabled (403)', async () => {
  const closed = await startTestApi();
  try {
    const res = await closed.request('POST', '/register', { token: 'anything', body: { name: 'w' } });
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe('registration_disabled');
  } finally {
    await closed.close();
  }
});
