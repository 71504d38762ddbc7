/**
 * Worker entry point: `npm run worker -- --queues workflows,llm,exec`. Scaled deployments run one
 * process per pool; `npm start` runs all three in one process.
 */
import { Command } from 'commander';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { loadConfig } from '../core/config';
import { QUEUE_ROLES, type QueueRole } from '../core/task-queues';
import { openDatabase } from '../db/client';
import { createWorkerPools } from './create-workers';
import { providerFromConfig } from './llm-provider';

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
  try {
    const pools = await createWorkerPools({ config, queues: queues as QueueRole[], connection, db: database.db, provider: providerFromConfig(config) });
    log.info({ queues: queues.map((q) => config.taskQueues[q as QueueRole]) }, 'workers polling');
    await pools.run();
  } finally {
    await connection.close();
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
