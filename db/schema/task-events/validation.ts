/** zod schemas for task events. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { TASK_EVENT_TYPES } from './constants';
import { taskEvents } from './task-events';

const columns = { type: z.enum(TASK_EVENT_TYPES), data: z.record(z.string(), z.unknown()).nullable() };

export const selectTaskEventSchema = createSelectSchema(taskEvents, columns);
export const insertTaskEventSchema = createInsertSchema(taskEvents, { ...columns, data: columns.data.optional() });

export type TaskEvent = z.infer<typeof selectTaskEventSchema>;
export type NewTaskEvent = z.infer<typeof insertTaskEventSchema>;
