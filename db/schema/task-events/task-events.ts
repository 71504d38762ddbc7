/**
 * Task events: the append-only log behind GET /tasks/{id}/logs and the SSE stream. `seq` is the replay
 * order. `key` is the writer's idempotency key: a retried activity re-appends with the same key and the
 * unique (task_id, key) index turns the duplicate into a no-op. No foreign key to tasks, because an
 * event may be appended before the task's projection row is written.
 */
import { bigint, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';
import type { TaskEventType } from './constants';

export const taskEvents = pgTable(
  'task_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    taskId: text('task_id').notNull(),
    goalId: text('goal_id').notNull(),
    key: text('key').notNull(),
    type: text('type').$type<TaskEventType>().notNull(),
    message: text('message').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('task_events_task_id_key_uq').on(t.taskId, t.key),
    index('task_events_task_id_seq_idx').on(t.taskId, t.seq),
    index('task_events_goal_id_idx').on(t.goalId),
  ],
);
