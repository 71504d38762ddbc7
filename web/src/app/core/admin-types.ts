/**
 * Shapes of the admin and autopilot endpoints the dashboard reads (OpenAPI schemas User, ApiKey,
 * CreatedApiKey, AuditLog, LlmProvider, LlmProviderTest, AutopilotStatus).
 */
export const ROLES = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface User { id: string; username: string; role: Role; teamIds: string[]; createdAt: string }
export interface NewUser { username: string; password: string; role: Role; teamIds: string[] }

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  teamIds: string[];
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}
/** Only the creation response carries the key itself. */
export interface CreatedApiKey extends ApiKey { key: string }

export interface AuditLog {
  id: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

export const PROVIDER_KINDS = ['offline', 'openai', 'anthropic', 'ollama', 'lmstudio'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** The LLM roles a provider may name a fallback model for; a role without one uses the provider's single fallback. */
export const FALLBACK_ROLES = ['plan', 'propose_step', 'detect_followups'] as const;
export type FallbackRole = (typeof FALLBACK_ROLES)[number];
export type FallbackModels = Partial<Record<FallbackRole, string>>;

export interface Provider {
  id: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string | null;
  model: string;
  fallbackModels: FallbackModels | null;
  hasApiKey: boolean;
  temperature: number | null;
  timeoutSeconds: number | null;
  isDefault: boolean;
  createdAt: string;
}
/** `apiKey` is write-only: sent on create, never read back. */
export interface ProviderInput {
  name: string;
  kind: ProviderKind;
  baseUrl?: string;
  model: string;
  fallbackModels?: FallbackModels;
  apiKey?: string;
  temperature?: number;
  timeoutSeconds?: number;
  isDefault: boolean;
}
export interface ProviderTest { ok: true; models?: string[]; latencyMs: number }

export const SECURITY_LEVELS = ['safe', 'balanced', 'aggressive'] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

/** A worker's circuit: opened by repeated failures, nothing is dispatched to it until it closes or is reset. */
export interface AutopilotCircuit { worker: string; consecutiveFailures: number; open: boolean; openUntil: string | null; opened: number }

export interface AutopilotStatus {
  workflowId: string;
  teamId: string | null;
  running: boolean;
  status: 'running' | 'stopping' | 'stopped';
  live: boolean;
  alreadyRunning?: boolean;
  maxConcurrency: number | null;
  securityLevel: SecurityLevel | null;
  inFlight: Array<{ taskId: string; workflowId: string; startedAt: string }>;
  maxObservedInFlight: number;
  started: number;
  completed: number;
  failed: number;
  ticks: number;
  lastTickAt: string | null;
  recent: Array<{ taskId: string; status: string; finishedAt: string; error?: { code: string; detail: string } }>;
  runs: number;
  /** From APIs with worker circuits (absent before). */
  circuits?: AutopilotCircuit[];
  circuitOpenSeconds?: number | null;
  heldUntil?: string | null;
}
