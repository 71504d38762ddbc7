/** zod schemas for goals; jsonb columns are checked against core's shapes. */
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { errorInfoJson, goalBudgetJson, plannedSubtaskJson, usageJson } from '../json-columns';
import { GOAL_STATUSES } from './constants';
import { goals } from './goals';

const columns = {
  status: z.enum(GOAL_STATUSES),
  plan: z.array(plannedSubtaskJson),
  usage: usageJson,
  error: errorInfoJson.nullable(),
  budget: goalBudgetJson,
};

export const selectGoalSchema = createSelectSchema(goals, columns);
export const insertGoalSchema = createInsertSchema(goals, {
  ...columns,
  plan: columns.plan.optional(),
  usage: columns.usage.optional(),
  error: columns.error.optional(),
});

export type Goal = z.infer<typeof selectGoalSchema>;
export type NewGoal = z.infer<typeof insertGoalSchema>;
