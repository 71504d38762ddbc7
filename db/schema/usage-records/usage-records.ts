/**
 * One row per LLM call batch, written by the activity that made the call. `key` is the idempotency key
 * (e.g. the activity's workflow/activity id and attempt-independent step), so a retry records nothing twice.
 */
import { doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';

export const usageRecords = pgTable(
  'usage_records',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    goalId: text('goal_id').notNull(),
    taskId: text('task_id'),
    teamId: text('team_id'),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    calls: integer('calls').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    costUsd: doublePrecision('cost_usd').notNull(),
    /** How long the vendor took to answer (null for records written before latency was kept). */
    latencyMs: integer('latency_ms'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('usage_records_key_uq').on(t.key),
    index('usage_records_goal_id_idx').on(t.goalId),
    index('usage_records_created_at_idx').on(t.createdAt),
  ],
);
