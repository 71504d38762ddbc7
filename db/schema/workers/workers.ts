/**
 * Registered workers. A worker registers by name (re-registering updates the row and rotates its
 * token); its token is kept as prefix + sha256 only. Online/offline is derived from lastSeenAt, not stored.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../columns';

export const workers = pgTable(
  'workers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    url: text('url'),
    capabilities: jsonb('capabilities').$type<string[]>().notNull().default([]),
    maxConcurrency: integer('max_concurrency').notNull().default(1),
    taskQueue: text('task_queue').notNull(),
    tokenPrefix: text('token_prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** Commands running as of the last heartbeat; written with lastSeenAt, so every API replica shows the same. */
    currentLoad: integer('current_load'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('workers_name_uq').on(t.name),
    uniqueIndex('workers_token_prefix_uq').on(t.tokenPrefix),
    index('workers_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);
