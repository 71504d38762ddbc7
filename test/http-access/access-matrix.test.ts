/**
 * Who may call what, for EVERY mounted route: the cases are generated from the same route objects the
 * app mounts and the OpenAPI document describes (api/routes.ts), so a route added later is covered
 * without touching this file. Against a real app (PGlite, Temporal dev server):
 * - every non-public route → 401 without a token, with each kind of bad token (forged, expired,
 *   revoked, of a deleted user) and with a valid worker token (good for its heartbeat only);
 * - a viewer (login or API key) → 403 on every write and on the admin-only groups;
 * - an operator (login or API key) → 403 on the admin-only groups and on writes outside its own
 *   goals, tasks and triggers; and is let through (neither 401 nor 403) everywhere else.
 * The expected policy below is written out from the contract, not read from the routes' `roles`, so
 * a route that forgets its guard fails here.
 */
import { allRoutes } from '../../api/routes';
import { loadJose } from '../../api/auth/jose-loader';
import type { AnyRoute } from '../../api/http/route';
import { json, startTestApi, type TestApi } from '../../api/test-support/test-api';

const JWT_SECRET = 'access-matrix-test-secret-of-at-least-32-chars';
const REGISTRATION_TOKEN = 'access-matrix-registration-token';

/** The contract's open endpoints, plus the credential exchanges and the API's own description. */
const EXPECTED_PUBLIC = [
  'GET /health', 'GET /ready', 'GET /metrics', // contract: open for probes and scrapers
  'POST /login', 'POST /login/refresh', 'POST /logout', // the password or refresh token is the credential
  'POST /register', // the worker registration token is the credential
  'GET /openapi.json', 'GET /docs', // the description of the API, no data
];
/** Admin-only groups: every route under them, reads included (contract: users, keys, audit). */
const ADMIN_ONLY_GROUPS = [/^\/users(\/|$)/, /^\/api-keys(\/|$)/, /^\/audit-logs(\/|$)/];
/** What an operator may change: its teams' goals, tasks (with their autopilot and planner) and triggers. */
const OPERATOR_WRITES = /^\/(goals|tasks|triggers)(\/|$)/;
/**
 * Admin-only inside the operator's groups: bulk configuration replaces every source's default trigger;
 * the auto-planner's settings apply to every team's new goals and tasks.
 */
const ADMIN_ONLY_ROUTES = new Set(['POST /triggers/configure', 'POST /tasks/auto-planner/configure']);
/** Only a worker's own token (wt_…) may call these; every user principal is refused. */
const WORKER_ONLY_ROUTES = new Set(['POST /workers/:id/heartbeat']);

const name = (r: Pick<AnyRoute, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;
const isWrite = (r: AnyRoute) => r.method !== 'get';
const routes = allRoutes('access-matrix');
const protectedRoutes = routes.filter((r) => !r.public);

type Role = 'viewer' | 'operator';
function expectedFor(role: Role, r: AnyRoute): 'forbidden' | 'allowed' {
  if (WORKER_ONLY_ROUTES.has(name(r))) return 'forbidden';
  if (ADMIN_ONLY_GROUPS.some((g) => g.test(r.path))) return 'forbidden';
  if (!isWrite(r)) return 'allowed';
  if (role === 'viewer') return 'forbidden';
  return OPERATOR_WRITES.test(r.path) && !ADMIN_ONLY_ROUTES.has(name(r)) ? 'allowed' : 'forbidden';
}

/** Params become ids that exist nowhere; bodies are empty (guards answer before validation). */
const concretePath = (path: string) => path.replace(/:(\w+)/g, 'no-such-$1');

let api: TestApi;
const tokens: Record<string, string> = {};
const spentTokens: Record<string, string> = {};
let workerToken: string;
let teamA: string;

function call(r: AnyRoute, token: string | null, signal?: AbortSignal): Promise<Response> {
  return fetch(api.url + concretePath(r.path), {
    method: r.method.toUpperCase(),
    headers: { ...(token !== null ? { authorization: `Bearer ${token}` } : {}), ...(isWrite(r) ? { 'content-type': 'application/json' } : {}) },
    body: isWrite(r) ? '{}' : undefined,
    signal,
  });
}

/** Status (and code) of one call; an event stream that opened is cancelled at once. */
async function statusOf(r: AnyRoute, token: string | null): Promise<{ status: number; code?: string }> {
  const controller = new AbortController();
  const res = await call(r, token, controller.signal);
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('text/event-stream')) {
    controller.abort();
    return { status: res.status };
  }
  const text = await res.text();
  try {
    return { status: res.status, code: (JSON.parse(text) as { code?: string }).code };
  } catch {
    return { status: res.status };
  }
}

