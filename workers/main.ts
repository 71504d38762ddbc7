/**
 * Worker entry point: `npm run worker -- --queues workflows,llm,exec`. Scaled deployments run one
 * process per pool; `npm start` runs all three in one process. With ANANTA_WORKER_METRICS_PORT set, the
 * worker serves its Prometheus metrics (LLM tokens, cost, calls) on that port at /metrics, since a
 * worker in its own process has no API to show them.
 */
import http from 'node:http';
import { Command } from 'commander';
import { register } from 'prom-client';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { loadConfig } from '../core/config';
import { QUEUE_ROLES, type QueueRole } from '../core/task-queues';
import { openDatabase } from '../db/client';
import { createWorkerPools } from './create-workers';
import { providerFromConfig } from './llm-provider';

/** prom-client's default registry (where the LLM pool counts) over HTTP; undefined when no port is set. */
function serveMetrics(portText: string | undefined): http.Server | undefined {
  if (!portText) return undefined;
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`ANANTA_WORKER_METRICS_PORT must be a port number, got "${portText}"`);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    register.metrics().then(
      (text) => res.writeHead(200, { 'content-type': register.contentType }).end(text),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
  server.listen(port);
  return server;
}

async function main(): Promise<void> {
  const opts = new Command()
    .option('--queues <list>', `comma-separated pools: ${QUEUE_ROLES.join(',')}`, QUEUE_ROLES.join(','))
    .parse()
    .opts<{ queues: string }>();
  const queues = opts.queues.split(',').map((q) => q.trim()).filter(Boolean);
  const unknown = queues.filter((q) => !QUEUE_ROLES.includes(q as QueueRole));
  if (unknown.length > 0) throw new Error(`unknown queue(s) ${unknown.join(', ')}; expected ${QUEUE_ROLES.join(', ')}`);

  const config = loadConfig();
  const log = pino({ level: config.env.LOG_LEVEL });
  const database = await openDatabase({ databaseUrl: config.env.DATABASE_URL, pgliteDir: config.pgliteDir });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const metricsServer = serveMetrics(process.env.ANANTA_WORKER_METRICS_PORT);
  try {
    const pools = await createWorkerPools({ config, queues: queues as QueueRole[], connection, db: database.db, provider: providerFromConfig(config) });
    log.info({ queues: queues.map((q) => config.taskQueues[q as QueueRole]) }, 'workers polling');
    await pools.run();
  } finally {
    metricsServer?.close();
    await connection.close();
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
