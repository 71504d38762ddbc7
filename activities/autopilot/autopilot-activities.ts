/**
 * Autopilot activities (task queue `ananta-workflows`, next to the workflow code): find the manual
 * tasks that may run now, claim one before its task workflow starts, and record how it ended. The
 * claim is a conditional update, so two autopilots (a team's and the global one) never run one task
 * twice; the other writes are idempotent, so a retried activity changes nothing.
 */
import type { Db } from '../../db/client';
import { claimTask, finishTask, listRunnableTasks, type FinishTaskInput, type RunnableTask, type TaskRunner } from './runnable-tasks';

export interface AutopilotActivityDeps {
  db: Db;
}

export interface ListRunnableTasksInput {
  teamId?: string;
  limit: number;
  /** Tasks this autopilot already runs (their rows may not show it yet). */
  excludeIds?: string[];
  /** Leave out tasks pinned to these workers (their circuits are open), so they do not take the slots. */
  skipPinnedTo?: string[];
}

export interface ClaimTaskInput {
  taskId: string;
  workflowId: string;
  attempt: number;
}

export type MarkTaskStatusInput = FinishTaskInput;
export type { RunnableTask, TaskRunner };

export function createAutopilotActivities(deps: AutopilotActivityDeps) {
  return {
    async listRunnableTasks(input: ListRunnableTasksInput): Promise<RunnableTask[]> {
      return listRunnableTasks(deps.db, input);
    },

    async claimTask(input: ClaimTaskInput): Promise<boolean> {
      return claimTask(deps.db, input);
    },

    /** Records the outcome; answers the worker that ran it, by name and registered id (the circuit breakers' key). */
    async markTaskStatus(input: MarkTaskStatusInput): Promise<TaskRunner> {
      return finishTask(deps.db, input);
    },
  };
}

export type AutopilotActivities = ReturnType<typeof createAutopilotActivities>;
