/** The response shapes the CLI reads, taken (as types only) from the API's own response schemas. */
import type { z } from 'zod';
import type { goalCreatedSchema, goalPageSchema, goalSchema } from '../api/goals/goals.schemas';
import type { logsSchema, taskActionSchema, taskEventSchema, taskPageSchema, taskSchema } from '../api/tasks/tasks.schemas';

export type GoalCreated = z.output<typeof goalCreatedSchema>;
export type Goal = z.output<typeof goalSchema>;
export type GoalPage = z.output<typeof goalPageSchema>;
export type Task = z.output<typeof taskSchema>;
export type TaskPage = z.output<typeof taskPageSchema>;
export type TaskEvent = z.output<typeof taskEventSchema>;
export type TaskLog = z.output<typeof logsSchema>;
export type TaskActionResult = z.output<typeof taskActionSchema>;
