/**
 * API entry point: config → database → Temporal (retrying until it answers, since in development it
 * starts alongside us) → first admin → HTTP. `startApi` is also what the dev launcher calls; it may
 * hand in an already-open database (PGlite allows one process-wide handle) or Temporal client.
 */
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { loadConfig, type AppConfig } from '../core/config';
import { openDatabase, type Db } from '../db/client';
import { createApp } from './app';
import { bootstrapAdmin } from './auth/bootstrap-admin';
import { startDeliveryRecovery } from './triggers/delivery-start';
import type { ApiOptions } from './context';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

export interface StartApiShared {
  db?: Db;
  temporal?: Client;
  options?: Partial<ApiOptions>;
}

export async function connectTemporal(address: string, logger: pino.Logger, timeoutMs = 60_000): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal at ${address} did not answer within ${timeoutMs / 1000} s: ${String(err)}`);
      if (attempt === 1 || attempt % 10 === 0) logger.info({ address }, 'waiting for Temporal');
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

export async function startApi(config: AppConfig, logger = pino({ level: config.env.LOG_LEVEL }), shared: StartApiShared = {}): Promise<RunningApi> {
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch((err) => logger.warn({ err }, 'error while closing'));
  };
  try {
    let db = shared.db;
    if (!db) {
      const opened = await openDatabase({ databaseUrl: config.env.DATABASE_URL, pgliteDir: config.pgliteDir });
      closers.push(opened.close);
      db = opened.db;
    }
    let temporal = shared.temporal;
    if (!temporal) {
      const connection = await connectTemporal(config.temporal.address, logger);
      closers.push(() => connection.close());
      temporal = new Client({ connection, namespace: config.temporal.namespace });
    }
    await bootstrapAdmin(db, config, (message) => process.stdout.write(`${message}\n`));

    const app = createApp({ config, db, temporal, logger, options: shared.options });
    closers.push(() => (app.locals.closeWebhooks as () => Promise<void>)());
    // Webhook deliveries accepted while Temporal was unreachable are started from their records.
    const recovery = startDeliveryRecovery({ db, temporal, config, logger });
    closers.push(() => recovery.stop());
    const server = app.listen(config.env.PORT, config.env.HOST);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections(); // SSE streams would otherwise keep the server open
        }),
    );
    const { port } = server.address() as AddressInfo;
    const host = ['0.0.0.0', '::'].includes(config.env.HOST) ? 'localhost' : config.env.HOST;
    return { url: `http://${host}:${port}`, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.env.LOG_LEVEL });
  const api = await startApi(config, logger);
  logger.info({ url: api.url }, 'API listening');
  process.stdout.write(`Ananta API listening on ${api.url} (docs: ${api.url}/docs)\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    api.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((err) => {
    // eslint-disable-next-line no-console
    console.error('API failed to start:', err);
    process.exit(1);
  });
}
