/**
 * Task queues, one per worker pool, so each pool scales and is rate-limited on its own:
 * workflow code and store writes, LLM calls, and sandboxed command execution.
 */
export const TASK_QUEUES = {
  workflows: 'ananta-workflows',
  llm: 'ananta-llm',
  exec: 'ananta-exec',
} as const;

export type QueueRole = keyof typeof TASK_QUEUES;
export type TaskQueueNames = Record<QueueRole, string>;

/**
 * Queue names with an optional prefix (ANANTA_TASK_QUEUE_PREFIX): lets several deployments, or test
 * files, share one Temporal namespace without taking each other's work. Workflows receive the names
 * in their input, since workflow code cannot read the environment.
 */
export function taskQueueNames(prefix?: string): TaskQueueNames {
  if (!prefix) return { ...TASK_QUEUES };
  return { workflows: `${prefix}-workflows`, llm: `${prefix}-llm`, exec: `${prefix}-exec` };
}
export const QUEUE_ROLES = Object.keys(TASK_QUEUES) as QueueRole[];

export const goalWorkflowId = (goalId: string): string => `goal-${goalId}`;
export const taskWorkflowId = (taskId: string, attempt = 1): string => (attempt <= 1 ? `task-${taskId}` : `task-${taskId}-r${attempt}`);
export const planWorkflowId = (requestId: string): string => `plan-${requestId}`;
/** One follow-up analysis of a task at a time: a second request while one runs is refused, not doubled. */
export const analyzeTaskWorkflowId = (taskId: string): string => `analyze-${taskId}`;
/** A manual step proposal (POST /tasks/{id}/step/propose); proposals change nothing, so each is its own run. */
export const proposeStepWorkflowId = (taskId: string, requestId: string): string => `step-propose-${taskId}-${requestId}`;
/** A manual step's command: one at a time per task, so two steps never run in its workspace at once. */
export const manualStepWorkflowId = (taskId: string): string => `step-${taskId}`;
