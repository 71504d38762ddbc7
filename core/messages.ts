/**
 * The one place where Temporal messages are defined. The API, the CLI and the workflows import these
 * definitions, so nobody sends a message by string name.
 *
 * Decisions by people (approve, pause, resume, retry) are Updates: a validator rejects a bad request
 * before it reaches history, and the caller learns the outcome. Queries return live state.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TaskStatus } from './statuses';
import type { ApprovalDecision, GoalState, TaskState } from './types';

export interface ApproveStepArgs {
  decision: ApprovalDecision;
  comment?: string;
}

export interface RetrySubtaskArgs {
  subtaskId: string;
}

export const goalStateQuery = defineQuery<GoalState>('goalState');
export const pauseGoalUpdate = defineUpdate<GoalState>('pauseGoal');
export const resumeGoalUpdate = defineUpdate<GoalState>('resumeGoal');
export const retrySubtaskUpdate = defineUpdate<GoalState, [RetrySubtaskArgs]>('retrySubtask');

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
}
export const subtaskStatusSignal = defineSignal<[SubtaskStatusNotice]>('subtaskStatus');
export const taskControlSignal = defineSignal<['pause' | 'resume']>('taskControl');

/** ApplicationFailure types raised by update validators; the API maps them to 409 problems. */
export const MESSAGE_ERRORS = {
  invalidTransition: 'invalid_transition',
  noPendingApproval: 'no_pending_approval',
  notFound: 'not_found',
} as const;
