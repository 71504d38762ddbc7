/**
 * The autopilot's contract: its workflow id, input and state types, and its messages. Kept beside
 * core/messages.ts (not in it) so the autopilot can evolve on its own; the API and the workflow both
 * import these definitions, so nobody sends an autopilot message by string name.
 *
 * start/stop/tick are Updates: a validator rejects a bad request before it reaches history, and the
 * caller learns the resulting state. Status is a query of the live workflow.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { TaskStatus } from './statuses';
import type { TaskQueueNames } from './task-queues';
import type { ApprovalPolicy, ErrorInfo, TaskSettings } from './types';

export const SECURITY_LEVELS = ['safe', 'balanced', 'aggressive'] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

/**
 * Which proposed commands run without a person's approval. `aggressive` skips approvals only: every
 * command still runs in the sandbox.
 */
export const APPROVAL_POLICY_OF: Record<SecurityLevel, ApprovalPolicy> = {
  safe: 'always',
  balanced: 'high_risk',
  aggressive: 'never',
};

export const AUTOPILOT_LIMITS = {
  maxConcurrency: 50,
  defaultTickSeconds: 10,
  /** Failures in a row after which a worker's circuit opens. */
  circuitFailures: 3,
  defaultCircuitOpenSeconds: 300,
  maxCircuitOpenSeconds: 86_400,
} as const;

/** The circuit key of tasks whose runner is not known (any worker polling the shared execution queue). */
export const SHARED_WORKERS = 'shared';

/** One autopilot per team, plus one global autopilot (for tasks of every team). */
export const autopilotWorkflowId = (teamId?: string | null): string => `autopilot-${teamId ?? 'global'}`;

export interface AutopilotConfig {
  maxConcurrency: number;
  securityLevel: SecurityLevel;
}

export interface AutopilotInput extends AutopilotConfig {
  /** Task queues of this deployment; the default names when absent. */
  queues?: TaskQueueNames;
  /** Only this team's tasks; every team's tasks when absent (the global autopilot). */
  teamId?: string;
  /** The deployment's task settings; the security level decides their approval policy. */
  task: TaskSettings;
  /** How often to look for new runnable tasks (a finished task triggers a look at once). */
  tickSeconds?: number;
  /** Continue as new after this many ticks in one run (besides whenever Temporal suggests it). */
  ticksPerRun?: number;
  /** How long a worker's circuit stays open after repeated failures (default 300 s). */
  circuitOpenSeconds?: number;
  /** State carried over by continue-as-new. */
  carried?: AutopilotState;
}

export type AutopilotStatus = 'running' | 'stopping' | 'stopped';

export interface InFlightTask {
  taskId: string;
  workflowId: string;
  startedAt: string;
}

export interface FinishedTask {
  taskId: string;
  status: TaskStatus;
  finishedAt: string;
  error?: ErrorInfo;
}

/**
 * A worker's circuit breaker: failures in a row of the tasks it ran; after
 * AUTOPILOT_LIMITS.circuitFailures the circuit is open until `openUntil` (ISO time). A success closes it.
 */
export interface WorkerCircuit {
  consecutiveFailures: number;
  openUntil?: string;
  /** How often it has opened (this autopilot's lifetime). */
  opened: number;
}

export interface AutopilotState extends AutopilotConfig {
  teamId?: string;
  status: AutopilotStatus;
  inFlight: InFlightTask[];
  /** The most tasks ever in flight at once (across continue-as-new runs). */
  maxObservedInFlight: number;
  started: number;
  completed: number;
  failed: number;
  ticks: number;
  lastTickAt?: string;
  /** The latest finished tasks, newest last (bounded). */
  recent: FinishedTask[];
  /** Workflow runs so far (1 + continue-as-new count). */
  runs: number;
  /** Per worker (its id, or SHARED_WORKERS), absent in autopilots started before circuits. */
  circuits?: Record<string, WorkerCircuit>;
  circuitOpenSeconds?: number;
  /** Set while every worker that ran tasks has its circuit open: no task is started. */
  heldUntil?: string;
}

export interface ResetCircuitsArgs {
  /** Only this worker's circuit; every circuit when absent. */
  worker?: string;
}

export interface StartAutopilotArgs {
  maxConcurrency?: number;
  securityLevel?: SecurityLevel;
  circuitOpenSeconds?: number;
}

export const autopilotStatusQuery = defineQuery<AutopilotState>('autopilotStatus');
/** Sent to an autopilot that is already running: applies the new settings and cancels a pending stop. */
export const startAutopilotUpdate = defineUpdate<AutopilotState, [StartAutopilotArgs]>('startAutopilot');
/** Starts no more tasks; the workflow ends once the tasks in flight have finished. */
export const stopAutopilotUpdate = defineUpdate<AutopilotState>('stopAutopilot');
/** Looks for runnable tasks now; answers once that look (and the task starts it made) is done. */
export const tickAutopilotUpdate = defineUpdate<AutopilotState>('tickAutopilot');
/** Closes workers' circuits (all, or one) and resets their failure counts; dispatch resumes at once. */
export const resetCircuitsUpdate = defineUpdate<AutopilotState, [ResetCircuitsArgs]>('resetAutopilotCircuits');
