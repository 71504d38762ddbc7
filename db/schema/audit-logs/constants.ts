/** The security-relevant actions recorded in the audit log. */
export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'logout',
  'refresh_token.reused',
  'api_key.created',
  'api_key.revoked',
  'user.created',
  'user.updated',
  'user.deleted',
  'llm_provider.created',
  'llm_provider.updated',
  'llm_provider.deleted',
  'auto_planner.configured',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
