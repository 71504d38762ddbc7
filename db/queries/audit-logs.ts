/** The audit log: appended by services, listed newest first by admins. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLogs, type AuditAction } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type AuditLogRow = typeof auditLogs.$inferSelect;

export type NewAuditLog = {
  action: AuditAction;
  actorId?: string | null;
  actorName?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
};

export async function insertAuditLog(db: Db, entry: NewAuditLog): Promise<void> {
  await db.insert(auditLogs).values({ id: crypto.randomUUID(), ...entry, details: entry.details ?? {} });
}

export async function listAuditLogs(db: Db, opts: { action?: AuditAction; limit?: number; cursor?: string } = {}): Promise<Page<AuditLogRow>> {
  const limit = pageLimit(opts.limit);
  const rows = await db
    .select()
    .from(auditLogs)
    .where(and(opts.action ? eq(auditLogs.action, opts.action) : undefined, afterCursor(auditLogs, opts.cursor)))
    .orderBy(...newestFirst(auditLogs))
    .limit(limit + 1);
  return toPage(rows, limit);
}
