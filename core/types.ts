/**
 * Workflow and activity inputs/results. Every workflow and activity takes one object, so fields can be
 * added (optionally) without breaking running workflows.
 */
import type { GoalStatus, TaskStatus } from './statuses';
import type { TaskQueueNames } from './task-queues';
import type { Usage } from './usage';
import type { TextRange } from './output-streams';

export type ApprovalPolicy = 'never' | 'high_risk' | 'always';
export type ApprovalDecision = 'approve' | 'reject';
export type RiskLevel = 'low' | 'medium' | 'high';

export interface GoalBudget {
  maxTokens?: number;
  maxCostUsd?: number;
  maxSubtasks: number;
  maxFollowupDepth: number;
}

/** How each subtask's agent loop behaves; resolved from config and the request when the goal starts. */
export interface TaskSettings {
  maxSteps: number;
  allowNetwork: boolean;
  approvalPolicy: ApprovalPolicy;
  approvalTimeoutSeconds: number;
  /** What a timed-out approval means: by default a command nobody approved does not run. */
  approvalTimeoutDecision: ApprovalDecision;
  commandTimeoutSeconds: number;
  outputCapBytes: number;
}

export interface PlannedSubtask {
  id: string;
  title: string;
  description: string;
  dependsOn: string[];
}

export interface SubtaskState extends PlannedSubtask {
  taskId: string;
  status: TaskStatus;
  origin: 'plan' | 'followup';
  /** 0 for planned work; a follow-up of depth-n work has depth n+1. */
  depth: number;
  attempt: number;
  error?: ErrorInfo;
  usage?: Usage;
  /** Set while this subtask's task waits for a budget raise before its next LLM call. */
  pendingBudget?: ErrorInfo;
}

export interface ErrorInfo {
  code: string;
  detail: string;
}

export interface GoalInput {
  /** Task queues of this deployment; the default names when absent. */
  queues?: TaskQueueNames;
  goalId: string;
  goal: string;
  context?: string;
  teamId?: string;
  templateId?: string;
  autopilot: boolean;
  budget: GoalBudget;
  maxConcurrency: number;
  task: TaskSettings;
  /** Where every subtask's commands may run (see TaskInput.pin). */
  pin?: WorkerPin;
  /** The provider's price per token, looked up at start: the cost estimate before any call is priced. */
  usdPerTokenHint?: number;
  /** A plan made beforehand (the auto-planner endpoint); planning is skipped when present. */
  plan?: PlannedSubtask[];
  /**
   * Continue as new after this many subtasks finished in one run (besides whenever Temporal suggests
   * it), bounding each run's history for goals with many subtasks.
   */
  subtasksPerRun?: number;
  /** State carried over by continue-as-new. */
  carried?: GoalState;
}

/** News about a goal's subject from outside (e.g. the Jira issue it came from was edited). */
export interface ExternalUpdate {
  source: string;
  deliveryId: string;
  /** One line for people: what changed. */
  summary: string;
  /** ISO time the platform received it (set by the API; workflow code cannot read the clock freely). */
  receivedAt: string;
}

export interface GoalState {
  goalId: string;
  goal: string;
  teamId?: string;
  status: GoalStatus;
  plan: PlannedSubtask[];
  subtasks: SubtaskState[];
  usage: Usage;
  error?: ErrorInfo;
  runs: number;
  /** The latest external updates (newest last, at most 20). */
  externalUpdates?: ExternalUpdate[];
  /** The spending limits in force when a person raised them (absent: the input's budget). */
  budget?: GoalBudget;
  /**
   * Why the goal waits in `waiting_approval` for a budget raise (`budget_exceeded`): the goal's own
   * next call, or a subtask's. Absent when nothing waits for budget.
   */
  pendingBudget?: ErrorInfo;
}

/**
 * What a task may spend: the goal's limits and what the goal had used when the task started. The task
 * adds its own usage; siblings running at the same time are not counted (the goal checks again when
 * each finishes), which keeps the task free of queries to its goal.
 */
export interface TaskBudget {
  maxTokens?: number;
  maxCostUsd?: number;
  spent: Usage;
  /** The goal's last LLM call, the task's first estimate when it is larger than the input-based one. */
  lastCall?: Usage;
  /** See GoalInput.usdPerTokenHint. */
  usdPerTokenHint?: number;
}

