/**
 * Test harness: a real app on a random port with an in-memory PGlite database and a real Temporal
 * client on the dev server the jest global setup started. Requests go over HTTP with fetch, exactly
 * as clients send them.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { loadConfig, type AppConfig } from '../../core/config';
import { openDatabase, type OpenedDatabase } from '../../db/client';
import { createApp } from '../app';
import { bootstrapAdmin } from '../auth/bootstrap-admin';
import type { ApiOptions } from '../context';

export const ADMIN_PASSWORD = 'test-admin-password';

export interface TestApi {
  url: string;
  config: AppConfig;
  database: OpenedDatabase;
  temporal: Client;
  request(method: string, path: string, opts?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** A token for `admin`, fetched once. */
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApi(opts: { env?: Record<string, string>; options?: Partial<ApiOptions> } = {}): Promise<TestApi> {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set (the jest global setup starts a dev server)');
  const config = loadConfig({ TEMPORAL_ADDRESS: address, ANANTA_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'silent', ...opts.env });
  const database = await openDatabase({ pgliteDir: 'memory://' });
  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  await bootstrapAdmin(database.db, config, () => {});
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = createApp({ config, db: database.db, temporal, logger, options: opts.options });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let token: Promise<string> | undefined;
  const api: TestApi = {
    url,
    config,
    database,
    temporal,
    async request(method, path, { token: bearer, body, headers = {} } = {}) {
      const auth = bearer === null ? undefined : (bearer ?? (await api.adminToken()));
      return fetch(url + path, {
        method,
        headers: {
          ...(auth ? { authorization: `Bearer ${auth}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    adminToken() {
      token ??= fetch(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      }).then(async (res) => ((await res.json()) as { accessToken: string }).accessToken);
      return token;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
      await database.close();
    },
  };
  return api;
}

/** A response body as loosely typed JSON, for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const json = async (res: Response): Promise<Record<string, any>> => (await res.json()) as Record<string, unknown>;
