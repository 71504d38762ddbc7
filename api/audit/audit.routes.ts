/** GET /audit-logs: security-relevant actions, newest first (admins only). */
import { jsonRoute } from '../http/route';
import { listAuditLogsView } from './audit-log.presenter';
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
    handler: ({ query }, ctx) => listAuditLogsView(ctx.app, query),
  }),
];
