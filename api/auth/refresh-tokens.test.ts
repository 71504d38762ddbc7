/**
 * Rotating refresh tokens over HTTP on a real app: login gives a pair, a refresh rotates it, a replayed
 * token revokes its whole login (audited), logout ends the session, and a refresh always carries the
 * user's current role — a demoted user cannot refresh back into admin rights, a deleted one not at all.
 */
import { ADMIN_PASSWORD, json, startTestApi, type TestApi } from '../test-support/test-api';

let api: TestApi;
const PASSWORD = 'refresh-test-password';

beforeAll(async () => {
  api = await startTestApi({ env: { ANANTA_TASK_QUEUE_PREFIX: 'refresh-tokens-test', ANANTA_TOKEN_TTL_SECONDS: '600', ANANTA_REFRESH_TTL_SECONDS: '3600' } });
});
afterAll(async () => api?.close());

type Session = { accessToken: string; tokenType: string; expiresIn: number; refreshToken: string };

const login = async (username: string, password: string): Promise<Session> => {
  const res = await api.request('POST', '/login', { token: null, body: { username, password } });
  expect(res.status).toBe(200);
  return (await json(res)) as Session;
};
const refresh = (refreshToken: string) => api.request('POST', '/login/refresh', { token: null, body: { refreshToken } });
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
const me = (token: string) => api.request('GET', '/goals?limit=1', { token });

async function createUser(username: string, role: string, teamIds: string[] = []): Promise<string> {
  const res = await api.request('POST', '/users', { body: { username, password: PASSWORD, role, teamIds } });
  expect(res.status).toBe(201);
  return (await json(res)).id;
}

test('login returns the fixed shape; a refresh rotates to a new working pair', async () => {
  const first = await login('admin', ADMIN_PASSWORD);
  expect(first).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 600, refreshToken: expect.stringMatching(/^rt_/) });

  const res = await refresh(first.refreshToken);
  expect(res.status).toBe(200);
  const second = (await json(res)) as Session;
  expect(second).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 600, refreshToken: expect.stringMatching(/^rt_/) });
  expect(second.refreshToken).not.toBe(first.refreshToken);
  expect((await me(second.accessToken)).status).toBe(200);
  expect(claims(second.accessToken)).toMatchObject({ username: 'admin', role: 'admin' });

  const third = await refresh(second.refreshToken);
  expect(third.status).toBe(200);
});

test('a reused refresh token → 401 refresh_token_reused and its whole family is revoked, audited', async () => {
  const first = await login('admin', ADMIN_PASSWORD);
  const second = (await json(await refresh(first.refreshToken))) as Session;

  const replay = await refresh(first.refreshToken);
  expect(replay.status).toBe(401);
  expect(await json(replay)).toMatchObject({ code: 'refresh_token_reused' });
  // The legitimate successor is revoked with it: the thief and the owner both have to log in again.
  const successor = await refresh(second.refreshToken);
  expect(successor.status).toBe(401);
  expect(await json(successor)).toMatchObject({ code: 'refresh_token_reused' });

  // Another login of the same user is a different family and keeps working.
  const other = await login('admin', ADMIN_PASSWORD);
  expect((await refresh(other.refreshToken)).status).toBe(200);

  const audit = await json(await api.request('GET', '/audit-logs?action=refresh_token.reused'));
  expect(audit.items.length).toBeGreaterThanOrEqual(1);
  expect(audit.items[0]).toMatchObject({ action: 'refresh_token.reused', actorName: 'admin' });
  expect(JSON.stringify(audit)).not.toContain(first.refreshToken);
});

