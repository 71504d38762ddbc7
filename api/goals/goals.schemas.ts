/** Request and response shapes of /goals. Responses are allow-lists: only the fields named here leave. */
import { z } from 'zod';
import { GOAL_STATUSES, TASK_STATUSES } from '../../core/statuses';
import { errorInfoSchema, goalTextSchema, pageQuery, plannedSubtaskSchema, usageSchema } from '../shared/common.schemas';

export const createGoalBody = z.strictObject({
  goal: goalTextSchema,
  context: z.string().max(20_000).optional(),
  teamId: z.string().min(1).max(200).optional(),
  templateId: z.string().min(1).max(200).optional(),
  autopilot: z.boolean().optional().describe('Look for follow-up work after each completed subtask (default: the auto-planner’s autoFollowupEnabled, true unless configured)'),
  budget: z
    .strictObject({
      maxTokens: z.number().int().positive().optional(),
      maxCostUsd: z.number().positive().optional(),
      maxSubtasks: z.number().int().min(1).max(20).optional(),
      maxFollowupDepth: z.number().int().min(0).max(10).optional(),
    })
    .optional(),
  allowNetwork: z.boolean().optional().describe('Let sandboxed commands reach the network'),
  approvalPolicy: z.enum(['never', 'high_risk', 'always']).optional().describe('Which commands wait for a person'),
  maxConcurrency: z.number().int().min(1).max(50).optional().describe('Subtasks running at once'),
  pin: z
    .strictObject({
      workerId: z.string().min(1).max(200).optional().describe('A registered worker (GET /agents); 404 when there is none'),
      capabilities: z.array(z.string().min(1).max(100)).min(1).max(50).optional().describe('e.g. gpu, docker, repo:<name>: any online worker with all of them'),
    })
    .refine((pin) => pin.workerId !== undefined || pin.capabilities !== undefined, 'name a workerId or capabilities')
    .optional()
    .describe("Where every subtask's commands run; while no matching worker is online a subtask waits (blocked)"),
});
export type CreateGoalBody = z.output<typeof createGoalBody>;

export const createGoalHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().describe('Repeat a POST safely: the same key (per user) gives the same goal'),
});

export const goalCreatedSchema = z
  .object({ id: z.string(), workflowId: z.string(), status: z.enum(GOAL_STATUSES), temporalUiUrl: z.string() })
  .meta({ id: 'GoalCreated' });

export const goalSubtaskSchema = z
  .object({
    id: z.string(),
    taskId: z.string(),
    title: z.string(),
    status: z.enum(TASK_STATUSES),
    dependsOn: z.array(z.string()),
    origin: z.string(),
    attempt: z.number().int(),
    error: errorInfoSchema.optional(),
  })
  .meta({ id: 'GoalSubtask' });

const goalFields = {
  id: z.string(),
  goal: z.string(),
  status: z.enum(GOAL_STATUSES),
  teamId: z.string().nullable(),
  plan: z.array(plannedSubtaskSchema),
  usage: usageSchema,
  error: errorInfoSchema.nullable(),
  workflowId: z.string(),
  temporalUiUrl: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const goalSummarySchema = z.object(goalFields).meta({ id: 'GoalSummary' });

export const goalSchema = z
  .object({
    ...goalFields,
    subtasks: z.array(goalSubtaskSchema),
    pendingBudget: errorInfoSchema
      .optional()
      .describe('Set while the goal waits in waiting_approval for a budget raise (code budget_exceeded): POST /goals/{id}/budget'),
    externalUpdates: z
      .array(z.object({ source: z.string(), deliveryId: z.string(), summary: z.string(), receivedAt: z.string() }))
      .optional()
      .describe('Latest news about the goal\'s subject from its webhook source (e.g. the tracked Jira issue was edited)'),
    live: z.boolean().describe('true: from the running workflow; false: from the stored projection'),
  })
  .meta({ id: 'Goal' });
export type GoalView = z.input<typeof goalSchema>;

export const listGoalsQuery = z.object({
  status: z.enum(GOAL_STATUSES).optional(),
  teamId: z.string().max(200).optional(),
  ...pageQuery,
});

export const goalPageSchema = z.object({ items: z.array(goalSummarySchema), nextCursor: z.string().nullable() }).meta({ id: 'GoalPage' });

export const raiseBudgetBody = z
  .strictObject({
    maxTokens: z.number().int().positive().optional(),
    maxCostUsd: z.number().positive().optional(),
  })
  .refine((b) => b.maxTokens !== undefined || b.maxCostUsd !== undefined, { message: 'give maxTokens and/or maxCostUsd' })
  .describe('New limits for a goal waiting on budget_exceeded; each given limit must be above the current one');
export type RaiseBudgetBody = z.output<typeof raiseBudgetBody>;
