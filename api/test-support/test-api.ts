/**
 * Test harness: a real app on a random port with an in-memory PGlite database and a real Temporal
 * client on the dev server the jest global setup started — or, given a test platform
 * (test/support/platform.ts), on that platform's store, client and task queues, so its real workers
 * run the goals the API starts. Requests go over HTTP with fetch, exactly as clients send them.
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
import type { Platform } from '../../test/support/platform';

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

export interface TestApiOptions {
  platform?: Platform;
  env?: Record<string, string>;
  options?: Partial<ApiOptions>;
}

async function ownParts(env: Record<string, string> = {}) {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set (the jest global setup starts a dev server)');
  const config = loadConfig({ TEMPORAL_ADDRESS: address, LOG_LEVEL: 'silent', ...env });
  const database = await openDatabase({ pgliteDir: 'memory://' });
  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  return { config, database, temporal, close: async () => { await connection.close(); await database.close(); } };
}

export async function startTestApi(opts: TestApiOptions = {}): Promise<TestApi> {
  const { platform } = opts;
  const parts = platform
    ? { config: platform.config, database: platform.database, temporal: platform.client, close: async () => {} }
    : await ownParts(opts.env);
  const { config, database, temporal } = parts;
  await bootstrapAdmin(database.db, { ...config, env: { ...config.env, ANANTA_ADMIN_PASSWORD: ADMIN_PASSWORD } }, () => {});
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
      await (app.locals.closeLoginThrottle as () => Promise<void>)();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await parts.close();
    },
  };
  return api;
}

/** A response body as loosely typed JSON, for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const json = async (res: Response): Promise<Record<string, any>> => (await res.json()) as Record<string, unknown>;

/** Polls `read` until `done` holds on its result; fails with the last value after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

export interface ParsedSse {
  id?: string;
  event?: string;
  data?: unknown;
  comment?: string;
}

/** Reads a whole text/event-stream response (until the server ends it) into its events and comments. */
export async function readSse(res: Response): Promise<ParsedSse[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const ev: ParsedSse = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) ev.comment = line.slice(1).trim();
        else if (line.startsWith('id: ')) ev.id = line.slice(4);
        else if (line.startsWith('event: ')) ev.event = line.slice(7);
        else if (line.startsWith('data: ')) ev.data = JSON.parse(line.slice(6));
      }
      return ev;
    });
}
