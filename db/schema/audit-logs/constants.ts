/** The security-relevant actions recorded in the audit log. */
export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'api_key.created',
  'api_key.revoked',
  'user.created',
  'user.updated',
  'user.deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