export interface TaskInput {
  /** Task queues of this deployment; the default names when absent. */
  queues?: TaskQueueNames;
  taskId: string;
  goalId: string;
  teamId?: string;
  /** The goal workflow to notify of status changes (absent for a standalone task). */
  parentWorkflowId?: string;
  subtaskId?: string;
  goal: string;
  title: string;
  description: string;
  settings: TaskSettings;
  /** Absent for standalone tasks and tasks started before budgets were enforced: no checks. */
  budget?: TaskBudget;
  /** Where the task's commands may run; absent means any worker polling the shared execution queue. */
  pin?: WorkerPin;
}

/** Pinning: a registered worker by id, or any online worker that has all the capabilities. */
export interface WorkerPin {
  workerId?: string;
  capabilities?: string[];
}

export interface StepRecord {
  index: number;
  reasoning: string;
  command: string;
  risk: RiskLevel;
  riskReasons: string[];
  approval?: { decision: ApprovalDecision; comment?: string; by: 'human' | 'policy' | 'timeout' };
  exitCode?: number;
  timedOut?: boolean;
  truncated?: boolean;
  output?: string;
}

export interface PendingApproval {
  stepIndex: number;
  command: string;
  risk: RiskLevel;
  riskReasons: string[];
}

export interface TaskState {
  taskId: string;
  goalId: string;
  status: TaskStatus;
  steps: StepRecord[];
  pendingApproval?: PendingApproval;
  /** Set while the task waits for its goal's budget to be raised before the next LLM call. */
  pendingBudget?: ErrorInfo;
  verdict?: { success: boolean; summary: string };
  usage: Usage;
  error?: ErrorInfo;
}

/** What a task returns to its goal: a summary, so the goal's history does not carry every step's output. */
export interface TaskResult {
  taskId: string;
  status: TaskStatus;
  steps: number;
  lastExitCode?: number;
  lastOutput?: string;
  verdict?: { success: boolean; summary: string };
  usage: Usage;
  error?: ErrorInfo;
}

/* ---- LLM activity contracts ---- */

export interface PlanGoalInput {
  /** Task queues of this deployment; the default names when absent. */
  queues?: TaskQueueNames;
  goalId: string;
  teamId?: string;
  goal: string;
  context?: string;
  maxSubtasks: number;
}

export interface PlanGoalResult {
  subtasks: PlannedSubtask[];
  usage: Usage;
  provider: string;
}

export interface StepHistoryItem {
  command: string;
  exitCode?: number;
  output?: string;
  rejected?: boolean;
}

export interface ProposeStepInput {
  taskId: string;
  goalId?: string;
  teamId?: string;
  goal: string;
  title: string;
  description: string;
  history: StepHistoryItem[];
  stepsLeft: number;
}

export type ProposedStep =
  | { kind: 'command'; reasoning: string; command: string }
  | { kind: 'done'; success: boolean; summary: string };

export interface ProposeStepResult {
  step: ProposedStep;
  usage: Usage;
}

export interface DetectFollowupsInput {
  goalId: string;
  teamId?: string;
  goal: string;
  task: { taskId: string; title: string; description: string; summary?: string; lastOutput?: string };
  existing: string[];
}

export interface FollowupSuggestion {
  description: string;
  priority?: 'low' | 'medium' | 'high';
}

export interface DetectFollowupsResult {
  followups: FollowupSuggestion[];
  usage: Usage;
}

/* ---- Command execution ---- */

export interface RunCommandInput {
  taskId: string;
  goalId: string;
  stepIndex: number;
  command: string;
  allowNetwork: boolean;
  timeoutSeconds: number;
  outputCapBytes: number;
}

export interface RunCommandResult {
  exitCode: number;
  /** stdout and stderr interleaved as they came (what the agent reads). */
  output: string;
  /** Where stderr lies in `output` (core/output-streams.ts); absent in older results and after too many switches. */
  stderrRanges?: TextRange[];
  truncated: boolean;
  timedOut: boolean;
  durationMs: number;
  /** How many earlier attempts were lost (worker died) before this one finished. */
  lostAttempts: number;
}

export interface ClassifyCommandResult {
  risk: RiskLevel;
  reasons: string[];
}
