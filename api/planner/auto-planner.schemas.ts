/**
 * POST /tasks/auto-planner/plan, on the original's path. Its clients send snake_case (`team_id`,
 * `create_tasks`), so both spellings are accepted and folded into one shape; unknown fields are
 * ignored here (not rejected) because those scripts send extra fields the original tolerated.
 */
import { z } from 'zod';
import { goalTextSchema, plannedSubtaskSchema, usageSchema } from '../shared/common.schemas';

export const planBody = z
  .object({
    goal: goalTextSchema,
    context: z.string().max(20_000).optional(),
    teamId: z.string().min(1).max(200).optional(),
    team_id: z.string().min(1).max(200).optional().describe('Alias of teamId'),
    createTasks: z.boolean().optional().describe('Start a goal running the plan (default true)'),
    create_tasks: z.boolean().optional().describe('Alias of createTasks'),
  })
  .transform((b) => ({
    goal: b.goal,
    context: b.context,
    teamId: b.teamId ?? b.team_id,
    createTasks: b.createTasks ?? b.create_tasks ?? true,
  }));
export type PlanRequest = z.output<typeof planBody>;

export const planResponseSchema = z
  .object({
    subtasks: z.array(plannedSubtaskSchema.extend({ taskId: z.string().optional() })),
    goalId: z.string().optional(),
    createdTaskIds: z.array(z.string()),
    provider: z.string(),
    usage: usageSchema,
  })
  .meta({ id: 'PlanResult' });