test('unknown or malformed refresh tokens → 401 invalid_refresh_token; a missing one → 4xx validation', async () => {
  const unknown = await refresh('rt_not-a-token-we-issued');
  expect(unknown.status).toBe(401);
  expect(await json(unknown)).toMatchObject({ code: 'invalid_refresh_token' });
  const access = await login('admin', ADMIN_PASSWORD);
  const wrongKind = await refresh(access.accessToken.slice(0, 200));
  expect([wrongKind.status, (await json(wrongKind)).code]).toEqual([401, 'invalid_refresh_token']);
  const missing = await api.request('POST', '/login/refresh', { token: null, body: {} });
  expect(missing.status).toBeGreaterThanOrEqual(400);
  expect(missing.status).toBeLessThan(500);
});

test('an expired refresh token → 401 invalid_refresh_token', async () => {
  const short = await startTestApi({ env: { ANANTA_TASK_QUEUE_PREFIX: 'refresh-tokens-test-ttl', ANANTA_REFRESH_TTL_SECONDS: '1' } });
  try {
    const res = await short.request('POST', '/login', { token: null, body: { username: 'admin', password: ADMIN_PASSWORD } });
    const session = (await json(res)) as Session;
    await new Promise((r) => setTimeout(r, 1500));
    const expired = await short.request('POST', '/login/refresh', { token: null, body: { refreshToken: session.refreshToken } });
    expect([expired.status, (await json(expired)).code]).toEqual([401, 'invalid_refresh_token']);
  } finally {
    await short.close();
  }
});

test('logout → 204 and revokes the family; logging out again is still 204', async () => {
  const first = await login('admin', ADMIN_PASSWORD);
  const second = (await json(await refresh(first.refreshToken))) as Session;
  const out = await api.request('POST', '/logout', { token: null, body: { refreshToken: second.refreshToken } });
  expect(out.status).toBe(204);
  expect(await out.text()).toBe('');
  const after = await refresh(second.refreshToken);
  expect([after.status, (await json(after)).code]).toEqual([401, 'refresh_token_reused']);
  expect((await api.request('POST', '/logout', { token: null, body: { refreshToken: second.refreshToken } })).status).toBe(204);
  const audit = await json(await api.request('GET', '/audit-logs?action=logout'));
  expect(audit.items[0]).toMatchObject({ action: 'logout', actorName: 'admin' });
});

test('a demoted user refreshes into the current role and teams, never the old one', async () => {
  const team = await json(await api.request('POST', '/teams', { body: { name: 'refresh-team' } }));
  const id = await createUser('refresh-demoted', 'admin');
  const session = await login('refresh-demoted', PASSWORD);
  expect(claims(session.accessToken)).toMatchObject({ role: 'admin', teamIds: [] });

  const patched = await api.request('PATCH', `/users/${id}`, { body: { role: 'viewer', teamIds: [team.id] } });
  expect(patched.status).toBe(200);
  const res = await refresh(session.refreshToken);
  expect(res.status).toBe(200);
  const next = (await json(res)) as Session;
  expect(claims(next.accessToken)).toMatchObject({ username: 'refresh-demoted', role: 'viewer', teamIds: [team.id] });
  expect((await api.request('GET', '/users', { token: next.accessToken })).status).toBe(403);
  expect((await api.request('POST', '/teams', { token: next.accessToken, body: { name: 'nope' } })).status).toBe(403);
});

test('a deleted user cannot refresh; a password change ends the old sessions', async () => {
  const goneId = await createUser('refresh-deleted', 'operator');
  const gone = await login('refresh-deleted', PASSWORD);
  expect((await api.request('DELETE', `/users/${goneId}`)).status).toBe(200);
  const res = await refresh(gone.refreshToken);
  expect([res.status, (await json(res)).code]).toEqual([401, 'invalid_refresh_token']);

  const movedId = await createUser('refresh-password', 'operator');
  const old = await login('refresh-password', PASSWORD);
  expect((await api.request('PATCH', `/users/${movedId}`, { body: { password: 'a-brand-new-password' } })).status).toBe(200);
  const stale = await refresh(old.refreshToken);
  expect(stale.status).toBe(401);
  const fresh = await login('refresh-password', 'a-brand-new-password');
  expect((await refresh(fresh.refreshToken)).status).toBe(200);
});
