/**
 * Writing the audit log. Details are redacted before they are stored. A failed audit write fails the
 * request that caused it: a security change without its record is worse than a retry.
 */
import { insertAuditLog, type NewAuditLog } from '../../db/queries/audit-logs';
import type { AuditAction } from '../../db/schema';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { redact } from './redact';

export interface AuditEntry {
  action: AuditAction;
  actor?: Pick<Principal, 'userId' | 'username'> | null;
  /** For anonymous events (a failed login): the name that was tried. */
  actorName?: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

export async function recordAudit(app: Pick<ApiContext, 'db'>, entry: AuditEntry): Promise<void> {
  const row: NewAuditLog = {
    action: entry.action,
    actorId: entry.actor?.userId ?? null,
    actorName: entry.actor?.username ?? entry.actorName ?? null,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    details: redact(entry.details ?? {}) as Record<string, unknown>,
  };
  await insertAuditLog(app.db, row);
}
