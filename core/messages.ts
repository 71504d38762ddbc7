/**
 * The one place where Temporal messages are defined. The API, the CLI and the workflows import these
 * definitions, so nobody sends a message by string name.
 *
 * Decisions by people (approve, pause, resume, retry) are Updates: a validator rejects a bad request
 * before it reaches history, and the caller learns the outcome. Queries return live state.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TaskStatus } from './statuses';
import type { ApprovalDecision, ErrorInfo, ExternalUpdate, GoalState, TaskState } from './types';

export interface ApproveStepArgs {
  decision: ApprovalDecision;
  comment?: string;
}

export interface RetrySubtaskArgs {
  subtaskId: string;
}

/** New spending limits for a goal waiting on `budget_exceeded`; each given limit must go up. */
export interface RaiseBudgetArgs {
  maxTokens?: number;
  maxCostUsd?: number;
}

export const goalStateQuery = defineQuery<GoalState>('goalState');
export const pauseGoalUpdate = defineUpdate<GoalState>('pauseGoal');
export const resumeGoalUpdate = defineUpdate<GoalState>('resumeGoal');
export const retrySubtaskUpdate = defineUpdate<GoalState, [RetrySubtaskArgs]>('retrySubtask');
/** A person's decision to let a goal spend more; an Update so a refused raise is answered, not lost. */
export const raiseBudgetUpdate = defineUpdate<GoalState, [RaiseBudgetArgs]>('raiseBudget');

export const taskStateQuery = defineQuery<TaskState>('taskState');
export const approveStepUpdate = defineUpdate<TaskState, [ApproveStepArgs]>('approveStep');
export const pauseTaskUpdate = defineUpdate<TaskState>('pauseTask');
export const resumeTaskUpdate = defineUpdate<TaskState>('resumeTask');

/**
 * Workflow-to-workflow notices. Signals, because a workflow cannot send Updates and these need no answer:
 * a task tells its goal its live status; a goal tells its running tasks to pause or resume.
 */
export interface SubtaskStatusNotice {
  subtaskId: string;
  status: TaskStatus;
  /** With `waiting_approval`: the task waits for a budget raise (not a command approval). */
  pendingBudget?: ErrorInfo;
}
export const subtaskStatusSignal = defineSignal<[SubtaskStatusNotice]>('subtaskStatus');
/** The API tells a running goal that its subject changed outside (a tracked Jira issue was updated). */
export const externalUpdateSignal = defineSignal<[ExternalUpdate]>('externalUpdate');
export const taskControlSignal = defineSignal<['pause' | 'resume']>('taskControl');
/** The goal's raised limits, sent to its running tasks so a task waiting on budget can go on. */
export const goalBudgetSignal = defineSignal<[RaiseBudgetArgs]>('goalBudget');

/** ApplicationFailure types raised by update validators; the API maps them to 409 problems. */
export const MESSAGE_ERRORS = {
  invalidTransition: 'invalid_transition',
  noPendingApproval: 'no_pending_approval',
  noPendingBudget: 'no_pending_budget',
  notFound: 'not_found',
} as const;
