/**
 * Projection writes (task queue `ananta-workflows`, next to the workflow code). Temporal holds the
 * durable state; these keep the queryable copies in the database. Every write is idempotent —
 * an upsert, or an insert keyed by a deterministic key — so a retried activity never duplicates
 * a row or an event.
 */
import type { Db } from '../../db/client';
import { updateGoalProjection } from '../../db/queries/goals';
import { appendTaskEvent, type AppendTaskEventInput } from '../../db/queries/task-events';
import { updateTaskStatus, upsertTask } from '../../db/queries/tasks';
import type { GoalStatus, TaskStatus } from '../../core/statuses';
import type { ErrorInfo, PlannedSubtask, WorkerPin } from '../../core/types';
import type { Usage } from '../../core/usage';

export interface StoreActivityDeps {
  db: Db;
}

export interface RecordGoalInput {
  goalId: string;
  status?: GoalStatus;
  plan?: PlannedSubtask[];
  usage?: Usage;
  error?: ErrorInfo | null;
}

export interface RecordTaskInput {
  taskId: string;
  goalId: string;
  subtaskId: string;
  title: string;
  description: string;
  status: TaskStatus;
  dependsOn: string[];
  origin: 'plan' | 'followup' | 'manual';
  depth: number;
  attempt: number;
  workflowId: string;
  teamId?: string;
  priority?: 'low' | 'medium' | 'high';
  verdict?: { success: boolean; summary: string };
  error?: ErrorInfo | null;
  usage?: Usage;
  /** The goal's pin, which every subtask inherits (absent: runs anywhere, or a goal started before pins were recorded). */
  pin?: WorkerPin;
}

/** A task log line; its `key` is deterministic per workflow step (e.g. `s3-finished`), the idempotency key. */
export type RecordTaskEventInput = AppendTaskEventInput;

export interface RecordTaskStatusInput {
  taskId: string;
  goalId: string;
  key: string;
  status: TaskStatus;
}

export function createStoreActivities(deps: StoreActivityDeps) {
  return {
    async recordGoal(input: RecordGoalInput): Promise<void> {
      await updateGoalProjection(deps.db, {
        id: input.goalId, status: input.status, plan: input.plan, usage: input.usage, error: input.error ?? undefined,
      });
    },

    async recordTask(input: RecordTaskInput): Promise<void> {
      await upsertTask(deps.db, {
        id: input.taskId, goalId: input.goalId, subtaskId: input.subtaskId, title: input.title,
        description: input.description, status: input.status, dependsOn: input.dependsOn, origin: input.origin,
        depth: input.depth, attempt: input.attempt, workflowId: input.workflowId, teamId: input.teamId,
        priority: input.priority, verdict: input.verdict, error: input.error ?? undefined, usage: input.usage,
        ...(input.pin ? { pinnedWorkerId: input.pin.workerId ?? null, requiredCapabilities: input.pin.capabilities ?? [] } : {}),
      });
    },

    async recordTaskEvent(input: RecordTaskEventInput): Promise<void> {
      await appendTaskEvent(deps.db, input);
    },

    /** A task's status change: the log line and the row's status in one transaction. */
    async recordTaskStatus(input: RecordTaskStatusInput): Promise<void> {
      await deps.db.transaction(async (tx) => {
        await appendTaskEvent(tx, { taskId: input.taskId, goalId: input.goalId, key: input.key, type: 'status', message: `status: ${input.status}`, data: { status: input.status } });
        await updateTaskStatus(tx, { id: input.taskId, status: input.status });
      });
    },
  };
}

export type StoreActivities = ReturnType<typeof createStoreActivities>;
