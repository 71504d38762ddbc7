/**
 * The worker registry. Registration is an upsert on the name: a returning worker keeps its id and task
 * queue and gets a new token. findWorkerByTokenPrefix is the one read of the token hash.
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { tasks, workers } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type WorkerRow = {
  id: string;
  name: string;
  url: string | null;
  capabilities: string[];
  maxConcurrency: number;
  taskQueue: string;
  currentLoad: number | null;
  lastSeenAt: Date;
  createdAt: Date;
  updatedAt: Date;
};

const publicColumns = {
  id: workers.id, name: workers.name, url: workers.url, capabilities: workers.capabilities, maxConcurrency: workers.maxConcurrency,
  taskQueue: workers.taskQueue, currentLoad: workers.currentLoad, lastSeenAt: workers.lastSeenAt, createdAt: workers.createdAt, updatedAt: workers.updatedAt,
};

export type RegisterWorkerInput = {
  id: string;
  name: string;
  url: string | null;
  capabilities: string[];
  maxConcurrency: number;
  taskQueue: string;
  tokenPrefix: string;
  tokenHash: string;
};

/** Inserts the worker, or (same name) updates it and rotates its token; id and taskQueue stay the first ones. */
export async function registerWorker(db: Db, input: RegisterWorkerInput): Promise<WorkerRow> {
  const { id: _id, name: _name, taskQueue: _queue, ...changes } = input;
  const [row] = await db
    .insert(workers)
    .values(input)
    .onConflictDoUpdate({ target: workers.name, set: { ...changes, lastSeenAt: sql`now()`, updatedAt: sql`now()` } })
    .returning(publicColumns);
  return row!;
}

export async function findWorkerByTokenPrefix(db: Db, prefix: string): Promise<(WorkerRow & { tokenHash: string }) | undefined> {
  const [row] = await db.select({ ...publicColumns, tokenHash: workers.tokenHash }).from(workers).where(eq(workers.tokenPrefix, prefix));
  return row;
}

/** A heartbeat: the worker is alive now, with this load when it reported one. */
export async function touchWorker(db: Db, id: string, load?: number): Promise<WorkerRow | undefined> {
  const set = load === undefined ? { lastSeenAt: sql`now()` } : { lastSeenAt: sql`now()`, currentLoad: load };
  const [row] = await db.update(workers).set(set).where(eq(workers.id, id)).returning(publicColumns);
  return row;
}

export async function listWorkers(db: Db, opts: { limit?: number; cursor?: string } = {}): Promise<Page<WorkerRow>> {
  const limit = pageLimit(opts.limit);
  const rows = await db.select(publicColumns).from(workers).where(afterCursor(workers, opts.cursor)).orderBy(...newestFirst(workers)).limit(limit + 1);
  return toPage(rows, limit);
}

export async function getWorker(db: Db, id: string): Promise<WorkerRow | undefined> {
  const [row] = await db.select(publicColumns).from(workers).where(eq(workers.id, id));
  return row;
}

/**
 * Workers seen since `seenSince` (online) that have every capability asked for (jsonb containment),
 * optionally only the one with `id`.
 */
export async function findOnlineWorkers(db: Db, opts: { seenSince: Date; id?: string; capabilities?: string[] }): Promise<WorkerRow[]> {
  return db
    .select(publicColumns)
    .from(workers)
    .where(
      and(
        gte(workers.lastSeenAt, opts.seenSince),
        opts.id !== undefined ? eq(workers.id, opts.id) : undefined,
        opts.capabilities?.length ? sql`${workers.capabilities} @> ${JSON.stringify(opts.capabilities)}::jsonb` : undefined,
      ),
    );
}

/** Names the worker that ran a task's command (`tasks.agent`, the GET /tasks?agent= filter). */
export async function setTaskAgent(db: Db, input: { taskId: string; agent: string }): Promise<void> {
  await db.update(tasks).set({ agent: input.agent, updatedAt: sql`now()` }).where(eq(tasks.id, input.taskId));
}
