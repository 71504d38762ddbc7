/**
 * Audit log: who did what to which security-relevant resource. Append-only; `details` is redacted
 * before it is written (secrets never reach this table).
 */
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from '../columns';
import type { AuditAction } from './constants';

export const auditLogs = pgTable(
  'audit_logs',
  {
    id: text('id').primaryKey(),
    action: text('action').$type<AuditAction>().notNull(),
    /** User id (or null for an anonymous login attempt) and a display name at the time. */
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_logs_action_idx').on(t.action),
    index('audit_logs_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);
