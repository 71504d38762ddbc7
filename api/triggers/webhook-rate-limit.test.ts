/**
 * With REDIS_URL the webhook rate limit is shared: two API instances on one Redis count the same
 * client together, so a limit of 2 is reached across them, not per instance, and their refusals fold
 * into one delivery-log row.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { startPlatform, type Platform } from '../../test/support/platform';
import { json } from '../test-support/test-api';
import { signedDelivery, startWebhookApi, type WebhookApi } from './test-support/webhook-api';

let platform: Platform;
let redis: ChildProcess;
let apis: WebhookApi[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
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
  platform = await startPlatform();
  const config = { ...platform.config, env: { ...platform.config.env, REDIS_URL: `redis://127.0.0.1:${port}` } };
  apis = [await startWebhookApi({ ...platform, config }), await startWebhookApi({ ...platform, config })];
});
afterAll(async () => {
  for (const api of apis) await api.close();
  await platform?.close();
  redis?.kill('SIGTERM');
});

test('two API instances share one rate limit through Redis', async () => {
  const [a, b] = apis as [WebhookApi, WebhookApi];
  const trigger = await json(await a.request('POST', '/triggers', {
    body: { source: 'generic', name: 'shared limit', secret: 'redis-secret', rateLimit: { maxRequests: 2, windowSeconds: 60 } },
  }));
  const send = async (api: WebhookApi) => {
    const d = await signedDelivery('generic', 'redis-secret', { goal: 'count me' });
    return api.request('POST', `/triggers/webhook/generic/${trigger.id}`, { token: null, body: d.body, headers: d.headers });
  };
  expect((await send(a)).status).toBe(202);
  expect((await send(b)).status).toBe(202);
  const third = await send(a);
  expect(third.status).toBe(429);
  expect(third.headers.get('retry-after')).toBeTruthy();
  expect((await send(b)).status).toBe(429);
  // Both instances fold their refusals of this client and window into the same log row.
  const log = (await json(await a.request('GET', `/triggers/${trigger.id}/deliveries`))).items as Array<Record<string, unknown>>;
  expect(log.filter((d) => d.outcome === 'rejected')).toEqual([expect.objectContaining({ reason: 'rate_limited', count: 2 })]);
});
