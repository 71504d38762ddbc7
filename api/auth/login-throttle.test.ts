/**
 * Login throttling per account over HTTP: failures for one username from many addresses lock that
 * account only (429 rate_limited with Retry-After, audited once), a success resets the count, and with
 * REDIS_URL two API instances share the count. Client addresses come from X-Forwarded-For, believed
 * because the test trusts its loopback proxy (as a deployment behind a reverse proxy would).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { json, startTestApi, type TestApi } from '../test-support/test-api';

const PASSWORD = 'throttle-test-password';
const env = { ANANTA_TASK_QUEUE_PREFIX: 'login-throttle-test', ANANTA_TRUSTED_PROXIES: 'loopback' };
// A generous per-address limit, so only the per-account one can answer 429 here.
const options = { loginRateLimit: { windowMs: 60_000, limit: 1000 }, accountLoginRateLimit: { windowMs: 60_000, limit: 3 } };

let ip = 0;
const nextIp = () => `198.51.100.${++ip}`;
const attempt = (api: TestApi, username: string, password: string, from = nextIp()) =>
  api.request('POST', '/login', { token: null, body: { username, password }, headers: { 'x-forwarded-for': from } });

async function createUser(api: TestApi, username: string): Promise<void> {
  const res = await api.request('POST', '/users', { body: { username, password: PASSWORD, role: 'operator' } });
  expect(res.status).toBe(201);
}

describe('one API instance (memory)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env, options });
    for (const name of ['victim', 'bystander', 'resetter']) await createUser(api, name);
  });
  afterAll(async () => api?.close());

  test('failures for one account from many addresses → 429 for that account only, with Retry-After, audited once', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt(api, 'victim', `guess-${i}`)).status).toBe(401);

    const locked = await attempt(api, 'victim', PASSWORD); // even the right password, from a fresh address
    expect(locked.status).toBe(429);
    expect(await json(locked)).toMatchObject({ code: 'rate_limited', status: 429 });
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await attempt(api, 'victim', 'another-guess')).status).toBe(429);

    // Other accounts, from the very addresses used above, are not affected.
    expect((await attempt(api, 'bystander', PASSWORD, '198.51.100.1')).status).toBe(200);
    expect((await attempt(api, 'bystander', 'wrong', '198.51.100.2')).status).toBe(401);

    const audit = await json(await api.request('GET', '/audit-logs?action=login.throttled'));
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ action: 'login.throttled', actorName: 'victim' });
  });

  test('a successful login resets the account count', async () => {
    expect((await attempt(api, 'resetter', 'wrong-1')).status).toBe(401);
    expect((await attempt(api, 'resetter', 'wrong-2')).status).toBe(401);
    expect((await attempt(api, 'resetter', PASSWORD)).status).toBe(200);
    // Without the reset the next failure would be the 4th attempt in the window → 429.
    for (let i = 0; i < 3; i++) expect((await attempt(api, 'resetter', `wrong-again-${i}`)).status).toBe(401);
    expect((await attempt(api, 'resetter', 'one-too-many')).status).toBe(429);
  });

  test('an unknown username is throttled the same way (no hint that it does not exist)', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt(api, 'nobody-here', `guess-${i}`)).status).toBe(401);
    expect((await attempt(api, 'nobody-here', 'guess')).status).toBe(429);
  });
});

describe('two API instances on one Redis', () => {
  let redis: ChildProcess;
  let apis: TestApi[] = [];

  const freePort = () =>
    new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(port));
      });
    });

  async function waitForPort(port: number): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true))).on('error', () => resolve(false));
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`redis-server did not listen on ${port}`);
  }

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitForPort(port);
    const shared = { ...env, REDIS_URL: `redis://127.0.0.1:${port}` };
    apis = [await startTestApi({ env: shared, options }), await startTestApi({ env: shared, options })];
    for (const api of apis) await createUser(api, 'shared-victim');
  });
  afterAll(async () => {
    for (const api of apis) await api.close();
    redis?.kill('SIGTERM');
  });

  test('failures on one instance count on the other', async () => {
    const [a, b] = apis as [TestApi, TestApi];
    expect((await attempt(a, 'shared-victim', 'guess-1')).status).toBe(401);
    expect((await attempt(b, 'shared-victim', 'guess-2')).status).toBe(401);
    expect((await attempt(a, 'shared-victim', 'guess-3')).status).toBe(401);
    const locked = await attempt(b, 'shared-victim', PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  test('a success on one instance resets the count on the other', async () => {
    const [a, b] = apis as [TestApi, TestApi];
    await createUser(a, 'shared-resetter');
    await createUser(b, 'shared-resetter');
    expect((await attempt(a, 'shared-resetter', 'guess-1')).status).toBe(401);
    expect((await attempt(a, 'shared-resetter', 'guess-2')).status).toBe(401);
    expect((await attempt(b, 'shared-resetter', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await attempt(a, 'shared-resetter', `again-${i}`)).status).toBe(401);
    expect((await attempt(b, 'shared-resetter', 'one-too-many')).status).toBe(429);
  });
});
