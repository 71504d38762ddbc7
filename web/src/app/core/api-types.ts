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

export interface TokenResponse { accessToken: string; tokenType: 'Bearer'; expiresIn: number }

export interface NewGoal {
  goal: string;
  context?: string;
  teamId?: string;
  budget?: { maxTokens?: number; maxCostUsd?: number; maxSubtasks?: number };
}

export interface GoalCreated { id: string; workflowId: string; status: GoalStatus; temporalUiUrl: string }
