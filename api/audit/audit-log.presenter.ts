/** Read model of the audit log (its details were redacted when written). */
import { listAuditLogs } from '../../db/queries/audit-logs';
import type { AuditAction } from '../../db/schema';
import type { ApiContext } from '../context';

export async function listAuditLogsView(app: ApiContext, query: { action?: AuditAction; limit?: number; cursor?: string }) {
  const page = await listAuditLogs(app.db, query);
  return { items: page.items.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), nextCursor: page.nextCursor };
}
