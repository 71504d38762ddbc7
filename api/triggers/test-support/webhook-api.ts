/**
 * Test harness for the webhook receivers: a real app on the test platform's store and Temporal client
 * (unique task queues, no workers needed to see a workflow exist), with every log line captured so a
 * test can assert that no secret is ever logged. Signing follows each provider's spec; GitHub's is done
 * by @octokit/webhooks-methods, the library GitHub's own tooling uses.
 */
import { createHmac, randomUUID } from 'node:crypto';
import Module from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../app';
import { bootstrapAdmin } from '../../auth/bootstrap-admin';
import type { TriggerSource } from '../../../db/schema';
import type { Platform } from '../../../test/support/platform';
import { ADMIN_PASSWORD } from '../../test-support/test-api';

type OctokitMethods = { sign(secret: string, payload: string): Promise<string> };

/** ESM-only package; loaded with Node's own loader, as api/auth/jose-loader.ts does for jose. */
const octokit = (): OctokitMethods =>
  new Module(__filename).require(path.join(process.cwd(), 'node_modules/@octokit/webhooks-methods/dist-node/index.js')) as OctokitMethods;

export interface WebhookApi {
  url: string;
  logs: string[];
  temporal: Client;
  request(method: string, path: string, opts?: { body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export async function startWebhookApi(platform: Pick<Platform, 'config' | 'database' | 'client'>, temporal: Client = platform.client): Promise<WebhookApi> {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const { config, database } = platform;
  await bootstrapAdmin(database.db, { ...config, env: { ...config.env, ANANTA_ADMIN_PASSWORD: ADMIN_PASSWORD } }, () => {});
  const app = createApp({ config, db: database.db, temporal, logger });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${url}/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  return {
    url, logs, temporal,
    request: (method, p, { body, token: bearer, headers = {} } = {}) =>
      fetch(url + p, {
        method,
        headers: { ...(bearer === null ? {} : { authorization: `Bearer ${bearer ?? token}` }), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await (app.locals.closeWebhooks as () => Promise<void>)();
    },
  };
}

const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('hex');
export const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface Delivery {
  body: string;
  headers: Record<string, string>;
  deliveryId: string;
}

/** A delivery as the provider sends it: raw JSON, its delivery id and signature headers. */
export async function signedDelivery(source: TriggerSource, secret: string, payload: unknown, opts: { timestamp?: number; rawBody?: string } = {}): Promise<Delivery> {
  const deliveryId = randomUUID();
  const ts = String(opts.timestamp ?? nowSeconds());
  let body = opts.rawBody ?? JSON.stringify(payload);
  const json = { 'content-type': 'application/json' };
  switch (source) {
    case 'github':
      return { body, deliveryId, headers: { ...json, 'x-github-event': 'issues', 'x-github-delivery': deliveryId, 'x-hub-signature-256': await octokit().sign(secret, body) } };
    case 'slack': {
      // Slack's delivery id is the body's event_id.
      if (!opts.rawBody) body = JSON.stringify({ ...(payload as object), event_id: `Ev${deliveryId}` });
      return { body, deliveryId: `Ev${deliveryId}`, headers: { ...json, 'x-slack-request-timestamp': ts, 'x-slack-signature': `v0=${hmac(secret, `v0:${ts}:${body}`)}` } };
    }
    case 'jira':
      return { body, deliveryId, headers: { ...json, 'x-atlassian-webhook-identifier': deliveryId, 'x-hub-signature': `sha256=${hmac(secret, body)}` } };
    case 'generic':
      return { body, deliveryId, headers: { ...json, 'x-delivery-id': deliveryId, 'x-timestamp': ts, 'x-signature-256': `sha256=${hmac(secret, `${ts}.${body}`)}` } };
  }
}

/** The header that carries the signature, per source (for the "missing header" case). */
export const SIGNATURE_HEADER: Record<TriggerSource, string> = {
  github: 'x-hub-signature-256',
  slack: 'x-slack-signature',
  jira: 'x-hub-signature',
  generic: 'x-signature-256',
};
