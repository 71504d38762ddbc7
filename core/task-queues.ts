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
export const QUEUE_ROLES = Object.keys(TASK_QUEUES) as QueueRole[];

export const goalWorkflowId = (goalId: string): string => `goal-${goalId}`;
export const taskWorkflowId = (taskId: string, attempt = 1): string => (attempt <= 1 ? `task-${taskId}` : `task-${taskId}-r${attempt}`);
export const planWorkflowId = (requestId: string): string => `plan-${requestId}`;
