/**
 * The one place where Temporal messages are defined. The API, the CLI and the workflows import these
 * definitions, so nobody sends a message by string name.
 *
 * Decisions by people (approve, pause, resume, retry) are Updates: a validator rejects a bad request
 * before it reaches history, and the caller learns the outcome. Queries return live state.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
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

/** ApplicationFailure types raised by update validators; the API maps them to 409 problems. */
export const MESSAGE_ERRORS = {
  invalidTransition: 'invalid_transition',
  noPendingApproval: 'no_pending_approval',
  notFound: 'not_found',
} as const;
