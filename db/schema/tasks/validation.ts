/** zod schemas for tasks; jsonb columns are checked against core's shapes. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { errorInfoJson, usageJson, verdictJson } from '../json-columns';
import { TASK_ORIGINS, TASK_PRIORITIES, TASK_STATUSES } from './constants';
import { tasks } from './tasks';

const columns = {
  status: z.enum(TASK_STATUSES),
  priority: z.enum(TASK_PRIORITIES),
  origin: z.enum(TASK_ORIGINS),
  dependsOn: z.array(z.string()),
  requiredCapabilities: z.array(z.string()),
  verdict: verdictJson.nullable(),
  error: errorInfoJson.nullable(),
  usage: usageJson,
};

export const selectTaskSchema = createSelectSchema(tasks, columns);
export const insertTaskSchema = createInsertSchema(tasks, {
  ...columns,
  priority: columns.priority.optional(),
  dependsOn: columns.dependsOn.optional(),
  requiredCapabilities: columns.requiredCapabilities.optional(),
  verdict: columns.verdict.optional(),
  error: columns.error.optional(),
  usage: columns.usage.optional(),
});

export type Task = z.infer<typeof selectTaskSchema>;
export type NewTask = z.infer<typeof insertTaskSchema>;
