/**
 * `npm start`: the whole platform on the embedded defaults, in one supervised process — a Temporal dev
 * server with file persistence under the data dir (unless TEMPORAL_ADDRESS points elsewhere), the store
 * (PGlite under the data dir unless DATABASE_URL is set), the API and all three worker pools, which
 * register with that API as a worker (ANANTA_WORKER_NAME, default the host name).
 * Ctrl-C stops everything cleanly; unfinished goals live on in Temporal and resume at the next start.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { loadConfig } from '../core/config';
import { QUEUE_ROLES } from '../core/task-queues';
import { openDatabase } from '../db/client';
import { startApi } from '../api/main';
import { createWorkerPools, type WorkerPools } from '../workers/create-workers';
import { createHubClient } from '../workers/hub-client';
import { keepRegistered } from '../workers/registration';
import { providerFromConfig } from '../workers/llm-provider';
import { startTemporalDevServer, type DevServer } from './lib/temporal-dev-server';

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.ANANTA_DATA_DIR ?? '.ananta');
  fs.mkdirSync(dataDir, { recursive: true });
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => log.warn({ err }, 'error while stopping'));
  };

  try {
    let temporal: DevServer | undefined;
    if (!process.env.TEMPORAL_ADDRESS) {
      temporal = await startTemporalDevServer({
        port: 7233, uiPort: 8233, dbFile: path.join(dataDir, 'temporal.db'), logFile: path.join(dataDir, 'temporal.log'),
      });
      stops.push(() => temporal!.stop());
      process.env.TEMPORAL_ADDRESS = temporal.address;
      process.env.TEMPORAL_UI_URL ??= temporal.uiUrl;
    }
    // The in-process workers register like remote ones (so the Workers page lists them); without a
    // configured registration token they use a random one that never leaves this process.
    const registrationToken = process.env.ANANTA_REGISTRATION_TOKEN || randomBytes(24).toString('base64url');
    const config = loadConfig({ ...process.env, ANANTA_DATA_DIR: dataDir, ANANTA_REGISTRATION_TOKEN: registrationToken });
    const database = await openDatabase({ databaseUrl: config.env.DATABASE_URL, pgliteDir: config.pgliteDir });
    stops.push(database.close);

    const api = await startApi(config, log, { db: database.db });
    stops.push(api.close);

    let pools: WorkerPools | undefined;
    const registration = await keepRegistered({
      hub: createHubClient({ hubUrl: api.url, registrationToken }),
      request: { name: config.env.ANANTA_WORKER_NAME ?? os.hostname(), capabilities: config.env.ANANTA_WORKER_CAPABILITIES, maxConcurrency: config.env.ANANTA_EXEC_MAX_CONCURRENT },
      heartbeatSeconds: config.env.ANANTA_WORKER_HEARTBEAT_SECONDS,
      load: () => pools?.load() ?? 0,
      log,
    });
    stops.push(async () => registration.stop());

    const connection = await NativeConnection.connect({ address: config.temporal.address });
    stops.push(() => connection.close());
    const { name, taskQueue } = registration.current();
    pools = await createWorkerPools({
      config, queues: QUEUE_ROLES, connection, db: database.db, provider: providerFromConfig(config), registered: { name, taskQueue },
    });
    const running = pools.run();
    stops.push(async () => {
      pools!.shutdown();
      await running;
    });

    process.stdout.write([
      '',
      'Ananta is running.',
      `  Dashboard:         ${api.url}/ui/`,
      `  API:               ${api.url}  (OpenAPI: ${api.url}/openapi.json)`,
      `  Temporal Web UI:   ${config.temporal.uiUrl}`,
      `  Temporal frontend: ${config.temporal.address}${temporal ? ' (dev server started here)' : ''}`,
      `  Data:              ${config.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : config.pgliteDir} · workspaces in ${config.workspacesDir}`,
      `  Try:               npx ananta login && npx ananta goal "Create a hello.txt with a greeting and verify it"`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'));

    await new Promise<void>((resolve, reject) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
      running.catch(reject);
    });
    log.info('stopping…');
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
