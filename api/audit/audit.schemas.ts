/** Shapes of GET /audit-logs. */
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../db/schema';
import { pageQuery } from '../shared/common.schemas';

export const listAuditQuery = z.object({ action: z.enum(AUDIT_ACTIONS).optional(), ...pageQuery });

export const auditLogSchema = z
  .object({
    id: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AuditLog' });

export const auditPageSchema = z.object({ items: z.array(auditLogSchema), nextCursor: z.string().nullable() }).meta({ id: 'AuditLogPage' });
