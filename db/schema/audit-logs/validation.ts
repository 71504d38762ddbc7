/** zod schemas for audit log entries. */
import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { auditLogs } from './audit-logs';
import { AUDIT_ACTIONS } from './constants';

export const selectAuditLogSchema = createSelectSchema(auditLogs, { action: z.enum(AUDIT_ACTIONS), details: z.record(z.string(), z.unknown()) });
export type AuditLog = z.infer<typeof selectAuditLogSchema>;
