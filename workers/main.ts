/**
 * Worker entry point: `npm run worker -- --queues workflows,llm,exec`. Scaled deployments run one
 * process per pool; `npm start` runs all three in one process. With ANANTA_HUB_URL and
 * ANANTA_REGISTRATION_TOKEN set, a worker that runs commands registers with the hub as
 * ANANTA_WORKER_NAME (default: the host name) with ANANTA_WORKER_CAPABILITIES, polls its own task queue
 * besides the shared one, and heartbeats its load. With ANANTA_WORKER_METRICS_PORT set, it serves its
 * Prometheus metrics on that port at /metrics.
 */
import os from 'node:os';
import { Command } from 'commander';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { loadConfig, type AppConfig } from '../core/config';
import { QUEUE_ROLES, type QueueRole } from '../core/task-queues';
import { openDatabase } from '../db/client';
import { createWorkerPools, type WorkerPools } from './create-workers';
import { createHubClient } from './hub-client';
import { providerFromConfig } from './llm-provider';
import { serveMetrics } from './metrics-server';
import { keepRegistered, type KeptRegistration } from './registration';

/** Registers with the hub when this process runs commands and a hub is configured; undefined otherwise. */
async function registerIfConfigured(config: AppConfig, queues: QueueRole[], log: pino.Logger, pools: () => WorkerPools | undefined): Promise<KeptRegistration | undefined> {
  const { env } = config;
  if (!queues.includes('exec') || !env.ANANTA_HUB_URL) return undefined;
  if (!env.ANANTA_REGISTRATION_TOKEN) throw new Error('ANANTA_HUB_URL is set but ANANTA_REGISTRATION_TOKEN is not: the worker cannot register');
  return keepRegistered({
    hub: createHubClient({ hubUrl: env.ANANTA_HUB_URL, registrationToken: env.ANANTA_REGISTRATION_TOKEN }),
    request: { name: env.ANANTA_WORKER_NAME ?? os.hostname(), capabilities: env.ANANTA_WORKER_CAPABILITIES, maxConcurrency: env.ANANTA_EXEC_MAX_CONCURRENT },
    heartbeatSeconds: env.ANANTA_WORKER_HEARTBEAT_SECONDS,
    load: () => pools()?.load() ?? 0,
    log,
  });
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
  const port = config.env.ANANTA_WORKER_METRICS_PORT;
  const metricsServer = port === undefined ? undefined : await serveMetrics(port);
  let pools: WorkerPools | undefined;
  let registration: KeptRegistration | undefined;
  try {
    registration = await registerIfConfigured(config, queues as QueueRole[], log, () => pools);
    const registered = registration && { name: registration.current().name, taskQueue: registration.current().taskQueue };
    pools = await createWorkerPools({ config, queues: queues as QueueRole[], connection, db: database.db, provider: providerFromConfig(config), registered });
    log.info({ queues: pools.workers.map((w) => w.options.taskQueue), metricsPort: metricsServer?.port }, 'workers polling');
    await pools.run();
  } finally {
    registration?.stop();
    await metricsServer?.close();
    await connection.close();
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
