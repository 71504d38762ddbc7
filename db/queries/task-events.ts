/**
 * Task events: append-only, idempotent by (taskId, key), read back in `seq` order for log replay and
 * for the live stream (poll with afterSeq = the last seq seen).
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../client';
import { taskEvents, type TaskEventType } from '../schema';

export type TaskEventRow = {
  seq: number;
  taskId: string;
  goalId: string;
  key: string;
  type: TaskEventType;
  message: string;
  data: Record<string, unknown> | null;
  createdAt: Date;
};

export type AppendTaskEventInput = {
  taskId: string;
  goalId: string;
  /** Idempotency key, unique per task: the same key appended twice stores one event. */
  key: string;
  type: TaskEventType;
  message: string;
  data?: Record<string, unknown>;
};

export async function appendTaskEvent(db: Db, input: AppendTaskEventInput): Promise<{ inserted: boolean }> {
  const rows = await db
    .insert(taskEvents)
    .values(input)
    .onConflictDoNothing({ target: [taskEvents.taskId, taskEvents.key] })
    .returning({ seq: taskEvents.seq });
  return { inserted: rows.length > 0 };
}

const DEFAULT_EVENT_LIMIT = 500;
const MAX_EVENT_LIMIT = 5000;

/** A task's events in ascending seq, those after `afterSeq` when given (default limit 500, max 5000). */
export async function listTaskEvents(
  db: Db,
  taskId: string,
  opts: { afterSeq?: number; limit?: number } = {},
): Promise<TaskEventRow[]> {
  const limit = Math.min(MAX_EVENT_LIMIT, Math.max(1, Math.trunc(opts.limit ?? DEFAULT_EVENT_LIMIT)));
  return db
    .select({
      seq: taskEvents.seq,
      taskId: taskEvents.taskId,
      goalId: taskEvents.goalId,
      key: taskEvents.key,
      type: taskEvents.type,
      message: taskEvents.message,
      data: taskEvents.data,
      createdAt: taskEvents.createdAt,
    })
    .from(taskEvents)
    .where(and(eq(taskEvents.taskId, taskId), opts.afterSeq !== undefined ? gt(taskEvents.seq, opts.afterSeq) : undefined))
    .orderBy(asc(taskEvents.seq))
    .limit(limit);
}
