/** Status vocabularies shared by the workflows, the store and the API (api-contract.md). */
export const GOAL_STATUSES = ['planning', 'running', 'waiting_approval', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const TASK_STATUSES = [
  'todo', 'blocked', 'assigned', 'proposing', 'waiting_approval', 'in_progress', 'paused', 'completed', 'failed', 'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TERMINAL_TASK_STATUSES: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];
export const TERMINAL_GOAL_STATUSES: readonly GoalStatus[] = ['completed', 'failed', 'cancelled'];

export function isTerminalTask(status: TaskStatus): boolean {
  return TERMINAL_TASK_STATUSES.includes(status);
}

export function isTerminalGoal(status: GoalStatus): boolean {
  return TERMINAL_GOAL_STATUSES.includes(status);
}

/** The original Ananta's spellings that users' scripts still send. */
export const TASK_STATUS_ALIASES: Record<string, TaskStatus> = {
  done: 'completed',
  'to-do': 'todo',
  'in-progress': 'in_progress',
  canceled: 'cancelled',
};
