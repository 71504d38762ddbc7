/** The HTTP basics every route relies on: auth, problems, request ids, validation, docs, metrics. */
import { createUser } from '../db/queries/users';
import { hashPassword } from './auth/passwords';
import { json, startTestApi, type TestApi } from './test-support/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({
    env: { ANANTA_TASK_QUEUE_PREFIX: `app-test-${process.pid}` },
    options: { loginRateLimit: { windowMs: 60_000, limit: 8 }, queryTimeoutMs: 500, updateTimeoutMs: 1000 },
  });
});
afterAll(() => api?.close());

describe('open endpoints', () => {
  test('GET /health answers without a token', async () => {
    const res = await api.request('GET', '/health', { token: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  test('GET /ready checks Temporal and the database', async () => {
    const res = await api.request('GET', '/ready', { token: null });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { checks: Record<string, { ok: boolean }> };
    expect(body.checks.temporal!.ok).toBe(true);
    expect(body.checks.database!.ok).toBe(true);
  });

  test('GET /metrics exposes Prometheus text with the request counter', async () => {
    await api.request('GET', '/health', { token: null });
    const res = await api.request('GET', '/metrics', { token: null });
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('ananta_http_requests_total{method="GET",route="/health",status="200"}');
    expect(text).toContain('ananta_api_process_cpu_user_seconds_total');
  });

  test('GET /docs is an HTML page pointing at openapi.json', async () => {
    const res = await api.request('GET', '/docs', { token: null });
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('openapi.json');
  });
});

describe('authentication', () => {
  test.each(['/goals', '/tasks', '/usage?groupBy=day', '/nope'])('GET %s without a token → 401 problem', async (path) => {
    const res = await api.request('GET', path, { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toMatchObject({ status: 401, code: 'unauthorized', title: 'Unauthorized' });
  });

  test('a forged token is refused', async () => {
    const res = await api.request('GET', '/goals', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' });
    expect(res.status).toBe(401);
    expect((await json(res)).code).toBe('invalid_token');
  });

  test('login returns a bearer token that opens protected routes', async () => {
    const res = await api.request('POST', '/login', { token: null, body: { username: 'admin', password: 'test-admin-password' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; tokenType: string; expiresIn: number };
    expect(body.tokenType).toBe('Bearer');
    expect(body.expiresIn).toBe(api.config.env.ANANTA_TOKEN_TTL_SECONDS);
    const goals = await api.request('GET', '/goals', { token: body.accessToken });
    expect(goals.status).toBe(200);
  });

  test('wrong password and unknown user get the same 401 invalid_credentials', async () => {
    for (const username of ['admin', 'nobody']) {
      const res = await api.request('POST', '/login', { token: null, body: { username, password: 'wrong-password' } });
      expect(res.status).toBe(401);
      const problem = await res.json();
      expect(problem).toMatchObject({ code: 'invalid_credentials', detail: 'Invalid username or password' });
    }
  });

  test('a viewer may read but not write', async () => {
    await createUser(api.database.db, { username: 'vera', passwordHash: await hashPassword('viewer-password'), role: 'viewer' });
    const login = await api.request('POST', '/login', { token: null, body: { username: 'vera', password: 'viewer-password' } });
    const { accessToken } = (await login.json()) as { accessToken: string };
    expect((await api.request('GET', '/goals', { token: accessToken })).status).toBe(200);
    const res = await api.request('POST', '/goals', { token: accessToken, body: { goal: 'x' } });
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe('forbidden');
  });
});

describe('problems and request ids', () => {
  test('X-Request-Id is echoed, or generated when absent', async () => {
    const echoed = await api.request('GET', '/health', { token: null, headers: { 'x-request-id': 'req-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('req-123');
    const generated = await api.request('GET', '/health', { token: null });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('an unknown route is a 404 problem carrying the request id', async () => {
    const res = await api.request('GET', '/nope', { headers: { 'x-request-id': 'abc' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'not_found', requestId: 'abc', instance: '/nope' });
  });

  test('malformed JSON → 400 invalid_json', async () => {
    const res = await api.request('POST', '/login', { token: null, body: '{"username":' });
    expect(res.status).toBe(400);
    expect((await json(res)).code).toBe('invalid_json');
  });

  test('validation failures → 422 with errors[path, message]', async () => {
    const res = await api.request('POST', '/login', { token: null, body: { username: '', extra: 1 } });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: Array<{ path: string; message: string }> };
    expect(problem.code).toBe('validation_failed');
    const paths = problem.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.password']));
    expect(problem.errors.every((e) => typeof e.message === 'string')).toBe(true);
  });

  test('login is rate-limited with a 429 problem and Retry-After', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await api.request('POST', '/login', { token: null, body: { username: 'x', password: 'y' } });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json(last!)).code).toBe('rate_limited');
  });
});

describe('without a worker', () => {
  test('a goal is accepted and read from the store; an Update answers 504 instead of hanging', async () => {
    const created = await json(await api.request('POST', '/goals', { body: { goal: 'List the files' } }));
    expect(created.status).toBe('planning');
    const goal = await json(await api.request('GET', `/goals/${created.id}`));
    expect(goal).toMatchObject({ id: created.id, status: 'planning', live: false, subtasks: [] });
    const started = Date.now();
    const paused = await api.request('POST', `/goals/${created.id}/pause`);
    expect(paused.status).toBe(504);
    expect((await json(paused)).code).toBe('workflow_unresponsive');
    expect(Date.now() - started).toBeLessThan(10_000);
    const cancelled = await api.request('POST', `/goals/${created.id}/cancel`);
    expect(cancelled.status).toBe(200);
  });
});

describe('OpenAPI', () => {
  test('openapi.json describes every mounted route with bearer security and problem responses', async () => {
    const res = await api.request('GET', '/openapi.json', { token: null });
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; security: unknown[]; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Problem).toBeDefined();
    const { allRoutes } = await import('./routes');
    for (const route of allRoutes('test')) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
      expect(op?.operationId).toBe(route.operationId);
      expect(op!.responses['500']).toBeDefined();
      if (!route.public) expect(op!.security).toEqual([{ bearerAuth: [] }]);
    }
    expect(doc.paths['/login']!.post!.security).toEqual([]);
  });
});
