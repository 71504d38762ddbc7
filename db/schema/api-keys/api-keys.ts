/**
 * API keys: `ak_<prefix>_<secret>`. Only the prefix (for lookup) and the sha256 of the secret are kept,
 * so a leaked table does not leak working keys. A revoked key keeps its row for the audit trail.
 */
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';
import type { UserRole } from '../users/constants';
import { users } from '../users/users';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    role: text('role').$type<UserRole>().notNull(),
    teamIds: jsonb('team_ids').$type<string[]>().notNull().default([]),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, precision: 3, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('api_keys_prefix_uq').on(t.prefix),
    index('api_keys_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);
