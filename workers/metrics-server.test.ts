/** The metrics server of a separate worker process: its registry at GET /metrics, nothing else. */
import { Counter, Registry } from 'prom-client';
import { loadConfig } from '../core/config';
import { serveMetrics, type MetricsServer } from './metrics-server';

let server: MetricsServer | undefined;
afterEach(async () => server?.close());

test('serves the registry at GET /metrics and 404 elsewhere', async () => {
  const registry = new Registry();
  new Counter({ name: 'ananta_test_calls_total', help: 'test', registers: [registry] }).inc(2);
  server = await serveMetrics(0, registry, '127.0.0.1');
  const res = await fetch(`http://127.0.0.1:${server.port}/metrics?x=1`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  expect(await res.text()).toMatch(/^ananta_test_calls_total 2$/m);
  expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
  expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST' })).status).toBe(404);
});

test('the worker settings come from the one config module', () => {
  const env = loadConfig({
    ANANTA_WORKER_METRICS_PORT: '9464', ANANTA_HUB_URL: 'http://hub:8080', ANANTA_WORKER_NAME: 'gpu-1', ANANTA_WORKER_CAPABILITIES: 'gpu, docker,,gpu,repo:web',
  }).env;
  expect(env).toMatchObject({ ANANTA_WORKER_METRICS_PORT: 9464, ANANTA_HUB_URL: 'http://hub:8080', ANANTA_WORKER_NAME: 'gpu-1', ANANTA_WORKER_CAPABILITIES: ['gpu', 'docker', 'repo:web'] });
  expect(loadConfig({ ANANTA_WORKER_METRICS_PORT: '' }).env.ANANTA_WORKER_METRICS_PORT).toBeUndefined();
  expect(loadConfig({}).env.ANANTA_WORKER_CAPABILITIES).toEqual([]);
  expect(() => loadConfig({ ANANTA_WORKER_METRICS_PORT: '70000' })).toThrow(/ANANTA_WORKER_METRICS_PORT/);
  expect(() => loadConfig({ ANANTA_WORKER_NAME: 'has space' })).toThrow(/ANANTA_WORKER_NAME/);
});