beforeAll(async () => {
  api = await startTestApi({ env: { ANANTA_TASK_QUEUE_PREFIX: 'access-matrix-test', ANANTA_JWT_SECRET: JWT_SECRET, ANANTA_REGISTRATION_TOKEN: REGISTRATION_TOKEN }, options: { queryTimeoutMs: 300 } });
  const post = async (path: string, body: unknown) => {
    const res = await api.request('POST', path, { body });
    const out = await json(res);
    if (res.status >= 300) throw new Error(`${path} → ${res.status} ${JSON.stringify(out)}`);
    return out;
  };
  teamA = (await post('/teams', { name: 'matrix-A' })).id;
  const login = async (username: string) => (await json(await api.request('POST', '/login', { token: null, body: { username, password: 'matrix-password' } }))).accessToken as string;
  await post('/users', { username: 'matrix-viewer', password: 'matrix-password', role: 'viewer' });
  await post('/users', { username: 'matrix-operator', password: 'matrix-password', role: 'operator', teamIds: [teamA] });
  tokens['viewer (login)'] = await login('matrix-viewer');
  tokens['operator (login)'] = await login('matrix-operator');
  tokens['viewer (API key)'] = (await post('/api-keys', { name: 'matrix viewer key', role: 'viewer' })).key;
  tokens['operator (API key)'] = (await post('/api-keys', { name: 'matrix operator key', role: 'operator', teamIds: [teamA] })).key;
  for (const t of Object.values(tokens)) expect(t).toEqual(expect.any(String));

  // Credentials that were good once, or are good for something else only.
  const revoked = await post('/api-keys', { name: 'matrix revoked key', role: 'admin' });
  expect((await api.request('DELETE', `/api-keys/${revoked.id}`)).status).toBe(200);
  spentTokens['revoked API key (admin)'] = revoked.key;
  const gone = await post('/users', { username: 'matrix-deleted', password: 'matrix-password', role: 'admin' });
  spentTokens['JWT of a deleted user'] = await login('matrix-deleted');
  expect((await api.request('DELETE', `/users/${gone.id}`)).status).toBe(200);
  const registered = await api.request('POST', '/register', { token: REGISTRATION_TOKEN, body: { name: 'matrix-worker' } });
  expect(registered.status).toBe(201);
  workerToken = (await json(registered)).token;
});
afterAll(async () => api?.close());

test('the public routes are exactly the expected ones (health, ready, metrics, credential exchanges, API docs)', () => {
  expect(routes.filter((r) => r.public).map(name).sort()).toEqual([...EXPECTED_PUBLIC].sort());
});

test('the public probes answer without a token', async () => {
  for (const path of ['/health', '/metrics', '/openapi.json']) {
    const res = await fetch(api.url + path);
    expect([path, res.status]).toEqual([path, 200]);
  }
});

/** Bad bearer tokens of every kind the server tells apart. */
async function badTokens(): Promise<Record<string, string>> {
  const { SignJWT } = loadJose();
  const claims = { username: 'admin', role: 'admin' };
  const sign = (secret: string, exp: string | number) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('ananta').setAudience('ananta-api').setIssuedAt(0).setExpirationTime(exp).sign(new TextEncoder().encode(secret));
  const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, sub: 'x', iss: 'ananta', aud: 'ananta-api' })).toString('base64url')}.`;
  return {
    garbage: 'not-a-token',
    'JWT signed with another secret': await sign('another-secret-another-secret-another-secret', '1h'),
    'expired JWT (right secret)': await sign(JWT_SECRET, 1),
    'unsigned JWT (alg none)': unsigned,
    'unknown API key': 'ak_nosuchkey_0000000000000000000000000000',
    'unknown worker token': 'wt_nosuchtoken',
  };
}

describe.each(protectedRoutes.map((r) => [name(r), r] as const))('%s', (_label, route) => {
  test('401 without a token and with bad tokens', async () => {
    const none = await statusOf(route, null);
    expect(['no token', none.status]).toEqual(['no token', 401]);
    for (const [kind, token] of Object.entries({ ...(await badTokens()), ...spentTokens })) {
      const res = await statusOf(route, token);
      expect([kind, res.status]).toEqual([kind, 401]);
    }
  });

  if (!WORKER_ONLY_ROUTES.has(name(route))) {
    test('401 with a valid worker token (it opens its heartbeat and nothing else)', async () => {
      expect((await statusOf(route, workerToken)).status).toBe(401);
    });
  }

  test.each(['viewer (login)', 'viewer (API key)', 'operator (login)', 'operator (API key)'])('as %s', async (who) => {
    const role: Role = who.startsWith('viewer') ? 'viewer' : 'operator';
    const expected = expectedFor(role, route);
    const res = await statusOf(route, tokens[who]!);
    if (expected === 'forbidden') expect([who, res.status, res.code]).toEqual([who, 403, 'forbidden']);
    else expect([who, [401, 403].includes(res.status)]).toEqual([who, false]);
  });
});
