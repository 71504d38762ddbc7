/**
 * A worker in its own process has no API to show its Prometheus metrics (LLM tokens, cost, calls), so
 * with ANANTA_WORKER_METRICS_PORT set it serves prom-client's registry itself, at GET /metrics only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { register, type Registry } from 'prom-client';

export interface MetricsServer {
  /** The port actually bound (0 in the config picks a free one). */
  port: number;
  close(): Promise<void>;
}

export async function serveMetrics(port: number, registry: Registry = register, host = '0.0.0.0'): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
