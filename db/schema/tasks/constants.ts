/** Task vocabularies. Statuses come from core; priority and origin are the store's own. */
export { TASK_STATUSES, type TaskStatus } from '../../../core/statuses';

export const TASK_PRIORITIES = ['low', 'medium', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** Where a task came from: the goal's plan, a follow-up detected after a task, or a person (POST /tasks). */
export const TASK_ORIGINS = ['plan', 'followup', 'manual'] as const;
export type TaskOrigin = (typeof TASK_ORIGINS)[number];
