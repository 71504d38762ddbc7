/**
 * The worker registry. A worker registers with the deployment's registration token and gets its own
 * task queue and a token of its own (stored as prefix + sha256, shown once); registering again under the
 * same name keeps its id and queue and rotates the token. Online/offline is computed from the last
 * heartbeat at read time, so no sweeper is needed. The load a worker reports is stored with its heartbeat
 * (the same update), so every API replica shows the same figure.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { findWorkerByTokenPrefix, listWorkers, registerWorker, touchWorker, type WorkerRow } from '../../db/queries/workers';
import { mintSecret, parseSecret, secretMatches } from '../api-keys/secret-token';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors/domain-errors';
import type { RegisterBody } from './workers.schemas';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

function checkRegistrationToken(app: ApiContext, authorization: string | undefined): void {
  const expected = app.config.env.ANANTA_REGISTRATION_TOKEN;
  if (!expected) throw new ForbiddenError('Worker registration is disabled: set ANANTA_REGISTRATION_TOKEN', 'registration_disabled');
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  // Compare digests so the comparison is constant-time whatever the lengths.
  if (!given || !timingSafeEqual(digest(given), digest(expected))) {
    throw new UnauthorizedError('Send Authorization: Bearer <registration token>', 'invalid_registration_token');
  }
}

export async function registerWorkerWithToken(app: ApiContext, authorization: string | undefined, body: RegisterBody) {
  checkRegistrationToken(app, authorization);
  const id = crypto.randomUUID();
  const minted = mintSecret('wt');
  const prefix = app.config.env.ANANTA_TASK_QUEUE_PREFIX ?? 'ananta';
  const row = await registerWorker(app.db, {
    id, name: body.name, url: body.url ?? null, capabilities: body.capabilities, maxConcurrency: body.maxConcurrency,
    taskQueue: `${prefix}-worker-${body.name}`, tokenPrefix: minted.prefix, tokenHash: minted.hash,
  });
  return { id: row.id, name: row.name, taskQueue: row.taskQueue, token: minted.token };
}

export async function verifyWorkerToken(app: ApiContext, token: string): Promise<Principal> {
  const parsed = parseSecret('wt', token);
  const row = parsed && (await findWorkerByTokenPrefix(app.db, parsed.prefix));
  if (!parsed || !row || !secretMatches(row.tokenHash, parsed.secret)) throw new UnauthorizedError('The worker token is invalid', 'invalid_token');
  return { userId: `worker:${row.id}`, username: row.name, role: 'viewer', via: 'worker', workerId: row.id };
}

export function presentWorker(app: ApiContext, row: WorkerRow, now = Date.now()) {
  const offlineMs = app.config.env.ANANTA_WORKER_OFFLINE_SECONDS * 1000;
  const status = now - row.lastSeenAt.getTime() > offlineMs ? ('offline' as const) : ('online' as const);
  return {
    id: row.id, name: row.name, url: row.url, taskQueue: row.taskQueue, capabilities: row.capabilities, maxConcurrency: row.maxConcurrency,
    status, lastSeen: row.lastSeenAt.toISOString(), load: status === 'online' ? row.currentLoad : null,
  };
}

/** Only the worker itself (its own token) may report its heartbeat. */
export async function heartbeat(app: ApiContext, principal: Principal, id: string, load?: number) {
  if (principal.via !== 'worker') throw new ForbiddenError('Heartbeats are sent with the worker token');
  if (principal.workerId !== id) throw new NotFoundError('Worker', id);
  const row = await touchWorker(app.db, id, load);
  if (!row) throw new NotFoundError('Worker', id);
  return presentWorker(app, row);
}

export async function listWorkersView(app: ApiContext, query: { limit?: number; cursor?: string }) {
  const page = await listWorkers(app.db, query);
  const now = Date.now();
  return { items: page.items.map((row) => presentWorker(app, row, now)), nextCursor: page.nextCursor };
}
