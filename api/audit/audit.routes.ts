/** GET /audit-logs: security-relevant actions, newest first (admins only). */
import { listAuditLogs } from '../../db/queries/audit-logs';
import { jsonRoute } from '../http/route';
import { isoString } from '../shared/common.schemas';
import { auditPageSchema, listAuditQuery } from './audit.schemas';

export const auditRoutes = [
  jsonRoute({
    method: 'get',
    path: '/audit-logs',
    operationId: 'listAuditLogs',
    summary: 'The audit log: logins, API keys and user changes, secrets redacted',
    tags: ['auth'],
    roles: ['admin'],
    query: listAuditQuery,
    response: auditPageSchema,
    handler: async ({ query }, ctx) => {
      const page = await listAuditLogs(ctx.app.db, query);
      return { items: page.items.map((r) => ({ ...r, createdAt: isoString(r.createdAt) })), nextCursor: page.nextCursor };
    },
  }),
];
