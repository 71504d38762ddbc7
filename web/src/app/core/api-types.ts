/**
 * The shapes of the public API this app reads, as described by `GET /openapi.json` (schemas Goal,
 * GoalSummary, Task, TaskEvent, Problem). Only the fields the dashboard shows are named.
 */
export const GOAL_STATUSES = ['planning', 'running', 'waiting_approval', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export type TaskStatus =
  | 'todo' | 'blocked' | 'assigned' | 'proposing' | 'waiting_approval' | 'in_progress' | 'paused' | 'completed' | 'failed' | 'cancelled';

export const TERMINAL_STATUSES: readonly string[] = ['completed', 'failed', 'cancelled'];

export interface Usage { calls: number; inputTokens: number; outputTokens: number; tokens: number; costUsd: number }
export interface ErrorInfo { code: string; detail: string }
export interface PlannedSubtask { id: string; title: string; description: string; dependsOn: string[] }

export interface GoalSummary {
  id: string;
  goal: string;
  status: GoalStatus;
  teamId: string | null;
  plan: PlannedSubtask[];
  usage: Usage;
  error: ErrorInfo | null;
  workflowId: string;
  temporalUiUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface GoalSubtask {
  id: string;
  taskId: string;
  title: string;
  status: TaskStatus;
  dependsOn: string[];
  origin: string;
  attempt: number;
  error?: ErrorInfo;
}

export interface Goal extends GoalSummary { subtasks: GoalSubtask[]; live: boolean }

export interface Page<T> { items: T[]; nextCursor: string | null }

export interface PendingApproval { stepIndex: number; command: string; risk: 'low' | 'medium' | 'high'; riskReasons: string[] }

export interface TaskSummary {
  id: string;
  goalId: string;
  subtaskId: string;
  title: string;
  description: string;
  status: TaskStatus;
  updatedAt: string;
}

export interface Task extends TaskSummary { pendingApproval: PendingApproval | null; temporalUiUrl: string }

export interface TaskEvent { seq: number; taskId: string; type: string; message: string; data: Record<string, unknown> | null; createdAt: string }

/** `refreshToken` comes from an API that supports silent refresh (POST /login/refresh); older ones omit it. */
export interface TokenResponse { accessToken: string; tokenType: 'Bearer'; expiresIn: number; refreshToken?: string }

/** POST /tasks: a manual task in its team's backlog, for the autopilot to run. */
export interface NewTask {
  title?: string;
  description: string;
  priority: 'low' | 'medium' | 'high';
  teamId?: string;
  dependsOn: string[];
}

export interface NewGoal {
  goal: string;
  context?: string;
  teamId?: string;
  templateId?: string;
  budget?: { maxTokens?: number; maxCostUsd?: number; maxSubtasks?: number };
}

export interface GoalCreated { id: string; workflowId: string; status: GoalStatus; temporalUiUrl: string }

/** `TaskSummary` as `GET /tasks` returns it, with the fields the board shows. */
export interface TaskRow extends TaskSummary {
  priority: string;
  attempt: number;
  teamId: string | null;
  agent: string | null;
  error: ErrorInfo | null;
}

export type TaskAction = 'pause' | 'resume' | 'cancel' | 'retry';
export interface TaskActionResult { id: string; action: TaskAction; status: TaskStatus }

export interface UsageRow { key: string; calls: number; inputTokens: number; outputTokens: number; costUsd: number }

export interface Worker {
  id: string;
  name: string;
  url: string | null;
  status: 'online' | 'offline';
  lastSeen: string;
  taskQueue: string;
  capabilities: string[];
  maxConcurrency: number;
  /** Commands running at the last heartbeat; null when offline or not reported. */
  load?: number | null;
}

export const TRIGGER_SOURCES = ['generic', 'github', 'slack', 'jira'] as const;
export type TriggerSource = (typeof TRIGGER_SOURCES)[number];
export interface RateLimit { maxRequests: number; windowSeconds: number }

export interface Trigger {
  id: string;
  source: TriggerSource;
  name: string;
  enabled: boolean;
  /** The secret itself is write-only: the API only says whether one is set. */
  hasSecret: boolean;
  ipAllowlist: string[];
  rateLimit: RateLimit;
  teamId: string | null;
  templateId: string | null;
  autopilot: boolean;
  isDefault: boolean;
  webhookPath: string;
  createdAt: string;
  updatedAt: string;
}

export interface TriggerInput {
  source?: TriggerSource;
  name?: string;
  enabled?: boolean;
  secret?: string | null;
  ipAllowlist?: string[];
  rateLimit?: RateLimit;
  teamId?: string | null;
  templateId?: string | null;
  autopilot?: boolean;
  isDefault?: boolean;
}

export interface TriggerTestResult {
  parsedTasks: Array<{ title: string; description: string; priority: 'low' | 'medium' | 'high' }>;
  wouldCreate: boolean;
  reason?: string;
  goal?: string;
}

export interface WebhookDelivery {
  id: string;
  source: TriggerSource;
  deliveryId: string | null;
  outcome: 'accepted' | 'duplicate' | 'ignored' | 'rejected';
  reason: string | null;
  goalId: string | null;
  startStatus: 'pending' | 'started' | 'failed' | null;
  createdAt: string;
}

export interface TeamRole { id: string; name: string; description: string | null; templateId: string | null; createdAt: string }
export interface TeamType { id: string; name: string; description: string | null; roles: TeamRole[]; createdAt: string }
export interface Team {
  id: string;
  name: string;
  description: string | null;
  typeId: string | null;
  templateId: string | null;
  isActive: boolean;
  members: Array<{ userId: string; roleId: string | null }>;
  createdAt: string;
}

export interface Template { id: string; name: string; body: string; variables: string[]; teamId: string | null; createdAt: string }
export interface TemplateWarning { type: string; variables: string[] }
export interface TemplateSaved extends Template { warnings: TemplateWarning[] }
export interface TemplateInput { name: string; body: string; variables?: string[]; teamId?: string | null }
